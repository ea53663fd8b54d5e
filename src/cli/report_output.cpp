#include "cli/report_output.hpp"

#include <iostream>

#include "cli/commands.hpp"

namespace qalint::cli {

std::unique_ptr<ReportOutput> ReportOutput::open(const std::string& format, const std::string& output,
                                                 const std::string& color, bool redact,
                                                 const std::vector<core::Rule>* rules, bool quiet,
                                                 const ReportLayout& layout) {
    auto target = std::make_unique<ReportOutput>();
    if (!output.empty()) {
        target->m_file.emplace(output);
        if (!target->m_file->is_open()) return print_error("cannot write the report to " + output), nullptr;
    }
    report::ReportOptions options;
    options.color = use_color(color, output);
    options.rules = rules;
    options.redact = redact;
    options.quiet = quiet;
    options.agent_summary = layout.agent_summary;
    options.csv_delimiter = layout.csv_delimiter;
    options.csv_bom = layout.csv_bom;
    target->m_reporter = report::make_reporter(format, target->m_file ? target->m_file->stream() : std::cout, options);
    if (!target->m_reporter) return print_error("unknown --format '" + format + "'"), nullptr;
    return target;
}

bool ReportOutput::commit() {
    if (!m_file) {
        std::cout.flush();
        return true;
    }
    const auto written = m_file->commit();
    if (!written) print_error(written.error());
    return static_cast<bool>(written);
}

}  // namespace qalint::cli
