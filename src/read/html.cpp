#include "read/html.hpp"

#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <utility>
#include <vector>

#include "read/detect.hpp"
#include "read/macros.hpp"
#include "read/turn_text.hpp"
#include "util/utf8.hpp"

namespace qalint::read {
namespace {

// Deeper than this, gumbo's time grows with the square of the depth (200 000 nested <div>s,
// one megabyte, take minutes); no reply an editor writes comes near it.
constexpr size_t max_nesting = 1000;

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
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

template <size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never hold others, and those whose end tag may be left out: neither deepens.
constexpr std::array<std::string_view, 36> shallow_elements = {
    "area",     "base",   "br",       "col",     "embed", "hr",     "img",   "input", "link", "meta", "param", "source",
    "track",    "wbr",    "basefont", "bgsound", "frame", "keygen", "p",     "li",    "dt",   "dd",   "rt",    "rp",
    "optgroup", "option", "colgroup", "caption", "thead", "tbody",  "tfoot", "tr",    "td",   "th",   "html",  "head"};
// Elements whose content is text up to their end tag, whatever it looks like.
constexpr std::array<std::string_view, 5> raw_text_elements = {"script", "style", "textarea", "title", "xmp"};

// How deep the elements of `html` nest, roughly: start tags less end tags, counting neither the
// elements above nor self-closed ones. Cheap, and it errs on the deep side.
size_t nesting_depth(std::string_view html) {
    size_t depth = 0, deepest = 0;
    for (size_t pos = html.find('<'); pos != std::string_view::npos && pos + 1 < html.size();
         pos = html.find('<', pos + 1)) {
        if (html.compare(pos, 4, "<!--") == 0) {
            pos = html.find("-->", pos + 4);
            if (pos == std::string_view::npos) break;
            continue;
        }
        const bool closing = html[pos + 1] == '/';
        const size_t name = pos + 1 + (closing ? 1 : 0);
        if (name >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name]))) continue;
        size_t end = name;
        std::string tag;
        while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end])))
            tag.push_back(lower(html[end++]));
        if (is_one_of(tag, shallow_elements)) continue;
        if (closing) {
            depth -= depth > 0 ? 1 : 0;
            continue;
        }
        const size_t close = html.find('>', end);
        if (close != std::string_view::npos && html[close - 1] == '/') continue;
        if (is_one_of(tag, raw_text_elements)) {
            pos = find_folded(html, "</" + tag, end);
            if (pos == std::string_view::npos) break;
            continue;
        }
        deepest = std::max(deepest, ++depth);
    }
    return deepest;
}

bool is_hidden(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_TITLE:
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NOSCRIPT:
            return true;
        default:
            return false;
    }
}

// Elements that start and end a line of text.
bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_LEGEND:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_CENTER:
        case GUMBO_TAG_BR:
            return true;
        default:
            return false;
    }
}

size_t utf8_length(std::string_view text, size_t pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    const size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return std::min(length, text.size() - pos);
}

bool is_html_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' || cp == 0xA0;
}

// Characters an editor puts in to steer line breaking: not part of any word a rule reads.
bool is_invisible(char32_t cp) {
    return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x2060 || cp == 0xFEFF;
}

// Whether `decoded` from `d` and `original` from `o` go on alike: the next few bytes agree, or
// the original reaches another reference first, or both end.
bool resumes(std::string_view decoded, size_t d, std::string_view original, size_t o) {
    for (size_t i = 0; i < 4; ++i) {
        if (o + i == original.size()) return d + i == decoded.size();
        if (original[o + i] == '&') return true;
        if (d + i == decoded.size() || decoded[d + i] != original[o + i]) return false;
    }
    return true;
}

// A character reference gumbo decoded: how many bytes it took in the original and gave in the text.
struct Reference {
    size_t original = 0;
    size_t decoded = 0;
};

// The reference at original[o] ('&') when gumbo decoded it into decoded[d…]; nullopt for a
// literal '&' ("AT&T", an unknown "&name;").
std::optional<Reference> decoded_reference(std::string_view decoded, size_t d, std::string_view original, size_t o) {
    size_t end = o + 1;
    if (end < original.size() && original[end] == '#') {
        ++end;
        const bool hex = end < original.size() && (original[end] == 'x' || original[end] == 'X');
        if (hex) ++end;
        while (end < original.size() && (hex ? std::isxdigit(static_cast<unsigned char>(original[end]))
                                             : std::isdigit(static_cast<unsigned char>(original[end]))))
            ++end;
    } else {
        while (end < original.size() && std::isalnum(static_cast<unsigned char>(original[end]))) ++end;
    }
    if (end < original.size() && original[end] == ';') ++end;
    const size_t longest = end - o;
    if (longest < 2) return std::nullopt;
    if (decoded.compare(d, longest, original, o, longest) == 0 && resumes(decoded, d + longest, original, o + longest))
        return std::nullopt;
    // A legacy name without ';' ("&copy 2024", "&notit;") takes less than the whole run.
    for (size_t length = longest; length >= 2; --length) {
        size_t bytes = 0;
        for (int chars = 0; chars < 2 && d + bytes < decoded.size(); ++chars) {
            bytes += utf8_length(decoded, d + bytes);
            if (resumes(decoded, d + bytes, original, o + length)) return Reference{length, bytes};
        }
    }
    return std::nullopt;
}

// Character offsets of byte offsets in one text, asked for mostly in increasing order (gumbo
// moves a little text back, as browsers do with text stray in a table).
class CharOffsets {
public:
    explicit CharOffsets(std::string_view text) : m_text(text) {}
    uint32_t of(size_t byte) {
        if (byte < m_byte) m_byte = 0, m_chars = 0;
        byte = std::min(byte, m_text.size());
        for (; m_byte < byte; ++m_byte)
            if ((static_cast<unsigned char>(m_text[m_byte]) & 0xC0) != 0x80) ++m_chars;
        return m_chars;
    }

private:
    std::string_view m_text;
    size_t m_byte = 0;
    uint32_t m_chars = 0;
};

class GumboDocument {
public:
    explicit GumboDocument(std::string_view html) {
        GumboOptions options = kGumboDefaultOptions;
        options.max_errors = 0;  // errors are not reported: do not keep them
        m_output = gumbo_parse_with_options(&options, html.data(), html.size());
    }
    ~GumboDocument() { gumbo_destroy_output(&kGumboDefaultOptions, m_output); }
    GumboDocument(const GumboDocument&) = delete;
    GumboDocument& operator=(const GumboDocument&) = delete;
    const GumboNode* root() const { return m_output->document; }

private:
    GumboOutput* m_output = nullptr;
};

const GumboVector* children_of(const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
    return nullptr;
}

class HtmlText {
public:
    explicit HtmlText(const core::Turn& html) : m_html(html), m_text(html.text), m_offsets(m_text) {}

    core::Turn run() {
        const GumboDocument document(m_text);
        walk(document.root());
        flush_run();
        core::Turn turn;
        m_out.move_into(turn);
        return turn;
    }

private:
    // Depth first, without recursion: the depth is bounded, the stack is not.
    void walk(const GumboNode* root) {
        struct Frame {
            const GumboNode* node;
            unsigned next_child;
        };
        std::vector<Frame> stack{{root, 0}};
        while (!stack.empty()) {
            Frame& frame = stack.back();
            const GumboVector* children = children_of(frame.node);
            if (!children || frame.next_child == children->length) {
                leave(frame.node);
                stack.pop_back();
                continue;
            }
            const auto* child = static_cast<const GumboNode*>(children->data[frame.next_child++]);
            switch (child->type) {
                case GUMBO_NODE_ELEMENT:
                    if (is_hidden(child->v.element.tag)) break;
                    if (is_block(child->v.element.tag)) line_break();
                    if (child->v.element.tag == GUMBO_TAG_PRE) ++m_preformatted;
                    stack.push_back({child, 0});
                    break;
                case GUMBO_NODE_TEXT:
                case GUMBO_NODE_WHITESPACE:
                case GUMBO_NODE_CDATA:
                    text_node(child->v.text);
                    break;
                default:  // comments, templates, the doctype
                    break;
            }
        }
    }

    void leave(const GumboNode* node) {
        if (node->type != GUMBO_NODE_ELEMENT) return;
        if (is_block(node->v.element.tag)) line_break();
        if (node->v.element.tag == GUMBO_TAG_PRE) --m_preformatted;
    }

    // The node's text is decoded; its original text is in the file. Both are walked together so
    // that each character gets its place: a reference's characters map to its '&', and should the
    // two ever part, the rest of the node maps to where they did.
    void text_node(const GumboText& node) {
        const std::string_view decoded = node.text ? std::string_view(node.text) : std::string_view();
        std::string_view original(node.original_text.data, node.original_text.length);
        const bool inside =
            original.data() >= m_text.data() && original.data() + original.size() <= m_text.data() + m_text.size();
        if (!inside) original = {};
        const size_t base = inside ? static_cast<size_t>(original.data() - m_text.data())
                                   : std::min<size_t>(node.start_pos.offset, m_text.size());
        size_t d = 0, o = 0;
        bool aligned = !original.empty();
        while (d < decoded.size()) {
            while (aligned && o < original.size() && original[o] == '\0') ++o;  // gumbo drops NULs
            size_t decoded_bytes = utf8_length(decoded, d);
            size_t original_bytes = 0;
            bool exact = false;
            if (aligned) {
                if (o < original.size() && original[o] == '&') {
                    if (const auto reference = decoded_reference(decoded, d, original, o)) {
                        decoded_bytes = reference->decoded;
                        original_bytes = reference->original;
                    }
                }
                if (original_bytes == 0) {
                    exact = original.compare(o, decoded_bytes, decoded, d, decoded_bytes) == 0;
                    if (exact)
                        original_bytes = decoded_bytes;
                    else
                        aligned = false;
                }
            }
            const size_t at = base + std::min(o, original.size());
            for (size_t pos = d; pos < d + decoded_bytes;) {
                const size_t start = pos;
                const char32_t cp = util::decode_utf8(decoded, pos);
                if (is_invisible(cp)) continue;
                if (is_html_space(cp)) {
                    if (m_preformatted > 0 && cp == '\n') {
                        line_break();
                    } else {
                        size_t next = pos;
                        const bool single =
                            exact && cp == ' ' &&
                            (next >= decoded.size() || !is_html_space(util::decode_utf8(decoded, next)));
                        space(at, single);
                    }
                    continue;
                }
                character(decoded.substr(start, pos - start), at, exact);
            }
            d += decoded_bytes;
            o += original_bytes;
        }
    }

    bool has_text() const { return !m_out.empty() || !m_run.empty(); }

    void space(size_t byte, bool single) {
        if (!has_text() || m_pending_break) return;
        m_pending_space = true;
        m_space_byte = byte;
        m_single_space = single;
    }

    void line_break() {
        if (has_text()) m_pending_break = true;
        m_pending_space = false;
    }

    void flush_space() {
        if (m_pending_break) {
            flush_run();
            m_out.trim_end();
            m_out.append_separator("\n");
        } else if (m_pending_space) {
            if (m_single_space) {
                extend_run(" ", m_space_byte);
            } else {
                flush_run();
                m_out.append_separator(" ");
            }
        }
        m_pending_break = m_pending_space = false;
    }

    void character(std::string_view text, size_t byte, bool exact) {
        flush_space();
        if (exact) {
            extend_run(text, byte);
            return;
        }
        flush_run();
        const auto at = core::source_position(m_html, m_offsets.of(byte));
        m_out.append_mapped(text, at.line, at.column);
    }

    // Characters standing one after another in the HTML are appended together.
    void extend_run(std::string_view text, size_t byte) {
        const uint32_t offset = m_offsets.of(byte);
        if (!m_run.empty() && offset != m_run_start + m_run_chars) flush_run();
        if (m_run.empty()) m_run_start = offset;
        m_run.append(text);
        m_run_chars += static_cast<uint32_t>(util::count_chars(text));
    }

    // The run, a piece per piece of the HTML it spans (HTML from JSON has a piece per escape).
    void flush_run() {
        size_t byte = 0;
        uint32_t offset = m_run_start;
        while (byte < m_run.size()) {
            const auto next =
                std::upper_bound(m_html.pieces.begin(), m_html.pieces.end(), offset,
                                 [](uint32_t at, const core::SourcePiece& piece) { return at < piece.text_offset; });
            const uint32_t limit =
                next == m_html.pieces.end() ? std::numeric_limits<uint32_t>::max() : next->text_offset;
            size_t end = byte;
            uint32_t end_offset = offset;
            while (end < m_run.size() && end_offset < limit) {
                end += utf8_length(m_run, end);
                ++end_offset;
            }
            const auto at = core::source_position(m_html, offset);
            m_out.append_source(std::string_view(m_run).substr(byte, end - byte), at.line, at.column);
            byte = end;
            offset = end_offset;
        }
        m_run.clear();
        m_run_chars = 0;
    }

    const core::Turn& m_html;
    std::string_view m_text;
    CharOffsets m_offsets;
    TurnText m_out;
    std::string m_run;  // characters not yet appended, contiguous in the HTML from m_run_start
    uint32_t m_run_start = 0;
    uint32_t m_run_chars = 0;
    int m_preformatted = 0;
    bool m_pending_space = false;
    bool m_pending_break = false;
    bool m_single_space = false;
    size_t m_space_byte = 0;
};

// The first text gumbo finds in a document.
std::string first_text(const GumboNode* node) {
    std::vector<const GumboNode*> stack{node};
    while (!stack.empty()) {
        const GumboNode* at = stack.back();
        stack.pop_back();
        if (at->type == GUMBO_NODE_TEXT || at->type == GUMBO_NODE_WHITESPACE) return at->v.text.text;
        if (const GumboVector* children = children_of(at))
            for (unsigned i = children->length; i-- > 0;)
                stack.push_back(static_cast<const GumboNode*>(children->data[i]));
    }
    return {};
}

}  // namespace

std::optional<DecodedEntity> decode_entity(std::string_view text) {
    if (text.size() < 3 || text[0] != '&') return std::nullopt;
    const bool numeric = text[1] == '#';
    // The longest name HTML has is 31 characters; 10 digits are past any code point.
    const size_t semicolon = text.substr(0, numeric ? 12 : 34).find(';');
    if (semicolon == std::string_view::npos || semicolon < 2) return std::nullopt;
    for (size_t i = numeric ? 2 : 1; i < semicolon; ++i)
        if (!std::isalnum(static_cast<unsigned char>(text[i])) &&
            !(numeric && i == 2 && (text[i] == 'x' || text[i] == 'X')))
            return std::nullopt;
    const std::string_view reference = text.substr(0, semicolon + 1);
    std::string decoded = first_text(GumboDocument(reference).root());
    if (decoded == reference) return std::nullopt;
    // A legacy name that needs no ';' ("&notin" of "&notinx;") leaves the rest as it was.
    size_t length = reference.size();
    while (util::count_chars(decoded) > 1 && decoded.back() == reference[length - 1]) {
        decoded.pop_back();
        --length;
    }
    if (decoded == "\u00A0")
        decoded = " ";
    else if (decoded == "\u00AD" || decoded == "\u200C")
        decoded.clear();
    return DecodedEntity{std::move(decoded), length};
}

util::Expected<core::Turn> html_to_text(const core::Turn& html) {
    if (const size_t depth = nesting_depth(html.text); depth > max_nesting)
        return util::Error{fmt::format("HTML elements nested {} deep (more than {}): not read", depth, max_nesting)};
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
    auto turn = html_to_text(turn_of_file(text));
    if (!turn) {
        out.problems.push_back({path, turn.error(), false});
        return;
    }
    if (!turn->text.empty()) {
        turn->role = core::Role::agent;
        macro.first_line = turn->line();
        macro.turns.push_back(std::move(*turn));
    }
    out.add(std::move(macro));
}

}  // namespace qalint::read
