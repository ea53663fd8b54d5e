#include "rules/literal_trie.hpp"

#include <algorithm>
#include <iterator>

namespace qalint::rules {

uint32_t LiteralTrie::add(const std::vector<std::string_view>& literals) {
    // The literals sorted: those below a node are a run of them, those ending at the node first.
    std::vector<uint32_t> order;
    for (uint32_t a = 0; a < literals.size(); ++a)
        if (!literals[a].empty()) order.push_back(a);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return literals[a] < literals[b]; });
    // "a|aa|aaa|…" lists 1, 2, 3 … alternatives on the way down: past this many in all, the
    // group tries its alternatives one by one instead.
    const size_t budget = 16 * order.size() + 4096;
    const size_t first_node = m_nodes.size(), first_found = m_found.size(), first_label = m_labels.size(),
                 first_edge = m_edge_bytes.size(), first_table = m_tables.size();

    struct Below {
        uint32_t begin, end;  // order[begin, end): the literals that run through the node
        uint32_t depth;       // the bytes they share, up to and with the node's
        uint32_t node;
    };
    std::vector<Below> queue;
    std::vector<uint32_t> merged;
    // A node at `depth` for order[begin, end), under `parent`: its alternatives are the parent's
    // and those whose literal ends here, in the order written.
    const auto place = [&](uint32_t begin, uint32_t end, uint32_t depth, uint32_t parent, uint32_t label,
                           uint32_t label_length) {
        Node node;
        node.label = label;
        node.label_length = label_length;
        if (parent != none) {
            node.found = m_nodes[parent].found;
            node.found_count = m_nodes[parent].found_count;
        }
        uint32_t ends = begin;
        while (ends < end && literals[order[ends]].size() == depth) ++ends;
        if (ends > begin) {
            // Both ascending (equal literals keep the order written).
            merged.clear();
            std::merge(m_found.begin() + node.found, m_found.begin() + node.found + node.found_count,
                       order.begin() + begin, order.begin() + ends, std::back_inserter(merged));
            node.found = static_cast<uint32_t>(m_found.size());
            node.found_count = static_cast<uint32_t>(merged.size());
            m_found.insert(m_found.end(), merged.begin(), merged.end());
        }
        m_nodes.push_back(node);
        const auto index = static_cast<uint32_t>(m_nodes.size() - 1);
        if (ends < end) queue.push_back({ends, end, depth, index});
        return index;
    };
    const uint32_t root = place(0, static_cast<uint32_t>(order.size()), 0, none, 0, 0);
    for (size_t q = 0; q < queue.size(); ++q) {
        if (m_found.size() - first_found > budget) {
            m_nodes.resize(first_node);
            m_found.resize(first_found);
            m_labels.resize(first_label);
            m_edge_bytes.resize(first_edge);
            m_edge_nodes.resize(first_edge);
            m_tables.resize(first_table);
            return none;
        }
        const Below below = queue[q];
        const auto byte_at = [&](uint32_t i) { return static_cast<unsigned char>(literals[order[i]][below.depth]); };
        uint32_t count = 0;
        for (uint32_t i = below.begin; i < below.end; ++i)
            if (i == below.begin || byte_at(i) != byte_at(i - 1)) ++count;
        const bool table = count > max_listed;
        uint32_t edges = 0;
        if (table) {
            edges = static_cast<uint32_t>(m_tables.size());
            m_tables.resize(m_tables.size() + 256, none);
        } else {
            edges = static_cast<uint32_t>(m_edge_bytes.size());
            m_edge_bytes.resize(m_edge_bytes.size() + count);
            m_edge_nodes.resize(m_edge_nodes.size() + count, none);
        }
        m_nodes[below.node].edges = edges;
        m_nodes[below.node].edge_count = count;
        for (uint32_t begin = below.begin, edge = 0; begin < below.end; ++edge) {
            const unsigned char byte = byte_at(begin);
            uint32_t end = begin + 1;
            while (end < below.end && byte_at(end) == byte) ++end;
            // The bytes all of them share after this one (the shortest, first, bounds it): the
            // child's label, which no literal ends inside of.
            const std::string_view first = literals[order[begin]], last = literals[order[end - 1]];
            size_t shared = below.depth + 1;
            while (shared < first.size() && first[shared] == last[shared]) ++shared;
            const auto label = static_cast<uint32_t>(m_labels.size());
            m_labels.insert(m_labels.end(), first.begin() + below.depth + 1, first.begin() + static_cast<long>(shared));
            const uint32_t child = place(begin, end, static_cast<uint32_t>(shared), below.node, label,
                                         static_cast<uint32_t>(shared - below.depth - 1));
            if (table) {
                m_tables[edges + byte] = child;
            } else {
                m_edge_bytes[edges + edge] = byte;
                m_edge_nodes[edges + edge] = child;
            }
            begin = end;
        }
    }
    return root;
}

}  // namespace qalint::rules
