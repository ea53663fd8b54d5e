// Markdown macros: what the customer reads is the paragraphs and lists; the title heading,
// front matter, code and comments are for the people who maintain the macro.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "read/detect.hpp"
#include "read/macros.hpp"
#include "read/turn_text.hpp"
#include "util/utf8.hpp"
#include "util/strings.hpp"

namespace qalint::read {
namespace {

bool is_rule_line(std::string_view line, char c) {
    line = util::trim_blanks(line);
    if (line.size() < 3) return false;
    for (char x : line)
        if (x != c && x != ' ') return false;
    return true;
}

bool is_fence(std::string_view line) {
    line = util::trim_blanks(line);
    return line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~";
}

bool is_heading(std::string_view line) {
    line = util::trim_blanks(line);
    size_t hashes = 0;
    while (hashes < line.size() && line[hashes] == '#') ++hashes;
    return hashes >= 1 && hashes <= 6 && (hashes == line.size() || line[hashes] == ' ');
}

// Bytes of a list or quote marker at the start of the line ("- ", "1. ", "> ").
size_t marker_length(std::string_view line) {
    size_t pos = 0;
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (pos + 1 < line.size() && (line[pos] == '-' || line[pos] == '*' || line[pos] == '+' || line[pos] == '>') &&
        line[pos + 1] == ' ')
        return pos + 2;
    size_t digits = pos;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    if (digits > pos && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
        line[digits + 1] == ' ')
        return digits + 2;
    return pos;
}

}  // namespace

bool claims_markdown(std::string_view path, std::string_view) {
    return has_extension(path, {".md", ".markdown"});
}

void parse_markdown_macro(const std::string& path, std::string_view text, const ReadOptions&, ReadResult& out) {
    std::vector<std::string_view> lines;
    for (size_t start = 0; start <= text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    size_t first = 0;
    if (!lines.empty() && (util::trim_blanks(lines[0]) == "---" || util::trim_blanks(lines[0]) == "+++")) {
        for (size_t i = 1; i < lines.size(); ++i) {
            if (util::trim_blanks(lines[i]) == util::trim_blanks(lines[0]) || util::trim_blanks(lines[i]) == "...") {
                first = i + 1;
                break;
            }
        }
    }
    TurnText reply;
    bool in_fence = false;
    bool in_comment = false;
    for (size_t i = first; i < lines.size(); ++i) {
        const auto number = static_cast<uint32_t>(i + 1);
        std::string_view line = lines[i];
        if (!in_comment && is_fence(line)) {
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) continue;
        // HTML comments, possibly across lines, are cut out; the rest of the line stays.
        std::vector<std::pair<size_t, size_t>> spans;  // [begin, end) byte spans of the line kept
        size_t pos = 0;
        while (pos < line.size()) {
            if (in_comment) {
                const size_t close = line.find("-->", pos);
                if (close == std::string_view::npos) {
                    pos = line.size();
                    break;
                }
                in_comment = false;
                pos = close + 3;
                continue;
            }
            const size_t open = line.find("<!--", pos);
            const size_t end = open == std::string_view::npos ? line.size() : open;
            if (end > pos) spans.emplace_back(pos, end);
            if (open == std::string_view::npos) break;
            in_comment = true;
            pos = open + 4;
        }
        if (spans.empty()) continue;
        const std::string_view whole = line.substr(spans.front().first, spans.back().second - spans.front().first);
        if (util::trim_blanks(whole).empty() || is_heading(whole) || is_rule_line(whole, '=') || is_rule_line(whole, '-') ||
            is_rule_line(whole, '*'))
            continue;
        if (!reply.empty()) reply.append_separator("\n");
        for (size_t s = 0; s < spans.size(); ++s) {
            size_t begin = spans[s].first;
            if (s == 0) begin = std::max(begin, marker_length(line));
            if (begin >= spans[s].second) continue;
            const auto column = static_cast<uint32_t>(util::count_chars(line.substr(0, begin)) + 1);
            reply.append_source(line.substr(begin, spans[s].second - begin), number, column);
        }
    }
    core::Conversation macro;
    macro.id = conversation_id(path, 0, 1);
    macro.source = core::Source::macro;
    if (!reply.empty()) {
        core::Turn turn;
        turn.role = core::Role::agent;
        reply.move_into(turn);
        macro.first_line = turn.line();
        macro.turns.push_back(std::move(turn));
    }
    out.add(std::move(macro));
}

}  // namespace qalint::read
