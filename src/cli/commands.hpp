#pragma once
// One function per command; each returns the exit status.

#include <string>
#include <vector>

#include "cli/options.hpp"
#include "match/engine.hpp"
#include "read/reader.hpp"
#include "rules/compiled.hpp"

namespace qalint::cli {

int run_check(const CheckOptions& options);
int run_merge(const MergeOptions& options);
int run_rules_list(const std::vector<std::string>& rule_paths);
int run_rules_show(const std::string& id, const std::vector<std::string>& rule_paths);
// Runs the rules' examples, and the banks under each rules folder's banks/ and in `bank_paths`.
// With update_banks, rewrites each bank: what the pack gets right to match/no_match, the rest to todo_*.
int run_rules_test(const std::vector<std::string>& paths, std::vector<std::string> bank_paths = {},
                   bool update_banks = false);
int run_eval(const EvalOptions& options);

// What check and eval share: --only/--disable ids and --input-format checked against the rules and
// the readers (errors printed; false on any), the engine's options and the readers' options.
bool validate_selection(const CheckOptions& options, const rules::CompiledRules& compiled);
match::EngineOptions engine_options_of(const CheckOptions& options);
// The flags' reading options; the rules' role cues guess roles that no name gives.
read::ReadOptions read_options_of(const CheckOptions& options, const rules::CompiledRules& rules);

// Loads the built-in pack (unless `builtin` is false) plus `paths`, validated and compiled.
// Prints each problem as "qalint: error: ..." and returns nullopt when there was any.
std::optional<rules::CompiledRules> load_compiled_rules(const std::vector<std::string>& paths, bool builtin);

void print_error(const std::string& message);

// Whether a finding fails the run at --fail-level: anti-patterns at or above it.
bool fails(const core::Finding& finding, FailLevel level);

// --color auto|always|never, NO_COLOR, and whether the report goes to a terminal.
bool use_color(const std::string& color, const std::string& output);

}  // namespace qalint::cli
