#pragma once
// Small string helpers; nothing qalint-specific.

#include <string_view>

namespace qalint::util {

// Without the spaces and tabs at either end.
inline std::string_view trim_blanks(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace qalint::util
