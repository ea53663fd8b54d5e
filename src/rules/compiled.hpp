#pragma once
// Rules compiled once at load: a prefilter (each pattern's literal atoms, found in a turn by an
// Aho–Corasick pass), a backtracking matcher per pattern for spans, and RE2 behind it.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/rule.hpp"
#include "rules/atom_scanner.hpp"
#include "rules/backtrack.hpp"

#include <re2/re2.h>

namespace qalint::rules {

// A pattern's RE2, compiled the first time it is asked for: the backtracker answers nearly every
// search, and compiling hundreds of regexes nobody runs was most of start-up. Thread-safe.
class LazyRegex {
public:
    explicit LazyRegex(std::string regex) : m_regex(std::move(regex)) {}
    const re2::RE2& get() const;

private:
    std::string m_regex;
    mutable std::once_flag m_once;
    mutable std::unique_ptr<re2::RE2> m_compiled;
};

// A pattern's backtracker, parsed and laid out the first time a turn needs it: a built-in pattern
// whose prefilter clauses come with the binary (embedded.hpp) is not parsed at start-up at all.
// Null from get() when the regex uses syntax the backtracker leaves to RE2. Thread-safe.
class LazyBacktracker {
public:
    explicit LazyBacktracker(std::string body) : m_body(std::move(body)) {}
    // One compiled already (or null: RE2 answers).
    explicit LazyBacktracker(std::unique_ptr<Backtracker> compiled) : m_ready(true), m_compiled(std::move(compiled)) {}
    const Backtracker* get() const;

private:
    std::string m_body;
    bool m_ready = false;
    mutable std::once_flag m_once;
    mutable std::unique_ptr<Backtracker> m_compiled;
};

struct CompiledPattern {
    size_t rule = 0;
    core::Language language = core::Language::unknown;
    std::unique_ptr<LazyRegex> regex;    // group 1 is the match without its boundaries
    std::string source;                 // as the rule wrote it
    std::unique_ptr<LazyBacktracker> backtracker;    // answers for `regex` when it has one (see backtrack.hpp)
    bool whole_turn = false;                         // an unless pattern with `scope: turn`
    const re2::RE2& re2() const { return regex->get(); }
    const Backtracker* matcher() const { return backtracker ? backtracker->get() : nullptr; }
};

// A pattern's regex as RE2 runs it: `body` (encoded, \pL expanded) between Unicode word boundaries,
// as group 1.
std::string pattern_regex(std::string_view body);

// The span (group 1, normalised bytes) of the pattern's first match that begins at `from` or later:
// the backtracker's when it answers, else RE2's, and the two agree (fuzz/fuzz_regex.cpp).
// With `last_start`, the backtracker looks no further than a match beginning there and answers
// none when the first match would begin later; RE2 may still answer such a later match.
std::optional<std::pair<size_t, size_t>> match_span_from(const CompiledPattern& pattern, std::string_view text,
                                                         size_t from, size_t last_start = SIZE_MAX);
// Whether the pattern matches anywhere in the text.
bool matches(const CompiledPattern& pattern, std::string_view text);

// Which matcher finds a pattern's spans: the backtracker where it takes the pattern on, behind
// the prefilter; or RE2 alone on every turn, no prefilter (the reference both are tested against).
enum class Matching { backtracker, re2_only };

// One hit of a rule in a turn: the normalised byte span [begin, end); empty at 0 for a signal,
// whose span is never shown.
struct Hit {
    size_t rule = 0;
    core::Language language = core::Language::unknown;
    size_t begin = 0;
    size_t end = 0;
    uint32_t order = 0;    // its pattern's place in the pack: at one start, the pattern written first wins
};

class CompiledRules {
public:
    CompiledRules();
    ~CompiledRules();
    CompiledRules(CompiledRules&&) noexcept;
    CompiledRules& operator=(CompiledRules&&) noexcept;

    // Compiles the rules; problems go to `errors` naming the file, line and rule.
    static CompiledRules compile(std::vector<core::Rule> rules, std::vector<std::string>& errors,
                                 Matching matching = Matching::backtracker);

    // The prefilter's clauses of every pattern of these (built-in) rules, keyed by the pattern's
    // regex, as bytes for embedded_prefilter() (cmake/pack_rules.cpp). `errors` as compile() gives
    // them, so that a regex qalint would refuse at start-up fails the build instead.
    static std::string pack_prefilter(std::vector<core::Rule> rules, std::vector<std::string>& errors);

    const std::vector<core::Rule>& rules() const { return m_rules; }
    const core::Rule* find(const std::string& id) const;
    size_t index_of(const std::string& id) const;    // npos when absent

    // The first hit of every rule whose patterns (in `languages`) match the normalised text,
    // after `unless` has cancelled what it should. Sorted by rule index.
    void match(std::string_view normalized, const std::vector<core::Language>& languages,
               std::vector<Hit>& hits) const;

    // What a turn's matching needs to know about it: the languages whose patterns apply, its speaker,
    // and the rules not needed on it.
    struct TurnScope {
        uint8_t languages = 0;    // bit language_index(l) set: that language's patterns apply
        std::optional<core::Role> role;    // when set, only rules for this speaker (or any) run
        const std::vector<char>* skip = nullptr;    // per rule: 1 = not needed on this turn
        const std::vector<char>* every = nullptr;    // per rule: 1 = every occurrence, not only the first
    };
    // One prefilter pass over a turn's normalised text, then the individual regex of each pattern
    // it lets through: the first hit of every rule (or every non-overlapping one, by scope.every),
    // `unless` applied, sorted by rule index and then position.
    void match_turn(std::string_view text, const TurnScope& scope, std::vector<Hit>& hits) const;

    // Whether one of `rule`'s unless patterns, of the given languages (a bit per language), matches
    // in normalised `text` (for unless_previous: a turn before the hit's).
    bool unless_matches(size_t rule, std::string_view text, uint8_t languages) const;

    // How the prefilter holds the patterns (the alternatives of a split one each count): those that
    // run on every turn, and those that are one short word, for the word scanner.
    struct PrefilterCounts {
        size_t patterns = 0;
        size_t unfiltered = 0;
        size_t one_word = 0;
    };
    PrefilterCounts prefilter_counts() const { return {m_patterns.size(), m_unfiltered.size(), m_word_patterns.size()}; }

private:
    static CompiledRules compile_impl(std::vector<core::Rule> rules, std::vector<std::string>& errors,
                                      Matching matching, std::string* packed_prefilter);

    // The patterns of these languages (a TurnScope bitmask) that a turn holding these (sorted,
    // unique) scanner atoms may match. The reference is good until the thread's next call.
    const std::vector<int>& potentials(const std::vector<int>& atoms, uint8_t languages) const;

    std::vector<core::Rule> m_rules;
    std::map<std::string, size_t> m_index;
    std::vector<CompiledPattern> m_patterns;
    // What the per-turn loop asks of every candidate pattern, packed together (a few KB in all)
    // rather than read from the patterns and their rules spread over the heap.
    struct Candidate {
        uint32_t rule = 0;
        uint8_t language = 0;    // bit language_index(l)
        bool signal = false;
        bool any_speaker = true;
        core::Role speaker = core::Role::unknown;
    };
    std::vector<Candidate> m_candidates;    // per m_patterns entry
    // Per m_patterns entry: the entry of the first alternative of the rule's pattern it comes from
    // (itself when the pattern is not split): the alternatives of a pattern are the entries from
    // there on that give the same.
    std::vector<uint32_t> m_alternation;
    std::vector<CompiledPattern> m_unless;
    std::vector<std::vector<size_t>> m_unless_by_rule;
    // Per m_patterns entry: its pattern's own unless (an index into m_guards), or -1.
    std::vector<int32_t> m_guard_of;
    std::vector<CompiledPattern> m_guards;
    uint64_t m_generation = 0;    // tells the per-thread candidate caches which rules they hold
    // The prefilter: each pattern's atoms (prefilter.hpp) go into one Aho–Corasick scanner, and
    // a turn runs only the patterns it holds an atom of each clause of. m_atom_uses[atom] lists
    // the patterns and clauses that scanner atom `atom` satisfies (for atoms below m_filter_atoms);
    // m_clauses[pattern] has a bit per clause of the pattern (0: it has none).
    struct AtomUse {
        int pattern = 0;
        uint8_t clause = 0;    // its bit
    };
    std::vector<std::vector<AtomUse>> m_atom_uses;
    std::vector<uint8_t> m_clauses;
    AtomScanner m_atoms;
    std::vector<int> m_unfiltered;    // patterns without atoms: they run on every turn
    // Scanner atoms from m_filter_atoms on are one-word patterns: m_word_patterns[atom - m_filter_atoms]
    // is the pattern, m_word_lengths the word's length in bytes.
    size_t m_filter_atoms = 0;
    std::vector<int> m_word_patterns;
    std::vector<size_t> m_word_lengths;
};

}  // namespace qalint::rules
