// YAML macro files: canned replies as macro repositories keep them. The shapes read:
//   - a list of macros:            - {title: Fees, body: "…"}
//   - a map of them by name:       fees: {body: "…"}
//   - under a key naming them:     macros: [...] (or canned_responses, replies, responses, snippets)
//   - one macro per file:          title: Fees \n body: "…"
//   - Zendesk's export as YAML:    macros: [{title, actions: [{field: comment_value, value}]}]
//   - Freshdesk's canned responses: [{title, content, content_html}]
// The body is the first of body/text/content/reply… (an HTML one — body_html, content_html,
// comment_value_html — first: it is what the customer sees). Each character of the reply points
// at its place in the YAML file, through quotes, escapes, folding and block indentation.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "read/detect.hpp"
#include "read/html.hpp"
#include "read/macros.hpp"
#include "read/turn_text.hpp"
#include "util/utf8.hpp"

namespace qalint::read {
namespace {

constexpr std::array<std::string_view, 8> html_body_keys = {"bodyhtml",         "contenthtml", "html",     "htmlbody",
                                                            "commentvaluehtml", "texthtml",    "htmltext", "replyhtml"};
constexpr std::array<std::string_view, 10> text_body_keys = {
    "body", "text", "content", "reply", "commentvalue", "bodytext", "answer", "response", "plaintext", "contenttext"};
constexpr std::array<std::string_view, 3> name_keys = {"title", "name", "subject"};
constexpr std::array<std::string_view, 7> container_keys = {"macros",   "cannedresponses", "responses", "replies",
                                                            "snippets", "savedreplies",    "templates"};

// "Content_HTML", "content-html" and "contentHtml" are one key.
std::string normalized_key(std::string_view key) {
    std::string out;
    for (char c : key)
        if (c != '_' && c != '-' && c != ' ')
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

std::string key_of(const YAML::Node& key) {
    return key.IsScalar() ? normalized_key(key.Scalar()) : std::string();
}

template <size_t N>
bool is_one_of(std::string_view key, const std::array<std::string_view, N>& keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// The value of the first key among `keys` (in their order) that `map` has; an undefined node
// (false as a bool) when none. YAML::Node{} would not do: it is a defined null.
template <size_t N>
YAML::Node find_key(const YAML::Node& map, const std::array<std::string_view, N>& keys) {
    if (map.IsMap())
        for (auto wanted : keys)
            for (const auto& entry : map)
                if (key_of(entry.first) == wanted) return entry.second;
    return YAML::Node(YAML::NodeType::Undefined);
}

// A text value: a string, or Zendesk's ["channel:all", "text"] form (its last string).
std::optional<YAML::Node> text_value(const YAML::Node& value) {
    if (!value) return std::nullopt;
    if (value.IsScalar()) return value;
    if (value.IsSequence())
        for (size_t i = value.size(); i-- > 0;)
            if (value[i].IsScalar()) return value[i];
    return std::nullopt;
}

struct Body {
    YAML::Node node;
    bool html = false;
};

std::optional<Body> body_of(const YAML::Node& macro, int depth = 0) {
    if (!macro.IsMap() || depth > 2) return std::nullopt;
    if (auto html = text_value(find_key(macro, html_body_keys))) return Body{*html, true};
    if (auto text = text_value(find_key(macro, text_body_keys))) return Body{*text, false};
    // Zendesk: actions [{field: comment_value_html | comment_value, value}]; Gorgias: actions
    // [{arguments: {body_html, body_text}}].
    const YAML::Node actions = find_key(macro, std::array<std::string_view, 1>{"actions"});
    if (!actions.IsSequence()) return std::nullopt;
    std::optional<Body> found;
    for (const auto& action : actions) {
        if (!action.IsMap()) continue;
        const YAML::Node field = find_key(action, std::array<std::string_view, 1>{"field"});
        const std::string name = field.IsScalar() ? key_of(field) : "";
        if (name == "commentvaluehtml" || (name == "commentvalue" && !found)) {
            if (auto value = text_value(find_key(action, std::array<std::string_view, 1>{"value"})))
                found = Body{*value, name == "commentvaluehtml"};
        } else if (!found) {
            found = body_of(find_key(action, std::array<std::string_view, 1>{"arguments"}), depth + 1);
        }
    }
    return found;
}

std::string scalar_text(const YAML::Node& node) {
    return node && node.IsScalar() ? node.Scalar() : std::string();
}

// One macro of the file: the node, and the name its place gives it (a map's key).
struct Entry {
    YAML::Node node;
    std::string key;
};

// The macros of one YAML document, in file order; empty when it has no macro shape.
std::vector<Entry> entries_of(const YAML::Node& document) {
    std::vector<Entry> entries;
    const auto add_all = [&](const YAML::Node& macros) {
        if (macros.IsSequence())
            for (const auto& macro : macros) entries.push_back({macro, ""});
        else if (macros.IsMap())
            for (const auto& macro : macros) entries.push_back({macro.second, scalar_text(macro.first)});
    };
    if (document.IsSequence()) {
        add_all(document);
    } else if (document.IsMap()) {
        if (body_of(document)) return {{document, ""}};
        if (const YAML::Node macros = find_key(document, container_keys); macros.IsSequence() || macros.IsMap())
            add_all(macros);
        else if (const YAML::Node macro = find_key(document, std::array<std::string_view, 1>{"macro"}); macro.IsMap())
            entries.push_back({macro, ""});
        else if (std::all_of(document.begin(), document.end(), [](const auto& entry) { return entry.second.IsMap(); }))
            add_all(document);
    }
    const bool any_macro = std::any_of(entries.begin(), entries.end(), [](const Entry& entry) {
        return body_of(entry.node) || (entry.node.IsScalar() && !entry.key.empty());
    });
    if (!any_macro) entries.clear();
    return entries;
}

// Lines of the file, to turn byte offsets (yaml-cpp's marks) into line and column.
class LineIndex {
public:
    explicit LineIndex(std::string_view text) : m_text(text) {
        m_starts.push_back(0);
        for (size_t pos = text.find('\n'); pos != std::string_view::npos; pos = text.find('\n', pos + 1))
            m_starts.push_back(pos + 1);
    }
    core::Position position(size_t offset) const {
        offset = std::min(offset, m_text.size());
        const auto after = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
        const size_t line = static_cast<size_t>(after - m_starts.begin());
        const size_t start = m_starts[line - 1];
        return {static_cast<uint32_t>(line),
                static_cast<uint32_t>(util::count_chars(m_text.substr(start, offset - start)) + 1)};
    }

private:
    std::string_view m_text;
    std::vector<size_t> m_starts;
};

bool is_yaml_space(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

size_t utf8_length(std::string_view text, size_t pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    const size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return std::min(length, text.size() - pos);
}

// The bytes of the escape at source[pos] ('\\') in a double-quoted scalar.
size_t escape_length(std::string_view source, size_t pos) {
    if (pos + 1 >= source.size()) return 1;
    switch (source[pos + 1]) {
        case 'x':
            return std::min<size_t>(4, source.size() - pos);
        case 'u':
            return std::min<size_t>(6, source.size() - pos);
        case 'U':
            return std::min<size_t>(10, source.size() - pos);
        default:
            return 2;
    }
}

// A scalar's value as a turn whose pieces point into the file. The value is what yaml-cpp made
// of the source from `offset` on; the two are walked together: what is equal is the file's text,
// an escape or a doubled quote gives one character at its place, a folded line break a space that
// is not in the file. Should they ever part, the rest maps to where they did.
core::Turn locate_scalar(const std::string& value, std::string_view source, size_t offset, const LineIndex& lines) {
    TurnText out;
    size_t p = std::min(offset, source.size());
    // Anchors and tags before the value, then its quote or block header.
    while (p < source.size() && (source[p] == '&' || source[p] == '!')) {
        while (p < source.size() && !is_yaml_space(source[p])) ++p;
        while (p < source.size() && (source[p] == ' ' || source[p] == '\t')) ++p;
    }
    char quote = 0;
    if (p < source.size() && (source[p] == '"' || source[p] == '\'')) {
        quote = source[p++];
    } else if (p < source.size() && (source[p] == '|' || source[p] == '>')) {
        const size_t end = source.find('\n', p);
        p = end == std::string_view::npos ? source.size() : end + 1;
    }
    size_t run_start = 0, run_length = 0;  // value bytes equal to the file's, not yet appended
    size_t run_source = 0;
    const auto flush = [&] {
        if (run_length == 0) return;
        const auto at = lines.position(run_source);
        out.append_source(std::string_view(value).substr(run_start, run_length), at.line, at.column);
        run_length = 0;
    };
    const auto mapped = [&](std::string_view text, size_t at_source) {
        flush();
        const auto at = lines.position(at_source);
        out.append_mapped(text, at.line, at.column);
    };
    size_t v = 0;
    while (v < value.size()) {
        const size_t length = utf8_length(value, v);
        const std::string_view c = std::string_view(value).substr(v, length);
        if (quote == '\'' && c == "'" && source.compare(p, 2, "''") == 0) {
            mapped(c, p);
            p += 2;
        } else if (quote == '"' && p < source.size() && source[p] == '\\') {
            if (p + 1 < source.size() && source[p + 1] == '\n') {  // an escaped line break: nothing
                p += 2;
                while (p < source.size() && (source[p] == ' ' || source[p] == '\t')) ++p;
                continue;
            }
            mapped(c, p);
            p += escape_length(source, p);
        } else if (source.compare(p, length, c) == 0) {
            if (run_length == 0 || run_source + run_length != p) {
                flush();
                run_start = v;
                run_source = p;
            }
            run_length += length;
            p += length;
        } else if (p < source.size() && is_yaml_space(source[p])) {
            // Indentation, or line breaks folded into a space.
            while (p < source.size() && is_yaml_space(source[p])) ++p;
            if (c == " " || c == "\n") {
                flush();
                out.append_separator(c);
            } else {
                continue;
            }
        } else {
            mapped(std::string_view(value).substr(v), p);
            break;
        }
        v += length;
    }
    flush();
    core::Turn turn;
    out.move_into(turn);
    return turn;
}

// Documents of a stream: each starts at a "---" line. yaml-cpp's LoadAll can loop without end on
// junk, so each document is loaded on its own.
std::vector<std::pair<size_t, size_t>> split_documents(std::string_view text) {
    std::vector<std::pair<size_t, size_t>> documents;
    size_t start = 0;
    for (size_t line = 0; line < text.size();) {
        const size_t end = std::min(text.find('\n', line), text.size());
        if (line > start && text.compare(line, 3, "---") == 0 && (line + 3 == end || is_yaml_space(text[line + 3]))) {
            documents.emplace_back(start, line - start);
            start = line;
        }
        line = end + 1;
    }
    documents.emplace_back(start, text.size() - start);
    return documents;
}

bool has_key(const YAML::Node& map, std::string_view key) {
    return static_cast<bool>(find_key(map, std::array<std::string_view, 1>{key}));
}

// YAML that some tool reads, told by its keys: what it is, or nullopt. Such a file is skipped
// with a warning even when named (a pre-commit hook names every YAML file a commit touches).
std::optional<std::string_view> tool_file(const YAML::Node& document) {
    if (document.IsSequence() && document.size() > 0 && document[0].IsMap() && has_key(document[0], "id") &&
        has_key(document[0], "entry"))
        return "pre-commit hooks";
    if (!document.IsMap()) return std::nullopt;
    if (has_key(document, "id") && (has_key(document, "patterns") || has_key(document, "kind")))
        return "a qalint rule file (rules are loaded with --rules)";
    if (has_key(document, "repos")) return "a pre-commit configuration";
    if (has_key(document, "jobs") || (has_key(document, "runs") && has_key(document, "inputs")))
        return "a CI workflow or action";
    if (has_key(document, "services")) return "a Compose file";
    if (has_key(document, "apiversion") && has_key(document, "kind")) return "a Kubernetes manifest";
    if (has_key(document, "openapi") || has_key(document, "swagger")) return "an OpenAPI description";
    for (std::string_view key : {"faillevel", "disable", "levels", "ignore", "roles"})
        if (has_key(document, key)) return "a qalint configuration";
    return std::nullopt;
}

// Whether the text names a body, so that a YAML error in it is a broken macro file, not some
// other tool's file of templates that only look like YAML.
bool mentions_a_body(std::string_view text) {
    for (size_t line = 0; line < text.size();) {
        const size_t end = std::min(text.find('\n', line), text.size());
        std::string_view content = text.substr(line, end - line);
        while (!content.empty() && (content.front() == ' ' || content.front() == '-' || content.front() == '\t'))
            content.remove_prefix(1);
        const size_t colon = content.find(':');
        if (colon != std::string_view::npos) {
            std::string_view key = content.substr(0, colon);
            if (!key.empty() && (key.front() == '"' || key.front() == '\'')) key = key.substr(1, key.size() - 2);
            const std::string name = normalized_key(key);
            if (is_one_of(name, text_body_keys) || is_one_of(name, html_body_keys) || name == "actions") return true;
        }
        line = end + 1;
    }
    return false;
}

void skip(const std::string& path, std::string message, const ReadOptions& options, ReadResult& out,
          bool known = false) {
    out.skipped = true;
    if (options.walked || known) {
        out.problems.push_back({path, message + ": skipped", true});
    } else {
        out.problems.push_back(
            {path,
             message + " (README \"YAML macros\" shows the shapes read; ignore: in .qalint.yaml leaves a file out)",
             false});
    }
}

}  // namespace

bool claims_yaml(std::string_view path, std::string_view) {
    return has_extension(path, {".yaml", ".yml"});
}

void parse_yaml_macros(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out) {
    const LineIndex lines(text);
    struct Found {
        Entry entry;
        size_t document_offset;
    };
    std::vector<Found> found;
    std::optional<std::string_view> tool;
    for (const auto& [offset, length] : split_documents(text)) {
        const std::string_view source = text.substr(offset, length);
        YAML::Node document;
        try {
            document = YAML::Load(std::string(source));
        } catch (const YAML::Exception& error) {
            const auto at = lines.position(offset + static_cast<size_t>(std::max(error.mark.pos, 0)));
            const std::string message =
                fmt::format("line {}, column {}: not valid YAML: {}", at.line, at.column, error.msg);
            // Found by a walk, a file that says nothing of a body is some other tool's (a Helm
            // chart's templates): not a broken macro file.
            if (options.walked && !mentions_a_body(text)) {
                skip(path, message, options, out);
            } else {
                out.problems.push_back({path, message, false});
                out.skipped = true;
            }
            return;
        }
        if (!tool) tool = tool_file(document);
        for (auto& entry : entries_of(document)) found.push_back({std::move(entry), offset});
    }
    if (found.empty()) {
        if (tool)
            skip(path, fmt::format("{}, not macros", *tool), options, out, true);
        else
            skip(path, "not a macro file: no list or map of macros, each with a title and a body, text or content",
                 options, out);
        return;
    }
    for (size_t index = 0; index < found.size(); ++index) {
        const auto& [entry, document_offset] = found[index];
        const YAML::Node& node = entry.node;
        core::Conversation macro;
        macro.source = core::Source::macro;
        macro.id = scalar_text(find_key(node, std::array<std::string_view, 1>{"id"}));
        if (macro.id.empty()) macro.id = entry.key;
        if (macro.id.empty()) macro.id = scalar_text(find_key(node, name_keys));
        if (macro.id.empty()) macro.id = conversation_id(path, index, found.size());
        std::optional<Body> body;
        if (node.IsScalar() && !entry.key.empty())
            body = Body{node, false};  // name: "text"
        else
            body = body_of(node);
        // (the offset is copied in: clang 14, which `make fuzz` builds with, cannot capture a
        // structured binding)
        const auto mark_line = [&, offset = document_offset](const YAML::Node& at) {
            return lines.position(offset + static_cast<size_t>(std::max(at.Mark().pos, 0))).line;
        };
        if (!body) {
            // Zendesk macros that only set fields have actions and no comment: nothing to read.
            if (!find_key(node, std::array<std::string_view, 1>{"actions"}))
                out.problems.push_back({path,
                                        fmt::format("line {}: macro '{}' has no body, text or content: not checked",
                                                    mark_line(node), macro.id),
                                        true});
            continue;
        }
        core::Turn turn =
            locate_scalar(body->node.Scalar(), text,
                          document_offset + static_cast<size_t>(std::max(body->node.Mark().pos, 0)), lines);
        if (body->html) {
            auto visible = html_to_text(turn);
            if (!visible) {
                out.problems.push_back(
                    {path, fmt::format("line {}: macro '{}': {}", mark_line(body->node), macro.id, visible.error()),
                     false});
                continue;
            }
            turn = std::move(*visible);
        }
        if (turn.text.empty()) continue;
        turn.role = core::Role::agent;
        macro.first_line = turn.line();
        macro.turns.push_back(std::move(turn));
        out.add(std::move(macro));
    }
}

}  // namespace qalint::read
