#pragma once
// UTF-8 decoding and encoding without allocation; nothing qalint-specific.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace qalint::util {

inline constexpr char32_t replacement_char = 0xFFFD;

// Decodes the code point at text[pos] and advances pos. Invalid or truncated
// sequences yield U+FFFD and advance by one byte.
char32_t decode_utf8(std::string_view text, size_t& pos);

void append_utf8(std::string& out, char32_t cp);
// Writes the UTF-8 of cp (1–4 bytes) to out; returns how many.
size_t encode_utf8(char32_t cp, char* out);

// Number of code points in valid UTF-8 (qalint's text, once decoded): the bytes that are not
// continuation bytes. In invalid text a stray continuation byte does not count.
size_t count_chars(std::string_view text);

// Byte offset of the first invalid sequence, or npos when the text is valid UTF-8.
size_t find_invalid_utf8(std::string_view text);

// Replaces invalid sequences by U+FFFD; returns how many were replaced.
size_t repair_utf8(std::string& text);

// text with each byte that starts no valid character written as U+FFFD: what a report may
// write of a file name that is not UTF-8 (a Windows-1251 export's), as JSON writes it.
std::string valid_utf8(std::string_view text);

// First `chars` code points of text.
std::string_view prefix_chars(std::string_view text, size_t chars);

// The byte offset of character offsets in one text, asked for mostly in increasing order (a
// turn's findings): each walks on from the last one instead of from the start, so n findings
// cost one pass over the text, not n. Same counting as prefix_chars.
class CharCursor {
public:
    explicit CharCursor(std::string_view text) : m_text(text) {}
    size_t byte_of(size_t chars);

private:
    std::string_view m_text;
    size_t m_chars = 0;
    size_t m_bytes = 0;
};

}  // namespace qalint::util
