#pragma once
// Who an agent is, for the per-agent scorecard: a speaker label that is a role word ("Agent",
// "Оператор", "Konsultantė") or a diarisation label ("spk_0", "Speaker 1", "S1", "ch_0") names
// nobody, so such agents are kept per file and never merged across files; real names compare
// case-insensitively.

#include <string>
#include <string_view>

#include "core/model.hpp"

namespace qalint::report {

// Whether a speaker label names a person (or a team by name) rather than a role or a channel.
bool is_agent_name(std::string_view speaker);

// The name without the role words (the reader's) and team or channel words before and after it,
// as written: "Agent Tom" and "Tom (Support)" are "Tom", «Оператор Ольга» is «Ольга»,
// „Operatorius Jonas“ is „Jonas“.
std::string agent_display_name(std::string_view speaker);

// The scorecard row of a conversation: "name:" and the name (agent_display_name) in lower case
// for a named agent, "file:" and the file for an agent named by no label.
std::string agent_key(const core::Conversation& conversation);

inline constexpr std::string_view unnamed_agent = "(unnamed agent)";

}  // namespace qalint::report
