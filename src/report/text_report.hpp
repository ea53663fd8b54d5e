#pragma once
// The default report: grouped by file, the matched words highlighted in their turn,
// the advice under each finding, and a summary line. With --summary agents, a scorecard per agent
// instead of the findings.

#include "report/aggregate.hpp"
#include "report/reporter.hpp"

namespace qalint::report {

// The source line of a finding, shortened around the match: before, match, after (all empty for a
// finding with no matched words).
struct Excerpt {
    std::string before, match, after;
};
Excerpt excerpt_of(const core::Verdict& verdict, const core::Finding& finding);

class TextReporter : public Reporter {
public:
    TextReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

private:
    std::string paint(std::string_view text, const char* code) const;
    void agent_scorecard();
    std::ostream& m_out;
    ReportOptions m_options;
    std::string m_last_file;
    Aggregates m_totals;    // --summary agents only
};

}  // namespace qalint::report
