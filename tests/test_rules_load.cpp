#include <doctest/doctest.h>

#include "rules/bank.hpp"
#include "rules/pack.hpp"
#include "support.hpp"

using qalint::test::compile_yaml;

namespace {
const std::string valid_rule = R"yaml(id: not-my-competence
title: Not my competence
category: anti-pattern
level: error
ladder: disappointment
kind: phrase
speaker: agent
message: The agent deflects.
advice: {en: "Own it."}
patterns:
  ru: [{phrase: "не моя компетенция"}]
  en: [{regex: "not my (department|job)"}]
examples:
  match: {ru: ["это не моя компетенция"], en: ["that's not my department"]}
  no_match: {en: ["that is my job"]}
)yaml";

bool has_error(const std::vector<std::string>& errors, const std::string& part) {
    for (const auto& error : errors)
        if (error.find(part) != std::string::npos) return true;
    return false;
}

// The valid rule with its English regex replaced by `regex`: what the loader says of it.
std::vector<std::string> errors_with_regex(const std::string& regex) {
    std::string yaml = valid_rule;
    yaml.replace(yaml.find("not my (department|job)"), 23, regex);
    return compile_yaml(yaml).errors;
}

// A phrase rule the missing and response rules in these tests name.
const std::string thanks = R"yaml(id: thanks
title: Thanks
category: good-practice
level: info
ladder: neutral
kind: phrase
speaker: agent
message: thanks
patterns: {en: [{phrase: "thank you"}]}
examples: {match: {en: ["thank you"]}}
---
)yaml";

}  // namespace

TEST_CASE("rules::load_rule_yaml") {
    SUBCASE("a valid rule loads and compiles") {
        const auto compiled = compile_yaml(valid_rule);
        CHECK(compiled.errors.empty());
        REQUIRE(compiled.rules.rules().size() == 1);
        const auto& rule = compiled.rules.rules()[0];
        CHECK(rule.id == "not-my-competence");
        CHECK(rule.level == qalint::core::Level::error);
        CHECK(rule.patterns[0].size() == 1);
        CHECK(rule.patterns[0][0].line == 11);
    }
    SUBCASE("an unknown key is an error naming the file, line, rule and key") {
        const auto compiled = compile_yaml(valid_rule + "colour: red\n");
        CHECK(has_error(compiled.errors, "test.yaml:16: rule not-my-competence: unknown key 'colour'"));
        CHECK(compiled.rules.rules().empty());
    }
    SUBCASE("bad values are named") {
        std::string yaml = valid_rule;
        yaml.replace(yaml.find("level: error"), 12, "level: fatal");
        CHECK(has_error(compile_yaml(yaml).errors, "'level' must be one of error | warning | info, not 'fatal'"));
    }
    SUBCASE("ASCII-only \\b and \\w are rejected with the line") {
        std::string yaml = valid_rule;
        yaml.replace(yaml.find("not my (department|job)"), 23, "\\\\bnot my \\\\w+");
        const auto errors = compile_yaml(yaml).errors;
        CHECK(has_error(errors, "test.yaml:12: rule not-my-competence: regex"));
        CHECK(has_error(errors, "ASCII-only"));
    }
    SUBCASE("Unicode classes other than \\pL and \\pN, and non-ASCII \\x escapes, are rejected") {
        for (const char* bad : {"\\\\p{Cyrillic}+", "\\\\PL", "\\\\pS", "\\\\x{430}", "\\\\xe9"}) {
            std::string yaml = valid_rule;
            yaml.replace(yaml.find("not my (department|job)"), 23, std::string("not my ") + bad);
            const auto errors = compile_yaml(yaml).errors;
            CHECK_MESSAGE(has_error(errors, "test.yaml:12: rule not-my-competence: regex"), bad);
            CHECK_MESSAGE((has_error(errors, "only \\pL (a letter)") || has_error(errors, "\\x escapes are for ASCII")), bad);
        }
        // Its only pattern rejected, the rule gets that one error, not a second "needs patterns".
        std::string only_bad = valid_rule;
        const std::string ru_line = "  ru: [{phrase: \"не моя компетенция\"}]\n";
        only_bad.erase(only_bad.find(ru_line), ru_line.size());
        only_bad.replace(only_bad.find("not my (department|job)"), 23, "\\\\p{Latin}+");
        const auto only_errors = compile_yaml(only_bad).errors;
        CHECK(only_errors.size() == 1);
        CHECK(has_error(only_errors, "only \\pL (a letter)"));
        std::string fine = valid_rule;
        fine.replace(fine.find("not my (department|job)"), 23, "not my \\\\pL+ \\\\x41 [^\\\\pL\\\\pN]");
        CHECK(compile_yaml(fine).errors.empty());
    }
    // Patterns the loader rejects, each with the reason a rule author needs, and the fix that loads.
    SUBCASE("an emoji in a pattern is rejected: every emoji is one placeholder to the matcher") {
        for (const char* bad : {"not my 😡", "thanks 🙏|ok", "❤️"}) {
            const auto errors = errors_with_regex(bad);
            CHECK_MESSAGE(has_error(errors, "test.yaml:12: rule not-my-competence: regex"), bad);
            CHECK_MESSAGE(has_error(errors, "would match any of them"), bad);
        }
        CHECK(errors_with_regex("not my «department» [^\\\\pL\\\\pN\\\\s]").empty());
    }
    SUBCASE("an ellipsis in a pattern is rejected: the matcher reads it as '.', which a regex takes for any character") {
        const auto errors = errors_with_regex("thanks…");
        CHECK(has_error(errors, "test.yaml:12: rule not-my-competence: regex"));
        CHECK(has_error(errors, "write \\. "));
        CHECK(errors_with_regex("thanks\\\\.\\\\.\\\\.").empty());
    }
    SUBCASE("an alternative that needs a second non-letter at its edge is rejected: every pattern already sits between word boundaries") {
        const std::pair<const char*, const char*> cases[] = {
            {"appreciate those |not my job", "ends with a space"},
            {"not my job| appreciate", "begins with a space"},
            {"(^|[^a-z])dm|not my job", "writes its own word boundary"},
            {"not my job|dm([^a-z]|$)", "writes its own word boundary"},
            // an alternative of the group at the pattern's edge: "( so | and )" never takes " so "
            {"create a ticket( so | and)", "ends the pattern's match and ends with a space"},
            {"not my (job|(department |team ))?", "ends the pattern's match and ends with a space"},
            {"( please| kindly)? contact the bank", "begins the pattern's match and begins with a space"},
            // a word comes right before punctuation: "Kim. Our fault" never starts a match at ". our"
            {"(^|[.!?] )our fault", "begins the pattern's match and begins with punctuation"},
            {"(, |and )that won't change", "begins the pattern's match and begins with punctuation"},
            {"our fault|, sorry", "\", sorry\" begins with punctuation"},
        };
        for (const auto& [bad, reason] : cases) {
            const auto errors = errors_with_regex(bad);
            CHECK_MESSAGE(has_error(errors, "test.yaml:12: rule not-my-competence: regex"), bad);
            CHECK_MESSAGE(has_error(errors, reason), bad);
        }
        // A word after the space, or a class that leaves the space out (punctuation), is fine.
        CHECK(errors_with_regex("not my (department |job )\\\\pL+").empty());
        CHECK(errors_with_regex("not my job([^\\\\pL\\\\pN ]|$)").empty());
        CHECK(errors_with_regex("create a ticket( so| and)").empty());
        CHECK(errors_with_regex("(please |kindly )?contact the bank").empty());
        CHECK(errors_with_regex("(^|[\\\\pL\\\\pN]+[.!?] )our fault").empty());
        CHECK(errors_with_regex("(,? but |,? and )we can't").empty());
    }
    SUBCASE("an invalid regex is rejected") {
        std::string yaml = valid_rule;
        yaml.replace(yaml.find("not my (department|job)"), 23, "not my (department");
        CHECK(has_error(compile_yaml(yaml).errors, "missing )"));
    }
    SUBCASE("invalid YAML names the line") {
        CHECK(has_error(compile_yaml("id: x\ntitle: [unclosed\n").errors, "test.yaml:"));
    }
    SUBCASE("a rule without match examples is rejected") {
        std::string yaml = valid_rule.substr(0, valid_rule.find("examples:"));
        CHECK(has_error(compile_yaml(yaml).errors, "missing required key 'examples'"));
    }
    SUBCASE("missing rules must name existing phrase rules") {
        const auto compiled = compile_yaml(R"yaml(id: missing-thanks
title: No thanks
category: anti-pattern
level: warning
ladder: disappointment
kind: missing
message: never thanks
missing: {rule: thanks, in: any}
examples:
  match: {en: ["Agent: hi\nCustomer: bye"]}
)yaml");
        CHECK(has_error(compiled.errors, "names rule 'thanks', which does not exist"));
    }
    SUBCASE("skip must name existing phrase rules, in missing and response rules alike") {
        const auto missing = compile_yaml(thanks + R"yaml(id: missing-thanks
title: No thanks
category: anti-pattern
level: warning
ladder: disappointment
kind: missing
message: never thanks
missing: {rule: thanks, in: any, skip: [noise-turn]}
examples:
  match: {en: ["Agent: hi\nCustomer: bye"]}
)yaml");
        CHECK(has_error(missing.errors, "missing.skip names rule 'noise-turn', which does not exist"));
        const auto response = compile_yaml(thanks + R"yaml(id: unanswered
title: Unanswered
category: anti-pattern
level: warning
ladder: disappointment
kind: response
message: unanswered
response: {trigger: any, expect: any, skip: missing-thanks-typo}
examples:
  match: {en: ["Agent: hi\nCustomer: bye"]}
)yaml");
        CHECK(has_error(response.errors, "response.skip names rule 'missing-thanks-typo', which does not exist"));
        const auto fine = compile_yaml(thanks + R"yaml(id: unanswered
title: Unanswered
category: anti-pattern
level: warning
ladder: disappointment
kind: response
message: unanswered
response: {trigger: any, expect: any, skip: [thanks]}
examples:
  match: {en: ["Agent: hi\nCustomer: bye"]}
)yaml");
        CHECK(fine.errors.empty());
        REQUIRE(fine.rules.find("unanswered") != nullptr);
        CHECK(fine.rules.find("unanswered")->response.skip == std::vector<std::string>{"thanks"});
    }
    SUBCASE("response.reply_has and response.by: checked like the other fields") {
        const std::string head = thanks + R"yaml(id: pushed-back
title: Pushed back
category: anti-pattern
level: error
ladder: disappointment
kind: response
message: pushed back
)yaml";
        const std::string examples = "examples:\n  match: {en: [\"Agent: hi\\nCustomer: bye\"]}\n";
        const auto both = compile_yaml(head + "response: {by: agent, trigger: thanks, expect: [thanks], reply_has: [thanks]}\n" + examples);
        CHECK(has_error(both.errors, "'response.expect' and 'response.reply_has' exclude each other"));
        const auto typo = compile_yaml(head + "response: {by: agent, trigger: thanks, reply_has: [thank]}\n" + examples);
        CHECK(has_error(typo.errors, "response.reply_has names rule 'thank', which does not exist"));
        const auto who = compile_yaml(head + "response: {by: bot, trigger: thanks, reply_has: [thanks]}\n" + examples);
        CHECK_FALSE(who.errors.empty());
        const auto fine = compile_yaml(head + "response: {by: agent, trigger: thanks, reply_has: [thanks], within: 1}\n" + examples);
        CHECK(fine.errors.empty());
        REQUIRE(fine.rules.find("pushed-back") != nullptr);
        CHECK(fine.rules.find("pushed-back")->response.by_agent);
        CHECK(fine.rules.find("pushed-back")->response.reply_has == std::vector<std::string>{"thanks"});
    }
}

TEST_CASE("rules::builtin pack") {
    qalint::rules::LoadResult loaded;
    qalint::rules::load_builtin_rules(loaded);
    qalint::rules::check_rule_references(loaded);
    CHECK(loaded.errors.empty());
    std::vector<std::string> errors;
    const auto compiled = qalint::rules::CompiledRules::compile(std::move(loaded.rules), errors);
    CHECK(errors.empty());
    for (const char* id : {"not-my-competence", "redirection", "greeting", "thanks", "missing-thanks"})
        CHECK_MESSAGE(compiled.find(id) != nullptr, id);
}

TEST_CASE("rules::pack_rules: the pack compiled in is the YAML, loaded") {
    using namespace qalint;
    SUBCASE("the built-in pack equals its YAML parsed now, field for field") {
        rules::LoadResult packed, parsed;
        rules::load_builtin_rules(packed);
        rules::load_builtin_rule_yaml(parsed);
        rules::expand_vocabularies(parsed);    // the pack is stored with {{vocabularies}} expanded
        REQUIRE(parsed.rules.size() > 30);
        CHECK(packed.errors == parsed.errors);
        REQUIRE(packed.rules.size() == parsed.rules.size());
        for (size_t i = 0; i < parsed.rules.size(); ++i) {
            INFO(parsed.rules[i].id);
            CHECK(packed.rules[i] == parsed.rules[i]);
            CHECK(packed.rules[i].builtin);
        }
    }
    SUBCASE("every field survives the trip, and damaged bytes are refused") {
        // Values no built-in rule has, so a field left out of the pack's list shows here.
        rules::LoadResult loaded;
        core::Rule& rule = loaded.rules.emplace_back();
        rule.id = "x";
        rule.title = "Заголовок";
        rule.category = core::Category::signal;
        rule.level = core::Level::error;
        rule.ladder = core::Ladder::wow;
        rule.kind = core::RuleKind::response;
        rule.speaker = core::Role::customer;
        rule.for_conversations = false;
        rule.for_macros = false;
        rule.message = "m";
        rule.advice = {"ru", "lt", "en"};
        rule.patterns[1].push_back({core::PatternType::regex, "a|b", 7});
        rule.unless[2].push_back({core::PatternType::phrase, "no need", 9, true});
        rule.match_examples[0] = {"да"};
        rule.no_match_examples[2] = {"no", ""};
        rule.missing = {{"thanks", "greeting"}, core::TurnWindow::last, 3, {"noise-turn"}};
        rule.response = {{"customer-complaint", "customer-pushback"}, {"praise"}, {"empathy"}, 4, true, true, 42.5, {"noise-turn", "agent-sign-off"},
                         true, {"customer-pushback"}};
        rule.unless_previous = 2;
        rule.only_in_first = 1;
        rule.only_in_first_skip = {"noise-turn"};
        rule.only_in_reply = true;
        rule.only_at_end = true;
        rule.unless_continued = {"agent-hold"};
        rule.unless_continued_skip = {"noise-turn", "agent-sign-off"};
        rule.only_after = {"agent-asks-details", "clarifying-question"};
        rule.file = "rules/x.yaml";
        rule.line = 12;
        rule.builtin = true;
        loaded.rules.emplace_back();    // all defaults
        loaded.errors = {"rules/y.yaml:3: rule y: bad"};
        const std::string bytes = rules::pack_rules(loaded);
        rules::LoadResult back;
        REQUIRE(rules::unpack_rules(bytes, back));
        CHECK(back.rules == loaded.rules);
        CHECK(back.errors == loaded.errors);
        rules::LoadResult untouched;
        CHECK_FALSE(rules::unpack_rules(bytes.substr(0, bytes.size() - 1), untouched));
        CHECK_FALSE(rules::unpack_rules(bytes + "x", untouched));
        CHECK_FALSE(rules::unpack_rules("", untouched));
        CHECK(untouched.rules.empty());
    }
}

TEST_CASE("rules::expand_vocabularies") {
    const std::string vocabulary = R"yaml(id: span
title: A span
kind: vocabulary
patterns:
  en: [{regex: "\\d+ hours"}, {regex: "tomorrow"}]
examples:
  match: {en: ["2 hours"]}
---
)yaml";
    // A rule "promise" with one English pattern and its match example.
    const auto promise = [](const std::string& pattern, const std::string& example) {
        return "id: promise\ntitle: Promise\ncategory: good-practice\nlevel: info\nladder: wow\nkind: phrase\n"
               "speaker: agent\nmessage: A promise with a time.\npatterns:\n  en: [{regex: \"" + pattern +
               "\"}]\nexamples:\n  match: {en: [\"" + example + "\"]}\n";
    };
    const std::string rule = promise("we('ll| will) call (you )?{{span}}", "we'll call you tomorrow");
    SUBCASE("{{id}} becomes the vocabulary's terms in the pattern's language") {
        const auto compiled = qalint::test::compile_yaml(vocabulary + rule);
        REQUIRE(compiled.errors.empty());
        const auto* promise = compiled.rules.find("promise");
        REQUIRE(promise != nullptr);
        CHECK(promise->patterns[qalint::core::language_index(qalint::core::Language::en)][0].text ==
              "we('ll| will) call (you )?(?:\\d+ hours|tomorrow)");
        const qalint::match::Engine engine(compiled.rules, {});
        const auto verdict = engine.judge(qalint::test::conversation_from("Customer: Hi\nAgent: We will call you in 2 hours... no, we'll call you 2 hours from now.\n"));
        CHECK(qalint::test::has_rule(verdict, "promise"));
        // The vocabulary is never a finding of its own.
        CHECK_FALSE(qalint::test::has_rule(engine.judge(qalint::test::conversation_from("Customer: Hi\nAgent: tomorrow\n")), "span"));
    }
    SUBCASE("a vocabulary's term may end with a space: it is a piece of other patterns") {
        const auto compiled = qalint::test::compile_yaml(R"yaml(id: lead
title: A lead-in
kind: vocabulary
patterns:
  en: [{regex: "(in |within )"}]
examples:
  match: {en: ["within "]}
---
)yaml" + promise("we('ll| will) call you {{lead}}\\\\d+ days", "we'll call you within 2 days"));
        CHECK(compiled.errors.empty());
    }
    SUBCASE("an unknown vocabulary, or one without the language, is an error naming the rule") {
        const auto unknown = qalint::test::compile_yaml(rule);
        REQUIRE(unknown.errors.size() == 1);
        CHECK(unknown.errors[0].find("rule promise: {{span}}: no vocabulary of that id") != std::string::npos);
        std::string russian = rule;
        russian.replace(russian.find("en: [{regex"), 2, "ru");
        russian.replace(russian.find("match: {en"), 10, "match: {ru");
        const auto missing = qalint::test::compile_yaml(vocabulary + russian);
        REQUIRE_FALSE(missing.errors.empty());
        CHECK_MESSAGE(missing.errors[0].find("rule promise: {{span}}: the vocabulary has no ru terms") != std::string::npos,
                      missing.errors[0]);
    }
}

TEST_CASE("rules: a key given twice in one mapping is an error naming the file, the line and the key") {
    // yaml-cpp keeps the first and drops the second without a word: a rule's second `ru:` list of
    // examples, or a bank's second `match:`, would silently not be tested.
    // valid_rule's examples end with `no_match` on line 15: a second one on line 16.
    qalint::rules::LoadResult loaded;
    qalint::rules::load_rule_yaml(valid_rule + "  no_match: {en: [\"my job\"]}\n", "rules/deflect.yaml", loaded);
    REQUIRE(loaded.errors.size() == 1);
    CHECK(loaded.errors[0] == "rules/deflect.yaml:16: 'no_match' is given twice in one mapping (lines 15 and 16); give it once");
    CHECK(loaded.rules.empty());
    // The same key in different mappings is fine: valid_rule names `en` under patterns and under examples.
    qalint::rules::LoadResult fine;
    qalint::rules::load_rule_yaml(valid_rule, "rules/deflect.yaml", fine);
    CHECK(fine.errors.empty());
    CHECK(fine.rules.size() == 1);

    qalint::rules::BankLoad bank;
    qalint::rules::load_bank_yaml("rule: thanks\nlanguage: en\nmatch: [\"thanks a lot\"]\nno_match: [\"hi\"]\nmatch: [\"cheers\"]\n",
                                  "rules/banks/thanks.en.yaml", bank);
    REQUIRE(bank.errors.size() == 1);
    CHECK(bank.errors[0] == "rules/banks/thanks.en.yaml: line 5: `match` is given twice in one mapping (lines 3 and 5); give it once");
}
