#include "report/aggregate.hpp"

#include <algorithm>
#include <set>

#include "report/agent_names.hpp"

namespace qalint::report {

void Aggregates::add(const core::Verdict& verdict) {
    // A macro's findings count per rule; the ladder, the scores and the agent and language cards
    // are about conversations (SPEC §6).
    const bool ranked = verdict.ranked();
    AgentCard* agent = nullptr;
    if (ranked) {
        ++conversations;
        score_total += verdict.score;
        ++ladder[static_cast<size_t>(verdict.level)];
        ++scores[static_cast<size_t>(std::min(std::clamp(verdict.score, 0, 100) / 10, 9))];
        if (verdict.conversation.has_agent()) {
            const std::string key = agent_key(verdict.conversation);
            agent = &agents[key];
            if (agent->conversations == 0) {
                agent->key = key;
                if (key.starts_with("file:"))
                    agent->file = verdict.conversation.file;
                else
                    agent->name = agent_display_name(verdict.conversation.agent_name());
            }
            ++agent->conversations;
            agent->score_total += verdict.score;
            ++agent->ladder[static_cast<size_t>(verdict.level)];
        }
    } else {
        ++macros;
    }
    std::set<std::string> seen;
    for (const auto& finding : verdict.findings) {
        const bool good = finding.category == core::Category::good_practice;
        if (good)
            ++good_practices;
        else
            ++findings[static_cast<size_t>(finding.level)];
        RuleCount& rule = rules[finding.rule];
        rule.category = finding.category;
        rule.level = finding.level;
        ++rule.findings;
        const bool first = seen.insert(finding.rule).second;
        if (first) ++rule.conversations;
        if (agent) {
            RuleTally& tally = (good ? agent->good_practices : agent->anti_patterns)[finding.rule];
            ++tally.findings;
            if (first) ++tally.conversations;
        }
    }
    if (!ranked) return;
    if (verdict.languages.empty()) {
        LanguageCount& language = languages["unknown"];
        ++language.conversations;
        language.score_total += verdict.score;
        ++language.ladder[static_cast<size_t>(verdict.level)];
    }
    for (auto code : verdict.languages) {
        LanguageCount& language = languages[std::string(core::to_string(code))];
        ++language.conversations;
        language.score_total += verdict.score;
        ++language.ladder[static_cast<size_t>(verdict.level)];
    }
}

std::vector<std::pair<std::string, RuleTally>> ranked_rules(const std::map<std::string, RuleTally>& tallies,
                                                            const Aggregates& totals, size_t limit) {
    std::vector<std::pair<std::string, RuleTally>> out(tallies.begin(), tallies.end());
    const auto level = [&](const std::string& rule) {
        const auto found = totals.rules.find(rule);
        return found == totals.rules.end() ? core::Level::info : found->second.level;
    };
    // Ties by id: the map is in id order and the sort is stable.
    std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
        const core::Level la = level(a.first), lb = level(b.first);
        if (la != lb) return la > lb;
        return a.second.findings > b.second.findings;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

std::vector<const AgentCard*> ranked_agents(const Aggregates& totals) {
    std::vector<const AgentCard*> out;
    for (const auto& [key, card] : totals.agents) out.push_back(&card);
    std::stable_sort(out.begin(), out.end(), [](const AgentCard* a, const AgentCard* b) {
        if (a->conversations != b->conversations) return a->conversations > b->conversations;
        return !a->name.empty() && b->name.empty();
    });
    return out;
}

}  // namespace qalint::report
