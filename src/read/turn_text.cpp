#include "read/turn_text.hpp"

#include "util/utf8.hpp"

namespace qalint::read {

void TurnText::start_piece(uint32_t line, uint32_t column) {
    if (!m_pieces.empty() && m_pieces.back().text_offset == m_chars) {
        m_pieces.back().line = line;  // the previous piece got no text: reuse it
        m_pieces.back().column = column;
    } else {
        m_pieces.push_back({m_chars, line, column});
    }
}

void TurnText::append_source(std::string_view text, uint32_t line, uint32_t column) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        const bool has_break = end != std::string_view::npos;
        if (!has_break) end = text.size();
        const std::string_view run = text.substr(start, end - start);
        if (!run.empty()) {
            if (line != m_next_line || column != m_next_column) start_piece(line, column);
            const auto count = static_cast<uint32_t>(util::count_chars(run));
            m_text.append(run);
            m_chars += count;
            column += count;
            m_next_line = line;
            m_next_column = column;
        }
        if (has_break) {
            if (line != m_next_line || column != m_next_column) start_piece(line, column);
            m_text.push_back('\n');
            ++m_chars;
            ++line;
            column = 1;
            // A piece never spans lines: the next line's text starts its own.
            m_next_line = 0;
            m_next_column = 0;
        }
        start = end + (has_break ? 1 : 0);
    }
}

void TurnText::append_mapped(std::string_view text, uint32_t line, uint32_t column) {
    if (text.empty()) return;
    start_piece(line, column);
    m_text.append(text);
    m_chars += static_cast<uint32_t>(util::count_chars(text));
    m_next_line = 0;  // whatever follows starts a piece of its own
    m_next_column = 0;
}

void TurnText::append_separator(std::string_view text) {
    if (text.empty()) return;
    if (m_pieces.empty()) start_piece(1, 1);
    m_text.append(text);
    m_chars += static_cast<uint32_t>(util::count_chars(text));
    m_next_line = 0;
    m_next_column = 0;
}

void TurnText::trim_end() {
    while (!m_text.empty() && (m_text.back() == ' ' || m_text.back() == '\n' || m_text.back() == '\t')) {
        m_text.pop_back();
        --m_chars;
    }
    while (m_pieces.size() > 1 && m_pieces.back().text_offset >= m_chars) m_pieces.pop_back();
}

void TurnText::move_into(core::Turn& turn) {
    trim_end();
    turn.text = std::move(m_text);
    turn.pieces = std::move(m_pieces);
    if (turn.pieces.empty()) turn.pieces.push_back({});
    *this = TurnText{};
}

core::Position LineCounter::advance_to(size_t offset) {
    if (offset > m_text.size()) offset = m_text.size();
    while (m_offset < offset) {
        const auto byte = static_cast<unsigned char>(m_text[m_offset]);
        if (byte == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++m_column;  // a lead byte starts a character; continuation bytes do not
        }
        ++m_offset;
    }
    return {m_line, m_column};
}

}  // namespace qalint::read
