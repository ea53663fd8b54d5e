#pragma once
// The built-in rule pack, compiled into the binary from rules/*.yaml.

#include <span>

namespace qalint::rules {

struct EmbeddedRuleFile {
    const char* path;
    const char* yaml;
};

std::span<const EmbeddedRuleFile> embedded_rule_files();

}  // namespace qalint::rules
