#pragma once
// Bytes of an input file to UTF-8 text with '\n' line ends: BOMs, UTF-16, CRLF and CR,
// invalid UTF-8 replaced (and reported), binary files refused.

#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace qalint::read {

util::Expected<std::string> decode_text(std::string_view bytes, std::vector<std::string>& warnings);

}  // namespace qalint::read
