#include <doctest/doctest.h>
#include <fmt/format.h>

#include "rules/regex_syntax.hpp"
#include "support.hpp"

// A regex pattern that is a top-level alternation is compiled as one pattern per alternative
// (compiled.cpp), for the prefilter's sake. Why the hits stay the same: RE2 runs a pattern as
// (?m)B(x|y)A, B = (?:^|[^\pL\pN_]) and A = (?:$|[^\pL\pN_]), and reports group 1. A match of
// group 1 at p > 0 needs a non-word byte at p - 1 (B takes it, or it is the '\n' before ^), so its
// whole match can begin at p - 1, and there it begins leftmost; at p = 0 it begins at 0. Group 1's
// p thus orders whole matches as RE2 does, except p = 0 and p = 1, which both begin at 0: RE2 tries
// B's ^ (p = 0) first. So RE2's match is the one with the least p, and of those the first
// alternative's (RE2 tries x before y with B's choice fixed), with the same end as x alone finds
// from there: the match of whichever alternative has the earliest-beginning match, at a tie the
// one written first, exactly what match_turn keeps of the alternatives' hits.

using namespace qalint;

namespace {

using Alternatives = std::vector<std::string_view>;

std::string rule_yaml(const std::string& id, const std::string& regex, const std::string& category = "anti-pattern",
                      const std::string& unless = "") {
    std::string yaml = fmt::format(R"yaml(id: {}
title: T
category: {}
level: warning
ladder: {}
kind: phrase
message: M.
examples:
  match: {{en: ["x"]}}
patterns:
  en: [{{regex: "{}"}}]
)yaml",
                                   id, category, category == "signal" ? "neutral" : "disappointment", regex);
    if (!unless.empty()) yaml += fmt::format("unless:\n  en: [{{regex: \"{}\"}}]\n", unless);
    return yaml;
}

struct Engines {
    rules::CompiledRules split;      // the backtracker and the prefilter: alternatives apart
    rules::CompiledRules reference;  // RE2 alone, each pattern whole
};

Engines compile_both(const std::string& yaml) {
    rules::LoadResult loaded;
    rules::load_rule_yaml(yaml, "test.yaml", loaded);
    INFO(yaml);
    REQUIRE(loaded.errors == std::vector<std::string>{});
    std::vector<std::string> errors;
    Engines out{rules::CompiledRules::compile(loaded.rules, errors),
                rules::CompiledRules::compile(loaded.rules, errors, rules::Matching::re2_only)};
    REQUIRE(errors.empty());
    return out;
}

using Hits = std::vector<std::tuple<size_t, size_t, size_t>>;

Hits hits_of(const rules::CompiledRules& compiled, std::string_view text, bool every) {
    std::vector<char> all(compiled.rules().size(), 1);
    rules::CompiledRules::TurnScope scope;
    scope.languages = static_cast<uint8_t>(1u << core::language_index(core::Language::en));
    if (every) scope.every = &all;
    std::vector<rules::Hit> hits;
    compiled.match_turn(text, scope, hits);
    Hits out;
    for (const auto& hit : hits) out.emplace_back(hit.rule, hit.begin, hit.end);
    return out;
}

// The same hits split and whole, first occurrence and every one; returns the first-occurrence ones.
Hits same_hits(const Engines& engines, std::string_view text) {
    INFO(text);
    const Hits first = hits_of(engines.reference, text, false);
    CHECK(hits_of(engines.split, text, false) == first);
    CHECK(hits_of(engines.split, text, true) == hits_of(engines.reference, text, true));
    return first;
}

}  // namespace

TEST_CASE("rules::top_level_alternatives") {
    CHECK(rules::top_level_alternatives("a|b(c|d)|(?:e|f)g") == Alternatives{"a", "b(c|d)", "(?:e|f)g"});
    CHECK(rules::top_level_alternatives("[|]x|y\\|z") == Alternatives{"[|]x", "y\\|z"});
    CHECK(rules::top_level_alternatives("[]|]x|[^]|]y|[[:alpha:]|]z") ==
          Alternatives{"[]|]x", "[^]|]y", "[[:alpha:]|]z"});
    CHECK(rules::top_level_alternatives("^ok|thanks$") == Alternatives{"^ok", "thanks$"});
    SUBCASE("nothing to split") {
        CHECK(rules::top_level_alternatives("abc").empty());
        CHECK(rules::top_level_alternatives("(a|b)c").empty());
        CHECK(rules::top_level_alternatives("a\\|b").empty());
    }
    SUBCASE("not split where the alternatives alone would mean something else") {
        CHECK(rules::top_level_alternatives("(?i)a|b").empty());  // the flag runs on into b
        CHECK(rules::top_level_alternatives("a|(?i)b").empty());
        CHECK(rules::top_level_alternatives("a|(?P<n>b)").empty());
        CHECK(rules::top_level_alternatives("\\Qa|b\\E").empty());
        CHECK(rules::top_level_alternatives("a||b").empty());
        CHECK(rules::top_level_alternatives("a|").empty());
        CHECK(rules::top_level_alternatives("a)|(b").empty());
        CHECK(rules::top_level_alternatives("[a|b").empty());
        CHECK(rules::top_level_alternatives("a|\xcc\x81"
                                            "b")
                  .empty());  // U+0301 would fold onto the '|'
    }
    SUBCASE("each alternative prepared is the whole prepared, piece by piece") {
        const std::string regex = "Ёлки  |  Palangą|Не Моя|[А-Я]\\S+";
        std::string joined;
        for (const auto alternative : rules::top_level_alternatives(regex))
            joined += (joined.empty() ? "" : "|") + rules::prepare_regex(alternative);
        CHECK(joined == rules::prepare_regex(regex));
    }
}

TEST_CASE("rules::CompiledRules matches a split alternation as the whole pattern") {
    SUBCASE("leftmost, then the alternative written first") {
        const auto engines = compile_both(rule_yaml("r", "a|ab|b c|ab c d|\\\\pL+ x"));
        CHECK(same_hits(engines, "ab") == Hits{{0, 0, 2}});
        CHECK(same_hits(engines, "a b") == Hits{{0, 0, 1}});
        CHECK(same_hits(engines, "ab c d") == Hits{{0, 0, 2}});
        CHECK(same_hits(engines, "zz b c a") == Hits{{0, 3, 6}});
        CHECK(same_hits(engines, "qq x ab") == Hits{{0, 0, 4}});
        CHECK(same_hits(engines, "nothing here").empty());
    }
    SUBCASE("a short word, a long phrase and the boundaries at punctuation") {
        const auto engines = compile_both(rule_yaml("r", "ok|please hold the line|\\\\(ok\\\\)|-x|x-|[^a-z ]"));
        for (const char* text : {"ok", "(ok)", "a (ok) b", "-x", "a -x-", "x-", "please hold the line, ok?", "okay",
                                 "!", "hold (ok", "ok-x"})
            same_hits(engines, text);
        CHECK(same_hits(engines, "(ok)") == Hits{{0, 0, 4}});
        CHECK(same_hits(engines, "x (ok") == Hits{{0, 3, 5}});
    }
    SUBCASE("anchors: the edges of the turn, and of a line in a text that holds one") {
        const auto engines = compile_both(rule_yaml("r", "^ok|thanks$|^bye$"));
        CHECK(same_hits(engines, "ok thanks") == Hits{{0, 0, 2}});
        CHECK(same_hits(engines, "so ok thanks") == Hits{{0, 6, 12}});
        CHECK(same_hits(engines, "thanks ok").empty());
        CHECK(same_hits(engines, "bye") == Hits{{0, 0, 3}});
        same_hits(engines, "a thanks\nok b\nbye");
        same_hits(engines, "thanks\nok");
    }
    SUBCASE("every occurrence: from the end of the last one, whichever alternative comes next") {
        // "aa" first; then from its end "bb cc" and "dd ee". Each alternative searched on its own
        // would give "aa bb" (which overlaps "aa") and then "cc dd", and lose both.
        const auto engines = compile_both(rule_yaml("r", "aa|[a-z]+ [a-z]+"));
        CHECK(hits_of(engines.split, "aa bb cc dd ee", true) == Hits{{0, 0, 2}, {0, 3, 8}, {0, 9, 14}});
        same_hits(engines, "aa bb cc dd ee");
        same_hits(engines, "xx aa bb aa");
        same_hits(engines, "aa aa aa");
    }
    SUBCASE("a signal: once per turn, whichever alternative matches") {
        const auto engines = compile_both(rule_yaml("s", "dm|send us a message|\\\\pL+ number", "signal"));
        CHECK(same_hits(engines, "dm me your number") == Hits{{0, 0, 0}});
        CHECK(same_hits(engines, "your order number please") == Hits{{0, 0, 0}});
        CHECK(same_hits(engines, "nothing").empty());
    }
    SUBCASE("an unless is matched whole, and cancels a split pattern's hit") {
        const auto engines = compile_both(rule_yaml("r", "not my job|ask them", "anti-pattern", "kidding|joke"));
        CHECK(same_hits(engines, "ask them") == Hits{{0, 0, 8}});
        CHECK(same_hits(engines, "ask them, kidding").empty());
    }
    SUBCASE("a flag group keeps the pattern whole, and it still matches") {
        const auto engines = compile_both(rule_yaml("r", "(?s)a.b|cd"));
        CHECK(same_hits(engines, "cd") == Hits{{0, 0, 2}});
        CHECK(same_hits(engines, "a b cd") == Hits{{0, 0, 3}});
    }
    SUBCASE("two split patterns of one rule: their places in the written order stay") {
        std::string yaml = rule_yaml("r", "b c|a b");
        yaml.replace(yaml.find("]\n"), 2, ", {regex: \"a|b c d\"}]\n");
        const auto engines = compile_both(yaml);
        for (const char* text : {"a b c d", "b c d", "a", "x b c", "a b c d a b c a"}) same_hits(engines, text);
        CHECK(same_hits(engines, "a b c d") == Hits{{0, 0, 3}});
    }
}

TEST_CASE("rules::CompiledRules prefilters each alternative of the built-in pack's patterns") {
    // Only whole-turn patterns (^…$ with nothing in them to look for) may run on every turn.
    const auto counts = test::builtin_rules().prefilter_counts();
    CHECK(counts.patterns > 0);
    CHECK(counts.unfiltered * 20 < counts.patterns);
    CHECK(counts.one_word > 0);
}
