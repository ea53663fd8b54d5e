#pragma once
// Bytes of an input file to UTF-8 text with '\n' line ends: BOMs, UTF-16, CRLF and CR,
// invalid UTF-8 replaced (and reported), binary files refused.

#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace qalint::read {

// The text is `bytes` itself (less a UTF-8 BOM) when they need no change, which is the usual case;
// otherwise the converted text is put in `converted`, which the result then points into.
// Bytes that are not UTF-8 are decoded from `encoding` (an iconv name) when one is given, else
// from the legacy encoding uchardet finds (Windows-1251, KOI8-R, Windows-1257, ISO-8859-13…).
// Text mostly undecodable is refused rather than judged.
util::Expected<std::string_view> decode_text(std::string_view bytes, std::string& converted,
                                             std::vector<std::string>& warnings, const std::string& encoding = "");

// Whether iconv knows `encoding` (for --encoding).
bool known_encoding(const std::string& encoding);

}  // namespace qalint::read
