#include "report/redact.hpp"

#include <optional>
#include <vector>

#include "report/personal_data.hpp"
#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::report {

std::string redact(std::string_view text) {
    const std::vector<PersonalSpan> spans = find_personal_data(text);
    if (spans.empty()) return std::string(text);
    std::string out;
    out.reserve(text.size());
    size_t done = 0;
    for (const auto& span : spans) {
        out.append(text.substr(done, span.begin - done));
        // A card keeps its last four digits, as on a receipt.
        size_t keep_from = span.end;
        if (span.kind == PersonalData::card)
            for (int kept = 0; keep_from > span.begin && kept < 4;)
                if (text[--keep_from] >= '0' && text[keep_from] <= '9') ++kept;
        // Every letter or digit becomes one '*': the text keeps its length in characters.
        for (size_t pos = span.begin; pos < keep_from;) {
            const size_t start = pos;
            const char32_t cp = util::decode_utf8(text, pos);
            if (text::is_word_char(cp))
                out += '*';
            else
                out.append(text.substr(start, pos - start));
        }
        out.append(text.substr(keep_from, span.end - keep_from));
        done = span.end;
    }
    out.append(text.substr(done));
    return out;
}

namespace {

class RedactingReporter : public Reporter {
public:
    explicit RedactingReporter(std::unique_ptr<Reporter> inner) : m_inner(std::move(inner)) {}
    void begin() override { m_inner->begin(); }
    void conversation(const core::Verdict& verdict) override {
        core::Verdict copy = verdict;
        // Exports name speakers and conversations by e-mail or phone number too. File paths stay:
        // they say where a finding is.
        copy.conversation.id = redact(copy.conversation.id);
        for (auto& turn : copy.conversation.turns) {
            turn.text = redact(turn.text);
            turn.speaker = redact(turn.speaker);
        }
        std::optional<util::CharCursor> cursor;    // on the turn of the finding before
        uint32_t cursor_turn = 0;
        for (auto& finding : copy.findings) {
            finding.speaker = redact(finding.speaker);
            const size_t chars = util::count_chars(finding.match);
            std::optional<uint32_t> at;
            if (finding.turn > 0 && finding.turn <= copy.conversation.turns.size())
                at = core::char_offset(copy.conversation.turns[finding.turn - 1], {finding.line, finding.column});
            if (at) {
                const std::string& text = copy.conversation.turns[finding.turn - 1].text;
                if (!cursor || cursor_turn != finding.turn) {
                    cursor.emplace(text);
                    cursor_turn = finding.turn;
                }
                const std::string_view rest = std::string_view(text).substr(cursor->byte_of(*at));
                const std::string_view same = util::prefix_chars(rest, chars);
                if (util::count_chars(same) == chars) {
                    finding.match = std::string(same);
                    continue;
                }
            }
            finding.match = redact(finding.match);
        }
        m_inner->conversation(copy);
    }
    // A problem may quote the input ("roles guessed: … says \"…\"").
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override {
        std::vector<core::InputError> copy = problems;
        for (auto& problem : copy) problem.message = redact(problem.message);
        m_inner->finish(copy, summary);
    }

private:
    std::unique_ptr<Reporter> m_inner;
};

}  // namespace

std::unique_ptr<Reporter> make_redacting_reporter(std::unique_ptr<Reporter> inner) {
    return std::make_unique<RedactingReporter>(std::move(inner));
}

}  // namespace qalint::report
