#include "rules/backtrack.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <span>

#include "rules/regex_syntax.hpp"
#include "rules/regex_tree.hpp"

namespace qalint::rules {
namespace {

// Literal runs are a few bytes long and usually differ in the first: cheaper than a call to memcmp.
bool same_bytes(const char* text, const char* literal, size_t length) {
    for (size_t i = 0; i < length; ++i)
        if (text[i] != literal[i]) return false;
    return true;
}

}  // namespace

struct Backtracker::Node {
    enum class Kind : uint8_t { bytes, set, line_begin, line_end, group, byte_loop, loop };
    Kind kind = Kind::bytes;
    bool greedy = true;
    int32_t min = 0;
    int32_t max = -1;  // -1: no limit
    uint32_t index =
        0;  // bytes: into m_bytes; set, byte_loop: into m_sets; group: into m_alternatives; loop: into m_sequences
    uint32_t length = 0;        // bytes: how many; group: alternatives; loop: the nodes of one round
    uint32_t first = no_first;  // group: into m_sets, the bytes any alternative can start with
    // byte_loop: into m_sets, the bytes what follows the loop in its sequence can start with,
    // and those it has second when it is known to be two bytes or more
    uint32_t follow = no_first;
    uint32_t follow_second = no_first;
    // group: the root in m_trie of the alternatives that begin with a literal (no_first: none do),
    // and the others, m_loose[loose, loose + loose_count)
    uint32_t trie = no_first;
    uint32_t loose = 0;
    uint32_t loose_count = 0;
    static constexpr uint32_t no_first = UINT32_MAX;  // (or it can match nothing)
};

struct Backtracker::Alternative {
    static constexpr uint16_t check_set = 0x100;  // starts with one of first_set's bytes
    static constexpr uint16_t always = 0x200;     // can match nothing: always tried
    Range nodes;                   // what is matched after the literal, when it has one (in m_trie); else all of it
    uint32_t literal = 0;          // the literal's length
    uint16_t first_byte = always;  // without a literal: the one byte it starts with, when there is one
    uint32_t first_set = 0;
};

// The parsed tree laid out flat: a pattern's nodes, sequences, alternatives and byte sets each
// in one array, so that a search touches a few cache lines, not a heap of small allocations.
class Backtracker::Flattener {
public:
    Flattener(const std::vector<ParsedNode>& parsed, const std::vector<Start>& starts, Backtracker& out)
        : m_parsed(parsed), m_starts(starts), m_out(out) {}

    Range sequence(const Sequence& parsed_sequence) {
        // The parsed nodes and the laid-out ones go on stacks shared by every sequence of the
        // pattern (a vocabulary is hundreds of sequences): each call pops what it pushed.
        const size_t parsed = m_parsed_stack.size(), laid_out = m_ids_stack.size();
        inline_groups_of_one(parsed_sequence);
        const size_t parsed_end = m_parsed_stack.size();
        for (size_t i = parsed; i < parsed_end; ++i) {
            const ParsedNode& next = m_parsed[m_parsed_stack[i]];
            // Literal runs that meet once groups of one are inlined are one run: "(?:ab)c" is "abc".
            if (next.kind == ParsedNode::Kind::bytes && m_ids_stack.size() > laid_out) {
                Node& last = m_out.m_nodes[m_ids_stack.back()];
                if (last.kind == Node::Kind::bytes && last.index + last.length == m_out.m_bytes.size()) {
                    m_out.m_bytes += next.bytes;
                    last.length += static_cast<uint32_t>(next.bytes.size());
                    continue;
                }
            }
            const uint32_t id = node(m_parsed_stack[i]);
            m_ids_stack.push_back(id);
            m_origins_stack.push_back(i);
        }
        // A loop over bytes ends where what follows it can start: "[^.!?]{0,60}?(by|within) …" need
        // not try the rest after every one of its sixty bytes.
        for (size_t i = laid_out; i < m_ids_stack.size(); ++i) {
            Node& loop = m_out.m_nodes[m_ids_stack[i]];
            if (loop.kind != Node::Kind::byte_loop) continue;
            Start rest;
            for (size_t j = m_origins_stack[i] + 1; j < parsed_end && rest.nullable; ++j) {
                const Start& next = m_starts[m_parsed_stack[j]];
                unite(rest.first, next.first);
                rest.nullable = next.nullable;
            }
            if (!rest.nullable) loop.follow = set(rest.first);
            const size_t after = m_origins_stack[i] + 1;
            const std::optional<ByteSet> second =
                second_bytes(m_parsed, m_starts, Tail{m_parsed_stack.data() + after, parsed_end - after, nullptr});
            if (second) m_out.m_nodes[m_ids_stack[i]].follow_second = set(*second);
        }
        const Range range{static_cast<uint32_t>(m_out.m_sequences.size()),
                          static_cast<uint32_t>(m_ids_stack.size() - laid_out)};
        m_out.m_sequences.insert(m_out.m_sequences.end(), m_ids_stack.begin() + static_cast<long>(laid_out),
                                 m_ids_stack.end());
        m_parsed_stack.resize(parsed);
        m_ids_stack.resize(laid_out);
        m_origins_stack.resize(laid_out);
        return range;
    }

private:
    // A group of one alternative is that alternative's sequence, in place: "((a|b)c)d" runs as
    // "(a|b)cd", a step less each, and what follows a loop is known past the group's end.
    void inline_groups_of_one(const Sequence& parsed) {
        for (uint32_t id : parsed) {
            const ParsedNode& node = m_parsed[id];
            if (node.kind == ParsedNode::Kind::group && node.alternatives.size() == 1)
                inline_groups_of_one(node.alternatives.front());
            else
                m_parsed_stack.push_back(id);
        }
    }

    // A group's alternatives: those that begin with a literal go into the trie, which finds them
    // by the bytes at hand; the others are tried where their first byte allows.
    void alternatives_of(const ParsedNode& parsed, Node& node) {
        std::vector<Alternative> alternatives(parsed.alternatives.size());
        std::vector<std::string_view> literals(parsed.alternatives.size());  // empty: none
        for (size_t a = 0; a < alternatives.size(); ++a) alternatives[a].nodes = sequence(parsed.alternatives[a]);
        for (size_t a = 0; a < alternatives.size(); ++a) {
            const Range nodes = alternatives[a].nodes;
            const Node* first = nodes.length == 0 ? nullptr : &m_out.m_nodes[m_out.m_sequences[nodes.begin]];
            if (first && first->kind == Node::Kind::bytes)
                literals[a] = std::string_view(m_out.m_bytes).substr(first->index, first->length);
        }
        node.trie = std::any_of(literals.begin(), literals.end(), [](std::string_view l) { return !l.empty(); })
                        ? m_out.m_trie.add(literals)
                        : Node::no_first;
        node.loose = static_cast<uint32_t>(m_out.m_loose.size());
        for (uint32_t a = 0; a < alternatives.size(); ++a) {
            Alternative& alternative = alternatives[a];
            if (node.trie != Node::no_first && !literals[a].empty()) {
                // The trie has matched the literal: on from the node after it.
                alternative.literal = static_cast<uint32_t>(literals[a].size());
                ++alternative.nodes.begin;
                --alternative.nodes.length;
                continue;
            }
            m_out.m_loose.push_back(a);
            const Start start = start_of(m_starts, parsed.alternatives[a]);
            if (!start.nullable && count(start.first) == 1) {
                alternative.first_byte = only_byte(start.first);
            } else if (!start.nullable) {
                alternative.first_byte = Alternative::check_set;
                alternative.first_set = set(start.first);
            }
        }
        node.loose_count = static_cast<uint32_t>(m_out.m_loose.size()) - node.loose;
        node.index = static_cast<uint32_t>(m_out.m_alternatives.size());
        node.length = static_cast<uint32_t>(alternatives.size());
        m_out.m_alternatives.insert(m_out.m_alternatives.end(), alternatives.begin(), alternatives.end());
    }

    uint32_t set(const ByteSet& bytes) {
        m_out.m_sets.push_back(bytes);
        return static_cast<uint32_t>(m_out.m_sets.size() - 1);
    }

    uint32_t node(uint32_t id) {
        const ParsedNode& parsed = m_parsed[id];
        Node node;
        switch (parsed.kind) {
            case ParsedNode::Kind::bytes:
                node.kind = Node::Kind::bytes;
                node.index = static_cast<uint32_t>(m_out.m_bytes.size());
                node.length = static_cast<uint32_t>(parsed.bytes.size());
                m_out.m_bytes += parsed.bytes;
                break;
            case ParsedNode::Kind::set:
                node.kind = Node::Kind::set;
                node.index = set(parsed.set);
                break;
            case ParsedNode::Kind::line_begin:
                node.kind = Node::Kind::line_begin;
                break;
            case ParsedNode::Kind::line_end:
                node.kind = Node::Kind::line_end;
                break;
            case ParsedNode::Kind::group:
                node.kind = Node::Kind::group;
                if (!m_starts[id].nullable) node.first = set(m_starts[id].first);
                alternatives_of(parsed, node);
                break;
            case ParsedNode::Kind::repeat:
                node.min = parsed.min;
                node.max = parsed.max;
                node.greedy = parsed.greedy;
                if (parsed.single_byte) {
                    node.kind = Node::Kind::byte_loop;
                    node.index = set(parsed.set);
                } else {
                    node.kind = Node::Kind::loop;
                    const Range round = sequence(parsed.child);
                    node.index = round.begin;
                    node.length = round.length;
                }
                break;
        }
        m_out.m_nodes.push_back(node);
        return static_cast<uint32_t>(m_out.m_nodes.size() - 1);
    }

    const std::vector<ParsedNode>& m_parsed;
    const std::vector<Start>& m_starts;
    Backtracker& m_out;
    std::vector<uint32_t> m_parsed_stack;  // parsed node ids, groups of one inlined
    std::vector<uint32_t> m_ids_stack;     // laid-out node ids
    std::vector<size_t> m_origins_stack;   // per laid-out node: where in m_parsed_stack it begins
};

Backtracker::Backtracker() = default;
Backtracker::~Backtracker() = default;

std::unique_ptr<Backtracker> Backtracker::compile(std::string_view body) {
    const std::optional<RegexTree> tree = parse_regex(body);
    return tree ? compile(*tree) : nullptr;
}

std::unique_ptr<Backtracker> Backtracker::compile(const RegexTree& tree) {
    const std::vector<ParsedNode>& parsed = tree.nodes;
    const Sequence& parsed_body = tree.body;
    // A loop whose round can match nothing is where backtracking and RE2 part ways (how many
    // empty rounds count); RE2 keeps those, and bodies that can match nothing at all.
    const std::vector<Start> starts = node_starts(parsed);
    for (const ParsedNode& node : parsed)
        if (node.kind == ParsedNode::Kind::repeat && !node.single_byte && node.max != 1 &&
            start_of(starts, node.child).nullable)
            return nullptr;
    const Start body_start = start_of(starts, parsed_body);
    if (body_start.nullable) return nullptr;
    auto out = std::make_unique<Backtracker>();
    out->m_first = body_start.first;
    if (count(body_start.first) == 1) out->m_only_first = static_cast<int>(only_byte(body_start.first));
    if (const auto second = second_bytes(parsed, starts, Tail{parsed_body.data(), parsed_body.size(), nullptr})) {
        out->m_second = *second;
        out->m_two_bytes = true;
    }
    out->m_anchored = !parsed_body.empty() && parsed[parsed_body.front()].kind == ParsedNode::Kind::line_begin;
    out->m_body = Flattener(parsed, starts, *out).sequence(parsed_body);
    return out;
}

// One search: the text, the work done so far, and where the match ended.
class Backtracker::Search {
public:
    Search(const Backtracker& pattern, std::string_view text)
        : m_pattern(pattern), m_text(text), m_budget(20000 + 8 * text.size()) {}

    bool from(size_t pos) { return run(m_pattern.m_body.begin, m_pattern.m_body.length, 0, pos, nullptr); }
    bool gave_up() const { return m_gave_up; }
    size_t end() const { return m_end; }

private:
    // What is left to match after the current node: the rest of a sequence, or more rounds of a
    // loop, then whatever comes after that.
    struct Continuation {
        uint32_t begin = 0;  // the sequence: m_sequences[begin, begin + length)
        uint32_t length = 0;
        uint32_t index = 0;
        const Node* loop = nullptr;  // set: a round of this loop just ended, `count` done
        int count = 0;
        const Continuation* next = nullptr;
    };

    bool spend() {
        if (++m_steps > m_budget) m_gave_up = true;
        return !m_gave_up;
    }

    bool run(uint32_t begin, uint32_t length, uint32_t index, size_t pos, const Continuation* next) {
        if (!spend()) return false;
        // Each group and loop round nests a call: a loop over a long text must not run out of stack.
        struct Depth {
            Search& search;
            explicit Depth(Search& s) : search(s) {
                if (++search.m_depth > max_depth) search.m_gave_up = true;
            }
            ~Depth() { --search.m_depth; }
        } depth(*this);
        if (m_gave_up) return false;
        const size_t size = m_text.size();
        const char* text = m_text.data();
        for (; index < length; ++index) {
            const Node& node = m_pattern.m_nodes[m_pattern.m_sequences[begin + index]];
            switch (node.kind) {
                case Node::Kind::bytes:
                    if (size - pos < node.length ||
                        !same_bytes(text + pos, m_pattern.m_bytes.data() + node.index, node.length))
                        return false;
                    pos += node.length;
                    continue;
                case Node::Kind::set:
                    if (pos >= size || !has(m_pattern.m_sets[node.index], static_cast<unsigned char>(text[pos])))
                        return false;
                    ++pos;
                    continue;
                case Node::Kind::line_begin:
                    if (pos != 0 && text[pos - 1] != '\n') return false;
                    continue;
                case Node::Kind::line_end:
                    if (pos != size && text[pos] != '\n') return false;
                    continue;
                case Node::Kind::group: {
                    // A long list of words after a loop is tried at many places: most fail on the first byte.
                    if (node.first != Node::no_first &&
                        (pos >= size || !has(m_pattern.m_sets[node.first], static_cast<unsigned char>(text[pos]))))
                        return false;
                    const Continuation after{begin, length, index + 1, nullptr, 0, next};
                    // Those whose literal the text has here, merged in the order written with those
                    // that begin with no literal: nothing else can match here.
                    const std::span<const uint32_t> found =
                        node.trie == Node::no_first ? std::span<const uint32_t>{}
                                                    : m_pattern.m_trie.candidates(node.trie, text, pos, size);
                    const uint32_t* loose = m_pattern.m_loose.data() + node.loose;
                    const uint32_t* const loose_end = loose + node.loose_count;
                    const Alternative* alternatives = m_pattern.m_alternatives.data() + node.index;
                    for (auto f = found.begin();;) {
                        const bool from_trie = f != found.end() && (loose == loose_end || *f < *loose);
                        if (!from_trie && loose == loose_end) return false;
                        const Alternative& alternative = alternatives[from_trie ? *f++ : *loose++];
                        if (!from_trie) {
                            const uint16_t first = alternative.first_byte;
                            const bool can_start =
                                first == Alternative::always ||
                                (pos < size &&
                                 (first == static_cast<unsigned char>(text[pos]) ||
                                  (first == Alternative::check_set && has(m_pattern.m_sets[alternative.first_set],
                                                                          static_cast<unsigned char>(text[pos])))));
                            if (!can_start) continue;
                        }
                        if (run(alternative.nodes.begin, alternative.nodes.length, 0, pos + alternative.literal,
                                &after))
                            return true;
                        if (m_gave_up) return false;
                    }
                }
                case Node::Kind::byte_loop:
                    return byte_loop(node, pos, {begin, length, index + 1, nullptr, 0, next});
                case Node::Kind::loop:
                    return round(node, 0, pos, {begin, length, index + 1, nullptr, 0, next});
            }
        }
        return resume(next, pos);
    }

    bool resume(const Continuation* next, size_t pos) {
        if (!next) {
            // The end boundary: the text's end, or a byte that is not part of a word.
            if (pos < m_text.size() && is_word_byte(static_cast<unsigned char>(m_text[pos]))) return false;
            m_end = pos;
            return true;
        }
        if (next->loop)
            return round(*next->loop, next->count, pos,
                         {next->begin, next->length, next->index, nullptr, 0, next->next});
        return run(next->begin, next->length, next->index, pos, next->next);
    }

    // A loop over one byte set: count the bytes it can take, then try the rest after each
    // number of them, most first when greedy, fewest first when lazy.
    bool byte_loop(const Node& node, size_t pos, const Continuation& after) {
        const size_t room = m_text.size() - pos;
        const size_t limit = node.max < 0 ? room : std::min<size_t>(static_cast<size_t>(node.max), room);
        const ByteSet& set = m_pattern.m_sets[node.index];
        size_t taken = 0;
        while (taken < limit && has(set, static_cast<unsigned char>(m_text[pos + taken]))) ++taken;
        const auto min = static_cast<size_t>(node.min);
        if (taken < min) return false;
        const ByteSet* follow = node.follow == Node::no_first ? nullptr : &m_pattern.m_sets[node.follow];
        const ByteSet* second = node.follow_second == Node::no_first ? nullptr : &m_pattern.m_sets[node.follow_second];
        const auto rest_from = [&](size_t end) {
            if (follow && (end >= m_text.size() || !has(*follow, static_cast<unsigned char>(m_text[end]))))
                return false;
            if (second && (end + 1 >= m_text.size() || !has(*second, static_cast<unsigned char>(m_text[end + 1]))))
                return false;
            return run(after.begin, after.length, after.index, end, after.next);
        };
        if (node.greedy) {
            for (size_t n = taken + 1; n-- > min;) {
                if (rest_from(pos + n)) return true;
                if (m_gave_up) return false;
            }
        } else {
            for (size_t n = min; n <= taken; ++n) {
                if (rest_from(pos + n)) return true;
                if (m_gave_up) return false;
            }
        }
        return false;
    }

    // `count` rounds of a loop are done at pos: another round, or on to what follows.
    bool round(const Node& node, int count, size_t pos, const Continuation& after) {
        if (!spend()) return false;
        const bool more = node.max < 0 || count < node.max;
        const bool enough = count >= node.min;
        const Continuation again{after.begin, after.length, after.index, &node, count + 1, after.next};
        const auto another = [&] { return more && run(node.index, node.length, 0, pos, &again); };
        const auto onwards = [&] { return enough && run(after.begin, after.length, after.index, pos, after.next); };
        if (node.greedy) return another() || (!m_gave_up && onwards());
        return onwards() || (!m_gave_up && another());
    }

    const Backtracker& m_pattern;
    std::string_view m_text;
    size_t m_budget;
    size_t m_steps = 0;
    static constexpr size_t max_depth = 2000;
    size_t m_depth = 0;
    bool m_gave_up = false;
    size_t m_end = 0;
};

Backtracker::Result Backtracker::search(std::string_view text, size_t from, size_t last_start) const {
    if (m_give_ups.load(std::memory_order_relaxed) >= max_give_ups) return {Outcome::gave_up};
    Search search(*this, text);
    Result result;
    // One start: the first match from there, the end of the search, or on to the next start.
    const auto attempt = [&](size_t pos) {
        if (!has(m_first, static_cast<unsigned char>(text[pos]))) return false;
        if (m_two_bytes && (pos + 1 >= text.size() || !has(m_second, static_cast<unsigned char>(text[pos + 1]))))
            return false;
        if (search.from(pos)) {
            result = {Outcome::match, pos, search.end()};
            return true;
        }
        if (!search.gave_up()) return false;
        m_give_ups.fetch_add(1, std::memory_order_relaxed);
        result = {Outcome::gave_up};
        return true;
    };
    // No start past last_start (nor past the text's end).
    const size_t stop = last_start < text.size() ? last_start + 1 : text.size();
    if (m_anchored) {
        // A body that begins with ^ can only start a line: at the text's start or after a '\n'.
        for (size_t pos = from; pos < stop;) {
            if ((pos == 0 || text[pos - 1] == '\n') && attempt(pos)) return result;
            const size_t line = text.find('\n', pos);
            if (line == std::string_view::npos) break;
            pos = line + 1;
        }
        return result;
    }
    if (m_only_first >= 0) {
        // One byte can start a match: memchr finds the places to try.
        const char first = static_cast<char>(m_only_first);
        for (size_t pos = from; pos < stop; ++pos) {
            const void* at = std::memchr(text.data() + pos, first, stop - pos);
            if (!at) break;
            pos = static_cast<size_t>(static_cast<const char*>(at) - text.data());
            if ((pos == 0 || !is_word_byte(static_cast<unsigned char>(text[pos - 1]))) && attempt(pos)) return result;
        }
        return result;
    }
    // A match starts at the text's start or after a byte that is not part of a word.
    for (size_t pos = from; pos < stop; ++pos)
        if ((pos == 0 || !is_word_byte(static_cast<unsigned char>(text[pos - 1]))) && attempt(pos)) return result;
    return result;
}

}  // namespace qalint::rules
