#pragma once
// `.qalint.yaml`: the configuration a repository keeps beside its macros. Found in the
// current folder or the nearest parent (or named with --config), validated strictly: an
// unknown key or value is an error that names the file, the line and the key.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.hpp"

namespace qalint::config {

inline constexpr const char* config_file_name = ".qalint.yaml";

// A rule id as written in the file, with its line for error messages.
struct RuleRef {
    std::string id;
    int line = 0;
};

struct Config {
    std::string file;                                     // as shown in messages
    std::filesystem::path folder;                         // absolute; globs and rule paths are relative to it
    std::vector<RuleRef> disabled;                        // disable: [ids]
    std::vector<std::pair<RuleRef, core::Level>> levels;  // levels: {id: error|warning|info}
    std::vector<std::string> rule_paths;                  // rules: [paths], resolved against `folder`
    std::vector<std::string> agents;                      // roles: {agent: [names]}
    std::vector<std::string> customers;                   // roles: {customer: [names]}
    std::vector<std::string> macros;                      // macros: [globs]
    std::vector<std::string> ignore;                      // ignore: [globs]
    std::optional<std::string> fail_level;                // error | warning | info | none
    std::optional<std::string> language;                  // auto | ru | lt | en

    bool is_macro(const std::string& path) const { return matches_any(macros, path); }
    bool is_ignored(const std::string& path) const { return matches_any(ignore, path); }

private:
    bool matches_any(const std::vector<std::string>& globs, const std::string& path) const;
};

struct LoadedConfig {
    Config config;
    std::vector<std::string> errors;  // "FILE:LINE: message"
};

// The nearest `.qalint.yaml` in `start` or one of its parents.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Parses the text of a configuration file. `shown` names it in errors; `folder` is where it lives.
LoadedConfig parse_config(std::string_view text, const std::string& shown, const std::filesystem::path& folder);

// Reads and parses a configuration file.
LoadedConfig load_config(const std::filesystem::path& path);

// Errors for the rule ids in `disable` and `levels` that `known` does not know.
std::vector<std::string> unknown_rule_errors(const Config& config,
                                             const std::function<bool(const std::string&)>& known);

// fnmatch(3) without FNM_PATHNAME ('*' also crosses '/'), on the path relative to `root`.
// A leading "**/" may also match nothing; a trailing '/' names everything under a folder.
bool glob_matches(const std::string& glob, const std::filesystem::path& root, const std::string& path);

// The commented starter that `qalint init` writes.
std::string_view starter_config();

}  // namespace qalint::config
