#pragma once
// Normalisation for matching, with a map from every byte of the normalised text back
// to the character of the original it came from, so findings point into the source.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qalint::text {

// The normalised text has one byte per character, so the regexes run on it byte by byte (RE2's
// Latin-1 mode) and a Russian turn is half as long as in UTF-8:
// - ASCII as it is (lower case);
// - Cyrillic а–я, ѐ–џ (U+0430–045F) as 0xC0–0xEF;
// - any other letter or digit as other_letter;
// - any other character (emoji, symbols, punctuation not folded to ASCII) as symbol_placeholder.
inline constexpr unsigned char cyrillic_base = 0xC0;    // U+0430
inline constexpr char32_t cyrillic_first = 0x430, cyrillic_last = 0x45F;
inline constexpr char other_letter = '\xF0';
inline constexpr char symbol_placeholder = '\x1a';

// The normalised byte of a folded code point (see fold_for_matching).
constexpr char encode_folded(char32_t cp) {
    if (cp < 0x80) return static_cast<char>(cp);
    if (cp >= cyrillic_first && cp <= cyrillic_last) return static_cast<char>(cyrillic_base + (cp - cyrillic_first));
    return other_letter;
}

// Normalised text back to UTF-8, for people (tests, debugging): other_letter shows as '∗'.
std::string to_utf8(std::string_view normalized);

struct NormalizedText {
    std::string text;                   // NFC, lower case, ё→е, Lithuanian letters folded to ASCII,
                                        // typographic quotes and dashes to ASCII, whitespace runs → ' ',
                                        // then one byte per character as above

    // The original character span [first, last) that the normalised bytes [begin, end) came from.
    uint32_t original_begin(size_t byte) const;
    uint32_t original_end(size_t byte_end) const;

    // Where each byte came from, kept as the places where that is not the character after the
    // previous byte's (a whitespace run, a composed cluster): byte b came from
    // jumps[j].source + (b - jumps[j].byte) for the last jump at or before b. A byte per character
    // is the rule, so a 100 MB turn needs a few jumps, not a 400 MB table.
    struct Jump {
        uint32_t byte = 0;
        uint32_t source = 0;
    };
    std::vector<Jump> jumps;    // sorted by byte; the first at byte 0
    uint32_t source_chars = 0;  // characters in the original
};

NormalizedText normalize(std::string_view original);
// The same into an existing object, reusing its buffers (the per-turn hot path).
void normalize_into(std::string_view original, NormalizedText& out);

// The same folding, for rule text, in UTF-8 and without the offset map (encode_folded gives each
// character's normalised byte). With keep_ascii, ASCII characters are kept as they are (a
// regex's \S must not become \s).
std::string fold_for_matching(std::string_view text, bool keep_ascii = false);

// Lower case, NFC and ё→е, but Lithuanian letters kept: the form the Snowball stemmers expect.
std::string lower_for_stemming(std::string_view text);

// A combining mark (Mn, Me): folding joins it to the character before it.
bool is_combining_mark(char32_t cp);

// Letters and digits, in the Unicode sense.
bool is_word_char(char32_t cp);

}  // namespace qalint::text
