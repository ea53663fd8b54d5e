#pragma once
// Resolved options of the commands, after flags have been validated.

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace qalint::cli {

enum class FailLevel { error, warning, info, none };

struct CheckOptions {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string output;                         // "" = stdout
    std::vector<std::string> rule_paths;
    std::vector<std::string> only;
    std::vector<std::string> disabled;
    std::optional<core::Language> language;     // nullopt = auto
    std::string input_format = "auto";
    FailLevel fail_level = FailLevel::error;
    unsigned jobs = 0;                          // 0 = all cores
    std::string color = "auto";
    std::vector<std::string> agents;            // --agent NAME
    std::vector<std::string> customers;         // --customer NAME
};

inline constexpr int exit_clean = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_error = 2;

}  // namespace qalint::cli
