#pragma once
// What the summary reports (HTML, Markdown) count while verdicts stream past: numbers per
// ladder level, rule, agent and language and a score histogram, never the verdicts.

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace qalint::report {

struct RuleCount {
    core::Category category = core::Category::anti_pattern;
    core::Level level = core::Level::warning;
    size_t findings = 0;
    size_t conversations = 0;  // conversations with at least one finding of the rule
};

struct AgentCard {
    std::string name;    // as first written; "" for an agent no label names (report/agent_names.hpp)
    std::string file;    // for an unnamed agent: the file or export its conversations come from
    size_t conversations = 0;
    long long score_total = 0;
    std::array<size_t, 3> ladder{};
    std::map<std::string, size_t> anti_patterns;   // rule → findings
    std::map<std::string, size_t> good_practices;  // rule → findings
    double average_score() const { return conversations ? double(score_total) / double(conversations) : 0.0; }
};

struct LanguageCount {
    size_t conversations = 0;
    long long score_total = 0;
    std::array<size_t, 3> ladder{};
};

struct Aggregates {
    size_t conversations = 0;          // ranked ones: macros are counted apart
    size_t macros = 0;
    long long score_total = 0;
    std::array<size_t, 3> ladder{};    // by core::Ladder
    std::array<size_t, 3> findings{};  // anti-pattern findings by core::Level
    size_t good_practices = 0;
    std::array<size_t, 10> scores{};  // 0–9, 10–19, … 90–100
    std::map<std::string, RuleCount> rules;
    std::map<std::string, AgentCard> agents;  // by report::agent_key: a name, or a file for unnamed agents
    std::map<std::string, LanguageCount> languages;

    void add(const core::Verdict& verdict);
};

// The `limit` largest entries of a rule → count map, largest first, ties by name.
std::vector<std::pair<std::string, size_t>> top_counts(const std::map<std::string, size_t>& counts, size_t limit);

}  // namespace qalint::report
