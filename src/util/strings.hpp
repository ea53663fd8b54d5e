#pragma once
// Small string helpers; nothing qalint-specific.

#include <cstddef>
#include <string>
#include <string_view>

namespace qalint::util {

// Without the spaces and tabs at either end.
inline std::string_view trim_blanks(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// "./macros/a.md" as "macros/a.md": code scanning and annotations match paths from the repository root.
inline std::string_view without_dot_slash(std::string_view path) {
    while (path.size() > 2 && path.starts_with("./")) {
        path.remove_prefix(2);
        while (path.size() > 1 && path.front() == '/') path.remove_prefix(1);
    }
    return path;
}

// "1 file", "2 files": a count and an English noun that takes -s.
inline std::string plural(size_t count, std::string_view noun) {
    return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

}  // namespace qalint::util
