#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace qalint::cli {

namespace {
constexpr auto interval = std::chrono::milliseconds(200);
}

Progress::Progress(size_t total)
    : m_total(total), m_enabled(total > 1 && ::isatty(STDERR_FILENO)), m_last(std::chrono::steady_clock::now()) {}

void Progress::update(size_t done) {
    if (!m_enabled) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < interval) return;  // short runs never show it
    m_last = now;
    std::fprintf(stderr, "\rqalint: %zu/%zu files", done, m_total);
    std::fflush(stderr);
    m_shown = true;
}

void Progress::clear() {
    if (!m_shown) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    m_shown = false;
}

}  // namespace qalint::cli
