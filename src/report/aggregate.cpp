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
        const std::string key = agent_key(verdict.conversation);
        agent = &agents[key];
        if (agent->conversations == 0) {
            if (key.starts_with("file:"))
                agent->file = verdict.conversation.file;
            else
                agent->name = verdict.conversation.agent_name();
        }
        ++agent->conversations;
        agent->score_total += verdict.score;
        ++agent->ladder[static_cast<size_t>(verdict.level)];
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
        if (seen.insert(finding.rule).second) ++rule.conversations;
        if (agent) ++(good ? agent->good_practices : agent->anti_patterns)[finding.rule];
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

std::vector<std::pair<std::string, size_t>> top_counts(const std::map<std::string, size_t>& counts, size_t limit) {
    std::vector<std::pair<std::string, size_t>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace qalint::report
