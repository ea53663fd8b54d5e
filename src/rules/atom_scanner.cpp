#include "rules/atom_scanner.hpp"

#include <queue>

namespace qalint::rules {

AtomScanner::AtomScanner(const std::vector<std::string>& atoms) {
    if (atoms.empty()) return;
    for (const auto& atom : atoms)
        for (unsigned char byte : atom)
            if (m_class_of[byte] == 0) m_class_of[byte] = static_cast<uint8_t>(m_classes++);
    const uint32_t classes = m_classes;
    // The trie: 0 means no edge (the root is never a child).
    std::vector<uint32_t> trie(classes, 0);
    std::vector<std::vector<uint32_t>> ends(1);
    for (uint32_t a = 0; a < atoms.size(); ++a) {
        uint32_t state = 0;
        for (unsigned char byte : atoms[a]) {
            uint32_t& edge = trie[state * classes + m_class_of[byte]];
            if (edge == 0) {
                edge = static_cast<uint32_t>(ends.size());
                ends.emplace_back();
                trie.resize(trie.size() + classes, 0);
            }
            state = trie[state * classes + m_class_of[byte]];
        }
        ends[state].push_back(a);
    }
    // Breadth-first: failure links, complete transitions, outputs inherited from the failure state.
    const size_t states = ends.size();
    std::vector<uint32_t> fail(states, 0);
    m_next = trie;
    std::queue<uint32_t> queue;
    for (uint32_t c = 1; c < classes; ++c)
        if (trie[c] != 0) queue.push(trie[c]);
    std::vector<uint32_t> order;
    while (!queue.empty()) {
        const uint32_t state = queue.front();
        queue.pop();
        order.push_back(state);
        for (uint32_t c = 0; c < classes; ++c) {
            const uint32_t child = trie[state * classes + c];
            const uint32_t via_fail = m_next[fail[state] * classes + c];
            if (child != 0) {
                fail[child] = via_fail;
                queue.push(child);
            } else {
                m_next[state * classes + c] = via_fail;
            }
        }
    }
    for (uint32_t state : order) ends[state].insert(ends[state].end(), ends[fail[state]].begin(), ends[fail[state]].end());
    // Renumber breadth-first: the shallow states that almost every byte visits then sit together
    // in memory, and the transition table's hot part stays in cache.
    std::vector<uint32_t> renumbered(states, 0);
    for (size_t i = 0; i < order.size(); ++i) renumbered[order[i]] = static_cast<uint32_t>(i + 1);
    std::vector<uint32_t> by_new(states, 0);
    for (size_t old = 0; old < states; ++old) by_new[renumbered[old]] = static_cast<uint32_t>(old);
    std::vector<uint32_t> next(states * classes);
    for (size_t state = 0; state < states; ++state)
        for (uint32_t c = 0; c < classes; ++c)
            next[state * classes + c] = renumbered[m_next[by_new[state] * classes + c]];
    m_next = std::move(next);
    m_output_begin.reserve(states + 1);
    for (size_t state = 0; state < states; ++state) {
        m_output_begin.push_back(static_cast<uint32_t>(m_outputs.size()));
        const auto& own = ends[by_new[state]];
        m_outputs.insert(m_outputs.end(), own.begin(), own.end());
    }
    m_output_begin.push_back(static_cast<uint32_t>(m_outputs.size()));
}

}  // namespace qalint::rules
