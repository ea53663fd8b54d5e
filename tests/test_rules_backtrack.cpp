#include <doctest/doctest.h>
#include <re2/re2.h>
#include <fmt/format.h>

#include <tuple>

#include "rules/backtrack.hpp"
#include "rules/embedded.hpp"
#include "rules/load.hpp"
#include "rules/prefilter.hpp"
#include "rules/regex_syntax.hpp"
#include "rules/regex_tree.hpp"
#include "support.hpp"
#include "text/normalize.hpp"

using namespace qalint;
using rules::Backtracker;

namespace {

// The span the backtracker finds, or (npos, npos) when it finds none; gave_up as (npos, 0).
std::pair<size_t, size_t> found(const std::string& regex, std::string_view text) {
    const auto matcher = Backtracker::compile(regex);
    REQUIRE(matcher);
    const auto result = matcher->search(text);
    if (result.outcome == Backtracker::Outcome::gave_up) return {std::string::npos, 0};
    if (result.outcome == Backtracker::Outcome::no_match) return {std::string::npos, std::string::npos};
    return {result.begin, result.end};
}

using Span = std::pair<size_t, size_t>;
constexpr size_t none = std::string::npos;

std::vector<std::tuple<size_t, core::Language, size_t, size_t>> hits_of(const rules::CompiledRules& rules,
                                                                        const std::string& normalized) {
    std::vector<rules::Hit> hits;
    rules.match(normalized, {core::Language::ru, core::Language::lt, core::Language::en}, hits);
    std::vector<std::tuple<size_t, core::Language, size_t, size_t>> out;
    for (const auto& hit : hits) out.emplace_back(hit.rule, hit.language, hit.begin, hit.end);
    return out;
}

}  // namespace

TEST_CASE("rules::Backtracker finds the match RE2 would") {
    SUBCASE("the leftmost match, between word boundaries") {
        CHECK(found("hi", "this hi") == Span{5, 7});
        CHECK(found("hi", "this chi") == Span{none, none});
        CHECK(found("ok", "ok, ok") == Span{0, 2});
    }
    SUBCASE("alternatives in the order written, the next one when the boundary fails") {
        CHECK(found("(a|ab)c", "abc") == Span{0, 3});
        CHECK(found("thank|thanks", "thanks!") == Span{0, 6});
        CHECK(found("so|so you", "so you said") == Span{0, 2});
    }
    SUBCASE("greedy and lazy counted repetitions") {
        CHECK(found("x[^.]{0,10}?y", "x ab y cd y") == Span{0, 6});
        CHECK(found("x[^.]{0,10}y", "x ab y cd y") == Span{0, 11});
        CHECK(found("x[^.]{0,3}y", "x abcd y") == Span{none, none});
        CHECK(found("(ab ){2}c", "ab ab c") == Span{0, 7});
        CHECK(found("(ab ){2}c", "ab c") == Span{none, none});
    }
    SUBCASE("^ and $ are line edges") {
        CHECK(found("^ok$", "well\nok\nbye") == Span{5, 7});
        CHECK(found("^ok$", "well ok bye") == Span{none, none});
        CHECK(found("^(ok|sure)", "\n\nsure") == Span{2, 6});
        const auto matcher = Backtracker::compile("^ok");
        REQUIRE(matcher);
        CHECK(matcher->search("ok\nok ok", 1).begin == 3);    // the next line's start, not a word's
        CHECK(matcher->search("ok\nok ok", 4).outcome == Backtracker::Outcome::no_match);
    }
    SUBCASE("a long list of alternatives (looked up by their literal): the first written that matches") {
        const std::string words = "(son|so|some|s[aeo]me thing|sea|sun|(x|y)?z|)";
        CHECK(found(words + "!", "some!") == Span{0, 5});
        CHECK(found("(son|so|some|s[aeo]me thing|sea|sun)", "some thing") == Span{0, 4});
        CHECK(found(words + " thing", "same thing thing") == Span{0, 16});
        CHECK(found(words + " thing", "same thing") == Span{none, none});
        CHECK(found(words + "q", "yzq zq q") == Span{0, 3});
        CHECK(found("x" + words, "a x") == Span{2, 3});    // at the text's end only the empty one
        CHECK(found("x" + words, "xsun xz") == Span{0, 4});
        CHECK(found("(son|so|some|sea|sun|zoo)", "soy sun") == Span{4, 7});
    }
    SUBCASE("a pattern only one byte can start is tried where that byte starts a word") {
        CHECK(found("ty( for|!)", "atty ty!") == Span{5, 8});
        CHECK(found("ty( for|!)", "atty!") == Span{none, none});
        CHECK(found("t[a-z]+", "t") == Span{none, none});
        const auto matcher = Backtracker::compile("ty");
        REQUIRE(matcher);
        CHECK(matcher->search("ty ty", 1).begin == 3);
    }
    SUBCASE("no match that begins past last_start: the leftmost one, if it begins there or earlier") {
        for (const char* regex : {"ty", "(ty|ok)", "^ty"}) {
            const auto matcher = Backtracker::compile(regex);
            REQUIRE(matcher);
            CHECK(matcher->search("ty\nty ty", 0, 0).begin == 0);
            CHECK(matcher->search("ty\nty ty", 1, 2).outcome == Backtracker::Outcome::no_match);
            CHECK(matcher->search("ty\nty ty", 1, 3).begin == 3);
            CHECK(matcher->search("ty\nty ty", 1, 100).begin == 3);
        }
        const auto matcher = Backtracker::compile("(ty|ok)");
        REQUIRE(matcher);
        CHECK(matcher->search("a ok ty", 0, 2).begin == 2);
        CHECK(matcher->search("a ok ty", 0, 1).outcome == Backtracker::Outcome::no_match);
    }
    SUBCASE("classes, escapes and one-byte encoded letters") {
        CHECK(found("\\d{1,2}[:.]\\d{2}", "at 10:30.") == Span{3, 8});
        CHECK(found("[\\s.,]*(no|ok)[\\s.,]*$", "ok.") == Span{0, 3});
        CHECK(found("\\xc0[a-z\\x80-\\xff]*", "\xc0\xc1\xc2 x") == Span{0, 3});
        CHECK(found("a\\.b", "a.b axb") == Span{0, 3});
    }
    SUBCASE("a search that would take too long gives up, so that RE2 answers") {
        CHECK(found("(a|aa)+b", std::string(5000, 'a') + "c") == Span{none, 0});
    }
}

TEST_CASE("rules::Backtracker finds a group's alternatives by their literal, in the order written") {
    // The body as a rule's regex becomes one: letters folded, \\pL expanded, the normalised encoding.
    const auto body = [](const std::string& regex) {
        return rules::encode_regex(rules::expand_letter_classes(rules::prepare_regex(regex)));
    };
    const auto in = [](const std::string& text) { return text::normalize(text).text; };
    SUBCASE("leftmost-first, not longest: a later, longer alternative that also matches loses") {
        CHECK(found("a|a b", "a b") == Span{0, 1});
        CHECK(found("a b|a", "a b") == Span{0, 3});
        CHECK(found("(a|ab)", "ab") == Span{0, 2});  // "a" is followed by a letter: no word boundary
        CHECK(found("(so|so you)( said)?", "so you said") == Span{0, 2});
        CHECK(found("(so you|so)( said)?", "so you said") == Span{0, 11});
        CHECK(found("(a|ab)(c|bcd)", "abcd") == Span{0, 4});  // "a" then "bcd" is found before "ab" then "c"
    }
    SUBCASE("the leftmost match wins over the alternative written first") {
        CHECK(found("(xyz|b)", "b xyz") == Span{0, 1});
        CHECK(found("(word|wordy|w)", "wordy word") == Span{0, 5});
    }
    SUBCASE("alternatives with and without a literal, interleaved, keep their order") {
        CHECK(found("(ab|[a-c]b|abc|.bc)", "abc") == Span{0, 3});  // "ab" and "[a-c]b" fail the boundary
        CHECK(found("([a-c]bc|abc)x?", "abc") == Span{0, 3});
        CHECK(found("(\\d+ days|1 day|\\d+ hours?)", "1 day") == Span{0, 5});
        CHECK(found("(x|(y|z)q|zq|)w", "zqw") == Span{0, 3});
        CHECK(found("x(ab|a|)", "xa") == Span{0, 2});
        CHECK(found("x(ab|a|)", "x") == Span{0, 1});  // at the text's end, the empty one
    }
    SUBCASE("nested groups: groups of one are inlined, literals either side join") {
        CHECK(found("((?:good) (?:morning|evening))", "good evening") == Span{0, 12});
        CHECK(found("(?:(?:(?:ab)))c|abd", "abd abc") == Span{0, 3});
        CHECK(found("(re(?:fund|turn)|re(?:fun))ed", "refunded") == Span{0, 8});
        CHECK(found("((we|i)('ll| will)|let me) (call|check)", "well, i will check") == Span{6, 18});
        CHECK(found("a(?:b(?:c|d)|bc)e", "abce") == Span{0, 4});
    }
    SUBCASE("case folded before matching, Cyrillic and Lithuanian words in the normalised encoding") {
        const std::string promise = body("(перезвоню|перезвоним|позвоню|свяжемся)( вам)? (завтра|сегодня)");
        CHECK(found(promise, in("Хорошо, ПЕРЕЗВОНИМ вам завтра.")) == Span{8, 29});
        CHECK(found(promise, in("перезвонит завтра")) == Span{none, none});
        CHECK(found(body("(paskambinsiu|paskambinsime|pa)\\pL*"), in("Pąskambinsime rytoj")) == Span{0, 13});
        CHECK(found(body("(ačiū|aciu už|ač)( už)?"), in("Ačiū už viską")) == Span{0, 7});
        CHECK(found(body("(в|во) (понедельник|пятницу)|в"), in("в пятницу")) == Span{0, 9});
    }
    SUBCASE("a vocabulary of hundreds of words: the first written that matches, wherever it is") {
        std::string words;
        for (int n = 0; n < 400; ++n) words += (n ? "|" : "") + std::string("word") + std::to_string(n);
        CHECK(found("(" + words + ") x", "word3 x word39 x") == Span{0, 7});
        CHECK(found("(" + words + ") y", "word3 x word39 y") == Span{8, 16});
        CHECK(found("(" + words + ")", "word400") == Span{none, none});
    }
}

TEST_CASE("rules::Backtracker leaves to RE2 the syntax it does not take on") {
    CHECK_FALSE(Backtracker::compile("(?i)abc"));
    CHECK_FALSE(Backtracker::compile("(a*)*x"));  // a loop whose round can be empty
    CHECK_FALSE(Backtracker::compile("\\Aabc"));
    CHECK_FALSE(Backtracker::compile("[[:alpha:]]+"));
    CHECK_FALSE(Backtracker::compile("a*"));  // can match nothing at all
    CHECK_FALSE(Backtracker::compile("a{,3}"));
    CHECK(Backtracker::compile("(?:a|b)(?P<name>c)"));
    // Groups nested past any real pattern's depth (a rule file's stray parentheses): the parser
    // does not recurse until the stack runs out, RE2 takes it.
    const size_t depth = 100000;
    CHECK_FALSE(Backtracker::compile(std::string(depth, '(') + "hello" + std::string(depth, ')')));
    CHECK(Backtracker::compile(std::string(50, '(') + "hello" + std::string(50, ')')));
}

TEST_CASE("rules::CompiledRules finds the same hits with the backtracker and prefilter as with RE2 alone on every text") {
    rules::LoadResult pack;
    rules::load_builtin_rules(pack);
    REQUIRE(pack.errors.empty());
    std::vector<std::string> errors;
    const auto fast = rules::CompiledRules::compile(pack.rules, errors);
    const auto reference = rules::CompiledRules::compile(pack.rules, errors, rules::Matching::re2_only);
    REQUIRE(errors.empty());

    // Every example of every rule, alone, cut short, and run together with another, so that
    // patterns meet text they were not written for; then all of them as one long turn.
    std::vector<std::string> examples;
    for (const auto& rule : pack.rules)
        for (size_t l = 0; l < core::language_count; ++l) {
            for (const auto& example : rule.match_examples[l]) examples.push_back(example);
            for (const auto& example : rule.no_match_examples[l]) examples.push_back(example);
        }
    REQUIRE(examples.size() > 500);
    std::vector<std::string> texts;
    std::string everything;
    for (size_t i = 0; i < examples.size(); ++i) {
        const std::string& example = examples[i];
        texts.push_back(example);
        texts.push_back(example.substr(0, example.size() * 2 / 3));
        texts.push_back(example + " " + examples[(i * 7 + 3) % examples.size()]);
        texts.push_back(examples[(i * 13 + 5) % examples.size()] + ". " + example + "?");
        everything += example + " ";
    }
    texts.push_back(everything);

    size_t with_hits = 0;
    for (const auto& text : texts) {
        const std::string normalized = text::normalize(text).text;
        const auto expected = hits_of(reference, normalized);
        INFO(text);
        CHECK(hits_of(fast, normalized) == expected);
        if (!expected.empty()) ++with_hits;
    }
    CHECK(with_hits > texts.size() / 2);  // the comparison is about hits, not only their absence
}

TEST_CASE("rules::CompiledRules has RE2 answer when the backtracker gives up") {
    const auto compiled = test::compile_yaml(R"yaml(id: pathological
title: Pathological
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
message: A pattern that backtracks without end.
patterns:
  en: [{regex: "(a|aa)+b"}]
examples:
  match: {en: ["aab"]}
)yaml");
    REQUIRE(compiled.errors.empty());
    const std::string text = std::string(3000, 'a') + "b";
    std::vector<rules::Hit> hits;
    compiled.rules.match(text, {core::Language::en}, hits);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].begin == 0);
    CHECK(hits[0].end == text.size());
    compiled.rules.match(std::string(3000, 'a') + "c", {core::Language::en}, hits);
    CHECK(hits.empty());
    // After giving up again and again the backtracker leaves the pattern to RE2 at once; the
    // answers stay the same either side of that.
    for (int round = 0; round < 40; ++round) {
        const std::string turn = std::string(2000 + static_cast<size_t>(round), 'a') + (round % 2 ? "b" : "c");
        compiled.rules.match(turn, {core::Language::en}, hits);
        CHECK(hits.size() == (round % 2 ? 1u : 0u));
    }
    compiled.rules.match("ok aab", {core::Language::en}, hits);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].begin == 3);
}

namespace {

// A random regex over a few letters, in the syntax the backtracker takes on.
std::string random_regex(uint32_t& seed, int depth = 0) {
    const auto next = [&](uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    std::string out;
    const uint32_t parts = 1 + next(3);
    for (uint32_t p = 0; p < parts; ++p) {
        std::string atom;
        switch (next(depth < 2 ? 9 : 6)) {
            case 0:
            case 1:
            case 2:
                atom = std::string(1, "abc "[next(4)]);
                break;
            case 3:
                atom = next(2) ? "[ab]" : "[^a.]";
                break;
            case 4:
                atom = next(2) ? "\\d" : ".";
                break;
            case 5:
                atom = next(2) ? "\\." : "\\s";
                break;
            default: {
                atom = "(" + random_regex(seed, depth + 1);
                for (uint32_t a = next(3); a > 0; --a) atom += "|" + random_regex(seed, depth + 1);
                atom += ")";
            }
        }
        static const char* const quantifiers[] = {"", "", "", "?", "*", "+", "{1,3}", "{0,2}", "??", "*?", "+?", "{2}"};
        const std::string quantifier = quantifiers[next(12)];
        // RE2 and the backtracker part ways on loops whose round can be empty: those the
        // backtracker refuses, so they are not worth generating often; a lone anchor sometimes.
        out += atom + quantifier;
        if (next(10) == 0) out += next(2) ? "^" : "$";
    }
    return out;
}

}  // namespace

TEST_CASE("rules::Backtracker agrees with RE2 on random regexes and texts") {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingLatin1);
    options.set_log_errors(false);
    uint32_t seed = 12345;
    size_t compared = 0, matched = 0, gave_up = 0, prefiltered = 0;
    for (int r = 0; r < 400; ++r) {
        const std::string body = random_regex(seed);
        const auto matcher = Backtracker::compile(body);
        if (!matcher) continue;  // left to RE2: nothing to compare
        const RE2 reference("(?m)(?:^|[^a-z\\x80-\\xff0-9_])(" + body + ")(?:$|[^a-z\\x80-\\xff0-9_])", options);
        REQUIRE(reference.ok());
        const auto tree = rules::parse_regex(body);
        REQUIRE(tree);
        const rules::Clauses clauses = rules::required_literals(*tree, 1);
        for (int t = 0; t < 30; ++t) {
            std::string text;
            seed = seed * 1664525u + 1013904223u;
            for (uint32_t length = (seed >> 10) % 14, i = 0; i < length; ++i) {
                seed = seed * 1664525u + 1013904223u;
                text += "abc .1\n"[(seed >> 8) % 7];
            }
            re2::StringPiece group;
            const bool expected = RE2::PartialMatch(text, reference, &group);
            if (expected) {
                // The prefilter may only pass over texts the regex cannot match: a match holds a
                // string of every clause (one-byte strings allowed here, the letters are few).
                const std::string_view span(group.data(), group.size());
                for (const auto& clause : clauses) {
                    INFO("regex: " << body << "  text: \"" << text << "\"");
                    CHECK(std::any_of(clause.begin(), clause.end(),
                                      [&](const std::string& atom) { return span.find(atom) != std::string_view::npos; }));
                    ++prefiltered;
                }
            }
            const auto result = matcher->search(text);
            INFO("regex: " << body << "  text: \"" << text << "\"");
            ++compared;
            if (result.outcome == Backtracker::Outcome::gave_up) {  // nested loops: RE2 answers those
                ++gave_up;
                continue;
            }
            CHECK((result.outcome == Backtracker::Outcome::match) == expected);
            if (expected && result.outcome == Backtracker::Outcome::match) {
                CHECK(result.begin == static_cast<size_t>(group.data() - text.data()));
                CHECK(result.end == result.begin + group.size());
                ++matched;
                // With a last start: the same match where it begins there or later, none before it.
                for (const size_t last_start : {result.begin, result.begin + 1}) {
                    const auto limited = matcher->search(text, 0, last_start);
                    CHECK(limited.outcome == Backtracker::Outcome::match);
                    CHECK(limited.begin == result.begin);
                    CHECK(limited.end == result.end);
                }
                if (result.begin > 0)
                    CHECK(matcher->search(text, 0, result.begin - 1).outcome == Backtracker::Outcome::no_match);
            }
        }
    }
    CHECK(compared > 5000);
    CHECK(matched > 500);
    CHECK(gave_up * 50 < compared);
    CHECK(prefiltered > 200);    // clauses were checked, not only empty ones
}

TEST_CASE("rules::required_literals: the strings a match cannot do without") {
    const auto clauses = [](const std::string& regex) {
        const auto tree = rules::parse_regex(regex);
        REQUIRE(tree);
        return rules::required_literals(*tree, 3);
    };
    using Clauses = rules::Clauses;
    // Short alternatives are multiplied out along the sequence.
    CHECK(clauses("not (my|our) (job|department)") ==
          Clauses{{"not my department", "not my job", "not our department", "not our job"}});
    // A loop breaks the sequence: the pieces on either side are clauses of their own, best first.
    CHECK(clauses("call [a-z]+ back later") == Clauses{{" back later"}, {"call "}});
    CHECK(clauses("(please )?hold on") == Clauses{{"hold on", "please hold on"}});
    // An alternative without a usable string leaves the group without a clause.
    CHECK(clauses("(hi|hello) there") == Clauses{{"hello there", "hi there"}});
    CHECK(clauses("(x|hello)").empty());
    CHECK(clauses("a.*b").empty());
    CHECK(clauses("ok").empty());    // too short to look for: a one-word pattern the scanner finds whole
    // At least one round of a loop is in every match.
    CHECK(clauses("(thanks|thank you)+") == Clauses{{"thank you", "thanks"}});
    CHECK(clauses("x(yes|no)*z").empty());
}

TEST_CASE("rules::second_bytes: what a match has second, when every match is two bytes or more") {
    // The bytes as a string, or "-" when the answer is not simple.
    const auto second = [](const std::string& regex) {
        const auto tree = rules::parse_regex(regex);
        REQUIRE(tree);
        const auto starts = rules::node_starts(tree->nodes);
        const auto bytes = rules::second_bytes(tree->nodes, starts, {tree->body.data(), tree->body.size(), nullptr});
        if (!bytes) return std::string("-");
        std::string out;
        for (unsigned b = 0; b < 256; ++b)
            if (rules::has(*bytes, static_cast<unsigned char>(b))) out += static_cast<char>(b);
        return out;
    };
    CHECK(second("hello") == "e");
    CHECK(second("(iu|[a-tv-z])siu") == "su");
    CHECK(second("(a|b)(c|d)") == "cd");
    CHECK(second("(ab|)cd") == "bd");       // an empty alternative: what follows the group
    CHECK(second("x[0-2]") == "012");
    CHECK(second("x+y") == "xy");           // another round, or what follows
    CHECK(second("x{2,}") == "x");
    CHECK(second("[ab]?c") == "-");        // can begin with what follows: not simple
    CHECK(second("a|bc") == "-");           // "a" is one byte
    CHECK(second("x(y)?") == "-");
    CHECK(second("^ab") == "-");
    CHECK(second("(a|b)+c") == "-");
    CHECK(second("\\xcf\\xc5[a-z\\x80-\\xff]*") == "\xc5");  // «пе…» in the normalised encoding
}

TEST_CASE("rules::CompiledRules takes the built-in patterns' clauses from the binary, as the build worked them out") {
    rules::LoadResult pack;
    rules::load_builtin_rules(pack);
    REQUIRE(pack.errors.empty());
    std::vector<std::string> errors;
    // The table compiled in is the one the pack's patterns give now: none is parsed at start-up
    // with stale clauses.
    const std::string packed = rules::CompiledRules::pack_prefilter(pack.rules, errors);
    CHECK(errors.empty());
    CHECK(packed.size() > 10000);
    CHECK(packed == rules::embedded_prefilter());
    // The same rules not marked built-in have their clauses worked out at load: the same hits.
    std::vector<core::Rule> own = pack.rules;
    for (auto& rule : own) rule.builtin = false;
    const auto cached = rules::CompiledRules::compile(pack.rules, errors);
    const auto worked_out = rules::CompiledRules::compile(own, errors);
    REQUIRE(errors.empty());
    size_t hits = 0;
    for (const auto& rule : pack.rules)
        for (size_t l = 0; l < core::language_count; ++l)
            for (const auto& example : rule.match_examples[l]) {
                const std::string normalized = text::normalize(example).text;
                const auto expected = hits_of(worked_out, normalized);
                CHECK(hits_of(cached, normalized) == expected);
                hits += expected.size();
            }
    CHECK(hits > 500);
}

TEST_CASE("rules::Backtracker leaves to RE2 a repeat count RE2 reads as literal braces") {
    // RE2 reads "{02}" and "{1,02}" (a leading zero) as the characters themselves, and refuses
    // counts above 1000: the backtracker takes on none of them, so RE2's reading is the answer.
    CHECK_FALSE(Backtracker::compile("ab{02}"));
    CHECK_FALSE(Backtracker::compile("ab{1,02}"));
    CHECK_FALSE(Backtracker::compile("ab{00}"));
    CHECK_FALSE(Backtracker::compile("ab{1001}"));
    CHECK(Backtracker::compile("ab{0,2}"));
    CHECK(Backtracker::compile("ab{10}"));
    CHECK(found("ab{2}", "abb") == Span{0, 3});
    for (const char* pattern : {"ab{02}", "ab{1,02}"}) {
        const auto compiled = test::compile_yaml(fmt::format(R"yaml(id: braces
title: Braces
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
message: A pattern with braces RE2 reads literally.
patterns:
  en: [{{regex: "{}"}}]
examples:
  match: {{en: ["x"]}}
)yaml",
                                                             pattern));
        INFO(pattern);
        REQUIRE(compiled.errors.empty());
        std::vector<rules::Hit> hits;
        compiled.rules.match("abb", {core::Language::en}, hits);
        CHECK(hits.empty());
        const std::string literal = std::string(pattern);
        compiled.rules.match("see " + literal + " here", {core::Language::en}, hits);
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].begin == 4);
        CHECK(hits[0].end == 4 + literal.size());
    }
}

TEST_CASE("rules::CompiledRules: RE2 finds every occurrence, also one right after a boundary at the text's start") {
    // Every occurrence is looked for from the end of the last one. With RE2 answering, a search
    // from 1 once lost the match at 1 (its boundary, the text's first byte, sits at a line start,
    // where RE2 preferred the match at 0) and found the one at 2 instead.
    const auto rule_yaml = R"yaml(id: every-byte
title: Every byte
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
message: Any one character that is not a letter.
patterns:
  en: [{regex: "[^a-z]"}]
examples:
  match: {en: ["-"]}
)yaml";
    rules::LoadResult loaded;
    rules::load_rule_yaml(rule_yaml, "test.yaml", loaded);
    REQUIRE(loaded.errors.empty());
    std::vector<std::string> errors;
    const auto fast = rules::CompiledRules::compile(loaded.rules, errors);
    const auto reference = rules::CompiledRules::compile(loaded.rules, errors, rules::Matching::re2_only);
    REQUIRE(errors.empty());
    const std::vector<char> every(1, 1);
    rules::CompiledRules::TurnScope scope;
    scope.languages = static_cast<uint8_t>(1u << core::language_index(core::Language::en));
    scope.every = &every;
    const auto spans = [&](const rules::CompiledRules& compiled, std::string_view text) {
        std::vector<rules::Hit> hits;
        compiled.match_turn(text, scope, hits);
        std::vector<Span> out;
        for (const auto& hit : hits) out.emplace_back(hit.begin, hit.end);
        return out;
    };
    const std::vector<Span> expected{{0, 1}, {1, 2}, {2, 3}, {3, 4}};
    CHECK(spans(fast, "--!?") == expected);
    CHECK(spans(reference, "--!?") == expected);
    const std::string nul(4, '\0');
    CHECK(spans(reference, nul) == expected);
}
