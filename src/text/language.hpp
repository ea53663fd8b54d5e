#pragma once
// Per-turn language detection: Russian by script, Lithuanian against English by
// diacritics and a small lexicon that also knows Lithuanian typed without diacritics.

#include <string_view>

#include "core/model.hpp"

namespace qalint::text {

struct LanguageGuess {
    core::Language language = core::Language::unknown;
    bool certain = false;    // false: short or mixed text, so every language's patterns should run
};

// `original` is the turn as typed, `normalized` its normalize() form.
LanguageGuess detect_language(std::string_view original, std::string_view normalized);

}  // namespace qalint::text
