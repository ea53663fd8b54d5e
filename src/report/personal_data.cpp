#include "report/personal_data.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <string>

#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::report {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_ascii_letter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool is_ascii_alnum(char c) {
    return is_digit(c) || is_ascii_letter(c);
}

// Whether the character that ends just before `at`, or starts at `at`, is a letter or a digit.
bool word_before(std::string_view text, size_t at) {
    if (at == 0) return false;
    size_t start = at - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    return text::is_word_char(util::decode_utf8(text, start));
}

bool word_at(std::string_view text, size_t at) {
    return at < text.size() && text::is_word_char(util::decode_utf8(text, at));
}

// Spans claimed so far: a kind checked earlier keeps its span (an e-mail's digits are no phone).
class Claims {
public:
    bool free(size_t begin, size_t end) const {
        auto next = m_spans.lower_bound(begin);
        if (next != m_spans.end() && next->first < end) return false;
        if (next == m_spans.begin()) return true;
        return std::prev(next)->second.end <= begin;
    }
    void add(size_t begin, size_t end, PersonalData kind) {
        if (begin < end && free(begin, end)) m_spans[begin] = {begin, end, kind};
    }
    std::vector<PersonalSpan> spans() const {
        std::vector<PersonalSpan> out;
        out.reserve(m_spans.size());
        for (const auto& [begin, span] : m_spans) out.push_back(span);
        return out;
    }

private:
    std::map<size_t, PersonalSpan> m_spans;
};

const RE2::Options& quiet_options() {
    static const RE2::Options options = [] {
        RE2::Options o;
        o.set_log_errors(false);
        return o;
    }();
    return options;
}

void find_emails(std::string_view text, Claims& claims) {
    if (text.find('@') == std::string_view::npos) return;
    static const RE2 email(R"([\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,})", quiet_options());
    re2::StringPiece found;
    size_t pos = 0;
    while (pos < text.size() && email.Match(text, pos, text.size(), RE2::UNANCHORED, &found, 1)) {
        const size_t begin = static_cast<size_t>(found.data() - text.data());
        const size_t end = begin + found.size();
        claims.add(begin, end, PersonalData::email);
        pos = std::max(end, begin + 1);
    }
}

// ' ', '-' or a no-break space between groups of an IBAN or a card number: its length, or 0.
size_t group_separator(std::string_view text, size_t at) {
    if (at >= text.size()) return 0;
    if (text[at] == ' ' || text[at] == '-') return 1;
    if (text.substr(at).starts_with("\xC2\xA0")) return 2;
    return 0;
}

void find_ibans(std::string_view text, Claims& claims) {
    constexpr size_t min_length = 15, max_length = 34;    // ISO 13616: the shortest (Norway) and the limit
    for (size_t at = 0; at + 4 <= text.size(); ++at) {
        if (!is_ascii_letter(text[at]) || !is_ascii_letter(text[at + 1]) || !is_digit(text[at + 2]) ||
            !is_digit(text[at + 3]) || word_before(text, at))
            continue;
        // Letters and digits, in groups split by one separator; each group's end may end the IBAN
        // ("LT12 1000 0111 0100 1000 is frozen": the words after it are groups too).
        std::string compact;
        std::vector<std::pair<size_t, size_t>> ends;    // (byte end, characters so far)
        size_t pos = at;
        while (compact.size() <= max_length) {
            while (pos < text.size() && is_ascii_alnum(text[pos]) && compact.size() <= max_length) compact += text[pos++];
            if (!word_at(text, pos)) ends.emplace_back(pos, compact.size());
            const size_t separator = group_separator(text, pos);
            if (separator == 0 || pos + separator >= text.size() || !is_ascii_alnum(text[pos + separator])) break;
            pos += separator;
        }
        for (auto end = ends.rbegin(); end != ends.rend(); ++end) {
            if (end->second < min_length || end->second > max_length) continue;
            if (iban_checksum_valid(std::string_view(compact).substr(0, end->second))) {
                claims.add(at, end->first, PersonalData::iban);
                at = end->first - 1;
                break;
            }
        }
    }
}

// A number as written: digit groups and what separates them, with the '+' or '(' that leads it.
struct NumberRun {
    size_t begin = 0;    // the lead, or the first digit
    bool plus = false;
    std::vector<std::pair<size_t, size_t>> groups;    // digits, [begin, end) in bytes
    std::vector<std::string_view> separators;        // separators[k] lies between groups k and k+1

    // The digits of groups [from, to).
    std::string digits(std::string_view text, size_t from, size_t to) const {
        std::string out;
        for (size_t k = from; k < to; ++k) out.append(text.substr(groups[k].first, groups[k].second - groups[k].first));
        return out;
    }
    size_t group_size(size_t k) const { return groups[k].second - groups[k].first; }
};

// A separator inside a phone number: one of " -.()" or a no-break space, or two of them that are not
// a full stop and a space (the end of a sentence): "8 (912) 345-67-89", "+370 612 34567".
size_t number_separator(std::string_view text, size_t at) {
    const auto one = [&](size_t pos, bool dot) -> size_t {
        if (pos >= text.size()) return 0;
        const char c = text[pos];
        if (c == ' ' || c == '-' || c == '(' || c == ')' || (dot && c == '.')) return 1;
        if (text.substr(pos).starts_with("\xC2\xA0")) return 2;
        return 0;
    };
    const size_t first = one(at, true);
    if (first == 0) return 0;
    if (text[at] != '.') {
        const size_t second = one(at + first, false);
        if (second > 0 && at + first + second < text.size() && is_digit(text[at + first + second]))
            return first + second;
    }
    return first;
}

// Groups of digits from `at` (a digit, or a lead '+' or '('), as long as separators join them.
NumberRun read_number(std::string_view text, size_t at) {
    NumberRun run;
    run.begin = at;
    size_t pos = at;
    if (text[pos] == '+') {
        run.plus = true;
        ++pos;
    }
    if (pos < text.size() && text[pos] == '(') ++pos;
    while (pos < text.size() && is_digit(text[pos])) {
        const size_t begin = pos;
        while (pos < text.size() && is_digit(text[pos])) ++pos;
        run.groups.emplace_back(begin, pos);
        const size_t separator = number_separator(text, pos);
        if (separator == 0 || pos + separator >= text.size() || !is_digit(text[pos + separator])) break;
        run.separators.push_back(text.substr(pos, separator));
        pos += separator;
    }
    return run;
}

// "2024-05-01", "01.05.2024", "2024.05.01": the first three groups of a run are a date.
bool starts_with_date(std::string_view text, const NumberRun& run) {
    if (run.groups.size() < 3 || run.plus) return false;
    const std::string_view sep = run.separators[0];
    if (sep != run.separators[1] || (sep != "." && sep != "-")) return false;
    const auto value = [&](size_t k) { return std::stoi(run.digits(text, k, k + 1)); };
    const size_t a = run.group_size(0), b = run.group_size(1), c = run.group_size(2);
    const bool month = b == 2 && value(1) >= 1 && value(1) <= 12;
    if (a == 4 && c == 2) return month && value(2) >= 1 && value(2) <= 31;
    if (a == 2 && c == 4) return month && value(0) >= 1 && value(0) <= 31;
    return false;
}

// A word that says a phone number follows, one or two words before it: "tel.", "phone number",
// «телефон», «номер телефона», „tel. nr.“, "WhatsApp". Words are folded (lower case).
bool says_phone(std::string_view word) {
    constexpr std::string_view starts[] = {"telef", "teleph", "phone", "mobil", "телеф", "мобил", "whatsapp", "viber"};
    constexpr std::string_view whole[] = {"tel", "tlf", "cell", "mob", "sms", "смс", "тел", "моб"};
    return std::any_of(std::begin(starts), std::end(starts), [&](std::string_view s) { return word.starts_with(s); }) ||
           std::any_of(std::begin(whole), std::end(whole), [&](std::string_view s) { return word == s; });
}

bool phone_word_before(std::string_view text, size_t at) {
    size_t end = at;
    for (int words = 0; words < 2; ++words) {
        // Back over what separates the words ("tel.: ", "телефон — "), then over the word.
        for (int gap = 0; end > 0 && !word_before(text, end); ++gap) {
            if (gap == 8) return false;
            --end;
            while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        }
        size_t begin = end;
        while (begin > 0 && word_before(text, begin)) {
            --begin;
            while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
        }
        if (begin == end) return false;
        if (says_phone(text::fold_for_matching(text.substr(begin, end - begin)))) return true;
        end = begin;
    }
    return false;
}

// Whether the first `taken` groups of a run are a phone number.
bool phone_like(std::string_view text, const NumberRun& run, size_t taken) {
    const std::string digits = run.digits(text, 0, taken);
    const size_t n = digits.size();
    if (run.plus) return n >= 7 && n <= 15;                                      // E.164
    if (digits.starts_with("00") && digits[2] != '0') return n >= 10 && n <= 17;  // 00 and E.164
    if (n < 7 || n > 15) return false;
    const bool grouped_3_5 = taken == 2 && run.group_size(0) == 3 && run.group_size(1) == 5;
    if ((digits[0] == '8' && n == 9) || (digits.starts_with("370") && n == 11) ||
        (digits[0] == '6' && n == 8 && (taken == 1 || grouped_3_5)))
        return true;    // Lithuania: 8 6xx xxxxx, 8 5 xxx xxxx, 370 6xx xxxxx, 6xx xxxxx
    if (((digits[0] == '8' || digits[0] == '7') && n == 11) || (digits[0] == '9' && n == 10))
        return true;    // Russia: 8 (912) 345-67-89, 7 912 …, 912 345 67 89
    if (digits[0] == '0' && (n == 10 || n == 11)) return true;    // a trunk 0: 07700 900123, 020 7946 0958
    // Written as a phone number is: "345-67-89" at the end, or an area code in parentheses.
    if (taken >= 3 && run.group_size(taken - 1) == 2 && run.group_size(taken - 2) == 2 &&
        run.separators[taken - 2] == "-" && run.separators[taken - 3] == "-")
        return true;
    for (size_t k = 0; k + 1 < taken; ++k)
        if (run.separators[k].find(')') != std::string_view::npos) return true;
    return false;
}

void claim_number(std::string_view text, const NumberRun& run, Claims& claims) {
    // Digits in the first k groups; only starts of at most 19 digits are ever a card or a phone.
    std::vector<size_t> digits_in{0};
    for (size_t k = 0; k < run.groups.size() && digits_in.back() <= 19; ++k)
        digits_in.push_back(digits_in.back() + run.group_size(k));
    const size_t count = digits_in.size() - 1;
    const auto end_of = [&](size_t taken) { return run.groups[taken - 1].second; };
    if (!run.plus && text[run.begin] != '(') {
        // A card: groups split by one space or dash, 13–19 digits, the Luhn check.
        size_t card_groups = 1;
        while (card_groups < count &&
               group_separator(run.separators[card_groups - 1], 0) == run.separators[card_groups - 1].size())
            ++card_groups;
        for (size_t taken = card_groups; taken >= 1; --taken)
            if (digits_in[taken] >= 13 && digits_in[taken] <= 19 && luhn_valid(run.digits(text, 0, taken))) {
                claims.add(run.begin, end_of(taken), PersonalData::card);
                return;
            }
        if (run.group_size(0) == 11 && lithuanian_personal_code_valid(run.digits(text, 0, 1))) {
            claims.add(run.begin, end_of(1), PersonalData::personal_code);
            return;
        }
    }
    // A phone: the whole run, else the longest start of it that is one ("+370 612 34567 2024" is
    // taken whole; "8 612 34567 2 …" is a phone and a number).
    for (size_t taken = count; taken >= 1; --taken)
        if (digits_in[taken] <= 17 && phone_like(text, run, taken)) {
            claims.add(run.begin, end_of(taken), PersonalData::phone);
            return;
        }
    // Any 7–15 digits, the whole run, right after a word that says it is a phone number.
    if (count == run.groups.size() && digits_in[count] >= 7 && digits_in[count] <= 15 &&
        phone_word_before(text, run.begin))
        claims.add(run.begin, end_of(count), PersonalData::phone);
}

void find_numbers(std::string_view text, Claims& claims) {
    for (size_t at = 0; at < text.size();) {
        const char c = text[at];
        const bool lead = (c == '+' || c == '(') && at + 1 < text.size() &&
                          (is_digit(text[at + 1]) || (c == '+' && text[at + 1] == '(' && at + 2 < text.size() &&
                                                      is_digit(text[at + 2])));
        if (!is_digit(c) && !lead) {
            ++at;
            continue;
        }
        // A number starts here, not inside a word ("A1234") or a longer number ("4111 1111 …").
        const bool inside =
            word_before(text, at) || (at >= 2 && number_separator(text, at - 1) == 1 && is_digit(text[at - 2]));
        NumberRun run = read_number(text, at);
        if (run.groups.empty()) {
            ++at;
            continue;
        }
        at = run.groups.back().second;
        if (inside || word_at(text, at)) continue;
        if (starts_with_date(text, run)) {
            // What follows a date is a number of its own: "2024-05-01 8 612 34567".
            if (run.groups.size() == 3) continue;
            run.groups.erase(run.groups.begin(), run.groups.begin() + 3);
            run.separators.erase(run.separators.begin(), run.separators.begin() + 3);
            run.begin = run.groups.front().first;
        }
        claim_number(text, run, claims);
    }
}

}  // namespace

bool iban_checksum_valid(std::string_view iban) {
    std::string compact;
    for (char c : iban) {
        if (c == ' ' || c == '-') continue;
        if (!is_ascii_alnum(c)) return false;
        compact += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    if (compact.size() < 5 || !is_ascii_letter(compact[0]) || !is_ascii_letter(compact[1]) || !is_digit(compact[2]) ||
        !is_digit(compact[3]))
        return false;
    std::rotate(compact.begin(), compact.begin() + 4, compact.end());
    int remainder = 0;
    for (char c : compact) {
        const int value = is_digit(c) ? c - '0' : c - 'A' + 10;
        remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder == 1;
}

bool luhn_valid(std::string_view digits) {
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (!is_digit(*it)) return false;
        int d = *it - '0';
        if (twice && (d *= 2) > 9) d -= 9;
        sum += d;
        twice = !twice;
    }
    return !digits.empty() && sum % 10 == 0;
}

bool lithuanian_personal_code_valid(std::string_view d) {
    if (d.size() != 11 || !std::all_of(d.begin(), d.end(), is_digit)) return false;
    const int first = d[0] - '0';
    if (first < 1 || first > 6) return false;    // 1–2: born in the 1800s, 3–4: 1900s, 5–6: 2000s
    const auto two = [&](size_t at) { return (d[at] - '0') * 10 + (d[at + 1] - '0'); };
    const int year = 1800 + 100 * ((first - 1) / 2) + two(1), month = two(3), day = two(5);
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1] + (month == 2 && leap ? 1 : 0)) return false;
    // Weights 1…9, 1; at a remainder of 10, weights 3…9, 1, 2, 3; at 10 again, 0.
    const auto remainder = [&](int shift) {
        int sum = 0;
        for (int i = 0; i < 10; ++i) sum += (d[i] - '0') * ((i + shift) % 9 + 1);
        return sum % 11;
    };
    int check = remainder(0);
    if (check == 10) check = remainder(2) % 10;
    return check == d[10] - '0';
}

std::vector<PersonalSpan> find_personal_data(std::string_view text) {
    Claims claims;
    find_emails(text, claims);
    find_ibans(text, claims);
    find_numbers(text, claims);
    return claims.spans();
}

}  // namespace qalint::report
