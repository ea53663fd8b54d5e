#pragma once
// Resolved options of the commands, after flags have been validated.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace qalint::config {
struct Config;
}

namespace qalint::cli {

enum class FailLevel { error, warning, info, none };

// How a report is laid out, beyond its format: shared by check and merge.
struct ReportLayout {
    bool agent_summary = false;    // --summary agents: per agent instead of per finding (text, csv, markdown)
    char csv_delimiter = ',';      // --csv-delimiter
    bool csv_bom = false;          // --csv-bom
};

struct CheckOptions {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string output;                         // "" = stdout
    std::vector<std::string> rule_paths;
    std::vector<std::string> only;
    std::vector<std::string> disabled;
    std::optional<core::Language> language;     // nullopt = auto
    std::string input_format = "auto";
    std::string encoding;    // --encoding: of input that is not UTF-8; "" detects it
    FailLevel fail_level = FailLevel::error;
    unsigned jobs = 0;                          // 0 = all cores
    std::string color = "auto";
    std::vector<std::string> agents;            // --agent NAME
    std::vector<std::string> customers;         // --customer NAME
    std::vector<std::string> include;           // --include GLOB: folder walks take only matching files
    std::vector<std::string> exclude;           // --exclude GLOB: folder walks skip matching files and folders
    // CI: the .qalint.yaml in force (merged into the fields above under the flags), baselines.
    std::shared_ptr<const config::Config> config;    // nullptr = none found
    std::string baseline;                       // --baseline FILE
    std::string write_baseline;                 // --write-baseline FILE
    bool redact = false;                        // --redact: personal data masked in reports
    bool quiet = false;                         // --quiet: the text report lists only what needs fixing
    ReportLayout layout;
};

// `qalint merge`: JSON reports of shards combined into one report in any format.
struct MergeOptions {
    std::vector<std::string> reports;           // JSON report files, or - for stdin
    std::string format = "json";
    std::string output;                         // "" = stdout
    std::vector<std::string> rule_paths;        // extra rules, for formats that describe them (SARIF)
    FailLevel fail_level = FailLevel::error;
    bool redact = false;
    std::string color = "auto";
    ReportLayout layout;
};

// `qalint eval`: the check options that change findings, plus what to print and the gates.
struct EvalOptions {
    CheckOptions check;                         // paths are the labels files
    std::string show;                           // "", "fp", "fn" or "all": disagreements to list
    std::optional<double> min_f1, min_precision, min_recall;
    unsigned min_positives = 10;                // rules with fewer positives are not gated
};

inline constexpr int exit_clean = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_error = 2;

}  // namespace qalint::cli
