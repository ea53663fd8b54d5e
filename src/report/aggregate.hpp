#pragma once
// What the summary reports (HTML, Markdown) count while verdicts stream past: numbers per
// ladder level, rule, agent and language and a score histogram, never the verdicts.

#include <array>
#include <cstdint>
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

// One rule's findings in one agent's conversations.
struct RuleTally {
    size_t findings = 0;
    size_t conversations = 0;  // with at least one finding of the rule
};

struct AgentCard {
    std::string key;     // report::agent_key
    std::string name;    // as first written, without role words; "" for an agent no label names (report/agent_names.hpp)
    std::string file;    // for an unnamed agent: the file or export its conversations come from
    size_t conversations = 0;
    long long score_total = 0;
    std::array<size_t, 3> ladder{};
    std::map<std::string, RuleTally> anti_patterns;   // by rule
    std::map<std::string, RuleTally> good_practices;  // by rule
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
    // By report::agent_key: a name, or a file for unnamed agents. A conversation in which no turn is an
    // agent's has no card: nobody served it.
    std::map<std::string, AgentCard> agents;
    std::map<std::string, LanguageCount> languages;

    void add(const core::Verdict& verdict);
};

// An agent's rules, what to coach on first: the higher level first (error, warning, info; good
// practice has one), then more findings, then by id. At most `limit` of them.
std::vector<std::pair<std::string, RuleTally>> ranked_rules(const std::map<std::string, RuleTally>& tallies,
                                                            const Aggregates& totals, size_t limit = SIZE_MAX);

// The agents, busiest first; at a tie named agents before the files of unnamed ones, then by key.
std::vector<const AgentCard*> ranked_agents(const Aggregates& totals);

}  // namespace qalint::report
