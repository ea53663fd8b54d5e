// Bytes to UTF-8: legacy encodings of ru/lt exports detected, --encoding, UTF-16 without a BOM,
// and text that cannot be decoded refused. The legacy bytes are written here by hand.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "read/decode.hpp"

namespace {

struct Decoded {
    bool ok = false;
    std::string text;    // the text, or the error
    std::vector<std::string> warnings;
};

Decoded decode(const std::string& bytes, const std::string& encoding = "") {
    Decoded out;
    std::string converted;
    const auto text = qalint::read::decode_text(bytes, converted, out.warnings, encoding);
    out.ok = text.has_value();
    out.text = text ? std::string(*text) : text.error();
    return out;
}

// "Оператор: Это не моя компетенция, обратитесь в службу доставки." in Windows-1251 and KOI8-R.
const std::string ru_utf8 = "Оператор: Это не моя компетенция, обратитесь в службу доставки. Клиент: Где мой заказ?\n";
const std::string ru_1251 =
    "\xCE\xEF\xE5\xF0\xE0\xF2\xEE\xF0: \xDD\xF2\xEE \xED\xE5 \xEC\xEE\xFF \xEA\xEE\xEC\xEF\xE5\xF2\xE5\xED\xF6\xE8\xFF, "
    "\xEE\xE1\xF0\xE0\xF2\xE8\xF2\xE5\xF1\xFC \xE2 \xF1\xEB\xF3\xE6\xE1\xF3 \xE4\xEE\xF1\xF2\xE0\xE2\xEA\xE8. "
    "\xCA\xEB\xE8\xE5\xED\xF2: \xC3\xE4\xE5 \xEC\xEE\xE9 \xE7\xE0\xEA\xE0\xE7?\n";
const std::string ru_koi8 =
    "\xEF\xD0\xC5\xD2\xC1\xD4\xCF\xD2: \xFC\xD4\xCF \xCE\xC5 \xCD\xCF\xD1 \xCB\xCF\xCD\xD0\xC5\xD4\xC5\xCE\xC3\xC9\xD1, "
    "\xCF\xC2\xD2\xC1\xD4\xC9\xD4\xC5\xD3\xD8 \xD7 \xD3\xCC\xD5\xD6\xC2\xD5 \xC4\xCF\xD3\xD4\xC1\xD7\xCB\xC9. "
    "\xEB\xCC\xC9\xC5\xCE\xD4: \xE7\xC4\xC5 \xCD\xCF\xCA \xDA\xC1\xCB\xC1\xDA?\n";

}  // namespace

TEST_CASE("read::decode_text") {
    SUBCASE("Windows-1251 and KOI8-R Russian are detected and decoded") {
        for (const auto* bytes : {&ru_1251, &ru_koi8}) {
            const Decoded out = decode(*bytes);
            CHECK(out.ok);
            CHECK(out.text == ru_utf8);
            REQUIRE(out.warnings.size() == 1);
            CHECK(out.warnings[0].starts_with("not UTF-8: read as "));
        }
    }
    SUBCASE("--encoding says what the bytes are") {
        const Decoded out = decode(ru_1251, "windows-1251");
        CHECK(out.ok);
        CHECK(out.text == ru_utf8);
        CHECK(out.warnings.empty());
        CHECK(qalint::read::known_encoding("koi8-r"));
        CHECK_FALSE(qalint::read::known_encoding("no-such-encoding"));
    }
    SUBCASE("--encoding leaves a file that is already UTF-8 as it is (a folder of mixed exports)") {
        const Decoded out = decode(ru_utf8, "windows-1251");
        CHECK(out.ok);
        CHECK(out.text == ru_utf8);
        CHECK(out.warnings.empty());
    }
    SUBCASE("UTF-16 without a byte order mark is read, not called binary") {
        std::string utf16;
        for (const char c : std::string("Agent: Hello, how can I help?\nCustomer: Where is my order?\n"))
            utf16 += std::string(1, c) + '\0';
        const Decoded out = decode(utf16);
        CHECK(out.ok);
        CHECK(out.text == "Agent: Hello, how can I help?\nCustomer: Where is my order?\n");
    }
    SUBCASE("UTF-8 is left alone, NUL-ridden bytes are still binary") {
        CHECK(decode(ru_utf8).text == ru_utf8);
        CHECK(decode(ru_utf8).warnings.empty());
        CHECK_FALSE(decode(std::string("\x01\x00\x00\x07\x00\x00\x00\x00\x13\x00\x00\x00", 12)).ok);
    }
}

TEST_CASE("read::decode_text: UTF-16 of odd length says its last byte is half a character") {
    // "Hi!" in UTF-16LE with a BOM, then one stray byte: it was dropped without a word.
    const std::string little("\xFF\xFE" "H\0i\0!\0" "\x41", 9);
    const Decoded le = decode(little);
    REQUIRE(le.ok);
    CHECK(le.text == "Hi!\xEF\xBF\xBD");
    REQUIRE(le.warnings.size() == 1);
    CHECK(le.warnings[0].find("odd length") != std::string::npos);
    CHECK(le.warnings[0].find("0x41") != std::string::npos);
    const std::string big("\xFE\xFF" "\0H\0i" "\x42", 7);
    const Decoded be = decode(big);
    REQUIRE(be.ok);
    CHECK(be.text == "Hi\xEF\xBF\xBD");
    REQUIRE(be.warnings.size() == 1);
    // Without a BOM too (recognised by its NUL bytes).
    const std::string text = "Agent: Hello, how can I help?\n";
    std::string no_bom;
    for (char c : text) no_bom += std::string{c, '\0'};
    no_bom += 'x';
    const Decoded bare = decode(no_bom);
    REQUIRE(bare.ok);
    CHECK(bare.text == text + "\xEF\xBF\xBD");
    CHECK(bare.warnings.size() == 2);
    // An even length is read as before, without a warning.
    CHECK(decode(std::string("\xFF\xFE" "H\0i\0", 6)).warnings.empty());
}
