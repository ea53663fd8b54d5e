#pragma once
// SPEC §3: one JSON document, conversations streamed as they are judged.

#include <nlohmann/json.hpp>

#include "report/reporter.hpp"

namespace qalint::report {

nlohmann::ordered_json finding_to_json(const core::Finding& finding);
nlohmann::ordered_json verdict_to_json(const core::Verdict& verdict);

class JsonReporter : public Reporter {
public:
    JsonReporter(std::ostream& out, const ReportOptions& options) : m_out(out), m_options(options) {}
    void begin() override;
    void conversation(const core::Verdict& verdict) override;
    void finish(const std::vector<core::InputError>& problems, const Summary& summary) override;

private:
    std::ostream& m_out;
    ReportOptions m_options;
    bool m_first = true;
    std::string m_buffer;
};

}  // namespace qalint::report
