#include "util/utf8.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace qalint::util {

char32_t decode_utf8(std::string_view text, size_t& pos) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, cp = lead & 0x07, min = 0x10000;
    } else {
        ++pos;
        return replacement_char;
    }
    if (pos + length > text.size()) {
        ++pos;
        return replacement_char;
    }
    for (size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + i);
        if ((next & 0xC0) != 0x80) {
            ++pos;
            return replacement_char;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return replacement_char;
    }
    pos += length;
    return cp;
}

size_t encode_utf8(char32_t cp, char* out) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

void append_utf8(std::string& out, char32_t cp) {
    char bytes[4];
    out.append(bytes, encode_utf8(cp, bytes));
}

size_t count_chars(std::string_view text) {
    // Every byte but the continuation bytes (10xxxxxx) starts a character: eight at a time.
    size_t continuation = 0;
    size_t pos = 0;
    for (; pos + 8 <= text.size(); pos += 8) {
        uint64_t word;
        std::memcpy(&word, text.data() + pos, 8);
        continuation += static_cast<size_t>(std::popcount(word & ~(word << 1) & 0x8080808080808080ull));
    }
    for (; pos < text.size(); ++pos) continuation += (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80;
    return text.size() - continuation;
}

size_t find_invalid_utf8(std::string_view text) {
    // Every file goes through here whole: ASCII is skipped eight bytes at a time and the two-byte
    // letters of Russian and Lithuanian are checked in place; the rest is decoded.
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    for (size_t pos = 0; pos < text.size();) {
        if (pos + 8 <= text.size()) {
            uint64_t block = 0;
            std::memcpy(&block, text.data() + pos, 8);
            if ((block & 0x8080808080808080ull) == 0) {
                pos += 8;
                continue;
            }
        }
        const unsigned char lead = byte(pos);
        if (lead < 0x80) {
            ++pos;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF && pos + 1 < text.size() && (byte(pos + 1) & 0xC0) == 0x80) {
            pos += 2;
            continue;
        }
        const size_t start = pos;
        if (decode_utf8(text, pos) == replacement_char && pos == start + 1) return start;
    }
    return std::string_view::npos;
}

size_t repair_utf8(std::string& text) {
    if (find_invalid_utf8(text) == std::string_view::npos) return 0;
    std::string out;
    out.reserve(text.size());
    size_t replaced = 0;
    for (size_t pos = 0; pos < text.size();) {
        const size_t start = pos;
        const char32_t cp = decode_utf8(text, pos);
        if (cp == replacement_char && pos == start + 1) ++replaced;
        append_utf8(out, cp);
    }
    text = std::move(out);
    return replaced;
}

std::string valid_utf8(std::string_view text) {
    std::string out(text);
    repair_utf8(out);
    return out;
}

std::string_view prefix_chars(std::string_view text, size_t chars) {
    size_t pos = 0;
    for (size_t i = 0; i < chars && pos < text.size(); ++i) decode_utf8(text, pos);
    return text.substr(0, pos);
}

size_t CharCursor::byte_of(size_t chars) {
    if (chars < m_chars) m_chars = m_bytes = 0;    // backwards: from the start again
    while (m_chars < chars && m_bytes < m_text.size()) {
        decode_utf8(m_text, m_bytes);
        ++m_chars;
    }
    return m_bytes;
}

}  // namespace qalint::util
