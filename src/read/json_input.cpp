#include "read/json_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "read/cues.hpp"
#include "util/utf8.hpp"

namespace qalint::read {
namespace {

// How far a failed search looks before giving up, and after how many failures the
// locator stops searching: an unfound value must not make a big file quadratic.
constexpr size_t search_window = size_t{8} << 20;
constexpr size_t max_misses = 32;

uint32_t line_of(std::string_view text, size_t byte) {
    byte = std::min(byte, text.size());
    return static_cast<uint32_t>(1 + std::count(text.begin(), text.begin() + static_cast<long>(byte), '\n'));
}

// Byte offset where nesting first exceeds `limit`, or npos.
size_t too_deep_at(std::string_view text, size_t limit) {
    size_t depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes the escape at text[pos] ('\\'); returns its UTF-8 and sets `length` (bytes taken).
std::string decode_escape(std::string_view text, size_t pos, size_t& length) {
    length = 2;
    if (pos + 1 >= text.size()) return {};
    switch (text[pos + 1]) {
        case 'n':
            return "\n";
        case 't':
            return "\t";
        case 'r':
            return "\r";
        case 'b':
            return "\b";
        case 'f':
            return "\f";
        case 'u':
            break;
        default:
            return std::string(1, text[pos + 1]);
    }
    const auto unit = [&](size_t at) -> long {
        if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return -1;
        long value = 0;
        for (size_t i = at + 2; i < at + 6; ++i) {
            const int digit = hex_value(text[i]);
            if (digit < 0) return -1;
            value = value * 16 + digit;
        }
        return value;
    };
    long cp = unit(pos);
    if (cp < 0) return {};
    length = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        const long low = unit(pos + 6);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            length = 12;
        } else {
            cp = util::replacement_char;
        }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        cp = util::replacement_char;
    }
    std::string out;
    util::append_utf8(out, static_cast<char32_t>(cp));
    return out;
}

std::string fold_key(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '_' || c == '-' || c == ' ') continue;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

// nlohmann's DOM parser, with its parser callback's depths and events, but a callback's "leave it
// out" honoured only for the elements of an array, by taking the last element off. nlohmann's own
// callback parser looks for the left-out value from the start of its container each time a value
// closes, which makes any long array of objects quadratic (500 000 of them: 44 s instead of 0.4).
class ElementCallbackParser {
public:
    using json = nlohmann::json;
    using Event = json::parse_event_t;

    explicit ElementCallbackParser(const json::parser_callback_t& callback) : m_callback(callback) {}
    json result;

    bool null() { return value(json(nullptr)); }
    bool boolean(bool v) { return value(json(v)); }
    bool number_integer(json::number_integer_t v) { return value(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
    bool number_float(json::number_float_t v, const std::string&) { return value(json(v)); }
    bool string(std::string& v) { return value(json(std::move(v))); }
    bool binary(json::binary_t& v) { return value(json(std::move(v))); }
    bool start_object(std::size_t) { return open(json::value_t::object, Event::object_start); }
    bool start_array(std::size_t) { return open(json::value_t::array, Event::array_start); }
    bool key(std::string& name) {
        json as_value = name;
        m_callback(depth(), Event::key, as_value);
        m_key = std::move(name);
        return true;
    }
    bool end_object() { return close(Event::object_end); }
    bool end_array() { return close(Event::array_end); }
    // Thrown as its own type, as nlohmann::json::parse does, for the caller to report.
    template <typename Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& error) {
        throw error;
    }

private:
    int depth() const { return static_cast<int>(m_stack.size()); }

    json* place(json&& v) {
        if (m_stack.empty()) {
            result = std::move(v);
            return &result;
        }
        json& parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        json& member = parent[m_key];
        member = std::move(v);
        return &member;
    }
    bool value(json&& v) {
        place(std::move(v));
        return true;
    }
    bool open(json::value_t type, Event event) {
        json ignored;
        m_callback(depth(), event, ignored);
        m_stack.push_back(place(json(type)));
        return true;
    }
    bool close(Event event) {
        json* done = m_stack.back();
        const bool keep = m_callback(depth() - 1, event, *done);
        m_stack.pop_back();
        if (!keep && !m_stack.empty() && m_stack.back()->is_array()) m_stack.back()->erase(m_stack.back()->size() - 1);
        return true;
    }

    const json::parser_callback_t& m_callback;
    std::vector<json*> m_stack;    // the containers open, innermost last
    std::string m_key;             // the member the next value of an object is
};

}  // namespace

nlohmann::json parse_json_with(std::string_view text, const nlohmann::json::parser_callback_t& callback) {
    if (!callback) return nlohmann::json::parse(text);
    ElementCallbackParser parser(callback);
    nlohmann::json::sax_parse(text, &parser);
    return std::move(parser.result);
}

std::optional<nlohmann::json> parse_json_document(const std::string& path, std::string_view text, ReadResult& out,
                                                  size_t base, uint32_t first_line,
                                                  const nlohmann::json::parser_callback_t& callback) {
    if (const size_t deep = too_deep_at(text, max_json_depth); deep != std::string_view::npos) {
        out.problems.push_back({path,
                                fmt::format("line {}, byte {}: JSON nested deeper than {} levels, not read",
                                            first_line - 1 + line_of(text, deep), base + deep + 1, max_json_depth),
                                false});
        return std::nullopt;
    }
    try {
        return parse_json_with(text, callback);
    } catch (const nlohmann::json::parse_error& error) {
        // nlohmann's byte is 1-based and points at the character that did not fit.
        const size_t byte = error.byte == 0 ? 0 : error.byte - 1;
        std::string reason = error.what();
        if (const size_t colon = reason.find(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
        out.problems.push_back({path,
                                fmt::format("line {}, byte {}: invalid JSON: {}", first_line - 1 + line_of(text, byte),
                                            base + byte + 1, reason),
                                false});
    } catch (const nlohmann::json::exception& error) {
        out.problems.push_back({path, fmt::format("line {}: invalid JSON: {}", first_line, error.what()), false});
    }
    return std::nullopt;
}

size_t JsonStringLocator::find(const std::string& value, size_t& end) {
    const size_t limit = std::min(m_text.size(), m_cursor + search_window + value.size() * 2);
    size_t pos = m_cursor;
    while (pos < limit) {
        const size_t quote = m_text.find('"', pos);
        if (quote == std::string_view::npos || quote >= limit) break;
        // Walk the string token, comparing its decoded bytes with value as we go.
        size_t index = 0;
        bool same = true;
        size_t i = quote + 1;
        for (; i < m_text.size() && m_text[i] != '"'; ++i) {
            if (m_text[i] == '\\') {
                size_t length = 0;
                const std::string decoded = same ? decode_escape(m_text, i, length) : std::string();
                if (!same) length = 2;
                if (same) {
                    same = index + decoded.size() <= value.size() && value.compare(index, decoded.size(), decoded) == 0;
                    index += decoded.size();
                }
                i += length - 1;
            } else if (same) {
                same = index < value.size() && value[index] == m_text[i];
                ++index;
            }
        }
        if (same && index == value.size() && i < m_text.size()) {
            end = i + 1;
            return quote;
        }
        pos = i + 1;
    }
    return std::string_view::npos;
}

bool JsonStringLocator::append(const std::string& value, TurnText& out) {
    size_t end = 0;
    const size_t quote = m_misses < max_misses ? find(value, end) : std::string_view::npos;
    if (quote == std::string_view::npos) {
        ++m_misses;
        out.append_mapped(value, line(), 1);
        return false;
    }
    size_t run = quote + 1;
    const auto flush = [&](size_t stop) {
        if (stop <= run) return;
        const auto at = m_lines.advance_to(run);
        out.append_source(m_text.substr(run, stop - run), at.line, at.column);
    };
    for (size_t i = quote + 1; i + 1 < end; ++i) {
        if (m_text[i] != '\\') continue;
        flush(i);
        size_t length = 0;
        const std::string decoded = decode_escape(m_text, i, length);
        const auto at = m_lines.advance_to(i);
        out.append_mapped(decoded, at.line, at.column);
        i += length - 1;
        run = i + 1;
    }
    flush(end - 1);
    m_cursor = end;
    return true;
}

void JsonStringLocator::skip_to(size_t offset) {
    m_cursor = std::max(m_cursor, std::min(offset, m_text.size()));
}

uint32_t JsonStringLocator::line() {
    return m_lines.advance_to(m_cursor).line;
}

const nlohmann::json* find_field(const nlohmann::json& object, std::span<const std::string_view> names) {
    if (!object.is_object()) return nullptr;
    // The order of `names` is the order of preference.
    for (const auto name : names) {
        const std::string wanted = fold_key(name);
        for (auto it = object.begin(); it != object.end(); ++it)
            if (fold_key(it.key()) == wanted) return &it.value();
    }
    return nullptr;
}

std::string field_text(const nlohmann::json& object, std::span<const std::string_view> names) {
    const nlohmann::json* value = find_field(object, names);
    if (!value) return {};
    if (value->is_string()) return value->get<std::string>();
    if (value->is_number_integer() || value->is_number_unsigned()) return value->dump();
    if (value->is_number_float()) return fmt::format("{}", value->get<double>());
    return {};
}

std::optional<double> parse_time_value(const nlohmann::json& value) {
    if (value.is_number()) return value.get<double>();
    if (!value.is_string()) return std::nullopt;
    std::string_view text = value.get_ref<const std::string&>();
    // An ISO date-time: keep the clock time.
    if (text.size() > 11 && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == ' ')) {
        text.remove_prefix(11);
        const size_t zone = text.find_first_of("Z+-");
        text = text.substr(0, zone);
    }
    if (const auto clock = parse_cue_time(text)) return clock;
    double seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error == std::errc() && end == text.data() + text.size() && !text.empty()) return seconds;
    return std::nullopt;
}

}  // namespace qalint::read
