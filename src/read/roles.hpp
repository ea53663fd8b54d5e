#pragma once
// Speaker names to roles: the built-in ru/lt/en names, configuration, then a guess for
// two-party conversations whose names say nothing (spk_0 / spk_1, two first names): from what
// each says, else from who speaks first.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace qalint::read {

// A phrase in a turn that only one side says ("how can I help" / "I lost my card"): [begin, end)
// in characters of the turn's text.
struct RoleCue {
    core::Role role = core::Role::unknown;
    uint32_t begin = 0;
    uint32_t end = 0;
    // A term that is the whole turn («Алло?», "hello?"): the caller's into the silence at the start of a
    // call, it tells only before the other speaker has said anything; later either side checks the line.
    bool opening_only = false;
};
// Finds a turn's cues: at most one per role. The rule pack supplies it (rules/role_cues.hpp); the
// reader only counts what it finds.
using RoleCueFinder = std::function<void(std::string_view text, std::vector<RoleCue>& cues)>;

// Whether one word of a speaker label is a built-in role word, in any case and with or without
// Lithuanian diacritics: "Agent", "Оператор", "Konsultantė", "Customer", "Клиент".
bool is_role_word(std::string_view word);

class SpeakerRoles {
public:
    // Exact speaker names (case-insensitive) that configuration or flags map to a role.
    void set(std::string_view speaker, core::Role role);

    // The role a speaker name implies: an override, else a built-in role word anywhere in the
    // name ("Оператор Ольга", "Agent Sarah (Support)"), else unknown.
    core::Role role_of(std::string_view speaker) const;

    // What tells the agent from the customer when their names do not; without it, the order.
    void set_cues(std::shared_ptr<const RoleCueFinder> cues) { m_cues = std::move(cues); }
    const RoleCueFinder* cues() const { return m_cues.get(); }

private:
    std::map<std::string, core::Role> m_overrides;
    std::shared_ptr<const RoleCueFinder> m_cues;
};

// How assign_roles settled a conversation's roles when no name, flag or configuration did.
struct RoleGuess {
    enum class Basis { none, words, order };
    Basis basis = Basis::none;    // none: every role came from names (or stayed unknown)
    std::string agent;            // the speaker taken for the agent, and for the customer
    std::string customer;
    std::string agent_said;       // the first cue that told (original text), "" when none
    std::string customer_said;
    bool tied = false;            // by order: cues were found, as many each way
};

// Fills Turn::role from the speaker names. In a conversation with exactly two speakers of
// which one is known, the other takes the other role. With two unknown speakers the roles are
// guessed: the speaker whose turns hold more agent cues and whose partner's hold more customer
// cues is the agent (an opening-only cue counts only before the partner has spoken); with no cues,
// or as many each way, the one who speaks first (agents open chats and calls). The guess is
// returned, so the reader can say what it took.
RoleGuess assign_roles(core::Conversation& conversation, const SpeakerRoles& roles);

}  // namespace qalint::read
