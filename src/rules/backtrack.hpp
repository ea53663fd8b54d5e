#pragma once
// A backtracking matcher for the regexes rules are written in, run instead of RE2 on the turns
// the prefilter lets through. RE2's DFAs are fast once warm, but a pack has hundreds of them and
// a turn runs a handful: each run walks DFA states that have long left the cache. This matcher
// keeps a pattern as a few small nodes, tries it only where a word starts with a byte the pattern
// can start with, finds a group's alternatives by the literal they begin with (a list of hundreds
// of words costs a walk down a trie, literal_trie.hpp), and gives the same match RE2 would:
// leftmost, then the first alternative in the order written (Perl's order, which RE2 follows).
// What it does not take on (flags, empty loops, \A \z, POSIX classes) stays with RE2, and so
// does any search that runs over its budget.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/literal_trie.hpp"
#include "rules/regex_tree.hpp"

namespace qalint::rules {

class Backtracker {
public:
    // `body` is a pattern's regex as RE2 runs it, between the boundaries: in the normalised
    // one-byte encoding, \pL and \pN expanded (encode_regex(expand_letter_classes(...))).
    // Null when the regex uses syntax this matcher leaves to RE2.
    static std::unique_ptr<Backtracker> compile(std::string_view body);
    // The same from the body already parsed (parse_regex).
    static std::unique_ptr<Backtracker> compile(const RegexTree& tree);

    enum class Outcome { match, no_match, gave_up };
    struct Result {
        Outcome outcome = Outcome::no_match;
        size_t begin = 0;  // the match without its boundaries: normalised bytes [begin, end)
        size_t end = 0;
    };
    // The leftmost match in normalised text of (?m)(?:^|[^\pL\pN_])(body)(?:$|[^\pL\pN_]),
    // group 1, as RE2 finds it; gave_up when the search ran too long (RE2 should answer then).
    // A pattern that keeps running too long ("(a+)+b") is given up on at once after a while:
    // its budget would be spent on every turn for nothing.
    // A match starts at `from` or later (the next one after a match that ended there), and at
    // `last_start` or earlier: no_match when the leftmost match would begin after it (a caller that
    // already holds a match beginning there need not look further).
    Result search(std::string_view text, size_t from = 0, size_t last_start = SIZE_MAX) const;

    using ByteSet = std::array<uint64_t, 4>;
    struct Range {  // a sequence of nodes: m_sequences[begin, begin + length)
        uint32_t begin = 0;
        uint32_t length = 0;
    };
    struct Node;
    struct Alternative;

    Backtracker();
    ~Backtracker();

private:
    class Flattener;
    class Search;
    std::vector<Node> m_nodes;
    std::vector<uint32_t> m_sequences;  // node indices, each sequence a range of them
    std::vector<Alternative> m_alternatives;
    std::vector<ByteSet> m_sets;
    std::string m_bytes;  // the literal runs, one after another
    Range m_body;
    LiteralTrie m_trie;             // groups' alternatives by the literal they begin with
    std::vector<uint32_t> m_loose;  // groups' alternatives that begin with no literal, ascending
    ByteSet m_first{};              // bytes a match can start with
    ByteSet m_second{};             // with m_two_bytes, the bytes a match (two bytes or more) has second
    bool m_two_bytes = false;
    bool m_anchored = false;        // the body begins with ^
    int m_only_first = -1;          // the one byte a match can start with, when there is one
    static constexpr uint32_t max_give_ups = 16;
    mutable std::atomic<uint32_t> m_give_ups{0};  // searches that ran over budget, on any thread
};

}  // namespace qalint::rules
