#pragma once
// Where a command's report goes: standard output, or --output, written aside and renamed into
// place only once the report is complete. Shared by check and merge.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "core/rule.hpp"
#include "report/reporter.hpp"
#include "util/files.hpp"

namespace qalint::cli {

class ReportOutput {
public:
    // nullptr, after printing why, when --output cannot be written or --format is unknown.
    static std::unique_ptr<ReportOutput> open(const std::string& format, const std::string& output,
                                              const std::string& color, bool redact,
                                              const std::vector<core::Rule>* rules, bool quiet = false,
                                              const ReportLayout& layout = {});

    report::Reporter& reporter() { return *m_reporter; }
    // Puts --output in place, or flushes standard output; false after printing why it failed.
    bool commit();

private:
    std::optional<util::AtomicFile> m_file;
    std::unique_ptr<report::Reporter> m_reporter;
};

}  // namespace qalint::cli
