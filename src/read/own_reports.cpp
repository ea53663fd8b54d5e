#include "read/own_reports.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <string>

#include "read/detect.hpp"

namespace qalint::read {
namespace {

// Whether `tokens` follow one another in `text` from `pos`, with only whitespace between them.
bool tokens_at(std::string_view text, size_t pos, std::initializer_list<std::string_view> tokens) {
    for (auto token : tokens) {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
        if (text.compare(pos, token.size(), token) != 0) return false;
        pos += token.size();
    }
    return true;
}

// JSON naming qalint as its tool: {"tool": {"name": "qalint"}} (the JSON report and `merge`'s),
// or {"driver": {"name": "qalint"}} (SARIF's), near the start of the document.
bool names_qalint_tool(std::string_view head, std::string_view member) {
    const std::string key = "\"" + std::string(member) + "\"";
    for (size_t at = head.find(key); at != std::string_view::npos; at = head.find(key, at + 1))
        if (tokens_at(head, at + key.size(), {":", "{", "\"name\"", ":", "\"qalint\""})) return true;
    return false;
}

// The baseline --write-baseline writes: {"version": 1, "findings": [{"file", "rule", "match", "count"}]}.
bool is_baseline(std::string_view head) {
    if (!tokens_at(head, 0, {"{", "\"version\"", ":"})) return false;
    const size_t findings = head.find("\"findings\"");
    if (findings == std::string_view::npos || findings > 64 || !tokens_at(head, findings + 10, {":", "["}))
        return false;
    const std::string_view entry = head.substr(findings, 512);
    return entry.find("\"rule\"") != std::string_view::npos && entry.find("\"count\"") != std::string_view::npos;
}

// ASCII letters only, as std::tolower in the C locale (qalint never sets another), without a
// library call per byte: every file read passes its first 4 KiB through here.
std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The findings CSV's header, whatever the delimiter and whatever columns were added.
bool is_findings_csv(std::string_view first_line) {
    const std::string line = lower(first_line);
    for (std::string_view column : {"file", "rule", "severity", "line", "column", "message", "advice"}) {
        bool found = false;
        for (size_t at = line.find(column); at != std::string::npos && !found; at = line.find(column, at + 1)) {
            const auto delimiter = [](char c) { return c == ',' || c == ';' || c == '\t' || c == '"'; };
            const size_t end = at + column.size();
            found = (at == 0 || delimiter(line[at - 1])) && (end == line.size() || delimiter(line[end]));
        }
        if (!found) return false;
    }
    return true;
}

std::string_view first_line(std::string_view text) {
    text = skip_leading_space(text);
    return text.substr(0, text.find('\n'));
}

// The last lines of a text or GitHub report: its summary.
bool ends_with_summary(std::string_view text) {
    static const RE2 text_summary(
        R"((?m)^\d+ (?:conversations?|macros?)(?: and \d+ macros?)? in \d+ files?: \d+ errors?, \d+ warnings?, \d+ info, \d+ good)");
    static const RE2 github_summary(R"((?m)^qalint: \d+ conversations? \(\d+ macros?\) in \d+ files?: \d+ errors?, )");
    const std::string_view tail = text.substr(text.size() > 4096 ? text.size() - 4096 : 0);
    // Both summaries say "in N files:" (or "file:"); a transcript seldom does, and a look for it
    // costs a tenth of running the regexes over the tail of every file read.
    if (tail.find(" files: ") == std::string_view::npos && tail.find(" file: ") == std::string_view::npos) return false;
    return RE2::PartialMatch(tail, text_summary) || RE2::PartialMatch(tail, github_summary);
}

}  // namespace

std::optional<std::string_view> own_report_kind(std::string_view text) {
    const std::string_view head = text.substr(0, 4096);
    const std::string_view start = skip_leading_space(head);
    if (!start.empty() && start.front() == '{') {
        if (names_qalint_tool(head, "driver")) return "a qalint SARIF report";
        if (names_qalint_tool(head, "tool")) return "a qalint JSON report";
        if (is_baseline(start)) return "a qalint baseline";
        return std::nullopt;
    }
    // Both marks of an HTML report begin with '<': a transcript without one is not lowered.
    if (head.find('<') != std::string_view::npos) {
        const std::string folded = lower(head);
        if (folded.find("<meta name=\"generator\" content=\"qalint") != std::string::npos ||
            folded.find("<title>qalint report</title>") != std::string::npos)
            return "a qalint HTML report";
    }
    std::string_view line = first_line(head);
    // Excel's "sep=;" line, should a CSV carry one, comes before the header.
    if (line.starts_with("sep=")) line = first_line(head.substr(head.find('\n') + 1));
    if (line.starts_with("## qalint report") || line.starts_with("# qalint report")) return "a qalint Markdown report";
    if (is_findings_csv(line)) return "a qalint CSV report";
    if (ends_with_summary(text))
        return line.starts_with("::") || line.starts_with("qalint: ") ? "qalint's GitHub annotations"
                                                                      : "a qalint text report";
    return std::nullopt;
}

}  // namespace qalint::read
