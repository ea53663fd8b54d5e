#include "rules/regex_tree.hpp"

#include <cctype>

namespace qalint::rules {
namespace {

// RE2's syntax, as far as rules use it. Anything else throws Unsupported: RE2 keeps the pattern.
struct Unsupported {};

class Parser {
public:
    Parser(std::string_view regex, std::vector<ParsedNode>& nodes) : m_regex(regex), m_nodes(nodes) {
        m_nodes.reserve(regex.size() + 1);  // at most a node per character, and a group
    }

    Sequence parse() {
        Sequence body = alternation();
        if (m_pos != m_regex.size()) throw Unsupported{};
        return body;
    }

private:
    using Node = ParsedNode;

    bool at_end() const { return m_pos >= m_regex.size(); }
    // A character that stands for itself (atom()'s default case).
    static bool is_plain(char c) {
        switch (c) {
            case '(':
            case ')':
            case '[':
            case '.':
            case '^':
            case '$':
            case '\\':
            case '|':
            case '*':
            case '+':
            case '?':
            case '{':
                return false;
            default:
                return true;
        }
    }
    static bool is_quantifier(char c) { return c == '*' || c == '+' || c == '?' || c == '{'; }
    static unsigned hex_digit(char c) {
        return std::isdigit(static_cast<unsigned char>(c)) ? static_cast<unsigned>(c - '0')
                                                           : static_cast<unsigned>((c | 0x20) - 'a' + 10);
    }
    unsigned hex_value(size_t at) const { return hex_digit(m_regex[at]) * 16 + hex_digit(m_regex[at + 1]); }
    // The characters of one byte that stands for itself at m_pos: a plain character (1) or, as
    // encode_regex writes every Cyrillic letter, \xHH (4); 0 for anything else.
    size_t literal_length() const {
        const char c = peek();
        if (c != '\\') return is_plain(c) ? 1 : 0;
        if (m_pos + 3 < m_regex.size() && m_regex[m_pos + 1] == 'x' &&
            std::isxdigit(static_cast<unsigned char>(m_regex[m_pos + 2])) &&
            std::isxdigit(static_cast<unsigned char>(m_regex[m_pos + 3])))
            return 4;
        return 0;
    }
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
        bool literal_last = false;  // the last node is literal bytes that the next literal may join
        while (!at_end() && peek() != '|' && peek() != ')') {
            // A plain character after literal bytes joins them in place (most of a vocabulary is
            // such characters): the same node the general path below would make, without a Node
            // made and dropped per character.
            if (literal_last) {
                const size_t length = literal_length();
                if (length > 0 && !(m_pos + length < m_regex.size() && is_quantifier(m_regex[m_pos + length]))) {
                    m_nodes[out.back()].bytes += length == 1 ? m_regex[m_pos] : static_cast<char>(hex_value(m_pos + 2));
                    m_pos += length;
                    continue;
                }
            }
            Node atom = this->atom();
            if (!at_end() && (peek() == '*' || peek() == '+' || peek() == '?' || peek() == '{'))
                atom = quantify(std::move(atom));
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
            case '(':
                return group();
            case '[':
                return set();
            case '.':
                ++m_pos;
                node.kind = Node::Kind::set;
                node.set = complement({});
                node.set[0] &= ~(uint64_t{1} << '\n');  // RE2's . stops at a line end
                return node;
            case '^':
                ++m_pos;
                node.kind = Node::Kind::line_begin;
                return node;
            case '$':
                ++m_pos;
                node.kind = Node::Kind::line_end;
                return node;
            case '\\':
                return escape(false);
            case '*':
            case '+':
            case '?':
            case '{':
            case ')':
                throw Unsupported{};
            default:
                ++m_pos;
                node.bytes = std::string(1, c);
                return node;
        }
    }

    Node group() {
        // Groups in groups are parsed (and later analysed and flattened) recursively: past a depth
        // no real pattern reaches, the pattern is left to RE2, which names it too deeply nested.
        if (++m_depth > max_depth) throw Unsupported{};
        ++m_pos;  // (
        if (!at_end() && peek() == '?') {
            // (?:...) groups; (?P<name>...) and (?<name>...) capture, which only RE2's groups care about.
            if (m_regex.substr(m_pos, 2) == "?:") {
                m_pos += 2;
            } else if (m_regex.substr(m_pos, 3) == "?P<" || m_regex.substr(m_pos, 2) == "?<") {
                const size_t close = m_regex.find('>', m_pos);
                if (close == std::string_view::npos) throw Unsupported{};
                m_pos = close + 1;
            } else {
                throw Unsupported{};  // flags such as (?i) change what the bytes mean
            }
        }
        Sequence inner = alternation();
        if (at_end() || peek() != ')') throw Unsupported{};
        ++m_pos;
        --m_depth;
        Node node;
        node.kind = Node::Kind::group;
        node.alternatives.push_back(std::move(inner));
        return node;
    }

    // \d \s \xHH \. …; in a class too (then only a set or one byte makes sense).
    Node escape(bool in_set) {
        ++m_pos;  // backslash
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
            case 'd':
                add_range(node.set, '0', '9');
                return node;
            case 'D':
                add_range(node.set, '0', '9');
                node.set = complement(node.set);
                return node;
            case 's':
            case 'S':
                for (unsigned char space : {'\t', '\n', '\f', '\r', ' '}) add(node.set, space);
                if (c == 'S') node.set = complement(node.set);
                return node;
            case 'n':
                return one('\n');
            case 't':
                return one('\t');
            case 'r':
                return one('\r');
            case 'f':
                return one('\f');
            case 'v':
                return one('\v');
            case 'x':
                return one(hex_escape());
            default:
                break;
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
            value = value * 16 + static_cast<unsigned>(
                                     std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (h | 0x20) - 'a' + 10);
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
        ++m_pos;  // [
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
            if (m_regex.substr(m_pos, 2) == "[:") throw Unsupported{};  // POSIX classes
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
                ++m_pos;  // -
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
        ++m_pos;                                       // ]
        if (negated) node.set = complement(node.set);  // RE2 lets [^...] match a line end too
        return node;
    }

    Node quantify(Node atom) {
        int min = 0, max = -1;
        const char q = m_regex[m_pos++];
        if (q == '+')
            min = 1;
        else if (q == '?')
            max = 1;
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
            if (atom.kind == Node::Kind::bytes)
                add(repeat.set, static_cast<unsigned char>(atom.bytes[0]));
            else
                repeat.set = atom.set;
        } else {
            repeat.child = {push(std::move(atom))};
        }
        return repeat;
    }

    // A repeat count as RE2 reads one: "{02}" and "{1,02}" are no counts to RE2 but literal
    // braces (it refuses a leading zero), and counts past 1000 are errors; RE2 answers both.
    int number() {
        const size_t first = m_pos;
        int value = 0;
        size_t digits = 0;
        while (!at_end() && std::isdigit(static_cast<unsigned char>(peek()))) {
            value = value * 10 + (m_regex[m_pos++] - '0');
            if (++digits > 4) throw Unsupported{};
        }
        if (digits == 0 || (digits > 1 && m_regex[first] == '0') || value > 1000) throw Unsupported{};
        return value;
    }

    static constexpr size_t max_depth = 100;
    std::string_view m_regex;
    size_t m_pos = 0;
    size_t m_depth = 0;
    std::vector<ParsedNode>& m_nodes;
};

}  // namespace

std::optional<RegexTree> parse_regex(std::string_view regex) {
    RegexTree tree;
    try {
        tree.body = Parser(regex, tree.nodes).parse();
    } catch (const Unsupported&) {
        return std::nullopt;
    }
    return tree;
}

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

// The parser adds a node after the nodes inside it, so one pass in order sees every node's
// parts before the node.
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
            case Kind::set:
                out.first = node.set;
                out.nullable = false;
                break;
            case Kind::line_begin:
            case Kind::line_end:
                break;
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

namespace {

// A regex's second bytes are worked out by looking at the nodes at its start; past this many
// looks (a rule file can hold a regex of megabytes) the answer is "not simple".
constexpr size_t max_second_byte_looks = 20000;

// What the tail can start with, and whether it can match nothing.
Start start_of_tail(const std::vector<Start>& node_starts, const Tail* tail, size_t& looks) {
    Start out;
    for (; tail; tail = tail->next)
        for (size_t i = 0; i < tail->size; ++i) {
            const Start& next = node_starts[tail->ids[i]];
            unite(out.first, next.first);
            ++looks;
            if (!next.nullable) {
                out.nullable = false;
                return out;
            }
        }
    return out;
}

std::optional<ByteSet> second_bytes_of(const std::vector<ParsedNode>& nodes, const std::vector<Start>& node_starts,
                                       const Tail& whole, size_t& looks) {
    const Tail* tail = &whole;
    while (tail && tail->size == 0) tail = tail->next;
    if (!tail || ++looks > max_second_byte_looks) return std::nullopt;
    const ParsedNode& node = nodes[tail->ids[0]];
    const Tail rest{tail->ids + 1, tail->size - 1, tail->next};
    // One byte, then whatever the rest starts with: the rest must not be able to match nothing.
    const auto one_then_rest = [&](ByteSet out) -> std::optional<ByteSet> {
        const Start after = start_of_tail(node_starts, &rest, looks);
        if (after.nullable) return std::nullopt;
        unite(out, after.first);
        return out;
    };
    switch (node.kind) {
        case ParsedNode::Kind::bytes:
            if (node.bytes.size() >= 2) {
                ByteSet out{};
                add(out, static_cast<unsigned char>(node.bytes[1]));
                return out;
            }
            if (node.bytes.empty()) return std::nullopt;
            return one_then_rest({});
        case ParsedNode::Kind::set:
            return one_then_rest({});
        case ParsedNode::Kind::line_begin:
        case ParsedNode::Kind::line_end:
            return std::nullopt;
        case ParsedNode::Kind::group: {
            ByteSet out{};
            for (const Sequence& alternative : node.alternatives) {
                const Tail branch{alternative.data(), alternative.size(), &rest};
                const std::optional<ByteSet> second = second_bytes_of(nodes, node_starts, branch, looks);
                if (!second) return std::nullopt;
                unite(out, *second);
            }
            return out;
        }
        case ParsedNode::Kind::repeat:
            if (!node.single_byte || node.min == 0) return std::nullopt;
            if (node.min >= 2) return node.set;
            // One byte of the set, then another or what follows the loop.
            return node.max == 1 ? one_then_rest({}) : one_then_rest(node.set);
    }
    return std::nullopt;
}

}  // namespace

std::optional<ByteSet> second_bytes(const std::vector<ParsedNode>& nodes, const std::vector<Start>& node_starts,
                                    const Tail& tail) {
    size_t looks = 0;
    return second_bytes_of(nodes, node_starts, tail, looks);
}

}  // namespace qalint::rules
