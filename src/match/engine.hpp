#pragma once
// Judges one conversation: the per-turn pass, then the conversation-level rule kinds,
// then the ladder. Shares the compiled rules read-only, so one Engine serves all threads.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "rules/compiled.hpp"

namespace qalint::match {

struct EngineOptions {
    std::optional<core::Language> forced_language;    // --lang
    std::set<std::string> only;                       // --only (empty: all)
    std::set<std::string> disabled;                   // --disable and configuration
    std::map<std::string, core::Level> levels;        // configuration overrides
    // A signal that only a response rule's `expect` names (agent-states-time) is matched only on
    // the turns that answer a trigger, not on every turn; off, it is matched everywhere (rule
    // examples, where each example is a turn of its own).
    bool lazy_expect = true;
};

// What the per-turn pass found in one turn.
struct TurnAnalysis {
    core::Language language = core::Language::unknown;
    bool certain = false;
    std::vector<rules::Hit> hits;    // hits of rules that apply to the turn's speaker
};

// The rules a missing or response rule names, as rule indices (unknown ids left out): worked out
// once for the pack (name_rules, conversation_rules.hpp), not for every conversation.
struct NamedRules {
    std::vector<size_t> trigger, expect, reply_has, except, skip;    // response rules
    std::vector<size_t> missing, missing_skip;                       // missing rules
};

class Engine {
public:
    Engine(const rules::CompiledRules& rules, EngineOptions options);

    core::Verdict judge(core::Conversation conversation) const;

    // The per-turn pass alone (used by judge and by `rules test`).
    std::vector<TurnAnalysis> analyse_turns(const core::Conversation& conversation) const;

    const rules::CompiledRules& rules() const { return m_rules; }
    bool is_reported(const core::Rule& rule) const;

private:
    const rules::CompiledRules& m_rules;
    EngineOptions m_options;
    std::vector<NamedRules> m_named;    // per rule
    // Rules not worth running on a turn: a signal that only a response rule with scope first or
    // last reads is needed on that one customer turn. Indexed [first customer turn][last one].
    std::vector<char> m_skip[2][2][2];    // [first customer turn][last customer turn][at the end: unanswered]
    // Per rule: 1 = every occurrence in a macro is a finding (anti-patterns: each is to be fixed or
    // suppressed on its own line); otherwise the first in a turn.
    std::vector<char> m_every_in_macros;
    // Rules with only_in_first, worked out once: the rule, its N, and its skip rules' indices.
    struct OnlyInFirst {
        size_t rule = 0;
        int turns = 0;
        std::vector<size_t> skip;
    };
    std::vector<OnlyInFirst> m_only_in_first;
    std::vector<size_t> m_only_in_reply;    // rules with only_in_reply
    std::vector<size_t> m_only_at_end;      // rules with only_at_end
    // Rules with only_after: the rule, and the indices of the rules the turn it answers must have.
    struct OnlyAfter {
        size_t rule;
        std::vector<size_t> after;
    };
    std::vector<OnlyAfter> m_only_after;
    // Rules with unless_continued: the rule, and its `with` and `skip` rules' indices.
    struct UnlessContinued {
        size_t rule;
        std::vector<size_t> with, skip;
    };
    std::vector<UnlessContinued> m_unless_continued;
    // Response rules whose `expect` has such signals: where to look for them after the first pass.
    struct LazyExpect {
        std::vector<size_t> trigger;    // empty: any turn of the asker
        core::Role asker = core::Role::customer, replier = core::Role::agent;
        int within = 1;
        std::vector<size_t> skip;
    };
    std::vector<LazyExpect> m_lazy_expect;
    std::vector<char> m_lazy_skip;    // per rule: 0 for the lazy signals, 1 for every other rule
    void match_lazy_expect(const core::Conversation& conversation, std::vector<TurnAnalysis>& result) const;
    // Signals only a response rule's `except` names: left out of the first pass, matched on demand.
    std::vector<char> m_lazy_except_skip;    // per rule: 0 for those signals, 1 for every other rule
    bool m_has_lazy_except = false;
    std::vector<rules::Hit> lazy_except_hits(const core::Conversation& conversation, const std::vector<TurnAnalysis>& turns,
                                             size_t t) const;
};

}  // namespace qalint::match
