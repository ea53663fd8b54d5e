#include "report/csv_report.hpp"

#include <fmt/format.h>

#include <ostream>

#include "util/utf8.hpp"

namespace qalint::report {
namespace {

constexpr const char* columns[] = {"file",    "id",           "agent",    "languages", "level",   "score",  "turns",
                                   "rule",    "category",     "severity", "ladder",    "line",    "column", "turn",
                                   "speaker", "speaker_name", "language", "match",     "message", "advice"};

// --summary agents: one row per agent and rule.
constexpr const char* agent_columns[] = {"agent",    "file",    "conversations", "average_score", "disappointment",
                                         "neutral",  "wow",     "rule",          "category",      "severity",
                                         "findings", "conversations_with_rule"};

}  // namespace

std::string csv_field(std::string_view text, char delimiter) {
    // A report is UTF-8, whatever bytes a file name has: U+FFFD for a byte that is not (as in JSON).
    if (util::find_invalid_utf8(text) != std::string_view::npos) return csv_field(util::valid_utf8(text), delimiter);
    std::string value(text);
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                           value[0] == '\t' || value[0] == '\r'))
        value.insert(0, "'");
    if (value.find_first_of("\"\r\n") == std::string::npos && value.find(delimiter) == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void CsvReporter::write_row(const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i) m_out << m_options.csv_delimiter;
        m_out << cells[i];
    }
    m_out << "\r\n";
}

std::string CsvReporter::field(std::string_view text) const {
    return csv_field(text, m_options.csv_delimiter);
}

void CsvReporter::begin() {
    if (m_options.csv_bom) m_out << "\xEF\xBB\xBF";
    if (m_options.agent_summary)
        write_row(std::vector<std::string>(std::begin(agent_columns), std::end(agent_columns)));
    else
        write_row(std::vector<std::string>(std::begin(columns), std::end(columns)));
}

void CsvReporter::conversation(const core::Verdict& verdict) {
    if (m_options.agent_summary) {
        m_totals.add(verdict);
        return;
    }
    const core::Conversation& conversation = verdict.conversation;
    std::string languages;
    for (auto language : verdict.languages)
        languages += (languages.empty() ? "" : " ") + std::string(core::to_string(language));
    const std::vector<std::string> head = {field(conversation.file),
                                           field(conversation.id),
                                           field(conversation.agent_name()),
                                           field(languages),
                                           verdict.ranked() ? std::string(core::to_string(verdict.level)) : "",
                                           verdict.ranked() ? std::to_string(verdict.score) : "",
                                           std::to_string(conversation.turn_count())};
    if (verdict.findings.empty()) {
        std::vector<std::string> row = head;
        row.resize(std::size(columns));
        write_row(row);
        return;
    }
    for (const auto& finding : verdict.findings) {
        std::vector<std::string> row = head;
        row.push_back(field(finding.rule));
        row.push_back(std::string(core::to_string(finding.category)));
        row.push_back(std::string(severity_of(finding.category, finding.level)));
        row.push_back(std::string(core::to_string(finding.ladder)));
        row.push_back(std::to_string(finding.line));
        row.push_back(std::to_string(finding.column));
        row.push_back(std::to_string(finding.turn));
        row.push_back(std::string(core::to_string(finding.role)));
        row.push_back(field(finding.speaker));
        row.push_back(std::string(core::to_string(finding.language)));
        row.push_back(field(finding.match));
        row.push_back(field(finding.message));
        row.push_back(field(finding.advice));
        write_row(row);
    }
}

void CsvReporter::agent_rows() {
    for (const AgentCard* card : ranked_agents(m_totals)) {
        const std::vector<std::string> head = {field(card->name.empty() ? std::string(unnamed_agent) : card->name),
                                               field(card->file),
                                               std::to_string(card->conversations),
                                               fmt::format("{:.1f}", card->average_score()),
                                               std::to_string(card->ladder[0]),
                                               std::to_string(card->ladder[1]),
                                               std::to_string(card->ladder[2])};
        bool any = false;
        for (const auto* tallies : {&card->anti_patterns, &card->good_practices})
            for (const auto& [rule, tally] : ranked_rules(*tallies, m_totals)) {
                const auto found = m_totals.rules.find(rule);
                const RuleCount counted = found == m_totals.rules.end() ? RuleCount{} : found->second;
                std::vector<std::string> row = head;
                row.push_back(field(rule));
                row.push_back(std::string(core::to_string(counted.category)));
                row.push_back(std::string(severity_of(counted.category, counted.level)));
                row.push_back(std::to_string(tally.findings));
                row.push_back(std::to_string(tally.conversations));
                write_row(row);
                any = true;
            }
        if (!any) {
            std::vector<std::string> row = head;
            row.resize(std::size(agent_columns));
            write_row(row);
        }
    }
}

// Input problems are not rows: check and merge print them on stderr for every format.
void CsvReporter::finish(const std::vector<core::InputError>&, const Summary&) {
    if (m_options.agent_summary) agent_rows();
    m_out.flush();
}

}  // namespace qalint::report
