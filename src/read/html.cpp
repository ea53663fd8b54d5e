#include "read/html.hpp"

#include <array>
#include <cctype>
#include <utility>

#include "read/detect.hpp"
#include "read/macros.hpp"
#include "read/turn_text.hpp"
#include "util/utf8.hpp"

namespace qalint::read {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> named_entities = {{
    {"amp", "&"},   {"lt", "<"},    {"gt", ">"},    {"quot", "\""}, {"apos", "'"},   {"nbsp", " "},
    {"laquo", "«"}, {"raquo", "»"}, {"ndash", "–"}, {"mdash", "—"}, {"hellip", "…"}, {"lsquo", "‘"},
    {"rsquo", "’"}, {"ldquo", "“"}, {"rdquo", "”"}, {"bdquo", "„"}, {"sbquo", "‚"},  {"copy", "©"},
    {"reg", "®"},   {"trade", "™"}, {"euro", "€"},  {"shy", ""},    {"zwnj", ""},    {"thinsp", " "},
}};

// Tags whose content is not reply text.
constexpr std::array<std::string_view, 5> hidden_tags = {"script", "style", "head", "title", "template"};
// Tags that end a line of text.
constexpr std::array<std::string_view, 24> block_tags = {
    "br", "p",  "div",        "li",      "ul",      "ol",     "tr",     "table", "h1",  "h2", "h3", "h4",
    "h5", "h6", "blockquote", "section", "article", "header", "footer", "hr",    "pre", "dd", "dt", "td"};

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f';
}

template <size_t N>
bool is_one_of(const std::string& name, const std::array<std::string_view, N>& names) {
    for (auto candidate : names)
        if (name == candidate) return true;
    return false;
}

// Case-insensitive search for `needle` (lower case ASCII) from `from`.
size_t find_folded(std::string_view text, std::string_view needle, size_t from) {
    for (size_t pos = from; pos + needle.size() <= text.size(); ++pos) {
        size_t i = 0;
        while (i < needle.size() && lower(text[pos + i]) == needle[i]) ++i;
        if (i == needle.size()) return pos;
    }
    return std::string_view::npos;
}

// The end of a tag starting at `pos` ('<'): one past its '>', quoted attribute values skipped.
size_t tag_end(std::string_view text, size_t pos) {
    char quote = 0;
    for (size_t i = pos + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        } else if (c == '<') {
            return std::string_view::npos;  // "a < b <c>": the first '<' was text
        }
    }
    return std::string_view::npos;
}

class HtmlText {
public:
    explicit HtmlText(const core::Turn& html) : m_html(html), m_text(html.text) {}

    core::Turn run() {
        size_t pos = 0;
        while (pos < m_text.size()) {
            const char c = m_text[pos];
            if (c == '<') {
                pos = markup(pos);
            } else if (c == '&') {
                const auto entity = decode_entity(m_text.substr(pos));
                if (!entity) {
                    pos = text_run(pos, pos + 1);
                    continue;
                }
                flush_space();
                const auto at = position(pos);
                if (entity->text == " ")
                    space(pos, false);
                else
                    m_out.append_mapped(entity->text, at.line, at.column);
                pos += entity->length;
            } else if (is_space(c)) {
                space(pos, c == ' ' && (pos + 1 >= m_text.size() || !is_space(m_text[pos + 1])));
                ++pos;
                while (pos < m_text.size() && is_space(m_text[pos])) ++pos;
            } else {
                size_t end = pos + 1;
                while (end < m_text.size() && !is_space(m_text[end]) && m_text[end] != '<' && m_text[end] != '&') ++end;
                pos = text_run(pos, end);
            }
        }
        core::Turn turn;
        m_out.move_into(turn);
        return turn;
    }

private:
    // Character offset of byte `pos`, counted forwards.
    uint32_t char_offset(size_t pos) {
        while (m_counted < pos) {
            if ((static_cast<unsigned char>(m_text[m_counted]) & 0xC0) != 0x80) ++m_chars;
            ++m_counted;
        }
        return m_chars;
    }
    core::Position position(size_t pos) { return core::source_position(m_html, char_offset(pos)); }

    void space(size_t pos, bool single_space) {
        if (m_out.empty() || m_pending_break) return;
        m_pending_space = true;
        m_space_pos = pos;
        m_single_space = single_space;
    }
    void line_break() {
        if (!m_out.empty()) m_pending_break = true;
        m_pending_space = false;
    }
    void flush_space() {
        if (m_pending_break) {
            m_out.trim_end();
            m_out.append_separator("\n");
        } else if (m_pending_space) {
            const auto at = position(m_space_pos);
            if (m_single_space)
                m_out.append_source(" ", at.line, at.column);
            else
                m_out.append_separator(" ");
        }
        m_pending_break = m_pending_space = false;
    }
    size_t text_run(size_t begin, size_t end) {
        flush_space();
        const auto at = position(begin);
        m_out.append_source(m_text.substr(begin, end - begin), at.line, at.column);
        return end;
    }

    size_t markup(size_t pos) {
        if (m_text.substr(pos, 4) == "<!--") {
            const size_t close = m_text.find("-->", pos + 4);
            return close == std::string_view::npos ? m_text.size() : close + 3;
        }
        const size_t end = tag_end(m_text, pos);
        const bool looks_like_tag =
            pos + 1 < m_text.size() && (std::isalpha(static_cast<unsigned char>(m_text[pos + 1])) ||
                                        m_text[pos + 1] == '/' || m_text[pos + 1] == '!' || m_text[pos + 1] == '?');
        if (end == std::string_view::npos || !looks_like_tag) return text_run(pos, pos + 1);
        size_t name_start = pos + 1;
        const bool closing = m_text[name_start] == '/';
        if (closing) ++name_start;
        std::string name;
        for (size_t i = name_start; i < end && std::isalnum(static_cast<unsigned char>(m_text[i])); ++i)
            name.push_back(lower(m_text[i]));
        if (!closing && is_one_of(name, hidden_tags)) {
            const size_t close = find_folded(m_text, "</" + name, end);
            if (close == std::string_view::npos) return m_text.size();
            const size_t after = tag_end(m_text, close);
            return after == std::string_view::npos ? m_text.size() : after;
        }
        if (is_one_of(name, block_tags)) line_break();
        return end;
    }

    const core::Turn& m_html;
    std::string_view m_text;
    TurnText m_out;
    size_t m_counted = 0;
    uint32_t m_chars = 0;
    bool m_pending_space = false;
    bool m_pending_break = false;
    bool m_single_space = false;
    size_t m_space_pos = 0;
};

}  // namespace

std::optional<DecodedEntity> decode_entity(std::string_view text) {
    if (text.size() < 3 || text[0] != '&') return std::nullopt;
    const size_t semicolon = text.substr(0, 12).find(';');
    if (semicolon == std::string_view::npos) return std::nullopt;
    const std::string_view body = text.substr(1, semicolon - 1);
    if (body.empty()) return std::nullopt;
    if (body[0] == '#') {
        const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        const std::string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) return std::nullopt;
        char32_t cp = 0;
        for (char c : digits) {
            int value = -1;
            if (c >= '0' && c <= '9')
                value = c - '0';
            else if (hex && lower(c) >= 'a' && lower(c) <= 'f')
                value = lower(c) - 'a' + 10;
            if (value < 0) return std::nullopt;
            cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(value);
            if (cp > 0x10FFFF) cp = 0x110000;  // saturate: still one bad code point
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = util::replacement_char;
        DecodedEntity decoded;
        util::append_utf8(decoded.text, cp);
        decoded.length = semicolon + 1;
        return decoded;
    }
    for (const auto& [name, value] : named_entities)
        if (body == name) return DecodedEntity{std::string(value), semicolon + 1};
    return std::nullopt;
}

core::Turn html_to_text(const core::Turn& html) {
    return HtmlText(html).run();
}

core::Turn turn_of_file(std::string_view text) {
    TurnText builder;
    builder.append_source(text, 1, 1);
    core::Turn turn;
    builder.move_into(turn);
    return turn;
}

bool claims_html(std::string_view path, std::string_view head) {
    if (has_extension(path, {".html", ".htm"})) return true;
    const std::string_view start = skip_leading_space(head).substr(0, 15);
    return find_folded(start, "<!doctype html", 0) == 0 || find_folded(start, "<html", 0) == 0;
}

void parse_html_macro(const std::string& path, std::string_view text, const ReadOptions&, ReadResult& out) {
    core::Conversation macro;
    macro.id = conversation_id(path, 0, 1);
    macro.source = core::Source::macro;
    core::Turn turn = html_to_text(turn_of_file(text));
    if (!turn.text.empty()) {
        turn.role = core::Role::agent;
        macro.first_line = turn.line();
        macro.turns.push_back(std::move(turn));
    }
    out.add(std::move(macro));
}

}  // namespace qalint::read
