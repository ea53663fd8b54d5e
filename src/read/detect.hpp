#pragma once
// Small helpers for the readers' claims(): extensions and the first bytes of a file.

#include <initializer_list>
#include <string_view>

namespace qalint::read {

// Case-insensitive: has_extension("a/B.VTT", {".vtt"}).
bool has_extension(std::string_view path, std::initializer_list<std::string_view> extensions);

// The head without leading whitespace.
std::string_view skip_leading_space(std::string_view head);

}  // namespace qalint::read
