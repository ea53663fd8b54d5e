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
    constexpr uint32_t none = UINT32_MAX;
    // Each atom's key as its classes in one number, the first byte highest: the numbers sort as
    // the keys do, a key before those it is a prefix of (no class is 0).
    static_assert(max_key <= 8);
    std::vector<std::pair<uint64_t, uint32_t>> by_key(atoms.size());    // (key, atom)
    for (uint32_t a = 0; a < atoms.size(); ++a) {
        uint64_t number = 0;
        for (size_t i = 0; i < m_key_length[a]; ++i)
            number |= uint64_t{m_class_of[static_cast<unsigned char>(atoms[a][i])]} << (8 * (7 - i));
        by_key[a] = {number, a};
    }
    std::sort(by_key.begin(), by_key.end());
    std::vector<uint32_t> sorted(atoms.size());
    for (size_t i = 0; i < sorted.size(); ++i) sorted[i] = by_key[i].second;
    const auto class_at = [&](uint32_t atom, size_t i) { return m_class_of[static_cast<unsigned char>(atoms[atom][i])]; };
    // The trie, built from the atoms' keys in sorted order: each key shares a path with the one
    // before it, children come in the order of their classes (linked, no list per node), and the
    // atoms that end at a node are a run of `sorted`. No allocation per node.
    struct Node {
        uint32_t first_child = none, last_child = none, next_sibling = none;
        uint32_t ends_begin = 0, ends_count = 0;    // atoms ending here: sorted[ends_begin, + ends_count)
        uint8_t cls = 0;
    };
    std::vector<Node> trie(1);
    std::vector<uint32_t> path{0};    // the previous key's nodes, root first
    uint32_t previous = none;
    for (uint32_t i = 0; i < sorted.size(); ++i) {
        const uint32_t atom = sorted[i];
        const size_t length = m_key_length[atom];
        size_t common = 0;
        if (previous != none)
            while (common < length && common < m_key_length[previous] && class_at(atom, common) == class_at(previous, common))
                ++common;
        path.resize(common + 1);
        for (size_t depth = common; depth < length; ++depth) {
            const auto child = static_cast<uint32_t>(trie.size());
            Node node;
            node.cls = class_at(atom, depth);
            trie.push_back(node);
            Node& parent = trie[path.back()];
            if (parent.last_child == none) parent.first_child = child;
            else trie[parent.last_child].next_sibling = child;
            parent.last_child = child;
            path.push_back(child);
        }
        Node& end = trie[path.back()];
        if (end.ends_count == 0) end.ends_begin = i;
        ++end.ends_count;
        previous = atom;
    }
    const size_t states = trie.size();
    // Breadth-first: a state's id is its place in the queue; its failure state comes earlier,
    // so that row, and its outputs, are complete when this one copies them. Built in the table the
    // scan uses, 16-bit states when they fit, rather than a 32-bit one copied down (three times
    // the memory touched).
    m_output_begin.reserve(states + 1);
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
            m_output_begin.push_back(static_cast<uint32_t>(m_outputs.size()));
            for (uint32_t e = 0; e < node.ends_count; ++e) m_outputs.push_back(sorted[node.ends_begin + e]);
            if (id != 0)
                for (uint32_t o = m_output_begin[fail[id]], last = m_output_begin[fail[id] + 1]; o < last; ++o)
                    m_outputs.push_back(m_outputs[o]);
            for (uint32_t child = node.first_child; child != none; child = trie[child].next_sibling) {
                const auto child_id = static_cast<uint32_t>(order.size());
                order.push_back(child);
                const uint8_t c = trie[child].cls;
                fail[child_id] = id == 0 ? 0 : row[c];    // row[c] is still the failure state's move
                row[c] = static_cast<State>(child_id);
            }
        }
    };
    if (states <= 0x10000) build(m_next16);
    else build(m_next);
    m_output_begin.push_back(static_cast<uint32_t>(m_outputs.size()));
}

}  // namespace qalint::rules
