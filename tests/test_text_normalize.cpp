#include <doctest/doctest.h>

#include "text/language.hpp"
#include "text/normalize.hpp"

using qalint::core::Language;
using qalint::text::detect_language;
using qalint::text::fold_for_matching;
using qalint::text::normalize;
using qalint::text::to_utf8;
namespace text = qalint::text;

TEST_CASE("text::normalize") {
    SUBCASE("lower case, ё to е, Lithuanian letters to ASCII") {
        CHECK(to_utf8(normalize("Всё ЁЛКИ").text) == "все елки");
        CHECK(to_utf8(normalize("Ačiū UŽ kantrybę").text) == "aciu uz kantrybe");
        CHECK(to_utf8(normalize("Not My Department").text) == "not my department");
    }
    SUBCASE("typographic quotes, apostrophes and dashes become ASCII") {
        CHECK(to_utf8(normalize("«так» „taip“ “yes” don’t – —").text) == "\"так\" \"taip\" \"yes\" don't - -");
    }
    SUBCASE("whitespace runs collapse and invisible characters vanish") {
        CHECK(to_utf8(normalize("не\u00A0\u00A0моя\t компе\u00ADтенция").text) == "не моя компетенция");
    }
    SUBCASE("combining marks compose (NFC) before folding") {
        // е + U+0308 is ё; a + U+0328 is ą.
        CHECK(to_utf8(normalize("е\u0308ще").text) == "еще");
        CHECK(to_utf8(normalize("a\u0328").text) == "a");
        CHECK(to_utf8(normalize("и\u0306").text) == "й");
    }
    SUBCASE("every normalised byte maps back to its original character") {
        const auto n = normalize("Ačiū, Ёж");
        REQUIRE(to_utf8(n.text) == "aciu, еж");
        CHECK(n.original_begin(0) == 0);    // a
        CHECK(n.original_begin(1) == 1);    // c from č
        CHECK(n.original_begin(3) == 3);    // u from ū
        const size_t ezh = to_utf8(n.text).find("еж");    // ASCII before it: the same offset
        CHECK(n.original_begin(ezh) == 6);
        CHECK(n.original_end(n.text.size()) == 8);
    }
    SUBCASE("one byte per character: Cyrillic its own, other letters and digits one code, symbols another") {
        const auto n = normalize("Ёжик ü");
        CHECK(n.text.size() == 6);
        CHECK(n.text[0] == text::encode_folded(U'е'));
        CHECK(n.text[5] == text::other_letter);
    }
    SUBCASE("emoji, symbols and other punctuation become one placeholder each; letters and digits stay") {
        const auto n = normalize("Спасибо👍 №5 €10 © ü ß ٣ ½");
        CHECK(to_utf8(n.text) == "спасибо\x1a \x1a" "5 \x1a" "10 \x1a ∗ ∗ ∗ ∗");
        CHECK(n.original_begin(n.text.find('5')) == 10);    // 👍 is one character, one byte
    }
    SUBCASE("a combined character maps to the start of its cluster") {
        const auto n = normalize("xе\u0308y");
        REQUIRE(to_utf8(n.text) == "xеy");
        CHECK(n.original_begin(n.text.find('y')) == 3);
    }
}

TEST_CASE("text::fold_for_matching") {
    CHECK(fold_for_matching("Ačiū") == "aciu");
    CHECK(fold_for_matching("\\S+Ё", true) == "\\S+е");
}

TEST_CASE("text::detect_language") {
    const auto detect = [](const char* text) { return detect_language(text, normalize(text).text); };
    SUBCASE("Cyrillic is Russian") {
        CHECK(detect("Здравствуйте, чем могу помочь?").language == Language::ru);
        CHECK(detect("Здравствуйте, чем могу помочь?").certain);
    }
    SUBCASE("Lithuanian with and without diacritics") {
        CHECK(detect("Laba diena, kuo galiu Jums padėti?").language == Language::lt);
        const auto plain = detect("aciu uz kantrybe, as jums padesiu su tuo klausimu");
        CHECK(plain.language == Language::lt);
        CHECK(plain.certain);
    }
    SUBCASE("Lithuanian typed without diacritics is not certain English for its 'i' (į) and 'is' (iš)") {
        const auto plain = detect("Norim patikslinti: ka rodo naujausia siuntos informacija? Patikrinkite cia, is sios nuorodos i jusu pasta");
        CHECK(plain.language == Language::lt);
        const auto few = detect("Jokiu problemu, atlikite veiksmus is sios nuorodos i programele");
        CHECK_FALSE((few.language == Language::en && few.certain));
    }
    SUBCASE("English") {
        const auto guess = detect("Thank you for your patience, I will check it for you");
        CHECK(guess.language == Language::en);
        CHECK(guess.certain);
    }
    SUBCASE("short turns are uncertain, so every language's patterns run") {
        CHECK_FALSE(detect("ok").certain);
        CHECK_FALSE(detect("Sveiki").certain);
    }
}

TEST_CASE("text::normalize keeps the map back to the original small: a place per jump, not a number per byte") {
    // A 100 MB one-line file took 941 MB, 400 MB of it this map. Now only the places where a byte
    // does not come from the character after the previous byte's are kept.
    std::string original;
    for (int i = 0; i < 20000; ++i) original += "Ačiū, Ёжик! ";
    original += "double  space, e\u0308 composed";
    const auto n = normalize(original);
    CHECK(n.jumps.size() == 2);
    const size_t space = n.text.rfind("double ") + 7;
    CHECK(n.original_begin(space) == 20000 * 12 + 8);    // past the space that was dropped
    CHECK(n.original_begin(n.text.size() - 8) == 20000 * 12 + 18);    // "composed", past e + U+0308
    CHECK(n.original_end(n.text.size()) == 20000 * 12 + 26);
    CHECK(n.original_end(0) == 0);
}
