#pragma once
// The default report: grouped by file, the matched words highlighted in their turn,
// the advice under each finding, and a summary line.

#include "report/reporter.hpp"

namespace qalint::report {

class TextReporter : public Reporter {
public:
    TextReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

private:
    std::string paint(std::string_view text, const char* code) const;
    std::ostream& m_out;
    ReportOptions m_options;
    std::string m_last_file;
};

}  // namespace qalint::report
