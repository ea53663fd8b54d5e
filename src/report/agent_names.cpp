#include "report/agent_names.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "read/roles.hpp"
#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::report {
namespace {

// Words of a label that name a team, a channel or a diarisation label: nobody, yet no role word
// either. The role words ("Agent", "Оператор", "Konsultantė") are the reader's (read::is_role_word),
// so a name is told from a role here as the reader tells it. Folded as text::fold_for_matching folds.
constexpr std::array label_words = {
    // en
    "team", "service", "care", "help", "desk", "spk", "spkr", "speaker", "ch", "chan", "channel", "voice", "unknown",
    // ru
    "служба", "поддержки", "спикер", "говорящий", "диктор", "канал",
    // lt
    "aptarnavimas", "klientu", "kalbetojas", "kalbetoja", "kanalas"};

bool is_digit(char32_t cp) {
    return cp >= '0' && cp <= '9';
}

struct Word {
    size_t begin = 0, end = 0;    // bytes of the label
    std::string folded;
};

// The label's words, split at anything not a letter or digit and between letters and digits
// ("spk0" is "spk" "0").
std::vector<Word> words_of(std::string_view label) {
    std::vector<Word> words;
    std::optional<size_t> start;
    bool digits = false;
    for (size_t pos = 0; pos <= label.size();) {
        size_t next = pos;
        const char32_t cp = pos < label.size() ? util::decode_utf8(label, next) : U' ';
        const bool word = text::is_word_char(cp);
        if (start && (!word || is_digit(cp) != digits)) {
            words.push_back({*start, pos, text::fold_for_matching(label.substr(*start, pos - *start))});
            start.reset();
        }
        if (word && !start) {
            start = pos;
            digits = is_digit(cp);
        }
        if (pos == label.size()) break;
        pos = next;
    }
    return words;
}

// A role word, or a word of a team's or a channel's label.
bool names_nobody(const Word& word) {
    return read::is_role_word(word.folded) ||
           std::find(label_words.begin(), label_words.end(), word.folded) != label_words.end();
}

}  // namespace

bool is_agent_name(std::string_view speaker) {
    const std::vector<Word> words = words_of(speaker);
    return std::any_of(words.begin(), words.end(), [](const Word& word) {
        const bool number = std::all_of(word.folded.begin(), word.folded.end(), [](char c) { return c >= '0' && c <= '9'; });
        const bool letter = util::count_chars(word.folded) == 1;  // "Speaker A", "S1"
        return !number && !letter && !names_nobody(word);
    });
}

std::string agent_display_name(std::string_view speaker) {
    const std::vector<Word> words = words_of(speaker);
    size_t first = 0, last = words.size();
    while (first < last && names_nobody(words[first])) ++first;
    while (last > first && names_nobody(words[last - 1])) --last;
    if (first == last) return std::string(speaker);
    return std::string(speaker.substr(words[first].begin, words[last - 1].end - words[first].begin));
}

std::string agent_key(const core::Conversation& conversation) {
    const std::string name = conversation.agent_name();
    if (!is_agent_name(name)) return "file:" + conversation.file;
    // Words as written, blanks between them collapsed, in lower case: "Anna  petrova" is "Anna Petrova".
    std::string key = "name:";
    bool blank = false;
    for (char c : text::lower_for_stemming(agent_display_name(name))) {
        const bool is_blank = c == ' ' || c == '\t';
        if (is_blank && !blank && key.size() > 5) key += ' ';
        blank = is_blank;
        if (!is_blank) key += c;
    }
    while (key.size() > 5 && key.back() == ' ') key.pop_back();
    return key;
}

}  // namespace qalint::report
