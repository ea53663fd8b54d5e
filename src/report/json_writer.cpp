#include "report/json_writer.hpp"

#include "report/reporter.hpp"

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace qalint::report {
namespace {

// One JSON object's members, written in order; it puts the braces and the commas.
class ObjectWriter {
public:
    explicit ObjectWriter(std::string& out) : m_out(out) { m_out += '{'; }
    ~ObjectWriter() { m_out += '}'; }
    ObjectWriter(const ObjectWriter&) = delete;
    ObjectWriter& operator=(const ObjectWriter&) = delete;

    // The member's name; its value is written next, straight into the buffer.
    std::string& key(std::string_view name) {
        if (!m_first) m_out += ',';
        m_first = false;
        m_out += '"';
        m_out += name;
        m_out += "\":";
        return m_out;
    }
    void string(std::string_view name, std::string_view value) { append_json_string(key(name), value); }
    template <typename Number>
    void number(std::string_view name, Number value) {
        fmt::format_to(std::back_inserter(key(name)), "{}", value);
    }
    void null(std::string_view name) { key(name) += "null"; }

private:
    std::string& m_out;
    bool m_first = true;
};

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    // JSON is UTF-8: a byte that is not (a file name's 0xFF) is written as U+FFFD, as the report's
    // errors list writes it, never raw.
    if (util::find_invalid_utf8(text) != std::string_view::npos) {
        std::string repaired(text);
        util::repair_utf8(repaired);
        return append_json_string(out, repaired);
    }
    out += '"';
    // Runs of characters that need no escape (almost all of them) are copied whole; eight bytes
    // at a time are checked for a control character, a quote or a backslash.
    constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const auto has_zero_byte = [&](uint64_t word) { return (word - ones) & ~word & highs; };
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((i & 7) == 0) {
            for (uint64_t word; i + 8 <= text.size(); i += 8) {
                std::memcpy(&word, text.data() + i, 8);
                if (((word - ones * 0x20) & ~word & highs) | has_zero_byte(word ^ (ones * '"')) |
                    has_zero_byte(word ^ (ones * '\\')))
                    break;
            }
            if (i >= text.size()) break;
        }
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

void append_verdict_json(std::string& out, const core::Verdict& verdict, const std::function<void(std::string&)>& drain,
                         size_t drain_at) {
    const core::Conversation& conversation = verdict.conversation;
    ObjectWriter object(out);
    object.string("file", conversation.file);
    object.string("id", conversation.id);
    object.string("source", conversation.source == core::Source::macro ? "macro" : "conversation");
    object.key("languages") += '[';
    for (size_t i = 0; i < verdict.languages.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, core::to_string(verdict.languages[i]));
    }
    out += ']';
    if (verdict.ranked()) {
        object.string("level", core::to_string(verdict.level));
        object.number("score", verdict.score);
    } else {    // a macro is not on the ladder
        object.null("level");
        object.null("score");
    }
    object.number("turns", conversation.turn_count());
    // "" for an agent with no name (--agent '' gives them the turns without a speaker): merge gives
    // them their scorecard row from it. No agent turn, no "agent".
    if (conversation.has_agent()) object.string("agent", conversation.agent_name());
    object.key("findings") += '[';
    for (size_t i = 0; i < verdict.findings.size(); ++i) {
        const core::Finding& finding = verdict.findings[i];
        if (drain && out.size() >= drain_at) drain(out);    // the writers only ever append
        if (i) out += ',';
        ObjectWriter member(out);
        member.string("rule", finding.rule);
        member.string("category", core::to_string(finding.category));
        member.string("level", core::to_string(finding.level));
        member.string("severity", severity_of(finding.category, finding.level));
        member.string("ladder", core::to_string(finding.ladder));
        member.number("line", finding.line);
        member.number("column", finding.column);
        member.number("turn", finding.turn);
        member.string("speaker", finding.role == core::Role::unknown ? std::string_view(finding.speaker)
                                                                     : core::to_string(finding.role));
        member.string("speaker_name", finding.speaker);
        member.string("language", core::to_string(finding.language));
        member.string("match", finding.match);
        member.string("message", finding.message);
        member.string("advice", finding.advice);
    }
    out += ']';
}

}  // namespace qalint::report
