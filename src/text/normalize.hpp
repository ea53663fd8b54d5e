#pragma once
// Normalisation for matching, with a map from every byte of the normalised text back
// to the character of the original it came from, so findings point into the source.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qalint::text {

// What normalisation makes of a character that is neither a letter nor a digit nor ASCII.
inline constexpr char symbol_placeholder = '\x1a';

struct NormalizedText {
    std::string text;                   // NFC, lower case, ё→е, Lithuanian letters folded to ASCII,
                                        // typographic quotes and dashes to ASCII, whitespace runs → ' ',
                                        // other non-ASCII non-letters → symbol_placeholder
    std::vector<uint32_t> source_char;  // per byte of text, then one past the end: character offset in the original

    // The original character span [first, last) that the normalised bytes [begin, end) came from.
    uint32_t original_begin(size_t byte) const { return source_char[byte]; }
    uint32_t original_end(size_t byte_end) const;
};

NormalizedText normalize(std::string_view original);
// The same into an existing object, reusing its buffers (the per-turn hot path).
void normalize_into(std::string_view original, NormalizedText& out);

// The same folding, for rule text, without the offset map. With keep_ascii, ASCII
// characters are kept as they are (a regex's \S must not become \s).
std::string fold_for_matching(std::string_view text, bool keep_ascii = false);

// Lower case, NFC and ё→е, but Lithuanian letters kept: the form the Snowball stemmers expect.
std::string lower_for_stemming(std::string_view text);

// Letters and digits, in the Unicode sense.
bool is_word_char(char32_t cp);

}  // namespace qalint::text
