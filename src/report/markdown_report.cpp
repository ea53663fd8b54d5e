#include "report/markdown_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "report/agent_names.hpp"
#include "util/utf8.hpp"

namespace qalint::report {

std::string markdown_cell(std::string_view text) {
    // A report is UTF-8, whatever bytes a file name has: U+FFFD for a byte that is not (as in JSON).
    if (util::find_invalid_utf8(text) != std::string_view::npos) return markdown_cell(util::valid_utf8(text));
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\n':
                out += "<br>";
                break;
            case '\r':
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '|':
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '#':
            case '~':
                out += '\\';
                out += c;
                break;
            default:
                out += c;
        }
    }
    return out;
}

void MarkdownReporter::conversation(const core::Verdict& verdict) {
    m_totals.add(verdict);
    for (const auto& finding : verdict.findings) {
        if (finding.category == core::Category::good_practice) continue;
        if (++m_row_count > max_rows) continue;
        std::string what = markdown_cell(finding.message);
        if (!finding.advice.empty()) what += "<br>→ " + markdown_cell(finding.advice);
        m_rows.write(fmt::format("| {}:{}:{} | {} | {} | {} | {} | {} |\n", markdown_cell(verdict.conversation.file),
                                 finding.line, finding.column, markdown_cell(verdict.conversation.id),
                                 core::to_string(finding.level), markdown_cell(finding.rule),
                                 finding.match.empty() ? "" : "«" + markdown_cell(finding.match) + "»", what));
    }
}

// Per agent: conversations, average score, levels, and the top rules (the higher level first).
void MarkdownReporter::agent_table() {
    const std::vector<const AgentCard*> agents = ranked_agents(m_totals);
    if (agents.empty()) return;
    const auto top = [&](const std::map<std::string, RuleTally>& tallies, bool good) {
        std::string out;
        for (const auto& [rule, tally] : ranked_rules(tallies, m_totals, 3)) {
            const auto found = m_totals.rules.find(rule);
            const core::Level level = found == m_totals.rules.end() ? core::Level::info : found->second.level;
            out += fmt::format("{}{}{} {}", out.empty() ? "" : ", ", markdown_cell(rule),
                               good ? "" : fmt::format(" ({})", core::to_string(level)), tally.findings);
        }
        return out.empty() ? std::string("—") : out;
    };
    m_out << "### Agents\n\n| Agent | Conversations | Average score | 🔴 | ⚪ | 🟢 | Top anti-patterns | Top good "
             "practices |\n|---|---:|---:|---:|---:|---:|---|---|\n";
    for (const AgentCard* card : agents)
        m_out << fmt::format("| {} | {} | {:.0f} | {} | {} | {} | {} | {} |\n",
                             card->name.empty() ? fmt::format("{} {}", unnamed_agent, markdown_cell(card->file))
                                                : markdown_cell(card->name),
                             card->conversations, card->average_score(), card->ladder[0], card->ladder[1],
                             card->ladder[2], top(card->anti_patterns, false), top(card->good_practices, true));
    m_out << "\n";
}

void MarkdownReporter::finish(const std::vector<core::InputError>& problems, const Summary& summary) {
    const Aggregates& t = m_totals;
    const double average = t.conversations ? double(t.score_total) / double(t.conversations) : 0.0;
    m_out << "## qalint report\n\n"
          << fmt::format(
                 "**{}** conversation{}{} in **{}** file{}, average score **{:.0f}**: "
                 "{} error{}, {} warning{}, {} info; {} good practice{}.\n\n",
                 t.conversations, t.conversations == 1 ? "" : "s",
                 t.macros ? fmt::format(" and **{}** macro{}", t.macros, t.macros == 1 ? "" : "s") : "", summary.files,
                 summary.files == 1 ? "" : "s",
                 average, t.findings[2], t.findings[2] == 1 ? "" : "s", t.findings[1], t.findings[1] == 1 ? "" : "s",
                 t.findings[0], t.good_practices, t.good_practices == 1 ? "" : "s");
    m_out << "| Level | Conversations |\n|---|---:|\n"
          << fmt::format("| 🔴 disappointment | {} |\n| ⚪ neutral | {} |\n| 🟢 wow | {} |\n\n", t.ladder[0],
                         t.ladder[1], t.ladder[2]);
    if (!t.rules.empty()) {
        m_out << "| Rule | Kind | Level | Findings | Conversations |\n|---|---|---|---:|---:|\n";
        // Anti-patterns first, most frequent first: what to coach on tops the list.
        std::vector<std::pair<std::string, const RuleCount*>> rules;
        for (const auto& [id, rule] : t.rules) rules.emplace_back(id, &rule);
        std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
            const bool a_good = a.second->category == core::Category::good_practice;
            const bool b_good = b.second->category == core::Category::good_practice;
            return a_good != b_good ? !a_good : a.second->findings > b.second->findings;
        });
        for (const auto& [id, rule] : rules)
            m_out << fmt::format(
                "| {} | {} | {} | {} | {} |\n", markdown_cell(id), core::to_string(rule->category),
                rule->category == core::Category::good_practice ? "good" : core::to_string(rule->level), rule->findings,
                rule->conversations);
        m_out << "\n";
    }
    agent_table();
    if (!problems.empty()) {
        m_out << "### Input problems\n\n";
        for (const auto& problem : problems)
            m_out << fmt::format("- {} {}: {}\n", problem.warning ? "warning" : "**error**",
                                 markdown_cell(problem.file), markdown_cell(problem.message));
        m_out << "\n";
    }
    if (m_options.agent_summary) return;    // the report is the scorecard
    if (m_row_count > 0) {
        m_out << "### Findings\n\n| Where | Conversation | Level | Rule | Match | What to do "
                 "|\n|---|---|---|---|---|---|\n";
        m_rows.copy_to(m_out);
        if (m_row_count > max_rows)
            m_out << fmt::format("\n…and {} more findings (see the full report: `qalint check --format html`).\n",
                                 m_row_count - max_rows);
    } else {
        m_out << "No anti-patterns found.\n";
    }
}

}  // namespace qalint::report
