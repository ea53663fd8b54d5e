#pragma once
// The conversation-level rule kinds: `missing` (a practice never shown) and `response`
// (a customer turn left without the expected reply).

#include <functional>
#include <vector>

#include "core/model.hpp"
#include "match/engine.hpp"

namespace qalint::match {

// A conversation-level finding before it becomes a core::Finding: which rule, at which turn.
struct ConversationHit {
    size_t rule = 0;
    size_t turn = 0;    // index into conversation.turns
};

// What each rule names (NamedRules, engine.hpp), as rule indices: worked out once for the pack.
std::vector<NamedRules> name_rules(const rules::CompiledRules& rules);

void find_missing(const rules::CompiledRules& rules, const std::vector<NamedRules>& named,
                  const core::Conversation& conversation, const std::vector<TurnAnalysis>& turns,
                  std::vector<ConversationHit>& out);

// Whether turn `t` has a hit of one of `rules` (rule indices), for signals the first pass left out
// and that are matched only on the turns a rule asks about (Engine: lazy `except` signals).
using OnDemand = std::function<bool(size_t t, const std::vector<size_t>& rules)>;

void find_unanswered(const rules::CompiledRules& rules, const std::vector<NamedRules>& named,
                     const core::Conversation& conversation, const std::vector<TurnAnalysis>& turns,
                     std::vector<ConversationHit>& out, const OnDemand& on_demand = {});

}  // namespace qalint::match
