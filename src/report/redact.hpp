#pragma once
// --redact: personal data masked in what reports quote (matches, transcript text).

#include <memory>
#include <string>
#include <string_view>

#include "report/reporter.hpp"

namespace qalint::report {

// Masks e-mail addresses, phone numbers, card numbers (Luhn-checked, last four digits
// kept), IBANs (mod-97 checked) and Lithuanian personal codes. Every masked letter or
// digit becomes '*', so the text keeps its length in characters and positions stay valid.
std::string redact(std::string_view text);

// Wraps a reporter so that every verdict it sees is redacted first: turn texts, and each
// finding's match taken again from the redacted turn at the same position.
std::unique_ptr<Reporter> make_redacting_reporter(std::unique_ptr<Reporter> inner);

}  // namespace qalint::report
