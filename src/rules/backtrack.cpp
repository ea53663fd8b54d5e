#include "rules/backtrack.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <optional>

#include "rules/regex_syntax.hpp"

namespace qalint::rules {

namespace {

using ByteSet = Backtracker::ByteSet;
using Sequence = std::vector<uint32_t>;

// A regex as parsed, a tree of these; Backtracker keeps a flat copy (see Flattener).
struct ParsedNode {
    enum class Kind : uint8_t { bytes, set, line_begin, line_end, group, repeat };
    Kind kind = Kind::bytes;
    std::string bytes;                    // bytes: a literal run
    ByteSet set{};                        // set, and repeat with single_byte: one byte of these
    std::vector<Sequence> alternatives;   // group: tried in order
    Sequence child;                       // repeat: one round
    int min = 0;
    int max = -1;    // -1: no limit
    bool greedy = true;
    bool single_byte = false;    // repeat: a round is one byte of `set` (a fast loop, no recursion)
};

bool has(const ByteSet& set, unsigned char byte) { return (set[byte >> 6] >> (byte & 63)) & 1u; }
void add(ByteSet& set, unsigned char byte) { set[byte >> 6] |= uint64_t{1} << (byte & 63); }
void add_range(ByteSet& set, unsigned lo, unsigned hi) {
    for (unsigned b = lo; b <= hi; ++b) add(set, static_cast<unsigned char>(b));
}
int count(const ByteSet& set) {
    int n = 0;
    for (uint64_t word : set) n += std::popcount(word);
    return n;
}
// The one byte in a set of one.
unsigned char only_byte(const ByteSet& set) {
    for (size_t word = 0; word < set.size(); ++word)
        if (set[word] != 0) return static_cast<unsigned char>(word * 64 + static_cast<size_t>(std::countr_zero(set[word])));
    return 0;
}
void unite(ByteSet& into, const ByteSet& from) {
    for (size_t i = 0; i < into.size(); ++i) into[i] |= from[i];
}
ByteSet complement(const ByteSet& set) {
    ByteSet out;
    for (size_t i = 0; i < set.size(); ++i) out[i] = ~set[i];
    return out;
}

// Literal runs are a few bytes long and usually differ in the first: cheaper than a call to memcmp.
bool same_bytes(const char* text, const char* literal, size_t length) {
    for (size_t i = 0; i < length; ++i)
        if (text[i] != literal[i]) return false;
    return true;
}

// RE2's syntax, as far as rules use it. Anything else throws Unsupported: RE2 keeps the pattern.
struct Unsupported {};

class Parser {
public:
    Parser(std::string_view regex, std::vector<ParsedNode>& nodes) : m_regex(regex), m_nodes(nodes) {
        m_nodes.reserve(regex.size() + 1);    // at most a node per character, and a group
    }

    Sequence parse() {
        Sequence body = alternation();
        if (m_pos != m_regex.size()) throw Unsupported{};
        return body;
    }

private:
    using Node = ParsedNode;

    bool at_end() const { return m_pos >= m_regex.size(); }
    char peek() const { return m_regex[m_pos]; }

    uint32_t push(Node node) {
        m_nodes.push_back(std::move(node));
        return static_cast<uint32_t>(m_nodes.size() - 1);
    }

    // a|b|c as one sequence: itself when there is one alternative, else a group node.
    Sequence alternation() {
        std::vector<Sequence> alternatives{sequence()};
        while (!at_end() && peek() == '|') {
            ++m_pos;
            alternatives.push_back(sequence());
        }
        if (alternatives.size() == 1) return std::move(alternatives.front());
        Node group;
        group.kind = Node::Kind::group;
        group.alternatives = std::move(alternatives);
        return {push(std::move(group))};
    }

    Sequence sequence() {
        Sequence out;
        bool literal_last = false;    // the last node is literal bytes that the next literal may join
        while (!at_end() && peek() != '|' && peek() != ')') {
            Node atom = this->atom();
            if (!at_end() && (peek() == '*' || peek() == '+' || peek() == '?' || peek() == '{')) atom = quantify(std::move(atom));
            // Literal bytes in a row are one node: one comparison instead of one step per byte.
            if (atom.kind == Node::Kind::bytes && literal_last) {
                m_nodes[out.back()].bytes += atom.bytes;
                continue;
            }
            literal_last = atom.kind == Node::Kind::bytes;
            out.push_back(push(std::move(atom)));
        }
        return out;
    }

    Node atom() {
        const char c = peek();
        Node node;
        switch (c) {
            case '(': return group();
            case '[': return set();
            case '.':
                ++m_pos;
                node.kind = Node::Kind::set;
                node.set = complement({});
                node.set[0] &= ~(uint64_t{1} << '\n');    // RE2's . stops at a line end
                return node;
            case '^':
                ++m_pos;
                node.kind = Node::Kind::line_begin;
                return node;
            case '$':
                ++m_pos;
                node.kind = Node::Kind::line_end;
                return node;
            case '\\': return escape(false);
            case '*': case '+': case '?': case '{': case ')': throw Unsupported{};
            default:
                ++m_pos;
                node.bytes = std::string(1, c);
                return node;
        }
    }

    Node group() {
        ++m_pos;    // (
        if (!at_end() && peek() == '?') {
            // (?:...) groups; (?P<name>...) and (?<name>...) capture, which only RE2's groups care about.
            if (m_regex.substr(m_pos, 2) == "?:") {
                m_pos += 2;
            } else if (m_regex.substr(m_pos, 3) == "?P<" || m_regex.substr(m_pos, 2) == "?<") {
                const size_t close = m_regex.find('>', m_pos);
                if (close == std::string_view::npos) throw Unsupported{};
                m_pos = close + 1;
            } else {
                throw Unsupported{};    // flags such as (?i) change what the bytes mean
            }
        }
        Sequence inner = alternation();
        if (at_end() || peek() != ')') throw Unsupported{};
        ++m_pos;
        Node node;
        node.kind = Node::Kind::group;
        node.alternatives.push_back(std::move(inner));
        return node;
    }

    // \d \s \xHH \. …; in a class too (then only a set or one byte makes sense).
    Node escape(bool in_set) {
        ++m_pos;    // backslash
        if (at_end()) throw Unsupported{};
        const char c = m_regex[m_pos++];
        Node node;
        node.kind = Node::Kind::set;
        const auto one = [&](unsigned char byte) {
            if (in_set) {
                add(node.set, byte);
            } else {
                node.kind = Node::Kind::bytes;
                node.bytes = std::string(1, static_cast<char>(byte));
            }
            return node;
        };
        switch (c) {
            case 'd': add_range(node.set, '0', '9'); return node;
            case 'D': add_range(node.set, '0', '9'); node.set = complement(node.set); return node;
            case 's':
            case 'S':
                for (unsigned char space : {'\t', '\n', '\f', '\r', ' '}) add(node.set, space);
                if (c == 'S') node.set = complement(node.set);
                return node;
            case 'n': return one('\n');
            case 't': return one('\t');
            case 'r': return one('\r');
            case 'f': return one('\f');
            case 'v': return one('\v');
            case 'x': return one(hex_escape());
            default: break;
        }
        // Any other escaped punctuation stands for itself; escaped letters and digits are
        // classes or assertions (\pL was expanded before; \A \z \C \Q are RE2's alone).
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80 && !std::isalnum(byte)) return one(byte);
        throw Unsupported{};
    }

    unsigned char hex_escape() {
        const bool braced = !at_end() && peek() == '{';
        if (braced) ++m_pos;
        unsigned value = 0;
        size_t digits = 0;
        while (!at_end() && std::isxdigit(static_cast<unsigned char>(peek())) && (braced || digits < 2)) {
            const char h = m_regex[m_pos++];
            value = value * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (h | 0x20) - 'a' + 10);
            ++digits;
            if (value > 0xff) throw Unsupported{};
        }
        if (digits == 0 || (!braced && digits != 2)) throw Unsupported{};
        if (braced) {
            if (at_end() || peek() != '}') throw Unsupported{};
            ++m_pos;
        }
        return static_cast<unsigned char>(value);
    }

    Node set() {
        ++m_pos;    // [
        bool negated = false;
        if (!at_end() && peek() == '^') {
            negated = true;
            ++m_pos;
        }
        Node node;
        node.kind = Node::Kind::set;
        bool first = true;
        while (true) {
            if (at_end()) throw Unsupported{};
            if (peek() == ']' && !first) break;
            first = false;
            if (m_regex.substr(m_pos, 2) == "[:") throw Unsupported{};    // POSIX classes
            unsigned char lo = 0;
            if (peek() == '\\') {
                // \d and \s join the class whole; a single escaped byte may start a range.
                const Node escaped = escape(true);
                if (count(escaped.set) != 1) {
                    unite(node.set, escaped.set);
                    continue;
                }
                lo = only_byte(escaped.set);
            } else {
                lo = static_cast<unsigned char>(m_regex[m_pos++]);
            }
            if (m_pos + 1 < m_regex.size() && peek() == '-' && m_regex[m_pos + 1] != ']') {
                ++m_pos;    // -
                unsigned char hi = 0;
                if (peek() == '\\') {
                    const Node escaped = escape(true);
                    if (count(escaped.set) != 1) throw Unsupported{};
                    hi = only_byte(escaped.set);
                } else {
                    hi = static_cast<unsigned char>(m_regex[m_pos++]);
                }
                if (hi < lo) throw Unsupported{};
                add_range(node.set, lo, hi);
            } else {
                add(node.set, lo);
            }
        }
        ++m_pos;    // ]
        if (negated) node.set = complement(node.set);    // RE2 lets [^...] match a line end too
        return node;
    }

    Node quantify(Node atom) {
        int min = 0, max = -1;
        const char q = m_regex[m_pos++];
        if (q == '+') min = 1;
        else if (q == '?') max = 1;
        else if (q == '{') {
            min = number();
            max = min;
            if (!at_end() && peek() == ',') {
                ++m_pos;
                max = !at_end() && peek() == '}' ? -1 : number();
            }
            if (at_end() || peek() != '}') throw Unsupported{};
            ++m_pos;
            if (max != -1 && max < min) throw Unsupported{};
        }
        bool greedy = true;
        if (!at_end() && peek() == '?') {
            greedy = false;
            ++m_pos;
        }
        if (!at_end() && (peek() == '*' || peek() == '+' || peek() == '?' || peek() == '{')) throw Unsupported{};
        Node repeat;
        repeat.kind = Node::Kind::repeat;
        repeat.min = min;
        repeat.max = max;
        repeat.greedy = greedy;
        if (atom.kind == Node::Kind::set || (atom.kind == Node::Kind::bytes && atom.bytes.size() == 1)) {
            repeat.single_byte = true;
            if (atom.kind == Node::Kind::bytes) add(repeat.set, static_cast<unsigned char>(atom.bytes[0]));
            else repeat.set = atom.set;
        } else {
            repeat.child = {push(std::move(atom))};
        }
        return repeat;
    }

    int number() {
        int value = 0;
        size_t digits = 0;
        while (!at_end() && std::isdigit(static_cast<unsigned char>(peek()))) {
            value = value * 10 + (m_regex[m_pos++] - '0');
            if (++digits > 4) throw Unsupported{};
        }
        if (digits == 0) throw Unsupported{};
        return value;
    }

    std::string_view m_regex;
    size_t m_pos = 0;
    std::vector<ParsedNode>& m_nodes;
};

// What a sequence can start with, and whether it can match nothing at all.
struct Start {
    ByteSet first{};
    bool nullable = true;
};

// What a sequence can start with, from what its nodes can.
Start start_of(const std::vector<Start>& node_starts, const Sequence& sequence) {
    Start out;
    for (uint32_t id : sequence) {
        unite(out.first, node_starts[id].first);
        if (!node_starts[id].nullable) {
            out.nullable = false;
            break;
        }
    }
    return out;
}

// What each node can start with. The parser adds a node after the nodes inside it, so one pass
// in order sees every node's parts before the node.
std::vector<Start> node_starts(const std::vector<ParsedNode>& nodes) {
    using Kind = ParsedNode::Kind;
    std::vector<Start> starts(nodes.size());
    for (size_t id = 0; id < nodes.size(); ++id) {
        const ParsedNode& node = nodes[id];
        Start& out = starts[id];
        switch (node.kind) {
            case Kind::bytes:
                if (!node.bytes.empty()) {
                    add(out.first, static_cast<unsigned char>(node.bytes[0]));
                    out.nullable = false;
                }
                break;
            case Kind::set: out.first = node.set; out.nullable = false; break;
            case Kind::line_begin:
            case Kind::line_end: break;
            case Kind::group:
                out.nullable = false;
                for (const auto& alternative : node.alternatives) {
                    const Start s = start_of(starts, alternative);
                    unite(out.first, s.first);
                    out.nullable = out.nullable || s.nullable;
                }
                break;
            case Kind::repeat: {
                const Start s = node.single_byte ? Start{node.set, false} : start_of(starts, node.child);
                out.first = s.first;
                out.nullable = node.min == 0 || s.nullable;
                break;
            }
        }
    }
    return starts;
}

}  // namespace

struct Backtracker::Node {
    enum class Kind : uint8_t { bytes, set, line_begin, line_end, group, byte_loop, loop };
    Kind kind = Kind::bytes;
    bool greedy = true;
    int32_t min = 0;
    int32_t max = -1;       // -1: no limit
    uint32_t index = 0;     // bytes: into m_bytes; set, byte_loop: into m_sets; group: into m_alternatives; loop: into m_sequences
    uint32_t length = 0;    // bytes: how many; group: alternatives; loop: the nodes of one round
    uint32_t first = no_first;    // group: into m_sets, the bytes any alternative can start with
    static constexpr uint32_t no_first = UINT32_MAX;    // (or an alternative can match nothing)
};

struct Backtracker::Alternative {
    static constexpr uint16_t check_set = 0x100;    // starts with one of first_set's bytes
    static constexpr uint16_t always = 0x200;       // can match nothing: always tried
    Range nodes;
    uint16_t first_byte = always;    // the one byte it starts with, when there is one
    uint32_t first_set = 0;
};

// The parsed tree laid out flat: a pattern's nodes, sequences, alternatives and byte sets each
// in one array, so that a search touches a few cache lines, not a heap of small allocations.
class Backtracker::Flattener {
public:
    Flattener(const std::vector<ParsedNode>& parsed, const std::vector<Start>& starts, Backtracker& out)
        : m_parsed(parsed), m_starts(starts), m_out(out) {}

    Range sequence(const Sequence& parsed) {
        std::vector<uint32_t> ids;
        for (uint32_t id : parsed) ids.push_back(node(id));
        const Range range{static_cast<uint32_t>(m_out.m_sequences.size()), static_cast<uint32_t>(ids.size())};
        m_out.m_sequences.insert(m_out.m_sequences.end(), ids.begin(), ids.end());
        return range;
    }

private:
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
            case ParsedNode::Kind::line_begin: node.kind = Node::Kind::line_begin; break;
            case ParsedNode::Kind::line_end: node.kind = Node::Kind::line_end; break;
            case ParsedNode::Kind::group: {
                std::vector<Alternative> alternatives;
                for (const Sequence& parsed_alternative : parsed.alternatives) {
                    Alternative alternative;
                    alternative.nodes = sequence(parsed_alternative);
                    const Start start = start_of(m_starts, parsed_alternative);
                    if (!start.nullable && count(start.first) == 1) {
                        alternative.first_byte = only_byte(start.first);
                    } else if (!start.nullable) {
                        alternative.first_byte = Alternative::check_set;
                        alternative.first_set = set(start.first);
                    }
                    alternatives.push_back(alternative);
                }
                node.kind = Node::Kind::group;
                if (!m_starts[id].nullable) node.first = set(m_starts[id].first);
                node.index = static_cast<uint32_t>(m_out.m_alternatives.size());
                node.length = static_cast<uint32_t>(alternatives.size());
                m_out.m_alternatives.insert(m_out.m_alternatives.end(), alternatives.begin(), alternatives.end());
                break;
            }
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
};

Backtracker::Backtracker() = default;
Backtracker::~Backtracker() = default;

std::unique_ptr<Backtracker> Backtracker::compile(std::string_view body) {
    std::vector<ParsedNode> parsed;
    Sequence parsed_body;
    try {
        parsed_body = Parser(body, parsed).parse();
    } catch (const Unsupported&) {
        return nullptr;
    }
    // A loop whose round can match nothing is where backtracking and RE2 part ways (how many
    // empty rounds count); RE2 keeps those, and bodies that can match nothing at all.
    const std::vector<Start> starts = node_starts(parsed);
    for (const ParsedNode& node : parsed)
        if (node.kind == ParsedNode::Kind::repeat && !node.single_byte && node.max != 1 && start_of(starts, node.child).nullable)
            return nullptr;
    const Start body_start = start_of(starts, parsed_body);
    if (body_start.nullable) return nullptr;
    auto out = std::make_unique<Backtracker>();
    out->m_first = body_start.first;
    out->m_body = Flattener(parsed, starts, *out).sequence(parsed_body);
    return out;
}

void Backtracker::boundary_starts(std::string_view text, std::vector<uint32_t>& starts) {
    starts.clear();
    if (text.empty()) return;
    starts.push_back(0);
    for (size_t pos = 1; pos < text.size(); ++pos)
        if (!is_word_byte(static_cast<unsigned char>(text[pos - 1]))) starts.push_back(static_cast<uint32_t>(pos));
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
        uint32_t begin = 0;    // the sequence: m_sequences[begin, begin + length)
        uint32_t length = 0;
        uint32_t index = 0;
        const Node* loop = nullptr;    // set: a round of this loop just ended, `count` done
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
                    if (size - pos < node.length || !same_bytes(text + pos, m_pattern.m_bytes.data() + node.index, node.length))
                        return false;
                    pos += node.length;
                    continue;
                case Node::Kind::set:
                    if (pos >= size || !has(m_pattern.m_sets[node.index], static_cast<unsigned char>(text[pos]))) return false;
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
                    const unsigned byte = pos < size ? static_cast<unsigned char>(text[pos]) : Alternative::check_set;
                    const Alternative* alternative = m_pattern.m_alternatives.data() + node.index;
                    for (const Alternative* last = alternative + node.length; alternative != last; ++alternative) {
                        const uint16_t first = alternative->first_byte;
                        const bool can_start = first == byte || first == Alternative::always ||
                                               (first == Alternative::check_set && pos < size &&
                                                has(m_pattern.m_sets[alternative->first_set], static_cast<unsigned char>(byte)));
                        if (can_start && run(alternative->nodes.begin, alternative->nodes.length, 0, pos, &after)) return true;
                        if (m_gave_up) return false;
                    }
                    return false;
                }
                case Node::Kind::byte_loop: return byte_loop(node, pos, {begin, length, index + 1, nullptr, 0, next});
                case Node::Kind::loop: return round(node, 0, pos, {begin, length, index + 1, nullptr, 0, next});
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
        if (next->loop) return round(*next->loop, next->count, pos, {next->begin, next->length, next->index, nullptr, 0, next->next});
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
        if (node.greedy) {
            for (size_t n = taken + 1; n-- > min;) {
                if (run(after.begin, after.length, after.index, pos + n, after.next)) return true;
                if (m_gave_up) return false;
            }
        } else {
            for (size_t n = min; n <= taken; ++n) {
                if (run(after.begin, after.length, after.index, pos + n, after.next)) return true;
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

Backtracker::Result Backtracker::search(std::string_view text, std::span<const uint32_t> starts) const {
    if (m_give_ups.load(std::memory_order_relaxed) >= max_give_ups) return {Outcome::gave_up};
    Search search(*this, text);
    for (const uint32_t pos : starts) {
        if (!has(m_first, static_cast<unsigned char>(text[pos]))) continue;
        if (search.from(pos)) return {Outcome::match, pos, search.end()};
        if (search.gave_up()) {
            m_give_ups.fetch_add(1, std::memory_order_relaxed);
            return {Outcome::gave_up};
        }
    }
    return {Outcome::no_match};
}

Backtracker::Result Backtracker::search(std::string_view text) const {
    std::vector<uint32_t> starts;
    boundary_starts(text, starts);
    return search(text, starts);
}

}  // namespace qalint::rules
