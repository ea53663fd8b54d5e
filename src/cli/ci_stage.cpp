#include "cli/ci_stage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "cli/commands.hpp"
#include "util/files.hpp"

namespace qalint::cli {

namespace fs = std::filesystem;

namespace {

std::string ascii_lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool is_meta_rule(const std::string& id) { return config::is_suppression_rule(id); }

FailLevel fail_level_from(const std::string& name) {
    return name == "error"     ? FailLevel::error
           : name == "warning" ? FailLevel::warning
           : name == "info"    ? FailLevel::info
                               : FailLevel::none;
}

}  // namespace

bool resolve_config(CheckOptions& options, const std::string& config_path, bool fail_level_given, bool language_given) {
    std::optional<fs::path> path;
    if (!config_path.empty()) {
        path = config_path;
    } else {
        std::error_code ec;
        const fs::path here = fs::current_path(ec);
        if (!ec) path = config::find_config(here);
    }
    if (!path) return true;
    config::LoadedConfig loaded = config::load_config(*path);
    for (const auto& error : loaded.errors) print_error(error);
    if (!loaded.errors.empty()) return false;

    const config::Config& found = loaded.config;
    options.rule_paths.insert(options.rule_paths.begin(), found.rule_paths.begin(), found.rule_paths.end());
    // A name the flags give a role keeps the flags' role, whatever the file says.
    const auto flagged = [&](const std::string& name) {
        const auto same = [&](const std::string& other) { return ascii_lower(other) == ascii_lower(name); };
        return std::any_of(options.agents.begin(), options.agents.end(), same) ||
               std::any_of(options.customers.begin(), options.customers.end(), same);
    };
    std::vector<std::string> agents, customers;
    std::copy_if(found.agents.begin(), found.agents.end(), std::back_inserter(agents),
                 [&](const auto& n) { return !flagged(n); });
    std::copy_if(found.customers.begin(), found.customers.end(), std::back_inserter(customers),
                 [&](const auto& n) { return !flagged(n); });
    options.agents.insert(options.agents.begin(), agents.begin(), agents.end());
    options.customers.insert(options.customers.begin(), customers.begin(), customers.end());
    if (found.fail_level && !fail_level_given) options.fail_level = fail_level_from(*found.fail_level);
    if (found.language && !language_given)
        options.language = *found.language == "auto" ? std::nullopt : core::language_from_string(*found.language);
    options.config = std::make_shared<const config::Config>(std::move(loaded.config));
    return true;
}

int run_init() {
    const std::string path = config::config_file_name;
    std::error_code ec;
    if (fs::exists(path, ec)) {
        print_error(path + " already exists here; not overwriting it");
        return exit_error;
    }
    const auto written = util::write_file_atomically(path, std::string(config::starter_config()));
    if (!written) return print_error(written.error()), exit_error;
    std::cout << "qalint: wrote " << path << " (edit it, then run: qalint check .)\n";
    return exit_clean;
}

std::optional<CiStage> CiStage::make(const CheckOptions& options, const rules::CompiledRules& rules,
                                     match::EngineOptions& engine_options) {
    CiStage stage;
    stage.m_rules = &rules;
    stage.m_config = options.config;
    bool ok = true;
    // --disable may name the suppression findings too: they are not the engine's to drop.
    for (auto id = engine_options.disabled.begin(); id != engine_options.disabled.end();)
        if (is_meta_rule(*id)) {
            stage.m_meta_disabled.insert(*id);
            id = engine_options.disabled.erase(id);
        } else {
            ++id;
        }
    if (stage.m_config) {
        const auto known = [&](const std::string& id) { return is_meta_rule(id) || rules.find(id) != nullptr; };
        for (const auto& error : config::unknown_rule_errors(*stage.m_config, known)) {
            print_error(error);
            ok = false;
        }
        for (const auto& ref : stage.m_config->disabled)
            (is_meta_rule(ref.id) ? stage.m_meta_disabled : engine_options.disabled).insert(ref.id);
        for (const auto& [ref, level] : stage.m_config->levels) {
            // A good practice is counted as such, never as an error or a warning.
            const core::Rule* rule = rules.find(ref.id);
            if (rule && rule->category == core::Category::good_practice) {
                print_error(fmt::format("{}:{}: 'levels: {}' is a good practice, which takes no level",
                                        stage.m_config->file, ref.line, ref.id));
                ok = false;
            }
        }
        for (const auto& [ref, level] : stage.m_config->levels)
            (is_meta_rule(ref.id) ? stage.m_meta_levels : engine_options.levels)[ref.id] = level;
    }
    // --only narrows the report to pack rules; findings about suppressions go with the rest.
    if (!engine_options.only.empty())
        stage.m_meta_disabled.insert({config::unused_suppression, config::invalid_suppression});
    if (!options.baseline.empty()) {
        auto baseline = config::Baseline::load(options.baseline);
        if (!baseline) {
            print_error(baseline.error());
            ok = false;
        } else {
            stage.m_filter.emplace(std::move(*baseline));
            stage.m_baseline_path = options.baseline;
        }
    }
    if (!options.write_baseline.empty()) {
        stage.m_written.emplace(fs::path(options.write_baseline).parent_path());
        stage.m_written_path = options.write_baseline;
    }
    if (!ok) return std::nullopt;
    return stage;
}

void CiStage::filter_file(const std::vector<config::Suppression>& suppressions, const match::Engine& engine,
                          std::vector<core::Verdict>& verdicts, std::vector<core::InputError>& problems,
                          const std::string& path) const {
    if (suppressions.empty()) return;
    config::SuppressionOptions options;
    options.known = [&](const std::string& id) { return m_rules->find(id) != nullptr; };
    options.reported = [&](const std::string& id) {
        const core::Rule* rule = m_rules->find(id);
        return rule && engine.is_reported(*rule);
    };
    options.disabled = m_meta_disabled;
    options.levels = m_meta_levels;
    for (const auto& orphan : config::apply_suppressions(suppressions, verdicts, options))
        problems.push_back({path, fmt::format("line {}: {}: {}", orphan.line, orphan.rule, orphan.message), true});
}

void CiStage::filter_in_order(core::Verdict& verdict) {
    if (m_written)
        for (const auto& finding : verdict.findings) m_written->add(verdict.conversation.file, finding);
    if (m_filter) m_filter->apply(verdict);
}

bool CiStage::finish() {
    if (m_filter) {
        // What the baseline hid, and its entries that no longer match (in the files checked).
        std::cerr << fmt::format("qalint: the baseline {} hid {} finding{}\n", m_baseline_path, m_filter->hidden(),
                                 m_filter->hidden() == 1 ? "" : "s");
        const auto unmatched = m_filter->unmatched();
        constexpr size_t shown = 10;
        for (size_t i = 0; i < unmatched.size() && i < shown; ++i) {
            const auto& [print, left] = unmatched[i];
            std::cerr << fmt::format("qalint: baseline entry no longer matched: {} {}{}{}\n", print.file, print.rule,
                                     print.match.empty() ? "" : " \"" + print.match + "\"",
                                     left > 1 ? fmt::format(" ({} of its count)", left) : "");
        }
        if (unmatched.size() > shown)
            std::cerr << fmt::format("qalint: … and {} more baseline entries no longer matched\n", unmatched.size() - shown);
    }
    if (!m_written) return true;
    const auto written = util::write_file_atomically(m_written_path, m_written->to_json());
    if (!written) {
        print_error("cannot write the baseline " + m_written_path + ": " + written.error());
        return false;
    }
    std::cerr << fmt::format("qalint: wrote {} finding(s) to the baseline {}\n", m_written->size(), m_written_path);
    return true;
}

}  // namespace qalint::cli
