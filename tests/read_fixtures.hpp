#pragma once
// The reader tests' fixtures (tests/fixtures/read/), read as the CLI reads them.

#include <fstream>
#include <iterator>
#include <string>

#include "read/reader.hpp"

namespace qalint::test {

inline std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/read/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline read::ReadResult read_fixture_input(const std::string& name, const read::ReadOptions& options = {}) {
    return read::read_input(name, read_fixture(name), options);
}

// The text of the file at a turn's first piece: line `line`, from `column`, `length` characters.
inline std::string source_text(const std::string& file, uint32_t line, uint32_t column, size_t length) {
    const std::string text = read_fixture(file);
    size_t start = 0;
    for (uint32_t l = 1; l < line && start != std::string::npos; ++l) start = text.find('\n', start) + 1;
    size_t pos = start;
    for (uint32_t c = 1; c < column && pos < text.size(); ++c) do
            ++pos;
        while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80);
    size_t end = pos;
    for (size_t c = 0; c < length && end < text.size(); ++c) do
            ++end;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
    return text.substr(pos, end - pos);
}

inline bool has_problem(const read::ReadResult& result, const std::string& part, bool warning) {
    for (const auto& problem : result.problems)
        if (problem.warning == warning && problem.message.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace qalint::test
