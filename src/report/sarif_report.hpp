#pragma once
// SARIF 2.1.0 for code scanning: the rules with descriptions and help, one result per
// finding with its physical location (columns in Unicode code points), and an invocation
// whose notifications are the input problems. Results are streamed.

#include <map>

#include "report/reporter.hpp"

namespace qalint::report {

class SarifReporter : public Reporter {
public:
    SarifReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void begin() override;
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

private:
    std::ostream& m_out;
    ReportOptions m_options;
    std::map<std::string, size_t> m_rule_index;
    bool m_first = true;
};

// A path as a SARIF URI reference: relative paths stay relative, absolute ones become
// file:// URIs, and bytes outside the unreserved set are percent-encoded.
std::string path_to_uri(std::string_view path);

}  // namespace qalint::report
