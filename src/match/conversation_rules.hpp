#pragma once
// The conversation-level rule kinds: `missing` (a practice never shown) and `response`
// (a customer turn left without the expected reply).

#include <vector>

#include "core/model.hpp"
#include "match/engine.hpp"

namespace qalint::match {

// A conversation-level finding before it becomes a core::Finding: which rule, at which turn.
struct ConversationHit {
    size_t rule = 0;
    size_t turn = 0;    // index into conversation.turns
};

void find_missing(const rules::CompiledRules& rules, const core::Conversation& conversation,
                  const std::vector<TurnAnalysis>& turns, std::vector<ConversationHit>& out);

void find_unanswered(const rules::CompiledRules& rules, const core::Conversation& conversation,
                     const std::vector<TurnAnalysis>& turns, std::vector<ConversationHit>& out);

}  // namespace qalint::match
