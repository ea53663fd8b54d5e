#include "rules/phrase.hpp"

#include <libstemmer.h>
#include <re2/re2.h>

#include <vector>

#include "core/rule.hpp"
#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::rules {
namespace {

struct PhraseWord {
    std::string text;    // lower case, Lithuanian letters kept
    bool exact = false;
};

// Words are runs of letters, digits and inner apostrophes; '=' before a word asks for it exactly.
std::vector<PhraseWord> split_words(std::string_view lowered) {
    std::vector<PhraseWord> words;
    PhraseWord current;
    bool pending_exact = false;
    const auto flush = [&] {
        while (!current.text.empty() && current.text.back() == '\'') current.text.pop_back();
        if (!current.text.empty()) {
            current.exact = current.exact || pending_exact;
            words.push_back(current);
        }
        current = {};
        pending_exact = false;
    };
    for (size_t pos = 0; pos < lowered.size();) {
        const size_t start = pos;
        const char32_t cp = util::decode_utf8(lowered, pos);
        if (text::is_word_char(cp) || (cp == '\'' && !current.text.empty())) {
            current.text.append(lowered.substr(start, pos - start));
        } else {
            flush();
            if (cp == '=') pending_exact = true;
        }
    }
    flush();
    return words;
}

}  // namespace

PhraseCompiler::PhraseCompiler() {
    m_stemmers[0] = sb_stemmer_new("russian", "UTF_8");
    m_stemmers[1] = sb_stemmer_new("lithuanian", "UTF_8");
    m_stemmers[2] = sb_stemmer_new("english", "UTF_8");
}

PhraseCompiler::~PhraseCompiler() {
    for (auto* stemmer : m_stemmers)
        if (stemmer) sb_stemmer_delete(stemmer);
}

std::string PhraseCompiler::stem(std::string_view word, core::Language language) {
    sb_stemmer* stemmer = m_stemmers[core::language_index(language)];
    if (!stemmer) return std::string(word);
    const sb_symbol* result = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                              static_cast<int>(word.size()));
    if (!result) return std::string(word);
    return std::string(reinterpret_cast<const char*>(result), static_cast<size_t>(sb_stemmer_length(stemmer)));
}

std::string PhraseCompiler::to_regex(std::string_view phrase, core::Language language) {
    const std::vector<PhraseWord> words = split_words(text::lower_for_stemming(phrase));
    // Extra words may sit between the phrase's words, but not across a sentence end.
    const std::string separator = "[^\\pL\\pN.!?\\n]+";
    const std::string gap = "(?:" + separator + "[\\pL\\pN']+){0," + std::to_string(max_gap_words) + "}" + separator;
    std::string regex;
    for (size_t i = 0; i < words.size(); ++i) {
        const PhraseWord& word = words[i];
        if (i > 0) regex += gap;
        const size_t chars = util::count_chars(word.text);
        const bool has_apostrophe = word.text.find('\'') != std::string::npos;
        if (word.exact || chars <= 2 || has_apostrophe) {
            regex += RE2::QuoteMeta(text::fold_for_matching(word.text));
            continue;
        }
        std::string stemmed = stem(word.text, language);
        if (util::count_chars(stemmed) < 2) stemmed = word.text;
        const std::string folded = text::fold_for_matching(stemmed);
        regex += RE2::QuoteMeta(folded) + "[\\pL\\pN]{0," + std::to_string(max_suffix_letters) + "}";
    }
    return regex;
}

}  // namespace qalint::rules
