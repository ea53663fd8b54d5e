#pragma once
// One self-contained HTML file: no script, no network (a Content-Security-Policy forbids
// both), CSS inline, charts as inline SVG. It opens with the batch at a glance (levels,
// score distribution, findings per rule, agents, languages), then every conversation with
// its turns, the matched words highlighted and the advice beside them. Conversation
// sections are spooled to a temporary file as they come and copied after the dashboard
// at the end, so memory holds only counts. Every piece of input text is escaped.

#include "report/aggregate.hpp"
#include "report/reporter.hpp"
#include "report/spool.hpp"

namespace qalint::report {

class HtmlReporter : public Reporter {
public:
    HtmlReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

private:
    std::ostream& m_out;
    ReportOptions m_options;
    Aggregates m_totals;
    Spool m_sections;
};

std::string html_escape(std::string_view text);

}  // namespace qalint::report
