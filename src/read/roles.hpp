#pragma once
// Speaker names to roles: the built-in ru/lt/en names, configuration, then a heuristic
// for two-party conversations whose names are personal names.

#include <map>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace qalint::read {

class SpeakerRoles {
public:
    // Exact speaker names (case-insensitive) that configuration or flags map to a role.
    void set(std::string_view speaker, core::Role role);

    // The role a speaker name implies: an override, else a built-in role word anywhere in the
    // name ("Оператор Ольга", "Agent Sarah (Support)"), else unknown.
    core::Role role_of(std::string_view speaker) const;

private:
    std::map<std::string, core::Role> m_overrides;
};

// Fills Turn::role from the speaker names. In a conversation with exactly two speakers of
// which one is known, the other takes the other role; with two unknown speakers, the one
// who speaks first is taken as the agent (agents open chats and calls).
void assign_roles(core::Conversation& conversation, const SpeakerRoles& roles);

}  // namespace qalint::read
