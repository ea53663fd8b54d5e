#pragma once
// The pack's cues to who is the agent: its vocabularies agent-voice and customer-voice
// (rules/vocabularies/), compiled for the reader's role guess (read/roles.hpp).

#include <memory>
#include <vector>

#include "core/rule.hpp"
#include "read/roles.hpp"

namespace qalint::rules {

inline constexpr const char* agent_voice = "agent-voice";
inline constexpr const char* customer_voice = "customer-voice";

// A finder of the two vocabularies' terms, every language's at once, matched like a rule's regexes
// (normalised text, word boundaries); null when the rules hold neither vocabulary. A term written as
// the whole turn (`^…$`, «Алло?») gives an opening-only cue. A rule file given with --rules that
// redefines one of them replaces it here too.
std::shared_ptr<const read::RoleCueFinder> role_cue_finder(const std::vector<core::Rule>& rules);

}  // namespace qalint::rules
