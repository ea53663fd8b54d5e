#include "report/agent_names.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::report {
namespace {

// Folded as text::fold_for_matching folds (lower case, Lithuanian letters to ASCII, ё→е).
constexpr std::array role_words = {
    // en
    "agent", "operator", "support", "rep", "representative", "csr", "advisor", "adviser", "consultant", "specialist",
    "staff", "assistant", "associate", "team", "service", "customer", "care", "help", "helpdesk", "desk", "bot",
    "chatbot", "manager", "employee", "spk", "spkr", "speaker", "ch", "chan", "channel", "voice", "unknown",
    // ru
    "агент", "оператор", "консультант", "специалист", "менеджер", "сотрудник", "сотрудница", "поддержка",
    "техподдержка", "служба", "поддержки", "ассистент", "бот", "спикер", "говорящий", "диктор", "канал",
    // lt
    "agentas", "agente", "operatorius", "operatore", "konsultantas", "konsultante", "specialistas", "specialiste",
    "vadybininkas", "vadybininke", "darbuotojas", "darbuotoja", "pagalba", "aptarnavimas", "klientu", "asistentas",
    "asistente", "botas", "kalbetojas", "kalbetoja", "kanalas"};

bool is_digit(char32_t cp) {
    return cp >= '0' && cp <= '9';
}

// The label's words, split at anything not a letter or digit and between letters and digits
// ("spk0" is "spk" "0").
std::vector<std::string> label_words(std::string_view folded) {
    std::vector<std::string> words;
    std::string word;
    bool digits = false;
    for (size_t pos = 0; pos < folded.size();) {
        const char32_t cp = util::decode_utf8(folded, pos);
        if (!text::is_word_char(cp) || (!word.empty() && is_digit(cp) != digits)) {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        }
        if (text::is_word_char(cp)) {
            util::append_utf8(word, cp);
            digits = is_digit(cp);
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

}  // namespace

bool is_agent_name(std::string_view speaker) {
    const std::vector<std::string> words = label_words(text::fold_for_matching(speaker));
    return std::any_of(words.begin(), words.end(), [](const std::string& word) {
        const bool number = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
        const bool letter = util::count_chars(word) == 1;  // "Speaker A", "S1"
        const bool role = std::find(role_words.begin(), role_words.end(), word) != role_words.end();
        return !number && !letter && !role;
    });
}

std::string agent_key(const core::Conversation& conversation) {
    const std::string name = conversation.agent_name();
    if (!is_agent_name(name)) return "file:" + conversation.file;
    // Words as written, blanks between them collapsed, in lower case: "Anna  petrova" is "Anna Petrova".
    std::string key = "name:";
    bool blank = false;
    for (char c : text::lower_for_stemming(name)) {
        const bool is_blank = c == ' ' || c == '\t';
        if (is_blank && !blank && key.size() > 5) key += ' ';
        blank = is_blank;
        if (!is_blank) key += c;
    }
    while (key.size() > 5 && key.back() == ' ') key.pop_back();
    return key;
}

}  // namespace qalint::report
