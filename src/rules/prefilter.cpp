#include "rules/prefilter.hpp"

#include <algorithm>
#include <optional>

namespace qalint::rules {
namespace {

using Strings = std::vector<std::string>;

// Exact sets are multiplied out along a sequence ("не " then "(мой|наш)" is {"не мой", "не наш"})
// while they stay this small.
constexpr size_t max_exact = 16;
// A class of up to this many bytes is a set of one-byte strings ([сз] is {"с", "з"}).
constexpr int max_class = 8;
// A pattern is checked against this many of its clauses at most (the best ones).
constexpr size_t max_clauses = 4;

// What the analysis knows of a node.
struct Info {
    std::optional<Strings> exact;    // every string the node can match, when there are few
    Clauses required;                // every match contains one string of each (each long enough)
};

void sort_unique(Strings& strings) {
    std::sort(strings.begin(), strings.end());
    strings.erase(std::unique(strings.begin(), strings.end()), strings.end());
}

size_t shortest(const Strings& strings) {
    size_t length = std::string::npos;
    for (const auto& s : strings) length = std::min(length, s.size());
    return length;
}

class Analysis {
public:
    Analysis(const std::vector<ParsedNode>& nodes, size_t min_length) : m_nodes(nodes), m_min_length(min_length) {}

    Info sequence(const Sequence& sequence) const {
        Strings run{""};    // the exact strings of the nodes since the last break
        bool whole = true;  // the run covers the whole sequence
        Clauses required;
        for (uint32_t index : sequence) {
            Info info = node(index);
            if (info.exact && run.size() * info.exact->size() <= max_exact) {
                if (info.exact->size() == 1) {
                    // One string (a literal run, the common case): appended in place.
                    for (auto& head : run) head += info.exact->front();
                    std::sort(run.begin(), run.end());
                } else {
                    run = cross(run, *info.exact);
                }
                continue;
            }
            add(required, usable(run));
            whole = false;
            if (info.required.empty() && info.exact) add(info.required, usable(*info.exact));
            run = info.exact ? std::move(*info.exact) : Strings{""};
            for (auto& clause : info.required) add(required, std::move(clause));
        }
        add(required, usable(run));
        Info out;
        out.required = best_of(std::move(required));
        if (whole) out.exact = std::move(run);
        return out;
    }

private:
    Info node(uint32_t index) const {
        const ParsedNode& node = m_nodes[index];
        Info info;
        switch (node.kind) {
            case ParsedNode::Kind::bytes:
                info.exact = Strings{node.bytes};
                break;
            case ParsedNode::Kind::set:
                info = of_set(node.set);
                break;
            case ParsedNode::Kind::line_begin:
            case ParsedNode::Kind::line_end:
                info.exact = Strings{""};
                break;
            case ParsedNode::Kind::group: {
                // One clause: each alternative's best, together.
                Strings exact, either;
                bool all_exact = true, all_required = true;
                for (const Sequence& alternative : node.alternatives) {
                    Info inner = sequence(alternative);
                    if (inner.exact && all_exact) exact.insert(exact.end(), inner.exact->begin(), inner.exact->end());
                    else all_exact = false;
                    if (!inner.required.empty() && all_required)
                        either.insert(either.end(), inner.required.front().begin(), inner.required.front().end());
                    else all_required = false;
                }
                sort_unique(exact);
                if (all_exact && exact.size() <= max_exact) info.exact = std::move(exact);
                if (all_required) add(info.required, std::move(either));
                break;
            }
            case ParsedNode::Kind::repeat: {
                Info round = node.single_byte ? of_set(node.set) : sequence(node.child);
                if (node.min == 1 && node.max == 1) return round;
                if (node.min == 0) {
                    // x? is x or nothing; a longer optional loop is too many strings to list.
                    if (node.max == 1 && round.exact && round.exact->size() < max_exact) {
                        round.exact->push_back("");
                        sort_unique(*round.exact);
                        info.exact = std::move(round.exact);
                    }
                } else {
                    info.required = std::move(round.required);    // at least one round is in every match
                }
                break;
            }
        }
        // A node whose strings are all known has them as its clause too: sequence() works that
        // out only when it does not multiply them into its run.
        return info;
    }

    static Info of_set(const ByteSet& set) {
        Info info;
        if (count(set) > max_class) return info;
        Strings exact;
        for (unsigned byte = 0; byte < 256; ++byte)
            if (has(set, static_cast<unsigned char>(byte))) exact.emplace_back(1, static_cast<char>(byte));
        info.exact = std::move(exact);
        return info;
    }

    static Strings cross(const Strings& heads, const Strings& tails) {
        Strings out;
        out.reserve(heads.size() * tails.size());
        for (const auto& head : heads)
            for (const auto& tail : tails) out.push_back(head + tail);
        sort_unique(out);
        return out;
    }

    // An exact set as a clause: only when every string is long enough to be worth looking for, or
    // is a question mark: one byte, but rare in a turn, and every pattern of a question needs one
    // (clarifying-question's «вы … ?» has no other word long enough to look for).
    std::optional<Strings> usable(const Strings& exact) const {
        if (exact.empty()) return std::nullopt;
        for (const auto& string : exact)
            if (string.size() < m_min_length && string != "?") return std::nullopt;
        Strings out = exact;
        sort_unique(out);
        return out;
    }

    static void add(Clauses& clauses, std::optional<Strings> clause) {
        if (clause && !clause->empty() && std::find(clauses.begin(), clauses.end(), *clause) == clauses.end())
            clauses.push_back(std::move(*clause));
    }

    // The clauses most worth checking, best first: the longer shortest string, then fewer strings.
    static Clauses best_of(Clauses clauses) {
        std::stable_sort(clauses.begin(), clauses.end(), [](const Strings& a, const Strings& b) {
            return shortest(a) != shortest(b) ? shortest(a) > shortest(b) : a.size() < b.size();
        });
        if (clauses.size() > max_clauses) clauses.resize(max_clauses);
        return clauses;
    }

    const std::vector<ParsedNode>& m_nodes;
    size_t m_min_length;
};

}  // namespace

Clauses required_literals(const RegexTree& tree, size_t min_length) {
    return Analysis(tree.nodes, min_length).sequence(tree.body).required;
}

}  // namespace qalint::rules
