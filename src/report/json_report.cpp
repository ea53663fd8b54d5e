#include "report/json_report.hpp"

#include <ostream>

#include "report/json_writer.hpp"

namespace qalint::report {

using json = nlohmann::ordered_json;

json finding_to_json(const core::Finding& finding) {
    json out;
    out["rule"] = finding.rule;
    out["category"] = core::to_string(finding.category);
    out["level"] = core::to_string(finding.level);
    // SPEC §3 keeps `level` to error, warning and info (merge reads it back); `severity` says "good"
    // for good practice, as the text report and `rules list` do.
    out["severity"] = severity_of(finding.category, finding.level);
    out["ladder"] = core::to_string(finding.ladder);
    out["line"] = finding.line;
    out["column"] = finding.column;
    out["turn"] = finding.turn;
    out["speaker"] = finding.role == core::Role::unknown ? std::string(finding.speaker) : std::string(core::to_string(finding.role));
    out["speaker_name"] = finding.speaker;
    out["language"] = core::to_string(finding.language);
    out["match"] = finding.match;
    out["message"] = finding.message;
    out["advice"] = finding.advice;
    return out;
}

json verdict_to_json(const core::Verdict& verdict) {
    json out;
    out["file"] = verdict.conversation.file;
    out["id"] = verdict.conversation.id;
    out["source"] = verdict.conversation.source == core::Source::macro ? "macro" : "conversation";
    json languages = json::array();
    for (auto language : verdict.languages) languages.push_back(core::to_string(language));
    out["languages"] = languages;
    if (verdict.ranked()) {
        out["level"] = core::to_string(verdict.level);
        out["score"] = verdict.score;
    } else {
        out["level"] = nullptr;
        out["score"] = nullptr;
    }
    out["turns"] = verdict.conversation.turn_count();
    if (verdict.conversation.has_agent()) out["agent"] = verdict.conversation.agent_name();    // as json_writer
    json findings = json::array();
    for (const auto& finding : verdict.findings) findings.push_back(finding_to_json(finding));
    out["findings"] = findings;
    return out;
}

void JsonReporter::begin() {
    json tool;
    tool["name"] = "qalint";
    tool["version"] = QALINT_VERSION;
    m_out << "{\n  \"tool\": " << tool.dump() << ",\n  \"conversations\": [";
}

void JsonReporter::conversation(const core::Verdict& verdict) {
    m_buffer += m_first ? "\n    " : ",\n    ";
    // Written in blocks: one write per conversation costs a system call each, and a huge
    // conversation is written as it goes.
    constexpr size_t block = 1 << 16;
    const auto drain = [&](std::string& buffer) {
        m_out << buffer;
        buffer.clear();
    };
    append_verdict_json(m_buffer, verdict, drain, block);
    m_first = false;
    if (m_buffer.size() >= block) drain(m_buffer);
}

void JsonReporter::finish(const std::vector<core::InputError>& problems, const Summary& summary) {
    m_out << m_buffer << (m_first ? "],\n" : "\n  ],\n");
    m_buffer.clear();
    json errors = json::array(), warnings = json::array();
    for (const auto& problem : problems) {
        json entry;
        entry["file"] = problem.file;
        entry["message"] = problem.message;
        (problem.warning ? warnings : errors).push_back(entry);
    }
    json totals;
    totals["conversations"] = summary.conversations;
    totals["files"] = summary.files;
    totals["findings"] = {{"error", summary.findings[2]}, {"warning", summary.findings[1]}, {"info", summary.findings[0]},
                          {"good", summary.good}};
    totals["levels"] = {{"disappointment", summary.ladder[0]}, {"neutral", summary.ladder[1]}, {"wow", summary.ladder[2]}};
    totals["macros"] = summary.macros;
    // Added to SPEC's keys: what the counts above do not say.
    totals["without_agent"] = summary.without_agent;
    totals["ignored"] = summary.ignored;
    m_out << "  \"errors\": " << errors.dump(-1, ' ', false, json::error_handler_t::replace) << ",\n";
    m_out << "  \"warnings\": " << warnings.dump(-1, ' ', false, json::error_handler_t::replace) << ",\n";
    m_out << "  \"summary\": " << totals.dump() << "\n}\n";
}

}  // namespace qalint::report
