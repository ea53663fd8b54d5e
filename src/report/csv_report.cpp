#include "report/csv_report.hpp"

#include <ostream>

namespace qalint::report {
namespace {

constexpr const char* columns[] = {"file",    "id",           "agent",    "languages", "level",   "score",  "turns",
                                   "rule",    "category",     "severity", "ladder",    "line",    "column", "turn",
                                   "speaker", "speaker_name", "language", "match",     "message", "advice"};

void write_row(std::ostream& out, const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << cells[i];
    out << "\r\n";
}

}  // namespace

std::string csv_field(std::string_view text) {
    std::string value(text);
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                           value[0] == '\t' || value[0] == '\r'))
        value.insert(0, "'");
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void CsvReporter::begin() {
    std::vector<std::string> header(std::begin(columns), std::end(columns));
    write_row(m_out, header);
}

void CsvReporter::conversation(const core::Verdict& verdict) {
    const core::Conversation& conversation = verdict.conversation;
    std::string languages;
    for (auto language : verdict.languages)
        languages += (languages.empty() ? "" : " ") + std::string(core::to_string(language));
    const std::vector<std::string> head = {csv_field(conversation.file),
                                           csv_field(conversation.id),
                                           csv_field(conversation.agent_name()),
                                           languages,
                                           verdict.ranked() ? std::string(core::to_string(verdict.level)) : "",
                                           verdict.ranked() ? std::to_string(verdict.score) : "",
                                           std::to_string(conversation.turn_count())};
    if (verdict.findings.empty()) {
        std::vector<std::string> row = head;
        row.resize(std::size(columns));
        write_row(m_out, row);
        return;
    }
    for (const auto& finding : verdict.findings) {
        std::vector<std::string> row = head;
        row.push_back(csv_field(finding.rule));
        row.push_back(std::string(core::to_string(finding.category)));
        row.push_back(std::string(core::to_string(finding.level)));
        row.push_back(std::string(core::to_string(finding.ladder)));
        row.push_back(std::to_string(finding.line));
        row.push_back(std::to_string(finding.column));
        row.push_back(std::to_string(finding.turn));
        row.push_back(std::string(core::to_string(finding.role)));
        row.push_back(csv_field(finding.speaker));
        row.push_back(std::string(core::to_string(finding.language)));
        row.push_back(csv_field(finding.match));
        row.push_back(csv_field(finding.message));
        row.push_back(csv_field(finding.advice));
        write_row(m_out, row);
    }
}

// Input problems are not rows: check and merge print them on stderr for every format.
void CsvReporter::finish(const std::vector<core::InputError>&, const Summary&) {
    m_out.flush();
}

}  // namespace qalint::report
