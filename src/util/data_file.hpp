#pragma once
// Reading a file whose path came from data (a labels row, a configuration's rule paths, a
// baseline, a rule file): only a regular file, and only up to a size that such a file has.
// A path to /dev/zero would grow memory without end and a FIFO would block open() for ever.

#include <cstddef>
#include <string>

#include "util/expected.hpp"

namespace qalint::util {

inline constexpr size_t mebibyte = size_t{1} << 20;

// The whole file, or why not: "not a regular file (a FIFO)", "larger than 2 MB (it holds 3.5 MB)",
// or the system's reason. Never blocks on a FIFO or a device.
Expected<std::string> read_data_file(const std::string& path, size_t max_bytes);

// "2 MB", "3.5 MB", "512 bytes": a size for a message.
std::string describe_size(size_t bytes);

}  // namespace qalint::util
