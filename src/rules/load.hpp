#pragma once
// Reads rule YAML (SPEC §5) into core::Rule, rejecting what the engine could not honour.

#include <string>
#include <string_view>
#include <vector>

#include "core/rule.hpp"

namespace qalint::rules {

struct LoadResult {
    std::vector<core::Rule> rules;
    std::vector<std::string> errors;   // "file:line: rule ID: reason"
};

// Parses one YAML file (one rule per document) named `file` in messages.
void load_rule_yaml(std::string_view yaml, const std::string& file, LoadResult& into);

// Files or folders (recursed, *.yaml and *.yml).
void load_rule_paths(const std::vector<std::string>& paths, LoadResult& into);

// The pack compiled into the binary, loaded at build time (rules/pack.hpp).
void load_builtin_rules(LoadResult& into);
// The same from the YAML compiled into the binary: what the build packs, and tests compare.
void load_builtin_rule_yaml(LoadResult& into);

// Cross-rule checks: duplicate ids, missing/response rules naming rules that do not exist.
void check_rule_references(LoadResult& result);

// Replaces each {{id}} in the rules' regexes (patterns and unless) with the terms of the vocabulary
// of that id (a rule of kind vocabulary) in the pattern's language. check_rule_references does it
// first; the pack is stored expanded. Errors: an unknown vocabulary, one with no terms in the language.
void expand_vocabularies(LoadResult& result);

}  // namespace qalint::rules
