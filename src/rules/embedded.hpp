#pragma once
// The built-in rule pack, compiled into the binary from rules/*.yaml.

#include <span>
#include <string_view>

namespace qalint::rules {

struct EmbeddedRuleFile {
    const char* path;
    const char* yaml;
};

// rules/*.yaml as written (cmake/embed_rules.cmake).
std::span<const EmbeddedRuleFile> embedded_rule_files();

// The same files loaded at build time, as rules::pack_rules wrote them (cmake/pack_rules.cpp).
std::string_view embedded_rule_pack();

// The prefilter's clauses of the pack's patterns, worked out at build time too
// (CompiledRules::pack_prefilter): start-up need not parse the built-in regexes.
std::string_view embedded_prefilter();

}  // namespace qalint::rules
