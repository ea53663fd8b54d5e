#include <doctest/doctest.h>

#include "support.hpp"
#include "rules/regex_syntax.hpp"
#include "text/normalize.hpp"

using namespace qalint;
using test::compile_yaml;

namespace {

// One rule per pattern, so each hit names the pattern that made it.
const std::string pack = R"yaml(id: thanks
title: Thanks
category: good-practice
level: info
ladder: neutral
kind: phrase
message: Thanks.
patterns:
  ru: [{regex: "спасиб\\pL*"}]
examples:
  match: {ru: ["спасибо"]}
---
id: question
title: Question
category: good-practice
level: info
ladder: neutral
kind: phrase
message: A question.
patterns:
  ru: [{regex: "когда [^.!?]{0,60}\\?"}]
examples:
  match: {ru: ["когда это было?"]}
---
id: bracket
title: Bracket
category: good-practice
level: info
ladder: neutral
kind: phrase
message: A bracket.
patterns:
  ru: [{regex: "\\(ок\\)"}]
examples:
  match: {ru: ["(ок)"]}
---
id: hi
title: Hi
category: good-practice
level: info
ladder: neutral
kind: phrase
message: Hi.
patterns:
  en: [{regex: "hi"}]
examples:
  match: {en: ["hi"]}
)yaml";

// The text each rule matched in `original`, as "rule=text".
std::vector<std::string> spans(const rules::CompiledRules& rules, const std::string& original) {
    const text::NormalizedText normalized = text::normalize(original);
    std::vector<rules::Hit> hits;
    rules.match(normalized.text, {core::Language::ru, core::Language::en}, hits);
    std::vector<std::string> out;
    for (const auto& hit : hits)
        out.push_back(rules.rules()[hit.rule].id + "=" + text::to_utf8(normalized.text.substr(hit.begin, hit.end - hit.begin)));
    return out;
}

using List = std::vector<std::string>;

}  // namespace

TEST_CASE("rules::CompiledRules reports the match without the boundary characters around it") {
    const auto compiled = compile_yaml(pack);
    REQUIRE(compiled.errors.empty());
    const auto& rules = compiled.rules;

    SUBCASE("inside a line: the characters either side are not part of the match") {
        CHECK(spans(rules, "ну, спасибо!") == List{"thanks=спасибо"});
        CHECK(spans(rules, "(спасибки) и всё") == List{"thanks=спасибки"});
    }
    SUBCASE("an emoji or a symbol is a boundary, not part of the word") {
        CHECK(spans(rules, "Спасибо👍") == List{"thanks=спасибо"});
        CHECK(spans(rules, "🙏спасибки!") == List{"thanks=спасибки"});
        CHECK(spans(rules, "hi😀") == List{"hi=hi"});
    }
    SUBCASE("at the edges of the turn") {
        CHECK(spans(rules, "спасибо") == List{"thanks=спасибо"});
        CHECK(spans(rules, "большое спасибо.") == List{"thanks=спасибо"});
    }
    SUBCASE("a pattern that ends in punctuation keeps it at the end of the turn") {
        CHECK(spans(rules, "а когда это началось?") == List{"question=когда это началось?"});
        CHECK(spans(rules, "а когда это началось?!") == List{"question=когда это началось?"});
    }
    SUBCASE("a counted repetition bounds the match: a later, shorter one is found") {
        const std::string long_sentence = "когда " + std::string(70, 'x') + "? а когда это?";
        CHECK(spans(rules, long_sentence) == List{"question=когда это?"});
    }
    SUBCASE("a pattern that starts with punctuation keeps it at the start of the turn") {
        CHECK(spans(rules, "(ок) ладно") == List{"bracket=(ок)"});
        CHECK(spans(rules, "ну (ок)") == List{"bracket=(ок)"});
    }
    SUBCASE("a one-word pattern too short for the prefilter still needs the whole word") {
        CHECK(spans(rules, "Hi there") == List{"hi=hi"});
        CHECK(spans(rules, "oh, hi.") == List{"hi=hi"});
        CHECK(spans(rules, "this is nothing") == List{});
        CHECK(spans(rules, "hiya, chi hi-fi") == List{"hi=hi"});
    }
    SUBCASE("the same turn twice gives the same answer (the candidate cache)") {
        CHECK(spans(rules, "спасибо, когда это будет?") == List{"thanks=спасибо", "question=когда это будет?"});
        CHECK(spans(rules, "спасибо, когда это будет?") == List{"thanks=спасибо", "question=когда это будет?"});
    }
}

TEST_CASE("rules::AtomScanner finds every atom where it ends, overlapping ones too") {
    const rules::AtomScanner scanner({"he", "she", "his", "hers", "шь"});
    std::vector<std::pair<uint32_t, size_t>> found;
    scanner.scan("ushers and his мышь", [&](uint32_t atom, size_t end) { found.emplace_back(atom, end); });
    const std::vector<std::pair<uint32_t, size_t>> expected = {{1, 4}, {0, 4}, {3, 6}, {2, 14}, {4, 23}};
    CHECK(found == expected);
    found.clear();
    scanner.scan("nothing here", [&](uint32_t atom, size_t end) { found.emplace_back(atom, end); });
    CHECK(found == std::vector<std::pair<uint32_t, size_t>>{{0, 10}});
}

TEST_CASE("rules::AtomScanner finds what comparing every atom at every position finds") {
    // Atoms that share first bytes, contain each other, and are one or two bytes long, over texts
    // of few letters, so that they overlap everywhere.
    // The automaton knows an atom by its first eight bytes and compares the rest: some are longer,
    // and two share their first eight.
    std::vector<std::string> atoms = {"a", "ab", "ba", "abc", "abca", "bca", "cab", "caba", "a b", "bb", "bbb", "bbbb",
                                      "c a", "acb", "aaa", "cc", "ccc", "abcabc", "b", "abcabcabc", "abcabcabca",
                                      "bcabcabcab", "ab ab ab ab", "a b c a b c a"};
    const rules::AtomScanner scanner(atoms);
    uint32_t seed = 7;
    for (int round = 0; round < 300; ++round) {
        std::string text;
        const size_t length = round % 40;
        const bool repeating = round % 3 == 0;    // long runs of "abc" meet the long atoms
        for (size_t i = 0; i < length; ++i) {
            seed = seed * 1103515245u + 12345u;
            text += repeating && (seed >> 16) % 8 != 0 ? "abc"[i % 3] : "abc "[(seed >> 16) % 4];
        }
        std::vector<std::pair<uint32_t, size_t>> expected, found;
        for (size_t at = 0; at < text.size(); ++at)
            for (uint32_t a = 0; a < atoms.size(); ++a)
                if (std::string_view(text).substr(at).starts_with(atoms[a])) expected.emplace_back(a, at + atoms[a].size());
        scanner.scan(text, [&](uint32_t atom, size_t end) { found.emplace_back(atom, end); });
        std::sort(expected.begin(), expected.end());
        std::sort(found.begin(), found.end());
        INFO(text);
        CHECK(found == expected);
    }
}

TEST_CASE("rules::AtomScanner matches atoms longer than its keys in full, not by their first bytes") {
    // "понимаю ваше" and "понима" share their first 8 bytes; "ваше разочарование" is 35 bytes.
    const rules::AtomScanner scanner({"понимаю ваше", "ваше разочарование", "понима", "thank you for waiting"});
    std::vector<std::pair<uint32_t, size_t>> found;
    scanner.scan("понимаю ваше разочарование", [&](uint32_t atom, size_t end) { found.emplace_back(atom, end); });
    std::sort(found.begin(), found.end());
    CHECK(found == std::vector<std::pair<uint32_t, size_t>>{{0, 23}, {1, 50}, {2, 12}});
    found.clear();
    scanner.scan("понимаю вас; thank you for your patience", [&](uint32_t atom, size_t end) { found.emplace_back(atom, end); });
    CHECK(found == std::vector<std::pair<uint32_t, size_t>>{{2, 12}});
}
