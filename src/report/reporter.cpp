#include "report/reporter.hpp"

#include "report/json_report.hpp"
#include "report/text_report.hpp"

namespace qalint::report {

void Summary::add(const core::Verdict& verdict) {
    ++conversations;
    for (const auto& finding : verdict.findings) ++findings[static_cast<size_t>(finding.level)];
    ++ladder[static_cast<size_t>(verdict.level)];
}

std::unique_ptr<Reporter> make_reporter(std::string_view format, std::ostream& out, const ReportOptions& options) {
    if (format == "text") return std::make_unique<TextReporter>(out, options);
    if (format == "json") return std::make_unique<JsonReporter>(out, options);
    return nullptr;
}

std::vector<std::string> report_formats() { return {"text", "json"}; }

}  // namespace qalint::report
