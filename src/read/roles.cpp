#include "read/roles.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <vector>

#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::read {
namespace {

// Folded forms (lower case, Lithuanian letters without diacritics).
constexpr std::array agent_words = {
    "agent", "operator", "support", "rep", "representative", "advisor", "adviser", "csr", "specialist", "manager",
    "consultant", "helpdesk", "staff", "bot", "assistant", "оператор", "менеджер", "специалист", "консультант",
    "поддержка", "сотрудник", "агент", "саппорт", "техподдержка", "operatorius", "operatore", "konsultantas",
    "konsultante", "vadybininkas", "vadybininke", "specialistas", "specialiste", "palaikymas", "agentas",
    "darbuotojas", "darbuotoja", "pagalba"};
constexpr std::array customer_words = {
    "customer", "client", "caller", "user", "guest", "visitor", "buyer", "клиент", "абонент", "покупатель",
    "пользователь", "заказчик", "посетитель", "гость", "klientas", "kliente", "skambintojas", "vartotojas",
    "vartotoja", "pirkejas", "pirkeja", "lankytojas"};

std::string key_of(std::string_view speaker) {
    return text::fold_for_matching(speaker);
}

template <typename List>
bool contains_word(const std::string& folded, const List& words) {
    size_t start = std::string::npos;
    for (size_t pos = 0; pos <= folded.size();) {
        size_t next = pos;
        const bool word_char = pos < folded.size() && text::is_word_char(util::decode_utf8(folded, next));
        if (word_char && start == std::string::npos) start = pos;
        if (!word_char && start != std::string::npos) {
            const std::string_view word(folded.data() + start, pos - start);
            for (const char* candidate : words)
                if (word == candidate) return true;
            start = std::string::npos;
        }
        pos = pos < folded.size() ? next : pos + 1;
    }
    return false;
}

}  // namespace

void SpeakerRoles::set(std::string_view speaker, core::Role role) {
    m_overrides[key_of(speaker)] = role;
}

core::Role SpeakerRoles::role_of(std::string_view speaker) const {
    const std::string key = key_of(speaker);
    if (const auto it = m_overrides.find(key); it != m_overrides.end()) return it->second;
    if (contains_word(key, agent_words)) return core::Role::agent;
    if (contains_word(key, customer_words)) return core::Role::customer;
    return core::Role::unknown;
}

void assign_roles(core::Conversation& conversation, const SpeakerRoles& roles) {
    std::vector<std::string> speakers;
    std::map<std::string, core::Role, std::less<>> known;    // each speaker name is looked up once
    for (auto& turn : conversation.turns) {
        if (conversation.source == core::Source::macro) {
            turn.role = core::Role::agent;
            continue;
        }
        if (turn.role == core::Role::unknown) {
            auto it = known.find(turn.speaker);
            if (it == known.end()) it = known.emplace(turn.speaker, roles.role_of(turn.speaker)).first;
            turn.role = it->second;
        }
        // Only "exactly two speakers" matters below: a third ends the count (a file of thousands of
        // speakers is not compared name by name).
        if (speakers.size() <= 2 && !turn.speaker.empty() &&
            std::find(speakers.begin(), speakers.end(), turn.speaker) == speakers.end())
            speakers.push_back(turn.speaker);
    }
    if (conversation.source == core::Source::macro || speakers.size() != 2) return;
    const auto role_of_speaker = [&](const std::string& name) {
        for (const auto& turn : conversation.turns)
            if (turn.speaker == name) return turn.role;
        return core::Role::unknown;
    };
    core::Role first = role_of_speaker(speakers[0]);
    core::Role second = role_of_speaker(speakers[1]);
    const auto other = [](core::Role role) { return role == core::Role::agent ? core::Role::customer : core::Role::agent; };
    if (first == core::Role::unknown && second == core::Role::unknown) {
        first = core::Role::agent;
        second = core::Role::customer;
    } else if (first == core::Role::unknown) {
        first = other(second);
    } else if (second == core::Role::unknown) {
        second = other(first);
    }
    for (auto& turn : conversation.turns) {
        if (turn.role != core::Role::unknown) continue;
        if (turn.speaker == speakers[0]) turn.role = first;
        else if (turn.speaker == speakers[1]) turn.role = second;
    }
}

}  // namespace qalint::read
