#pragma once
// "qalint: 1234/50000 files" on stderr, redrawn at most every 0.2 s and cleared at the end,
// only when stderr is a terminal: a long batch shows it is alive, logs and pipes stay clean.

#include <chrono>
#include <cstddef>

namespace qalint::cli {

class Progress {
public:
    explicit Progress(size_t total);
    ~Progress() { clear(); }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void update(size_t done);
    void clear();

private:
    size_t m_total;
    bool m_enabled;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_last;
};

}  // namespace qalint::cli
