#pragma once
// Turns a `phrase` pattern into a regex over normalised text: each word matches its
// inflected forms (Snowball stem plus a few letters), with up to two extra words between.

#include <string>
#include <string_view>

#include "core/model.hpp"

struct sb_stemmer;

namespace qalint::rules {

inline constexpr int max_suffix_letters = 5;
inline constexpr int max_gap_words = 2;

class PhraseCompiler {
public:
    PhraseCompiler();
    ~PhraseCompiler();
    PhraseCompiler(const PhraseCompiler&) = delete;
    PhraseCompiler& operator=(const PhraseCompiler&) = delete;

    // A regex body (no boundaries) for the phrase in the given language; "" when it has no words.
    std::string to_regex(std::string_view phrase, core::Language language);

    // The stem of one lower-case word, with Lithuanian letters kept (as the stemmers need).
    std::string stem(std::string_view word, core::Language language);

private:
    sb_stemmer* m_stemmers[3] = {nullptr, nullptr, nullptr};
};

}  // namespace qalint::rules
