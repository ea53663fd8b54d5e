#pragma once
// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,title=rule::message`
// per anti-pattern finding (good practice is not annotated), input problems as errors,
// and a plain summary line for the job log.

#include "report/reporter.hpp"

namespace qalint::report {

class GithubReporter : public Reporter {
public:
    GithubReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

private:
    std::ostream& m_out;
    ReportOptions m_options;
};

// Escaping of a workflow command's message (% \r \n) and of a property value (also : and ,).
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace qalint::report
