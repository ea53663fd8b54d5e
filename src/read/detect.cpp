#include "read/detect.hpp"

#include <string>

namespace qalint::read {

bool has_extension(std::string_view path, std::initializer_list<std::string_view> extensions) {
    const size_t slash = path.find_last_of("/\\");
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    std::string extension(name.substr(dot));
    for (auto& c : extension)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (auto candidate : extensions)
        if (extension == candidate) return true;
    return false;
}

std::string_view skip_leading_space(std::string_view head) {
    const size_t start = head.find_first_not_of(" \t\n");
    return start == std::string_view::npos ? std::string_view() : head.substr(start);
}

}  // namespace qalint::read
