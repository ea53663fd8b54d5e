#include "report/redact.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "util/utf8.hpp"

namespace qalint::report {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string digits_of(std::string_view text) {
    std::string out;
    for (char c : text)
        if (is_digit(c)) out += c;
    return out;
}

bool luhn_valid(const std::string& digits) {
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (twice && (d *= 2) > 9) d -= 9;
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

bool iban_valid(std::string_view text) {
    std::string compact;
    for (char c : text)
        if (c != ' ') compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (compact.size() < 15 || compact.size() > 34) return false;
    std::rotate(compact.begin(), compact.begin() + 4, compact.end());
    int remainder = 0;
    for (char c : compact) {
        const int value = is_digit(c) ? c - '0' : c - 'A' + 10;
        remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder == 1;
}

enum class Kind { email, iban, card, personal_code, phone };

struct Detector {
    Kind kind;
    const RE2* pattern;
};

// Compiled once; RE2 objects are safe to share between threads.
const std::vector<Detector>& detectors() {
    static const RE2::Options options = [] {
        RE2::Options o;
        o.set_log_errors(false);
        return o;
    }();
    static const RE2 email(R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})", options);
    static const RE2 iban(R"([A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30})", options);
    static const RE2 card(R"([0-9](?:[ \-]?[0-9]){12,18})", options);
    static const RE2 personal_code(R"([3-6][0-9]{10})", options);
    static const RE2 phone(R"(\+?\(?[0-9](?:[ \-.()]{0,2}[0-9]){6,16})", options);
    static const std::vector<Detector> all = {{Kind::email, &email},
                                              {Kind::iban, &iban},
                                              {Kind::card, &card},
                                              {Kind::personal_code, &personal_code},
                                              {Kind::phone, &phone}};
    return all;
}

bool accepted(Kind kind, std::string_view span) {
    const std::string digits = digits_of(span);
    switch (kind) {
        case Kind::email:
            return true;
        case Kind::iban:
            return iban_valid(span);
        case Kind::card:
            return digits.size() >= 13 && digits.size() <= 19 && luhn_valid(digits);
        case Kind::personal_code:
            return true;
        case Kind::phone:
            // E.164 has at most 15 digits; dates and order numbers are shorter than 9, unless led by +.
            return digits.size() <= 15 && (digits.size() >= 9 || (span.front() == '+' && digits.size() >= 7));
    }
    return false;
}

bool word_char(std::string_view text, size_t at) {
    return at < text.size() && (std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '_');
}

// A number starts here, not in the middle of a longer group of digits ("4111 1111 …").
bool starts_number(std::string_view text, size_t at) {
    if (at == 0) return true;
    if (word_char(text, at - 1)) return false;
    const char before = text[at - 1];
    return !(at >= 2 && (before == ' ' || before == '-' || before == '.') && is_digit(text[at - 2]));
}

void mask(std::string& out, size_t begin, size_t end, Kind kind) {
    size_t keep_from = end;
    if (kind == Kind::card) {  // the last four digits stay, as on a receipt
        int kept = 0;
        for (keep_from = end; keep_from > begin && kept < 4;)
            if (is_digit(out[--keep_from])) ++kept;
    }
    for (size_t i = begin; i < keep_from; ++i)
        if (std::isalnum(static_cast<unsigned char>(out[i]))) out[i] = '*';
}

}  // namespace

std::string redact(std::string_view text) {
    std::string out(text);
    for (const auto& detector : detectors()) {
        size_t pos = 0;
        re2::StringPiece found;
        while (pos < out.size() && detector.pattern->Match(out, pos, out.size(), RE2::UNANCHORED, &found, 1)) {
            const size_t begin = static_cast<size_t>(found.data() - out.data());
            size_t end = begin + found.size();
            // Whole tokens only: "order 123456789012345" inside a longer number is not a card.
            const bool numeric = detector.kind != Kind::email && detector.kind != Kind::iban;
            const bool bounded = (detector.kind == Kind::email ||
                                  (numeric ? starts_number(out, begin) : begin == 0 || !word_char(out, begin - 1))) &&
                                 !word_char(out, end);
            if (bounded && accepted(detector.kind, std::string_view(out).substr(begin, end - begin))) {
                mask(out, begin, end, detector.kind);
            } else {
                end = begin + 1;
            }
            pos = std::max(end, begin + 1);
        }
    }
    return out;
}

namespace {

class RedactingReporter : public Reporter {
public:
    explicit RedactingReporter(std::unique_ptr<Reporter> inner) : m_inner(std::move(inner)) {}
    void begin() override { m_inner->begin(); }
    void conversation(const core::Verdict& verdict) override {
        core::Verdict copy = verdict;
        for (auto& turn : copy.conversation.turns) turn.text = redact(turn.text);
        std::optional<util::CharCursor> cursor;    // on the turn of the finding before
        uint32_t cursor_turn = 0;
        for (auto& finding : copy.findings) {
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
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override {
        m_inner->finish(problems, summary);
    }

private:
    std::unique_ptr<Reporter> m_inner;
};

}  // namespace

std::unique_ptr<Reporter> make_redacting_reporter(std::unique_ptr<Reporter> inner) {
    return std::make_unique<RedactingReporter>(std::move(inner));
}

}  // namespace qalint::report
