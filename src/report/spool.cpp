#include "report/spool.hpp"

#include <array>
#include <ostream>
#include <stdexcept>

namespace qalint::report {

Spool::Spool() : m_file(std::tmpfile()) {
    if (!m_file) throw std::runtime_error("cannot create a temporary file for the report");
}

Spool::~Spool() {
    std::fclose(m_file);
}

void Spool::write(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), m_file);
}

void Spool::copy_to(std::ostream& out) {
    std::fflush(m_file);
    std::rewind(m_file);
    std::array<char, 1 << 16> buffer{};
    size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), m_file)) > 0)
        out.write(buffer.data(), static_cast<std::streamsize>(n));
    std::rewind(m_file);
}

}  // namespace qalint::report
