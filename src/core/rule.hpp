#pragma once
// A rule as written in rules/*.yaml (SPEC §5), before compilation.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace qalint::core {

// A vocabulary is no rule of its own: its regex terms are what other rules' regexes name as {{id}}.
enum class RuleKind { phrase, missing, response, vocabulary };
enum class PatternType { phrase, regex };

struct Pattern {
    PatternType type = PatternType::phrase;
    std::string text;
    uint32_t line = 0;
    bool whole_turn = false;    // `scope: turn` on an unless pattern of a rule with unless_scope: sentence
    // A pattern's own unless (`{regex: "...", unless: "..."}`): a regex that cancels this pattern's
    // match when it matches in the match's sentence; the rule's other patterns are not affected.
    std::string unless;
    bool operator==(const Pattern&) const = default;
};

// Patterns, advice and examples are kept per language; index with language_index().
constexpr size_t language_count = 3;
constexpr std::array<Language, language_count> all_languages = {Language::ru, Language::lt, Language::en};
inline size_t language_index(Language language) {
    return language == Language::ru ? 0 : language == Language::lt ? 1 : 2;
}
using PerLanguagePatterns = std::array<std::vector<Pattern>, language_count>;
using PerLanguageTexts = std::array<std::vector<std::string>, language_count>;

enum class TurnWindow { first, last, any };

struct MissingSpec {
    std::vector<std::string> rules;    // any hit of these in the window satisfies the rule
    TurnWindow window = TurnWindow::any;
    int turns = 1;
    std::vector<std::string> skip;     // turns with a hit of these are left out of the conversation
    bool operator==(const MissingSpec&) const = default;
};

struct ResponseSpec {
    std::vector<std::string> trigger;  // rule ids (a hit of any one triggers), or {"any"}: any turn of the trigger's speaker
    std::vector<std::string> except;   // customer turns where one of these rules hits never trigger
    std::vector<std::string> expect;   // rule ids; empty means any agent turn answers
    int within = 2;
    bool last_only = false;            // scope: last
    bool first_only = false;           // scope: first
    std::optional<double> max_first_reply_seconds;
    std::vector<std::string> skip;     // turns with a hit of these are left out of the conversation
    bool by_agent = false;             // by: agent — the trigger is an agent turn, the reply the customer's
    std::vector<std::string> reply_has;    // fires when a reply has a hit of these (instead of lacking `expect`)
    bool reply_repeats = false;            // fires when a reply repeats the replier's earlier turn: a non-answer
    bool operator==(const ResponseSpec&) const = default;
};

struct Rule {
    std::string id;
    std::string title;
    Category category = Category::anti_pattern;
    Level level = Level::warning;
    Ladder ladder = Ladder::disappointment;
    RuleKind kind = RuleKind::phrase;
    std::optional<Role> speaker;       // nullopt: any speaker
    bool for_conversations = true;
    bool for_macros = true;
    std::string message;
    std::array<std::string, language_count> advice;
    PerLanguagePatterns patterns;
    PerLanguagePatterns unless;
    bool unless_in_sentence = false;    // unless_scope: sentence — an unless cancels only hits in its sentence
    int unless_previous = 0;            // unless_previous: N — an unless in the speaker's N previous turns cancels too
    // only_in_first: {turns: N, skip: [IDs]} — a phrase rule's hits count only in the speaker's first
    // N turns (turns with a hit of a skip rule not counted): an opening greeting, not a later "Hi Tom".
    int only_in_first = 0;
    std::vector<std::string> only_in_first_skip;
    // only_in_reply: true — a phrase rule's hits count only in a turn that answers the other party's
    // answer (the speaker spoke before, the other party since): "it doesn't work" pushes back on an
    // answer, but in the customer's opening (after "how can I help?" or not) it is the problem.
    bool only_in_reply = false;
    // only_at_end: true — a phrase rule's hits count only in a turn the other party never answers (it
    // speaks no more after it): the customer's last word, left without a reply.
    bool only_at_end = false;
    // only_after: [IDs] — a phrase rule's hits count only in a turn that answers a turn with a hit of
    // one of these rules (the other party's last turn before it): "lg smart tv, from 2021" answers
    // "which TV is it?" (clarifying-question), and leaves nothing open that a reply owes.
    std::vector<std::string> only_after;
    // unless_continued: {with: [IDs], skip: [IDs]} — a hit in a turn that also has a hit of a `with`
    // rule is dropped when the same speaker has a later turn (one without a hit of a `skip` rule):
    // "let me check" is a step taken while the customer waits, unless it is the agent's last word.
    std::vector<std::string> unless_continued;
    std::vector<std::string> unless_continued_skip;
    PerLanguageTexts match_examples;
    PerLanguageTexts no_match_examples;
    MissingSpec missing;
    ResponseSpec response;
    std::string file;
    uint32_t line = 1;
    // From the pack compiled into qalint, whose regexes the tests have run through RE2: they are
    // compiled by RE2 only if a search needs it. Other rules' regexes are checked at load.
    bool builtin = false;
    bool operator==(const Rule&) const = default;
};

}  // namespace qalint::core
