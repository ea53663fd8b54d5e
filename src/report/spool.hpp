#pragma once
// A temporary file that a reporter writes sections to as they come and copies out at the
// end, so that a summary can precede them while memory stays flat.

#include <cstdio>
#include <iosfwd>
#include <string_view>

namespace qalint::report {

class Spool {
public:
    Spool();
    ~Spool();
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    void write(std::string_view text);
    // Copies everything written so far to `out` and empties the spool.
    void copy_to(std::ostream& out);

private:
    std::FILE* m_file = nullptr;
};

}  // namespace qalint::report
