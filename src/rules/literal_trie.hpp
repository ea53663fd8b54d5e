#pragma once
// The literal bytes that a group's alternatives begin with, in a trie: at a place in the text, one
// walk down the trie finds every alternative whose literal is there, listed in the order written.
// A list of a few hundred words then costs a walk as long as the word in the text, not a look at
// each word listed; and since only alternatives whose literal the text holds are left out, trying
// the rest in the order written gives the same match as trying them all (leftmost-first, as RE2).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace qalint::rules {

class LiteralTrie {
public:
    // A trie of one group's literals, `literals[i]` being alternative i's (empty: alternative i
    // begins with no literal and is not in the trie). Returns its root, for candidates().
    uint32_t add(const std::vector<std::string_view>& literals);

    // The alternatives (ascending) whose literal text[pos, size) begins with.
    std::span<const uint32_t> candidates(uint32_t root, const char* text, size_t pos, size_t size) const {
        const Node* node = &m_nodes[root];
        while (pos < size) {
            const uint32_t child = child_of(*node, static_cast<unsigned char>(text[pos]));
            if (child == none) break;
            const Node& next = m_nodes[child];
            // The bytes after the edge's, which no literal ends inside of: all or nothing.
            if (size - pos - 1 < next.label_length ||
                !same_bytes(text + pos + 1, m_labels.data() + next.label, next.label_length))
                break;
            pos += 1 + next.label_length;
            node = &next;
        }
        return {m_found.data() + node->found, node->found_count};
    }

    size_t node_count() const { return m_nodes.size(); }

private:
    static constexpr uint32_t none = UINT32_MAX;
    // A node past this many edges has a table of 256 children instead of a list to look through.
    static constexpr uint32_t max_listed = 6;

    struct Node {
        uint32_t label = 0;  // into m_labels: the bytes after the edge leading here
        uint32_t label_length = 0;
        uint32_t edges = 0;  // into m_edge_bytes and m_edge_nodes, or into m_tables (edge_count > max_listed)
        uint32_t edge_count = 0;
        uint32_t found = 0;  // into m_found: alternatives whose literal ends here or above, ascending
        uint32_t found_count = 0;
    };

    uint32_t child_of(const Node& node, unsigned char byte) const {
        if (node.edge_count > max_listed) return m_tables[node.edges + byte];
        for (uint32_t e = node.edges, last = e + node.edge_count; e < last; ++e)
            if (m_edge_bytes[e] == byte) return m_edge_nodes[e];
        return none;
    }

    // Labels are a few bytes long: cheaper than a call to memcmp.
    static bool same_bytes(const char* text, const char* label, size_t length) {
        for (size_t i = 0; i < length; ++i)
            if (text[i] != label[i]) return false;
        return true;
    }

    std::vector<Node> m_nodes;
    std::vector<unsigned char> m_edge_bytes;
    std::vector<uint32_t> m_edge_nodes;
    std::vector<uint32_t> m_tables;  // 256 children (or none) per wide node
    std::vector<char> m_labels;
    std::vector<uint32_t> m_found;
};

}  // namespace qalint::rules
