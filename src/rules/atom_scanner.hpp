#pragma once
// Aho–Corasick over the literal atoms the prefilter takes from the patterns: one pass
// over a conversation finds which atoms occur where, so each turn runs only the patterns
// whose atoms it contains.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qalint::rules {

class AtomScanner {
public:
    AtomScanner() = default;
    explicit AtomScanner(const std::vector<std::string>& atoms);

    // Calls found(atom_index, end_offset) for every occurrence of every atom in text.
    template <typename Found>
    void scan(std::string_view text, Found&& found) const {
        if (!m_next16.empty()) scan_with(m_next16, text, found);
        else if (!m_next.empty()) scan_with(m_next, text, found);
    }

private:
    template <typename State, typename Found>
    void scan_with(const std::vector<State>& next, std::string_view text, Found& found) const {
        uint32_t state = 0;
        for (size_t i = 0; i < text.size(); ++i) {
            state = next[state * m_classes + m_class_of[static_cast<unsigned char>(text[i])]];
            for (uint32_t o = m_output_begin[state]; o < m_output_begin[state + 1]; ++o) {
                // The automaton knows atoms by their first max_key bytes; the rest is compared here.
                const uint32_t atom = m_outputs[o];
                const size_t begin = i + 1 - m_key_length[atom];
                const std::string_view rest = std::string_view(m_atoms[atom]).substr(m_key_length[atom]);
                if (rest.empty()) found(atom, i + 1);
                else if (text.substr(i + 1).starts_with(rest)) found(atom, begin + m_atoms[atom].size());
            }
        }
    }

    // The automaton holds each atom's first max_key bytes only: the long atoms (up to 60 bytes)
    // would otherwise make a table too big for the cache the scan needs it in. With the pack's
    // 30 000 atoms, 6 bytes give 25 000 states (3.9 MB at 16 bits) where 8 gave 48 000 (7.9 MB)
    // at the same throughput: the longer atoms share a state and compare their rest here.
    static constexpr size_t max_key = 6;
    std::vector<std::string> m_atoms;
    std::vector<uint8_t> m_key_length;    // per atom: bytes of it the automaton matches
    // Bytes that occur in no atom share class 0, which keeps the full transition table small.
    std::array<uint8_t, 256> m_class_of{};
    uint32_t m_classes = 1;
    std::vector<uint32_t> m_next;            // state * m_classes + class → state (a full automaton)
    // The same table in 16 bits when the states fit: half the memory, so more of it stays in cache
    // (the scan touches a row per byte). Then m_next is empty.
    std::vector<uint16_t> m_next16;
    std::vector<uint32_t> m_output_begin;    // per state, into m_outputs; one past the last state too
    std::vector<uint32_t> m_outputs;         // atom indices ending at each state, suffixes included
};

}  // namespace qalint::rules
