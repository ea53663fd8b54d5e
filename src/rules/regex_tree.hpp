#pragma once
// The regex syntax rules are written in, parsed into a small tree: what the backtracking
// matcher (backtrack.hpp) runs, once flattened. Only RE2 syntax the matcher takes on parses;
// the rest (flags, POSIX classes, \A …) is left to RE2.

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qalint::rules {

using ByteSet = std::array<uint64_t, 4>;  // one bit per byte value
using Sequence = std::vector<uint32_t>;   // node indices, matched one after another

inline bool has(const ByteSet& set, unsigned char byte) {
    return (set[byte >> 6] >> (byte & 63)) & 1u;
}
inline void add(ByteSet& set, unsigned char byte) {
    set[byte >> 6] |= uint64_t{1} << (byte & 63);
}
inline void add_range(ByteSet& set, unsigned lo, unsigned hi) {
    for (unsigned b = lo; b <= hi; ++b) add(set, static_cast<unsigned char>(b));
}
inline int count(const ByteSet& set) {
    int n = 0;
    for (uint64_t word : set) n += std::popcount(word);
    return n;
}
// The one byte in a set of one.
inline unsigned char only_byte(const ByteSet& set) {
    for (size_t word = 0; word < set.size(); ++word)
        if (set[word] != 0)
            return static_cast<unsigned char>(word * 64 + static_cast<size_t>(std::countr_zero(set[word])));
    return 0;
}
inline void unite(ByteSet& into, const ByteSet& from) {
    for (size_t i = 0; i < into.size(); ++i) into[i] |= from[i];
}
inline ByteSet complement(const ByteSet& set) {
    ByteSet out;
    for (size_t i = 0; i < set.size(); ++i) out[i] = ~set[i];
    return out;
}

// A node of a parsed regex. The parser adds a node after the nodes inside it.
struct ParsedNode {
    enum class Kind : uint8_t { bytes, set, line_begin, line_end, group, repeat };
    Kind kind = Kind::bytes;
    std::string bytes;                   // bytes: a literal run
    ByteSet set{};                       // set, and repeat with single_byte: one byte of these
    std::vector<Sequence> alternatives;  // group: tried in order
    Sequence child;                      // repeat: one round
    int min = 0;
    int max = -1;  // -1: no limit
    bool greedy = true;
    bool single_byte = false;  // repeat: a round is one byte of `set` (a fast loop, no recursion)
};

struct RegexTree {
    std::vector<ParsedNode> nodes;
    Sequence body;
};

// A regex (in the normalised one-byte encoding, \pL expanded) as a tree; nullopt when it uses
// syntax the backtracker does not take on.
std::optional<RegexTree> parse_regex(std::string_view regex);

// What a node or sequence can start with, and whether it can match nothing at all.
struct Start {
    ByteSet first{};
    bool nullable = true;
};
// Per node, worked out in one pass in node order.
std::vector<Start> node_starts(const std::vector<ParsedNode>& nodes);
Start start_of(const std::vector<Start>& node_starts, const Sequence& sequence);

// Node ids matched one after another: `ids`, then what `next` holds.
struct Tail {
    const uint32_t* ids = nullptr;
    size_t size = 0;
    const Tail* next = nullptr;
};
// The bytes a match of the tail can have second, when every match of it is two bytes or more
// and its first node is simple enough to tell (literal bytes, a byte set, a loop over bytes, a
// group of such); nullopt otherwise. "(iu|[a-tv-z])siu" has u or s second.
std::optional<ByteSet> second_bytes(const std::vector<ParsedNode>& nodes, const std::vector<Start>& node_starts,
                                    const Tail& tail);

}  // namespace qalint::rules
