#pragma once
// One row per finding, RFC 4180, with the conversation's file, id, agent, level and score
// repeated on each row; a conversation without findings still gets one row with the
// finding columns empty, so every conversation is counted in a spreadsheet. With --summary
// agents, one row per agent and rule instead (an agent with no findings: one row).
// The delimiter is ',' unless --csv-delimiter says otherwise; --csv-bom puts a UTF-8 BOM first.

#include "report/aggregate.hpp"
#include "report/agent_names.hpp"
#include "report/reporter.hpp"

namespace qalint::report {

class CsvReporter : public Reporter {
public:
    CsvReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void begin() override;
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

private:
    void write_row(const std::vector<std::string>& cells);
    std::string field(std::string_view text) const;
    void agent_rows();
    std::ostream& m_out;
    ReportOptions m_options;
    Aggregates m_totals;    // --summary agents only
};

// A field quoted as RFC 4180 asks (when it holds the delimiter, a quote or a line break); text
// that a spreadsheet would run as a formula (=, +, -, @ first) is led by a ' so that it stays text.
std::string csv_field(std::string_view text, char delimiter = ',');

}  // namespace qalint::report
