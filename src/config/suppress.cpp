#include "config/suppress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "match/ladder.hpp"

namespace qalint::config {
namespace {

constexpr std::string_view marker_prefix = "qalint-disable-";
constexpr std::string_view next_line_marker = "qalint-disable-next-line";
constexpr std::string_view file_marker = "qalint-disable-file";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

uint32_t char_count(std::string_view text) {
    return static_cast<uint32_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

// A line that cannot be what a next-line directive means: blank, another directive (they
// stack), or only the opening or end of a comment around one.
bool skipped_as_target(std::string_view line) {
    const std::string_view content = trim(line);
    return content.empty() || content == "<!--" || content == "-->" || content == "/*" || content == "*/" ||
           content.find(next_line_marker) != std::string_view::npos;
}

bool parse_directive(std::string_view line, Suppression& out) {
    const size_t at = line.find(marker_prefix);
    if (at == std::string_view::npos) return false;
    std::string_view rest = line.substr(at);
    if (rest.starts_with(next_line_marker)) {
        out.scope = Suppression::Scope::next_line;
        rest.remove_prefix(next_line_marker.size());
    } else if (rest.starts_with(file_marker)) {
        out.scope = Suppression::Scope::file;
        rest.remove_prefix(file_marker.size());
    } else {
        return false;
    }
    if (!rest.empty() && !is_space(rest.front()) && !rest.starts_with("-->") && !rest.starts_with("*/")) return false;
    // The comment's closer ends the directive; "--" then separates the ids from the reason.
    rest = rest.substr(0, std::min(rest.find("-->"), rest.find("*/")));
    rest = trim(rest);
    const size_t dashes = rest.find("--");
    const std::string_view ids = rest.substr(0, dashes);
    if (dashes != std::string_view::npos) out.reason = std::string(trim(rest.substr(dashes + 2)));
    size_t start = 0;
    while (start < ids.size()) {
        size_t end = ids.find_first_of(", \t", start);
        if (end == std::string_view::npos) end = ids.size();
        if (end > start) out.rules.emplace_back(ids.substr(start, end - start));
        start = end + 1;
    }
    const std::string_view directive = line.substr(at);
    out.text = std::string(directive.substr(0, rest.data() + rest.size() - directive.data()));
    out.column = char_count(line.substr(0, at)) + 1;
    return true;
}

bool is_meta(const std::string& rule) {
    return rule == unused_suppression || rule == invalid_suppression;
}

}  // namespace

std::vector<Suppression> find_suppressions(std::string_view text) {
    std::vector<Suppression> found;
    if (text.find(marker_prefix) == std::string_view::npos) return found;
    const std::vector<std::string_view> lines = split_lines(text);
    for (size_t i = 0; i < lines.size(); ++i) {
        Suppression suppression;
        if (!parse_directive(lines[i], suppression)) continue;
        suppression.line = static_cast<uint32_t>(i + 1);
        if (suppression.scope == Suppression::Scope::next_line)
            for (size_t j = i + 1; j < lines.size() && !suppression.target; ++j)
                if (!skipped_as_target(lines[j])) suppression.target = static_cast<uint32_t>(j + 1);
        found.push_back(std::move(suppression));
    }
    return found;
}

void rejudge_ladder(core::Verdict& verdict) {
    std::vector<core::Finding> judged;
    judged.reserve(verdict.findings.size());
    for (const auto& finding : verdict.findings)
        if (!is_meta(finding.rule)) judged.push_back(finding);
    verdict.level = match::ladder_level(judged);
    verdict.score = match::ladder_score(judged);
}

std::vector<core::Finding> apply_suppressions(const std::vector<Suppression>& suppressions,
                                              std::vector<core::Verdict>& verdicts, const SuppressionOptions& options) {
    std::vector<core::Finding> orphans;
    if (suppressions.empty()) return orphans;

    // used[s][r]: suppression s suppressed at least one finding of its r-th rule.
    std::vector<std::vector<bool>> used(suppressions.size());
    for (size_t s = 0; s < suppressions.size(); ++s) used[s].assign(suppressions[s].rules.size(), false);
    for (auto& verdict : verdicts) {
        const size_t before = verdict.findings.size();
        std::erase_if(verdict.findings, [&](const core::Finding& finding) {
            bool suppressed = false;
            for (size_t s = 0; s < suppressions.size(); ++s) {
                const Suppression& suppression = suppressions[s];
                // Where a format keeps comments as text, the directive's own words are no finding.
                if (finding.line == suppression.line && finding.column >= suppression.column) return true;
                if (suppression.scope == Suppression::Scope::next_line && finding.line != suppression.target) continue;
                for (size_t r = 0; r < suppression.rules.size(); ++r)
                    if (suppression.rules[r] == finding.rule) used[s][r] = suppressed = true;
            }
            return suppressed;
        });
        if (verdict.findings.size() != before) rejudge_ladder(verdict);
    }

    std::vector<core::Finding> meta;
    const auto report = [&](const Suppression& suppression, const char* rule, core::Level level, std::string message,
                            std::string advice) {
        if (options.disabled.count(rule)) return;
        core::Finding finding;
        finding.rule = rule;
        finding.category = core::Category::anti_pattern;
        finding.ladder = core::Ladder::neutral;
        const auto override = options.levels.find(rule);
        finding.level = override != options.levels.end() ? override->second : level;
        finding.line = suppression.line;
        finding.column = suppression.column;
        finding.match = suppression.text;
        finding.message = std::move(message);
        finding.advice = std::move(advice);
        meta.push_back(std::move(finding));
    };
    for (size_t s = 0; s < suppressions.size(); ++s) {
        const Suppression& suppression = suppressions[s];
        const bool next_line = suppression.scope == Suppression::Scope::next_line;
        if (suppression.rules.empty())
            report(suppression, invalid_suppression, core::Level::warning, "The suppression names no rule id.",
                   "Name the rules: qalint-disable-next-line RULE-ID -- reason.");
        else if (suppression.reason.empty())
            report(suppression, invalid_suppression, core::Level::warning, "The suppression gives no reason.",
                   "Say why after two dashes: qalint-disable-next-line RULE-ID -- reason.");
        for (size_t r = 0; r < suppression.rules.size(); ++r) {
            const std::string& rule = suppression.rules[r];
            if (options.known && !options.known(rule))
                report(suppression, invalid_suppression, core::Level::warning,
                       fmt::format("The suppression names an unknown rule '{}'.", rule),
                       "Use an id from `qalint rules list`.");
            else if (!used[s][r] && (!options.reported || options.reported(rule)))
                report(suppression, unused_suppression, core::Level::info,
                       next_line ? fmt::format("Nothing to suppress: no '{}' finding on the next line.", rule)
                                 : fmt::format("Nothing to suppress: no '{}' finding in this file.", rule),
                       "Remove the suppression, or the rule id that no longer fires.");
        }
    }

    for (auto& finding : meta) {
        // The verdict of the conversation that holds the line (the first one if none starts before it).
        core::Verdict* home = nullptr;
        for (auto& verdict : verdicts)
            if (!home || verdict.conversation.first_line <= finding.line) home = &verdict;
        if (!home) {
            orphans.push_back(std::move(finding));
            continue;
        }
        home->findings.push_back(std::move(finding));
    }
    for (auto& verdict : verdicts)
        std::stable_sort(verdict.findings.begin(), verdict.findings.end(),
                         [](const core::Finding& a, const core::Finding& b) {
                             return std::tie(a.line, a.column, a.rule) < std::tie(b.line, b.column, b.rule);
                         });
    return orphans;
}

}  // namespace qalint::config
