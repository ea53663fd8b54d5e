#pragma once
// What a repository's CI adds to `qalint check`: its .qalint.yaml, inline suppressions and
// baselines. The per-file part runs in the worker threads after judging; the baseline part
// runs in input order, just before the reporter.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.hpp"
#include "config/baseline.hpp"
#include "config/config.hpp"
#include "config/suppress.hpp"
#include "core/model.hpp"
#include "match/engine.hpp"
#include "rules/compiled.hpp"

namespace qalint::cli {

// Loads --config FILE, else the nearest .qalint.yaml from the current folder up, and merges
// it into `options`: its rule paths, roles go before the flags' ones; its fail level and
// language apply unless the flag was given. Prints errors; false when there were any.
bool resolve_config(CheckOptions& options, const std::string& config_path, bool fail_level_given, bool language_given);

// `qalint init`: a commented starter .qalint.yaml in the current folder.
int run_init();

class CiStage {
public:
    // Checks the configuration's rule ids against the compiled rules, adds its disabled rules
    // and levels to `engine_options`, and loads --baseline. Prints errors; nullopt on any.
    static std::optional<CiStage> make(const CheckOptions& options, const rules::CompiledRules& rules,
                                       match::EngineOptions& engine_options);

    bool skips(const std::string& path) const { return m_config && m_config->is_ignored(path); }
    bool is_macro(const std::string& path) const { return m_config && m_config->is_macro(path); }

    // Thread-safe: applies a file's inline suppressions (config::find_suppressions) to its verdicts.
    void filter_file(const std::vector<config::Suppression>& suppressions, const match::Engine& engine,
                     std::vector<core::Verdict>& verdicts, std::vector<core::InputError>& problems,
                     const std::string& path) const;

    // In input order: records the verdict for --write-baseline, then drops what --baseline holds.
    void filter_in_order(core::Verdict& verdict);

    // --write-baseline accepts today's findings, so they do not fail that run.
    bool writes_baseline() const { return m_written.has_value(); }

    // Writes --write-baseline. Prints the error and returns false when it cannot.
    bool finish();

private:
    std::shared_ptr<const config::Config> m_config;
    std::set<std::string> m_meta_disabled;
    std::map<std::string, core::Level> m_meta_levels;
    const rules::CompiledRules* m_rules = nullptr;
    std::optional<config::BaselineFilter> m_filter;  // --baseline
    std::optional<config::Baseline> m_written;       // --write-baseline
    std::string m_written_path;
    std::string m_baseline_path;
};

}  // namespace qalint::cli
