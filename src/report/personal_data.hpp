#pragma once
// Where personal data sits in a text, for --redact: each kind found by its shape and, where the
// kind has one, its check digits, so that order numbers, dates and amounts are left alone.

#include <cstddef>
#include <string_view>
#include <vector>

namespace qalint::report {

enum class PersonalData { email, iban, card, personal_code, phone };

struct PersonalSpan {
    size_t begin = 0, end = 0;  // bytes of the text
    PersonalData kind = PersonalData::email;
};

// The spans, sorted and never overlapping:
// - e-mail addresses (Unicode letters allowed on both sides of the @);
// - IBANs of any country, unspaced or in groups (spaces or dashes), upper or lower case, that pass
//   the ISO 7064 mod-97 check;
// - card numbers of 13–19 digits, unspaced or in groups, that pass the Luhn check;
// - Lithuanian personal codes: 11 digits, the first 1–6 (century and sex), a real date of birth
//   and the right check digit;
// - phone numbers: international (+370 …, +7 …, 00 44 …), and local forms of Lithuania
//   (8 6xx xxxxx, 6xx xxxxx), Russia (8 (912) 345-67-89, 912 345 67 89, 123-45-67) and the UK and
//   others with a trunk 0 (07700 900123), or any 7–15 digits right after a word such as "tel.",
//   «телефон», „tel. nr.“; never a date, a time or an amount.
std::vector<PersonalSpan> find_personal_data(std::string_view text);

// The check-digit tests, for the tests.
bool iban_checksum_valid(std::string_view iban);   // mod-97, spaces and dashes ignored
bool luhn_valid(std::string_view digits);
bool lithuanian_personal_code_valid(std::string_view digits);

}  // namespace qalint::report
