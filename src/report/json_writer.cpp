#include "report/json_writer.hpp"

#include <fmt/format.h>

namespace qalint::report {
namespace {

void append_key(std::string& out, std::string_view key) {
    out += '"';
    out += key;
    out += "\":";
}

template <typename Number>
void append_number(std::string& out, Number number) {
    fmt::format_to(std::back_inserter(out), "{}", number);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    // Runs of characters that need no escape (almost all of them) are copied whole.
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

void append_verdict_json(std::string& out, const core::Verdict& verdict) {
    const core::Conversation& conversation = verdict.conversation;
    out += '{';
    append_key(out, "file");
    append_json_string(out, conversation.file);
    out += ',';
    append_key(out, "id");
    append_json_string(out, conversation.id);
    out += ',';
    append_key(out, "source");
    out += conversation.source == core::Source::macro ? "\"macro\"" : "\"conversation\"";
    out += ',';
    append_key(out, "languages");
    out += '[';
    for (size_t i = 0; i < verdict.languages.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, core::to_string(verdict.languages[i]));
    }
    out += "],";
    append_key(out, "level");
    if (verdict.ranked()) append_json_string(out, core::to_string(verdict.level));
    else out += "null";
    out += ',';
    append_key(out, "score");
    if (verdict.ranked()) append_number(out, verdict.score);
    else out += "null";
    out += ',';
    append_key(out, "turns");
    append_number(out, conversation.turns.size());
    const std::string agent = conversation.agent_name();
    if (!agent.empty()) {
        out += ',';
        append_key(out, "agent");
        append_json_string(out, agent);
    }
    out += ',';
    append_key(out, "findings");
    out += '[';
    for (size_t i = 0; i < verdict.findings.size(); ++i) {
        const core::Finding& finding = verdict.findings[i];
        if (i) out += ',';
        out += '{';
        append_key(out, "rule");
        append_json_string(out, finding.rule);
        out += ',';
        append_key(out, "category");
        append_json_string(out, core::to_string(finding.category));
        out += ',';
        append_key(out, "level");
        append_json_string(out, core::to_string(finding.level));
        out += ',';
        append_key(out, "ladder");
        append_json_string(out, core::to_string(finding.ladder));
        out += ',';
        append_key(out, "line");
        append_number(out, finding.line);
        out += ',';
        append_key(out, "column");
        append_number(out, finding.column);
        out += ',';
        append_key(out, "turn");
        append_number(out, finding.turn);
        out += ',';
        append_key(out, "speaker");
        append_json_string(out, finding.role == core::Role::unknown ? std::string_view(finding.speaker)
                                                                     : core::to_string(finding.role));
        out += ',';
        append_key(out, "speaker_name");
        append_json_string(out, finding.speaker);
        out += ',';
        append_key(out, "language");
        append_json_string(out, core::to_string(finding.language));
        out += ',';
        append_key(out, "match");
        append_json_string(out, finding.match);
        out += ',';
        append_key(out, "message");
        append_json_string(out, finding.message);
        out += ',';
        append_key(out, "advice");
        append_json_string(out, finding.advice);
        out += '}';
    }
    out += "]}";
}

}  // namespace qalint::report
