#include <doctest/doctest.h>

#include <string>

#include "util/utf8.hpp"

using qalint::util::find_invalid_utf8;

TEST_CASE("util::find_invalid_utf8 names the first byte that starts no valid character") {
    constexpr auto none = std::string_view::npos;
    SUBCASE("valid text of every length, ASCII and not") {
        CHECK(find_invalid_utf8("") == none);
        CHECK(find_invalid_utf8("Добрый день, ačiū už kantrybę! 👍 日本") == none);
        CHECK(find_invalid_utf8(std::string(37, 'a') + "ё" + std::string(9, 'b')) == none);
        CHECK(find_invalid_utf8("\xEF\xBF\xBD") == none);  // U+FFFD written out is valid
    }
    SUBCASE("a bad byte after a run of ASCII longer than a block") {
        CHECK(find_invalid_utf8(std::string(19, 'a') + "\xFF" + "bc") == 19);
        CHECK(find_invalid_utf8("abcdefgh\x80") == 8);
    }
    SUBCASE("sequences that look like characters but are not") {
        CHECK(find_invalid_utf8("ok \xC0\x80") == 3);          // overlong NUL
        CHECK(find_invalid_utf8("ok \xC1\xBF") == 3);          // overlong
        CHECK(find_invalid_utf8("ok \xED\xA0\x80") == 3);      // a surrogate
        CHECK(find_invalid_utf8("ok \xF4\x90\x80\x80") == 3);  // past U+10FFFF
        CHECK(find_invalid_utf8("ok \xE0\x9F\xBF") == 3);      // overlong three bytes
        CHECK(find_invalid_utf8("да\xD0") == 4);               // cut off at the end
        CHECK(find_invalid_utf8("да\xD0x") == 4);              // no continuation byte
        CHECK(find_invalid_utf8("Добрый\xD0\xD0\xB0") == 12);
    }
}

TEST_CASE("util::count_chars counts characters, not bytes, at every length and alignment") {
    using qalint::util::count_chars;
    using qalint::util::decode_utf8;
    const std::string sample = "Ačiū už kantrybę — ёлка «да» 👍 日本 ok";
    size_t expected = 0;
    for (size_t pos = 0; pos < sample.size(); ++expected) decode_utf8(sample, pos);
    CHECK(expected == 36);
    CHECK(count_chars(sample) == expected);
    CHECK(count_chars("") == 0);
    // Cut at every character boundary: the 8-byte blocks and the tail must agree with decoding.
    size_t chars = 0;
    for (size_t pos = 0;; ++chars) {
        CHECK(count_chars(std::string_view(sample).substr(0, pos)) == chars);
        CHECK(count_chars(std::string_view(sample).substr(pos)) == expected - chars);
        if (pos == sample.size()) break;
        decode_utf8(sample, pos);
    }
    CHECK(chars == expected);
}

TEST_CASE("util::CharCursor gives the byte offsets prefix_chars gives, in any order") {
    // ASCII, Cyrillic, Lithuanian, a 4-byte character and a stray byte, repeated.
    std::string text;
    for (int i = 0; i < 50; ++i) text += "ab не ąž 😀 \xff x";
    const size_t chars = qalint::util::count_chars(text) + 60;
    qalint::util::CharCursor forward(text);
    for (size_t c = 0; c <= chars; c += 3)
        CHECK_MESSAGE(forward.byte_of(c) == qalint::util::prefix_chars(text, c).size(), c);
    qalint::util::CharCursor back_and_forth(text);
    for (size_t c : {40u, 7u, 7u, 300u, 0u, 5000u, 12u})
        CHECK_MESSAGE(back_and_forth.byte_of(c) == qalint::util::prefix_chars(text, c).size(), c);
}

TEST_CASE("util::valid_utf8 writes U+FFFD for each byte that starts no character, and keeps valid text") {
    using qalint::util::valid_utf8;
    CHECK(valid_utf8("Добрый день") == "Добрый день");
    CHECK(valid_utf8("chat\xE6\xE0.txt") == "chat\xEF\xBF\xBD\xEF\xBF\xBD.txt");    // Windows-1251 «жа»
    CHECK(valid_utf8("да\xD0") == "да\xEF\xBF\xBD");                                 // cut off at the end
}
