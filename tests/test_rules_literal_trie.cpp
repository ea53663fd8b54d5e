#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules/literal_trie.hpp"
#include "rules/regex_syntax.hpp"
#include "text/normalize.hpp"

using namespace qalint;

namespace {

// The alternatives the trie finds at the start of `text`.
std::vector<uint32_t> found(const std::vector<std::string_view>& literals, std::string_view text) {
    rules::LiteralTrie trie;
    const uint32_t root = trie.add(literals);
    REQUIRE(root != UINT32_MAX);
    const auto candidates = trie.candidates(root, text.data(), 0, text.size());
    return {candidates.begin(), candidates.end()};
}

using Found = std::vector<uint32_t>;

}  // namespace

TEST_CASE("rules::LiteralTrie finds the alternatives whose literal the text begins with, in the order written") {
    SUBCASE("a literal and a longer one that begins with it: both, the one written first first") {
        CHECK(found({"a", "ab"}, "ab") == Found{0, 1});
        CHECK(found({"ab", "a"}, "ab") == Found{0, 1});
        CHECK(found({"ab", "a"}, "ac") == Found{1});
        CHECK(found({"thanks", "thank", "than"}, "thank you") == Found{1, 2});
    }
    SUBCASE("the text's end and a text too short for a label") {
        CHECK(found({"abcdef", "abx"}, "abcd") == Found{});
        CHECK(found({"abcdef", "ab"}, "abcd") == Found{1});
        CHECK(found({"abc"}, "") == Found{});
        CHECK(found({"abc"}, "abc") == Found{0});
    }
    SUBCASE("alternatives without a literal are not in the trie; the same literal twice is found twice") {
        CHECK(found({"", "so", "", "so"}, "so") == Found{1, 3});
        CHECK(found({"x", "", "xy"}, "xyz") == Found{0, 2});
    }
    SUBCASE("a node of many edges (a table of 256) and chains folded into labels") {
        std::vector<std::string> words;
        for (char c = 'a'; c <= 'z'; ++c) words.push_back(std::string(1, c) + "ord" + c);
        words.push_back("wordy");
        words.push_back("w");
        const std::vector<std::string_view> literals(words.begin(), words.end());
        CHECK(found(literals, "wordw") == Found{22, 27});
        CHECK(found(literals, "words") == Found{27});
        CHECK(found(literals, "wordy") == Found{26, 27});
        CHECK(found(literals, "xordx") == Found{23});
        CHECK(found(literals, "xorda") == Found{});
        CHECK(found(literals, "\xff") == Found{});
    }
    SUBCASE("Cyrillic and Lithuanian words in the normalised encoding") {
        // «перезвоню», «перезвоним», «позвоню»: one byte a letter, 0xC0 and up; „paskambinsiu“ folded to ASCII.
        const std::string call_back = rules::encode_text(text::fold_for_matching("перезвоню"));
        const std::string call_back_we = rules::encode_text(text::fold_for_matching("перезвоним"));
        const std::string call = rules::encode_text(text::fold_for_matching("позвоню"));
        const std::string lt = rules::encode_text(text::fold_for_matching("paskambinsiu"));
        CHECK(call_back.size() == 9);
        const std::vector<std::string_view> literals{call_back, call_back_we, call, lt, "pa"};
        CHECK(found(literals, text::normalize("Перезвоним завтра").text) == Found{1});
        CHECK(found(literals, text::normalize("позвоню").text) == Found{2});
        CHECK(found(literals, text::normalize("Paskambinsiu rytoj").text) == Found{3, 4});
        CHECK(found(literals, text::normalize("Pąskambinsiu").text) == Found{3, 4});
    }
    SUBCASE("several groups in one trie, each from its own root") {
        rules::LiteralTrie trie;
        const std::vector<std::string_view> first{"ok", "okay"}, second{"okay", "", "o"};
        const uint32_t a = trie.add(first), b = trie.add(second);
        const std::string text = "okay";
        const auto in_a = trie.candidates(a, text.data(), 0, text.size());
        const auto in_b = trie.candidates(b, text.data(), 0, text.size());
        CHECK(Found(in_a.begin(), in_a.end()) == Found{0, 1});
        CHECK(Found(in_b.begin(), in_b.end()) == Found{0, 2});
        const auto from_two = trie.candidates(a, text.data(), 2, text.size());
        CHECK(from_two.empty());
    }
}

TEST_CASE("rules::LiteralTrie refuses a group whose lists of alternatives would grow without end") {
    // "a|aa|aaa|…": the node at depth n lists n alternatives; the group then tries them one by one.
    std::vector<std::string> words;
    for (size_t n = 1; n <= 3000; ++n) words.push_back(std::string(n, 'a'));
    const std::vector<std::string_view> literals(words.begin(), words.end());
    rules::LiteralTrie trie;
    CHECK(trie.add(literals) == UINT32_MAX);
    CHECK(trie.node_count() == 0);
    // A few hundred words of a vocabulary are no such thing.
    std::vector<std::string> vocabulary;
    for (size_t n = 0; n < 300; ++n) vocabulary.push_back("w" + std::to_string(n * 7919 % 1000));
    const std::vector<std::string_view> listed(vocabulary.begin(), vocabulary.end());
    CHECK(trie.add(listed) != UINT32_MAX);
}
