#pragma once
// Markdown for a pull-request comment: the ladder, per-rule and per-agent summary tables first,
// then (unless --summary agents) the anti-pattern findings (capped, so the comment stays under GitHub's size limit).
// Finding rows are spooled to a temporary file as they come; only counts stay in memory.

#include <memory>

#include "report/aggregate.hpp"
#include "report/reporter.hpp"
#include "report/spool.hpp"

namespace qalint::report {

class MarkdownReporter : public Reporter {
public:
    MarkdownReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

    static constexpr size_t max_rows = 300;

private:
    void agent_table();
    std::ostream& m_out;
    ReportOptions m_options;
    Aggregates m_totals;
    Spool m_rows;
    size_t m_row_count = 0;
};

// Text made safe inside a Markdown table cell: no line breaks, | and markup escaped.
std::string markdown_cell(std::string_view text);

}  // namespace qalint::report
