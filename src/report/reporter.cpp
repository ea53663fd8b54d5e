#include "report/reporter.hpp"

#include "report/csv_report.hpp"
#include "report/github_report.hpp"
#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/markdown_report.hpp"
#include "report/redact.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"

namespace qalint::report {

void Summary::add(const core::Verdict& verdict) {
    ++conversations;
    for (const auto& finding : verdict.findings)
        finding.category == core::Category::good_practice ? ++good : ++findings[static_cast<size_t>(finding.level)];
    if (verdict.ranked()) ++ladder[static_cast<size_t>(verdict.level)];
    else ++macros;
    if (verdict.ranked() && !verdict.conversation.has_agent()) ++without_agent;
}

namespace {

std::unique_ptr<Reporter> make_format_reporter(std::string_view format, std::ostream& out, const ReportOptions& options) {
    if (format == "text") return std::make_unique<TextReporter>(out, options);
    if (format == "json") return std::make_unique<JsonReporter>(out, options);
    if (format == "sarif") return std::make_unique<SarifReporter>(out, options);
    if (format == "csv") return std::make_unique<CsvReporter>(out, options);
    if (format == "html") return std::make_unique<HtmlReporter>(out, options);
    if (format == "markdown") return std::make_unique<MarkdownReporter>(out, options);
    if (format == "github") return std::make_unique<GithubReporter>(out, options);
    return nullptr;
}

}  // namespace

std::unique_ptr<Reporter> make_reporter(std::string_view format, std::ostream& out, const ReportOptions& options) {
    auto reporter = make_format_reporter(format, out, options);
    if (reporter && options.redact) reporter = make_redacting_reporter(std::move(reporter));
    return reporter;
}

std::string_view severity_of(core::Category category, core::Level level) {
    return category == core::Category::good_practice ? "good" : core::to_string(level);
}

bool has_agent_summary(std::string_view format) {
    return format == "text" || format == "csv" || format == "markdown" || format == "html";
}

std::vector<std::string> report_formats() { return {"text", "json", "sarif", "csv", "html", "markdown", "github"}; }

}  // namespace qalint::report
