#pragma once
// Builds a turn's text piece by piece while remembering where each piece came from, so
// readers that drop markup (tags, escapes, quotes, cue timings) still point into the file.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace qalint::read {

class TurnText {
public:
    // Appends text that stands in the file at (line, column); a '\n' inside it moves to
    // the next line, column 1. Contiguous appends share one piece.
    void append_source(std::string_view text, uint32_t line, uint32_t column);
    // Appends text that replaces something else in the file (an entity, an escape):
    // the whole of it maps to (line, column).
    void append_mapped(std::string_view text, uint32_t line, uint32_t column);
    // Appends a separator that is not in the file (between cues, between words).
    void append_separator(std::string_view text);

    bool empty() const { return m_text.empty(); }
    const std::string& text() const { return m_text; }
    // Removes trailing spaces and line breaks.
    void trim_end();
    // Moves the text and pieces into the turn (the builder is empty afterwards).
    void move_into(core::Turn& turn);

private:
    void start_piece(uint32_t line, uint32_t column);

    std::string m_text;
    std::vector<core::SourcePiece> m_pieces;
    uint32_t m_chars = 0;
    uint32_t m_next_line = 0;  // where the next character would be if contiguous; 0 = nowhere
    uint32_t m_next_column = 0;
};

// Line and column (1-based, column in characters) of byte offsets, walked forwards only;
// the total cost over a file is linear.
class LineCounter {
public:
    explicit LineCounter(std::string_view text) : m_text(text) {}
    // Position of byte `offset` (must not be before the previous call's offset).
    core::Position advance_to(size_t offset);

private:
    std::string_view m_text;
    size_t m_offset = 0;
    uint32_t m_line = 1;
    uint32_t m_column = 1;
};

}  // namespace qalint::read
