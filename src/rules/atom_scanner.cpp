#include "rules/atom_scanner.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <utility>

namespace qalint::rules {

AtomScanner::AtomScanner(const std::vector<std::string>& atoms) {
    if (atoms.empty()) return;
    m_atoms = atoms;
    for (const auto& atom : atoms) {
        m_key_length.push_back(static_cast<uint8_t>(std::min(atom.size(), max_key)));
        for (unsigned char byte : std::string_view(atom).substr(0, max_key))
            if (m_class_of[byte] == 0) m_class_of[byte] = static_cast<uint8_t>(m_classes++);
    }
    const uint32_t classes = m_classes;
    // A sparse trie first (few edges per state), then the full automaton built from it breadth-first
    // in a single table: its rows are written once, in the order the scan visits them most.
    struct Node {
        std::vector<std::pair<uint8_t, uint32_t>> children;    // (class, node)
        std::vector<uint32_t> ends;                            // atoms ending here
    };
    std::vector<Node> trie(1);
    for (uint32_t a = 0; a < atoms.size(); ++a) {
        uint32_t node = 0;
        for (unsigned char byte : std::string_view(atoms[a]).substr(0, m_key_length[a])) {
            const uint8_t c = m_class_of[byte];
            auto& children = trie[node].children;
            const auto it = std::find_if(children.begin(), children.end(), [&](const auto& e) { return e.first == c; });
            if (it != children.end()) {
                node = it->second;
            } else {
                const auto child = static_cast<uint32_t>(trie.size());
                children.emplace_back(c, child);
                trie.emplace_back();
                node = child;
            }
        }
        trie[node].ends.push_back(a);
    }
    const size_t states = trie.size();
    std::vector<std::vector<uint32_t>> outputs(states);
    // Breadth-first: a state's id is its place in the queue; its failure state comes earlier,
    // so that row is complete when this one copies it. Built in the table the scan uses, 16-bit
    // states when they fit, rather than a 32-bit one copied down (three times the memory touched).
    const auto build = [&](auto& next) {
        using State = typename std::remove_reference_t<decltype(next)>::value_type;
        std::vector<uint32_t> order;    // id → trie node
        std::vector<uint32_t> fail(states, 0);
        order.reserve(states);
        order.push_back(0);
        next.assign(states * classes, 0);
        for (size_t id = 0; id < order.size(); ++id) {
            const Node& node = trie[order[id]];
            State* row = next.data() + id * classes;
            if (id != 0) std::memcpy(row, next.data() + size_t{fail[id]} * classes, classes * sizeof(State));
            outputs[id] = node.ends;
            if (id != 0) outputs[id].insert(outputs[id].end(), outputs[fail[id]].begin(), outputs[fail[id]].end());
            auto children = node.children;
            std::sort(children.begin(), children.end());
            for (const auto& [c, child] : children) {
                const auto child_id = static_cast<uint32_t>(order.size());
                order.push_back(child);
                fail[child_id] = id == 0 ? 0 : row[c];    // row[c] is still the failure state's move
                row[c] = static_cast<State>(child_id);
            }
        }
    };
    if (states <= 0x10000) build(m_next16);
    else build(m_next);
    m_output_begin.reserve(states + 1);
    for (size_t id = 0; id < states; ++id) {
        m_output_begin.push_back(static_cast<uint32_t>(m_outputs.size()));
        m_outputs.insert(m_outputs.end(), outputs[id].begin(), outputs[id].end());
    }
    m_output_begin.push_back(static_cast<uint32_t>(m_outputs.size()));
}

}  // namespace qalint::rules
