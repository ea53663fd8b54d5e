#pragma once
// Checks a rule's regex before it is compiled: RE2 syntax, and no ASCII-only \b \B \w \W,
// which silently miss Cyrillic and Lithuanian letters.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qalint::rules {

// `whole`: the regex is a pattern of its own, matched between word boundaries, so an alternative at its
// edge that begins or ends with a space is an error; a vocabulary's term (a piece of other patterns) is not.
std::optional<std::string> check_regex_syntax(std::string_view pattern, bool whole = true);

// The regex as the engine runs it: Russian and Lithuanian letters folded like the text,
// ASCII letters lowered (the text is lower case, and case-sensitive programs are far smaller).
std::string prepare_regex(std::string_view pattern);

// A prepared Lithuanian regex that also reads the endings chat and speech cut short: a word the regex
// writes out to its end in -ti, -me or -te also matches without the last vowel ("padėti" reads
// "padėt", "siūlome" "siūlom", "parašykite" "parašykit"), an imperative in -kite also the singular
// -k ("susisiekite" reads "susisiek"), and -kitės also -kis ("kreipkitės" reads "kreipkis"). Only a
// written-out stem of three letters or more, at a word's end in the regex (before | ) [ $, a space or
// punctuation, never before a quantifier), and never inside a character class.
std::string relax_cut_endings(std::string_view prepared, bool russian);
// Russian: a вы-imperative the regex writes out also reads as the ты-imperative chat uses: "-ите",
// "-йте", "-ьте" without "-те" ("напишите" reads "напиши", "оставьте" "оставь"), "-итесь" as "-ись"
// ("свяжитесь" reads "свяжись"); the same word-end conditions.
inline std::string relax_lithuanian_endings(std::string_view prepared) { return relax_cut_endings(prepared, false); }
inline std::string relax_russian_imperatives(std::string_view prepared) { return relax_cut_endings(prepared, true); }

// A rule's regex (as written, vocabularies expanded) as its top-level alternatives, in the order
// written: "a|b(c|d)" is "a" and "b(c|d)". Each is a regex of its own, and prepare_regex of each is
// the piece of prepare_regex of the whole between its '|'s. Empty when the regex has no top-level
// '|', or when splitting it could change what it means: a flag group ("(?i)a|b": the flag runs on
// into b) or any other "(?" than "(?:", \Q…\E, an empty alternative, brackets that do not pair
// up, or a combining mark right after a '|' (prepare_regex would fold it onto the '|').
std::vector<std::string_view> top_level_alternatives(std::string_view regex);

// \pL and \pN as the normalised text needs them: ASCII lower-case letters and any non-ASCII
// character (normalisation leaves none but letters and digits), and ASCII digits. RE2's full
// Unicode classes make every program several times larger.
std::string expand_letter_classes(std::string_view regex);

// A prepared (UTF-8) regex in the normalised text's one-byte encoding, for RE2's Latin-1 mode:
// every non-ASCII character becomes the \xHH escape of its normalised byte.
std::string encode_regex(std::string_view regex);
// Folded UTF-8 text (a literal) in the normalised encoding, raw bytes.
std::string encode_text(std::string_view folded);

// Whether a byte of normalised text is in the expanded [\pL\pN_]: exactly what a word boundary
// does not consume. (text::is_word_char is the Unicode question, for original text.)
constexpr bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

}  // namespace qalint::rules
