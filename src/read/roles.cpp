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
    "darbuotojas", "darbuotoja", "pagalba", "associate", "employee", "chatbot", "сотрудница", "ассистент", "бот",
    "asistentas", "asistente", "botas"};
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

bool is_role_word(std::string_view word) {
    const std::string folded = key_of(word);
    const auto equal = [&](const char* candidate) { return folded == candidate; };
    return std::any_of(agent_words.begin(), agent_words.end(), equal) ||
           std::any_of(customer_words.begin(), customer_words.end(), equal);
}

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

namespace {

// What the two speakers' turns say of them: cues per speaker and role, and the first of each.
struct SpokenCues {
    std::array<std::array<int, 2>, 2> count{};           // [speaker][0 agent, 1 customer]
    std::array<std::array<std::string, 2>, 2> first;     // its original text
};

SpokenCues find_cues(const core::Conversation& conversation, const std::array<std::string, 2>& speakers,
                     const RoleCueFinder& finder) {
    // The opening turns tell: greetings, "how can I help", what the customer wants. Reading on costs
    // a search of every turn, so each speaker's first turns are read, and reading stops once one side
    // leads by enough cues that the rest could hardly turn it.
    constexpr int turns_read = 12;
    constexpr int decisive_lead = 4;
    SpokenCues spoken;
    std::array<int, 2> read{};
    std::array<bool, 2> has_spoken{};
    std::vector<RoleCue> cues;
    for (const auto& turn : conversation.turns) {
        if (read[0] >= turns_read && read[1] >= turns_read) break;
        const size_t who = turn.speaker == speakers[0] ? 0 : turn.speaker == speakers[1] ? 1 : 2;
        if (who == 2) continue;
        // «Алло?» into the silence opens a call; once both have spoken it is a line check either side makes.
        const bool opening = !has_spoken[1 - who];
        has_spoken[who] = true;
        if (turn.role != core::Role::unknown || read[who] >= turns_read) continue;
        const int lead = spoken.count[0][0] + spoken.count[1][1] - spoken.count[1][0] - spoken.count[0][1];
        if (lead >= decisive_lead || lead <= -decisive_lead) break;
        ++read[who];
        cues.clear();
        finder(turn.text, cues);
        for (const auto& cue : cues) {
            if (cue.role == core::Role::unknown || (cue.opening_only && !opening)) continue;
            const size_t side = cue.role == core::Role::agent ? 0 : 1;
            if (spoken.count[who][side]++ > 0) continue;
            util::CharCursor cursor(turn.text);
            const size_t begin = cursor.byte_of(cue.begin);
            std::string said = turn.text.substr(begin, cursor.byte_of(cue.end) - begin);
            while (!said.empty() && std::string_view(".,;:!? ").find(said.back()) != std::string_view::npos)
                said.pop_back();
            spoken.first[who][side] = std::move(said);
        }
    }
    return spoken;
}

}  // namespace

RoleGuess assign_roles(core::Conversation& conversation, const SpeakerRoles& roles) {
    RoleGuess guess;
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
    if (conversation.source == core::Source::macro || speakers.size() != 2) return guess;
    const auto role_of_speaker = [&](const std::string& name) {
        for (const auto& turn : conversation.turns)
            if (turn.speaker == name) return turn.role;
        return core::Role::unknown;
    };
    core::Role first = role_of_speaker(speakers[0]);
    core::Role second = role_of_speaker(speakers[1]);
    const auto other = [](core::Role role) { return role == core::Role::agent ? core::Role::customer : core::Role::agent; };
    if (first == core::Role::unknown && second == core::Role::unknown) {
        // Evidence before order: who greets in the company's name, offers help, looks up the
        // account (and whose partner wants, owns or lost something) is the agent.
        int leaning = 0;    // > 0: the first speaker is the agent
        SpokenCues spoken;
        if (const RoleCueFinder* finder = roles.cues()) {
            spoken = find_cues(conversation, {speakers[0], speakers[1]}, *finder);
            leaning = spoken.count[0][0] + spoken.count[1][1] - spoken.count[1][0] - spoken.count[0][1];
        }
        const size_t agent = leaning < 0 ? 1 : 0;
        first = agent == 0 ? core::Role::agent : core::Role::customer;
        second = other(first);
        guess.basis = leaning == 0 ? RoleGuess::Basis::order : RoleGuess::Basis::words;
        guess.tied =
            leaning == 0 && (spoken.count[0][0] || spoken.count[0][1] || spoken.count[1][0] || spoken.count[1][1]);
        guess.agent = speakers[agent];
        guess.customer = speakers[1 - agent];
        if (guess.basis == RoleGuess::Basis::words) {
            guess.agent_said = spoken.first[agent][0];
            guess.customer_said = spoken.first[1 - agent][1];
        }
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
    return guess;
}

}  // namespace qalint::read
