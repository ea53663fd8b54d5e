#pragma once
// The shared vocabulary of qalint: conversations as read, findings as judged. No I/O here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qalint::core {

enum class Role { agent, customer, unknown };
enum class Language { unknown, ru, lt, en };
enum class Level { info, warning, error };
enum class Category { anti_pattern, good_practice, signal };
enum class Ladder { disappointment, neutral, wow };
enum class Source { conversation, macro };

std::string_view to_string(Role role);
std::string_view to_string(Language language);
std::string_view to_string(Level level);
std::string_view to_string(Category category);
std::string_view to_string(Ladder ladder);
std::optional<Role> role_from_string(std::string_view text);
std::optional<Language> language_from_string(std::string_view text);
std::optional<Level> level_from_string(std::string_view text);

// Where a piece of a turn's text comes from: the piece starting at character
// `text_offset` of Turn::text is on source line `line`, starting at `column`
// (both 1-based, column in Unicode characters).
struct SourcePiece {
    uint32_t text_offset = 0;
    uint32_t line = 1;
    uint32_t column = 1;
};

struct Turn {
    std::string speaker;
    Role role = Role::unknown;
    std::string text;                   // UTF-8; pieces joined with '\n'
    std::vector<SourcePiece> pieces;    // at least one, sorted by text_offset
    std::optional<double> seconds;      // timestamp from the start, when the format has one
    uint32_t line() const { return pieces.empty() ? 1 : pieces.front().line; }
};

struct Position {
    uint32_t line = 1;
    uint32_t column = 1;
};

// Maps a character offset inside turn.text back to the source file.
Position source_position(const Turn& turn, uint32_t char_offset);
// The other way: the character offset in turn.text of a source position, when a piece of the
// turn holds it.
std::optional<uint32_t> char_offset(const Turn& turn, Position position);

struct Conversation {
    std::string file;    // as given on the command line, or "-" for stdin
    std::string id;
    Source source = Source::conversation;
    std::vector<Turn> turns;
    // Turns known only by their number: a merged report keeps no transcript, and a shard's
    // count must not size an allocation.
    uint64_t textless_turns = 0;
    uint32_t first_line = 1;
    // Roles taken only from who speaks first (two names, nothing said that tells): the phrase rules
    // run, but the conversation-level ones (missing-*, replies) would judge a coin toss, and do not.
    bool roles_by_order = false;
    uint64_t turn_count() const { return turns.size() + textless_turns; }
    std::string agent_name() const;    // the first agent's speaker name, "" when none
    bool has_agent() const;            // whether a turn is an agent's, named or not
};

struct Finding {
    std::string rule;
    Category category = Category::anti_pattern;
    Level level = Level::warning;
    Ladder ladder = Ladder::disappointment;
    uint32_t line = 1;
    uint32_t column = 1;
    uint32_t turn = 0;    // 1-based index of the turn, 0 when not tied to a turn
    std::string speaker;
    Role role = Role::unknown;
    Language language = Language::unknown;
    std::string match;    // the original text that matched ("" for a missing practice)
    std::string message;
    std::string advice;
};

// A conversation after judging: what the reporters see.
struct Verdict {
    Conversation conversation;
    std::vector<Language> languages;
    std::vector<Finding> findings;    // sorted by line, column, rule
    Ladder level = Ladder::neutral;
    int score = 0;

    // Whether level and score mean anything: the ladder judges conversations, and a macro is one
    // agent turn with no customer (SPEC §6), so it has neither.
    bool ranked() const { return conversation.source != Source::macro; }
};

// A problem with one input or rule file. Warnings do not change the exit status.
struct InputError {
    std::string file;
    std::string message;
    bool warning = false;
};

}  // namespace qalint::core
