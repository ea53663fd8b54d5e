#pragma once
// One row per finding, RFC 4180, with the conversation's file, id, agent, level and score
// repeated on each row; a conversation without findings still gets one row with the
// finding columns empty, so every conversation is counted in a spreadsheet.

#include "report/reporter.hpp"

namespace qalint::report {

class CsvReporter : public Reporter {
public:
    CsvReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void begin() override;
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

private:
    std::ostream& m_out;
    ReportOptions m_options;
};

// A field quoted as RFC 4180 asks; text that a spreadsheet would run as a formula
// (=, +, -, @ first) is led by a ' so that it stays text.
std::string csv_field(std::string_view text);

}  // namespace qalint::report
