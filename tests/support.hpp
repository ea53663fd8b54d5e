#pragma once
// Shared by the tests: rules compiled from inline YAML, conversations from plain text.

#include <stdexcept>
#include <string>
#include <vector>

#include "match/engine.hpp"
#include "read/reader.hpp"
#include "rules/compiled.hpp"
#include "rules/load.hpp"

namespace qalint::test {

struct Compiled {
    rules::CompiledRules rules;
    std::vector<std::string> errors;
};

inline Compiled compile_yaml(const std::string& yaml) {
    rules::LoadResult loaded;
    rules::load_rule_yaml(yaml, "test.yaml", loaded);
    rules::check_rule_references(loaded);
    Compiled out;
    out.errors = loaded.errors;
    out.rules = rules::CompiledRules::compile(std::move(loaded.rules), out.errors);
    return out;
}

// The built-in pack, compiled once for the whole test run (it loads without an error).
inline const rules::CompiledRules& builtin_rules() {
    static const rules::CompiledRules compiled = [] {
        rules::LoadResult pack;
        rules::load_builtin_rules(pack);
        std::vector<std::string> errors = pack.errors;
        auto rules = rules::CompiledRules::compile(std::move(pack.rules), errors);
        if (!errors.empty()) throw std::runtime_error("the built-in pack does not compile: " + errors.front());
        return rules;
    }();
    return compiled;
}

inline core::Conversation conversation_from(const std::string& text) {
    read::ReadOptions options;
    auto result = read::read_input("chat.txt", text, options);
    return result.conversations.empty() ? core::Conversation{} : result.conversations.front();
}

inline std::vector<std::string> rule_ids(const core::Verdict& verdict) {
    std::vector<std::string> ids;
    for (const auto& finding : verdict.findings) ids.push_back(finding.rule);
    return ids;
}

// The first finding of a rule; fails the test when there is none.
inline const core::Finding& finding_of(const core::Verdict& verdict, const std::string& id) {
    for (const auto& finding : verdict.findings)
        if (finding.rule == id) return finding;
    throw std::runtime_error("no finding of " + id);
}

inline bool has_rule(const core::Verdict& verdict, const std::string& id) {
    for (const auto& finding : verdict.findings)
        if (finding.rule == id) return true;
    return false;
}

// Does rule `id` find something in a conversation written as a plain-text transcript?
template <typename Engine>
auto finds(const Engine& engine, std::string id) {
    return [&engine, id = std::move(id)](const std::string& text) { return has_rule(engine.judge(conversation_from(text)), id); };
}

}  // namespace qalint::test
