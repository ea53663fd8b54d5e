#include "text/language.hpp"

#include <array>
#include <algorithm>
#include <cstdint>

#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::text {
namespace {

// Frequent words, as normalize() spells them (Lithuanian folded to ASCII). Typed without diacritics,
// Lithuanian's "į" and "iš" are "i" and "is": both lists have them, so they tell nothing, and a
// plain-typed Lithuanian reply is not taken for certain English (and read with English patterns only).
constexpr std::array<std::string_view, 119> lithuanian_words = {
    "i", "is", "cia", "jei", "jeigu", "kai", "arba", "apie", "dabar", "galima", "norim", "norime", "savo", "sios",
    "sia", "siuo", "sis", "zinute", "zinutes", "nuoroda", "nuorodos", "informacija",
    "informacijos", "patikrinkite", "parasykite", "susisiekite", "kreipkites", "atsiuskite", "pabandykite",
    "deja", "jokiu", "tiesiog", "tikrai", "siuntos", "siuntinys", "prasom", "ka", "kur", "musu",
    "ir", "kad", "ar", "jums", "jus", "jusu", "aciu", "labas", "laba", "diena", "dienos", "prasau", "galiu",
    "padeti", "nezinau", "kaip", "yra", "mano", "del", "taip", "ne", "su", "uz", "kuo", "gal", "sveiki",
    "dekoju", "atsiprasau", "atsiprasome", "kas", "bet", "tai", "buvo", "bus", "man", "jau", "dar", "nes",
    "kada", "kodel", "nera", "reikia", "noriu", "turiu", "galite", "prasome", "isspresti", "siandien", "rytoj",
    "uzsakymas", "uzsakymo", "saskaita", "klausimas", "klausimu", "iki", "po", "pas", "mus", "mes", "jis",
    "ji", "tik", "labai", "gerai", "viskas", "sekmes", "viso", "gero", "kreipetes", "supratau", "suprantu",
    "siunta", "pinigai", "grazinti", "patikrinti", "operatorius", "klientas", "sveikas", "vakaras", "rytas"};
constexpr std::array<std::string_view, 70> english_words = {
    "the", "and", "you", "is", "to", "i", "my", "for", "your", "can", "please", "thanks", "thank", "hello",
    "we", "it", "that", "this", "have", "be", "will", "with", "on", "of", "a", "an", "are", "not", "was",
    "what", "how", "me", "do", "help", "hi", "am", "our", "in", "at", "so", "if", "would", "could", "order",
    "there", "they", "sorry", "just", "yes", "no", "get", "let", "know", "account", "card", "today", "'m",
    "i'm", "don't", "it's", "you're", "i'll", "we'll", "by", "from", "or", "but", "all", "any", "need"};

// Both word lists in one small open-addressing table: one probe per word of a turn.
class Lexicon {
public:
    static constexpr uint8_t lithuanian = 1, english = 2;

    Lexicon() {
        for (auto word : lithuanian_words) insert(word, lithuanian);
        for (auto word : english_words) insert(word, english);
    }
    uint8_t find(std::string_view word) const {
        if (word.size() > max_length) return 0;
        for (size_t slot = hash(word);; slot = (slot + 1) & mask) {
            if (m_slots[slot].flags == 0) return 0;
            if (m_slots[slot].word == word) return m_slots[slot].flags;
        }
    }

private:
    static constexpr size_t size = 512, mask = size - 1, max_length = 16;
    struct Slot {
        std::string_view word;
        uint8_t flags = 0;
    };
    static size_t hash(std::string_view word) {
        uint32_t h = 2166136261u;
        for (unsigned char c : word) h = (h ^ c) * 16777619u;
        return h & mask;
    }
    void insert(std::string_view word, uint8_t flag) {
        for (size_t slot = hash(word);; slot = (slot + 1) & mask) {
            if (m_slots[slot].flags == 0 || m_slots[slot].word == word) {
                m_slots[slot].word = word;
                m_slots[slot].flags |= flag;
                return;
            }
        }
    }
    std::array<Slot, size> m_slots{};
};

const Lexicon& lexicon() {
    static const Lexicon table;
    return table;
}

bool is_lithuanian_letter(char32_t cp) {
    switch (cp) {
    case 0x104: case 0x105: case 0x10C: case 0x10D: case 0x118: case 0x119: case 0x116: case 0x117:
    case 0x12E: case 0x12F: case 0x160: case 0x161: case 0x172: case 0x173: case 0x16A: case 0x16B:
    case 0x17D: case 0x17E:
        return true;
    default:
        return false;
    }
}

}  // namespace

LanguageGuess detect_language(std::string_view original, std::string_view normalized) {
    // Scripts are counted on the normalised text, one byte per character: ASCII letters (the
    // Lithuanian ones folded in) are Latin, Russian letters Cyrillic. Only a Latin turn needs the
    // original again, for its Lithuanian letters.
    size_t cyrillic = 0, latin = 0, lithuanian_letters = 0;
    for (const char c : normalized) {
        const auto byte = static_cast<unsigned char>(c);
        latin += byte >= 'a' && byte <= 'z';
        cyrillic += byte >= cyrillic_base && byte < static_cast<unsigned char>(other_letter);
    }
    if (latin > cyrillic) {
        const auto byte = [&](size_t i) { return static_cast<unsigned char>(original[i]); };
        for (size_t pos = 0; pos + 1 < original.size(); ++pos) {
            const unsigned char lead = byte(pos);
            if ((lead == 0xC4 || lead == 0xC5) && (byte(pos + 1) & 0xC0) == 0x80 &&
                is_lithuanian_letter(static_cast<char32_t>(((lead & 0x1F) << 6) | (byte(pos + 1) & 0x3F))))
                ++lithuanian_letters;
        }
    }
    const size_t letters = cyrillic + latin;
    if (letters == 0) return {};
    if (cyrillic * 10 >= letters * 7) return {core::Language::ru, cyrillic >= 12 && cyrillic * 10 >= letters * 9};
    if (latin * 10 < letters * 7) {
        // Mixed scripts: the larger wins, but every language's patterns run.
        return {cyrillic > latin ? core::Language::ru : core::Language::en, false};
    }

    size_t lt_score = lithuanian_letters * 2, en_score = 0, words = 0;
    size_t start = std::string_view::npos;
    const auto score_word = [&](std::string_view word) {
        ++words;
        const uint8_t found = lexicon().find(word);
        if (found & Lexicon::lithuanian) lt_score += 2;
        if (found & Lexicon::english) en_score += 2;
    };
    for (size_t pos = 0; pos <= normalized.size(); ++pos) {
        const bool word_char = pos < normalized.size() &&
                               ((normalized[pos] >= 'a' && normalized[pos] <= 'z') || normalized[pos] == '\'' ||
                                static_cast<unsigned char>(normalized[pos]) >= 0x80);
        if (word_char && start == std::string_view::npos) start = pos;
        if (!word_char && start != std::string_view::npos) {
            score_word(normalized.substr(start, pos - start));
            start = std::string_view::npos;
        }
    }
    if (lt_score == en_score) return {lt_score > 0 ? core::Language::lt : core::Language::en, false};
    const core::Language best = lt_score > en_score ? core::Language::lt : core::Language::en;
    const size_t margin = lt_score > en_score ? lt_score - en_score : en_score - lt_score;
    return {best, words >= 4 && margin >= 4};
}

}  // namespace qalint::text
