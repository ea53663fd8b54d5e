#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "match/ladder.hpp"
#include "support.hpp"

using namespace qalint;
using test::compile_yaml;
using test::conversation_from;
using test::has_rule;

namespace {

const std::string pack = R"yaml(id: not-my-competence
title: Not my competence
category: anti-pattern
level: error
ladder: disappointment
kind: phrase
speaker: agent
message: The agent deflects.
advice: {ru: "Возьмите на себя.", en: "Own it."}
patterns:
  ru: [{phrase: "не моя компетенция"}]
  lt: [{phrase: "ne mano kompetencija"}]
  en: [{regex: "not my (department|job)"}]
examples:
  match: {en: ["not my job"]}
---
id: dont-know
title: I don't know
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: The agent does not know.
patterns:
  en: [{regex: "i don't know"}]
unless:
  en: [{phrase: "find out"}]
examples:
  match: {en: ["I don't know"]}
---
id: thanks
title: Thanks
category: good-practice
level: info
ladder: neutral
kind: phrase
speaker: agent
message: Thanks.
patterns:
  ru: [{regex: "спасиб\\pL*"}]
  lt: [{phrase: "ačiū už kantrybę"}]
  en: [{phrase: "thank you"}]
examples:
  match: {en: ["thank you"]}
---
id: empathy
title: Empathy
category: good-practice
level: info
ladder: wow
kind: phrase
speaker: agent
message: Empathy.
patterns:
  en: [{phrase: "I understand how frustrating"}]
examples:
  match: {en: ["I understand how frustrating"]}
---
id: ownership
title: Ownership
category: good-practice
level: info
ladder: wow
kind: phrase
speaker: agent
message: Ownership.
patterns:
  en: [{phrase: "I'll take care of it"}]
examples:
  match: {en: ["I'll take care of it"]}
---
id: complaint
title: Complaint
category: signal
level: info
ladder: neutral
kind: phrase
speaker: customer
message: The customer complains.
patterns:
  en: [{phrase: "unacceptable"}]
examples:
  match: {en: ["unacceptable"]}
---
id: missing-thanks
title: No thanks
category: anti-pattern
level: warning
ladder: disappointment
kind: missing
message: Never thanks.
advice: {en: "Thank them."}
missing: {rule: thanks, in: any}
examples:
  match: {en: ["Agent: hi\nCustomer: bye"]}
---
id: no-empathy-after-complaint
title: No empathy
category: anti-pattern
level: warning
ladder: disappointment
kind: response
message: No empathy after a complaint.
response: {trigger: complaint, expect: [empathy], within: 2}
examples:
  match: {en: ["Agent: hi\nCustomer: unacceptable\nAgent: ok"]}
---
id: unanswered-customer
title: Unanswered
category: anti-pattern
level: warning
ladder: disappointment
kind: response
message: Unanswered.
response: {trigger: any, expect: any, within: 1, scope: last}
examples:
  match: {en: ["Agent: hi\nCustomer: hello?"]}
)yaml";

struct Fixture {
    test::Compiled compiled = compile_yaml(pack);
    core::Verdict judge(const std::string& text, match::EngineOptions options = {}) const {
        const match::Engine engine(compiled.rules, options);
        return engine.judge(conversation_from(text));
    }
};

// A pack of one agent phrase rule, "one", with these patterns (the YAML under `patterns:`), and whether it
// fires on an agent reply written after `prefix` ("Customer: Hi\nAgent: ").
struct OneRule {
    test::Compiled compiled;
    match::Engine engine;
    std::string prefix;
    OneRule(const std::string& patterns, std::string reply_prefix)
        : compiled(test::compile_yaml("id: one\ntitle: One\ncategory: good-practice\nlevel: info\nladder: neutral\n"
                                      "kind: phrase\nspeaker: agent\nmessage: One.\nexamples: {match: {en: [\"(the caller checks its own)\"]}}\npatterns:\n" +
                                      patterns)),
          engine(compiled.rules, {}),
          prefix(std::move(reply_prefix)) {}
    bool fires(const std::string& reply) const {
        return test::has_rule(engine.judge(test::conversation_from(prefix + reply + "\n")), "one");
    }
};

}  // namespace

TEST_CASE("match::Engine phrase rules") {
    Fixture f;
    REQUIRE(f.compiled.errors.empty());

    SUBCASE("a phrase catches inflected forms with an extra word between") {
        const auto verdict = f.judge("Оператор: Извините, но это не в моей компетенции.\nКлиент: Понятно\n");
        const auto& finding = test::finding_of(verdict, "not-my-competence");
        CHECK(finding.match == "не в моей компетенции");
        CHECK(finding.line == 1);
        CHECK(finding.column == 28);
        CHECK(finding.language == core::Language::ru);
        CHECK(finding.speaker == "Оператор");
        CHECK(finding.role == core::Role::agent);
        CHECK(finding.turn == 1);
        CHECK(finding.advice == "Возьмите на себя.");
        CHECK(verdict.level == core::Ladder::disappointment);
    }
    SUBCASE("Lithuanian typed without diacritics meets a pattern with them") {
        const auto verdict = f.judge("Agentas: Aciu uz kantrybe, jau tikrinu\nKlientas: gerai\n");
        CHECK(has_rule(verdict, "thanks"));
    }
    SUBCASE("the reported position and match are in the original text, after curly quotes and ё") {
        const auto verdict = f.judge("Agent: «Ёлки», that’s not my department.\nCustomer: ok\n");
        const auto& finding = test::finding_of(verdict, "not-my-competence");
        CHECK(finding.match == "not my department");
        CHECK(finding.column == 8 + 15);
    }
    SUBCASE("a match on a continuation line points at that line") {
        const auto verdict = f.judge("Agent: Sorry,\n   that is not my job\nCustomer: hm\n");
        const auto& finding = test::finding_of(verdict, "not-my-competence");
        CHECK(finding.line == 2);
        CHECK(finding.column == 12);
    }
    SUBCASE("word boundaries are Unicode: no match inside a longer Cyrillic word") {
        const auto verdict = f.judge("Оператор: Спасибище вам\nКлиент: ok\n");
        CHECK(has_rule(verdict, "thanks"));    // спасиб\pL* covers it
        const auto inside = f.judge("Оператор: неспасибо\nКлиент: ok\n");
        CHECK_FALSE(has_rule(inside, "thanks"));
    }
    SUBCASE("the rule's speaker filter: a customer saying it is not the agent deflecting") {
        const auto verdict = f.judge("Agent: hello\nCustomer: that is not my job\n");
        CHECK_FALSE(has_rule(verdict, "not-my-competence"));
    }
    SUBCASE("unless cancels the hit in the same turn") {
        CHECK(has_rule(f.judge("Agent: I don't know.\nCustomer: ok\n"), "dont-know"));
        CHECK_FALSE(has_rule(f.judge("Agent: I don't know, but I will find out now.\nCustomer: ok\n"), "dont-know"));
    }
    SUBCASE("--only and --disable filter what is reported") {
        match::EngineOptions only;
        only.only = {"thanks"};
        const auto verdict = f.judge("Agent: not my job, thank you\nCustomer: ok\n", only);
        CHECK(test::rule_ids(verdict) == std::vector<std::string>{"thanks"});
        match::EngineOptions disabled;
        disabled.disabled = {"not-my-competence"};
        CHECK_FALSE(has_rule(f.judge("Agent: not my job\nCustomer: ok\n", disabled), "not-my-competence"));
    }
    SUBCASE("in a conversation a turn reports a rule once; in a macro every occurrence of an anti-pattern") {
        const std::string text = "Agent: Not my job. Thank you. Really, not my job, thank you.\nCustomer: ok\n";
        const auto count = [](const core::Verdict& verdict, const std::string& id) {
            return std::count_if(verdict.findings.begin(), verdict.findings.end(),
                                 [&](const core::Finding& finding) { return finding.rule == id; });
        };
        const auto conversation = f.judge(text);
        CHECK(count(conversation, "not-my-competence") == 1);
        CHECK(test::finding_of(conversation, "not-my-competence").column == 8);
        core::Conversation macro = conversation_from(text);
        macro.source = core::Source::macro;
        const match::Engine engine(f.compiled.rules, {});
        const auto judged = engine.judge(std::move(macro));
        std::vector<uint32_t> columns;    // of the anti-pattern's findings, in report order
        for (const auto& finding : judged.findings)
            if (finding.rule == "not-my-competence") columns.push_back(finding.column);
        CHECK(columns == std::vector<uint32_t>{8, 39});
        CHECK(count(judged, "thanks") == 1);    // good practice: once is enough
    }
    SUBCASE("signal rules are never reported") {
        CHECK_FALSE(has_rule(f.judge("Agent: hi\nCustomer: unacceptable\nAgent: thank you"), "complaint"));
    }
}

TEST_CASE("match::Engine conversation rules") {
    Fixture f;
    SUBCASE("missing: fires when no agent turn has the practice, at the last agent turn") {
        const auto verdict = f.judge("Agent: hi\nCustomer: where is it\nAgent: on its way\nCustomer: ok\n");
        REQUIRE(has_rule(verdict, "missing-thanks"));
        for (const auto& finding : verdict.findings)
            if (finding.rule == "missing-thanks") CHECK(finding.line == 3);
        CHECK_FALSE(has_rule(f.judge("Agent: hi\nCustomer: x\nAgent: thank you\n"), "missing-thanks"));
    }
    SUBCASE("missing rules do not apply to macros") {
        auto conversation = conversation_from("Agent: here is how to reset it\n");
        conversation.source = core::Source::macro;
        const match::Engine engine(f.compiled.rules, {});
        CHECK_FALSE(has_rule(engine.judge(conversation), "missing-thanks"));
    }
    SUBCASE("response: a complaint without empathy in the next agent turns") {
        const auto bad = f.judge("Agent: hi\nCustomer: this is unacceptable\nAgent: order number?\nAgent: ok\n");
        CHECK(has_rule(bad, "no-empathy-after-complaint"));
        const auto good = f.judge("Agent: hi\nCustomer: this is unacceptable\nAgent: I understand how frustrating this is\n");
        CHECK_FALSE(has_rule(good, "no-empathy-after-complaint"));
    }
    SUBCASE("response: the customer's last message unanswered") {
        CHECK(has_rule(f.judge("Agent: hi\nCustomer: hello? anyone?\n"), "unanswered-customer"));
        CHECK_FALSE(has_rule(f.judge("Agent: hi\nCustomer: hello?\nAgent: yes, here\n"), "unanswered-customer"));
        // A file with no agent at all (a one-speaker caption, a fragment) has no replies to judge.
        CHECK_FALSE(has_rule(f.judge("Customer: this is a transcript test.\n"), "unanswered-customer"));
        CHECK_FALSE(has_rule(f.judge("Customer: hello?\nCustomer: anyone?\n"), "unanswered-customer"));
    }
}

TEST_CASE("match::ladder") {
    Fixture f;
    SUBCASE("wow needs two different wow practices and no warning") {
        const auto wow = f.judge(
            "Agent: I understand how frustrating this is. I'll take care of it, thank you\nCustomer: thanks\nAgent: bye\n");
        CHECK(wow.level == core::Ladder::wow);
        const auto neutral = f.judge("Agent: I'll take care of it, thank you\nCustomer: thanks\nAgent: bye\n");
        CHECK(neutral.level == core::Ladder::neutral);
    }
    SUBCASE("the score never rises with an anti-pattern and never falls with a good practice") {
        const auto base = f.judge("Agent: I'll take care of it\nCustomer: ok\n");
        const auto worse = f.judge("Agent: I'll take care of it. Not my job though.\nCustomer: ok\n");
        const auto better = f.judge("Agent: I'll take care of it. I understand how frustrating\nCustomer: ok\n");
        CHECK(worse.score < base.score);
        CHECK(better.score > base.score);
        std::vector<core::Finding> findings;
        int previous = match::ladder_score(findings);
        for (int i = 0; i < 10; ++i) {
            core::Finding bad;
            bad.category = core::Category::anti_pattern;
            bad.level = core::Level::warning;
            findings.push_back(bad);
            const int score = match::ladder_score(findings);
            CHECK(score <= previous);
            CHECK(score >= 0);
            previous = score;
        }
    }
    SUBCASE("a conversation that failed the customer scores below every one that did not") {
        // An error, a warning and five good practices against four warnings and none: by points
        // alone the first (50 - 25 - 10 + 5 + 5 + 10 + 10 + 5 = 50) outscored the second (50 - 40 = 10).
        const auto failed = f.judge(
            "Agent: Hello! How can I help? I understand how frustrating this is. I'll take care of it. Not my job though. "
            "Thank you\nCustomer: ok\n");
        REQUIRE(failed.level == core::Ladder::disappointment);
        std::vector<core::Finding> scripted;
        for (int i = 0; i < 4; ++i) {
            core::Finding missing;
            missing.category = core::Category::anti_pattern;
            missing.level = core::Level::warning;
            scripted.push_back(missing);
        }
        CHECK(match::ladder_level(scripted) == core::Ladder::neutral);
        CHECK(failed.score < match::ladder_score(scripted));
        CHECK(failed.score <= 39);
        CHECK(match::ladder_score(scripted) >= 40);
    }
}

TEST_CASE("match::Engine conversation-level findings speak the conversation's language") {
    Fixture f;
    // "Klausau." alone is too short to be sure of; the rest of the conversation is Lithuanian.
    const auto verdict = f.judge(
        "Operatorius: Klausau.\nKlientas: Laba diena, mano sąskaitoje yra klaida, ar galite padėti?\n"
        "Operatorius: Taip, dabar patikrinsiu jūsų sąskaitą ir viską ištaisysiu.\nKlientas: Gerai.\n"
        "Operatorius: Ok.\nKlientas: Iki.\n");
    const auto& finding = test::finding_of(verdict, "missing-thanks");
    CHECK(finding.language == core::Language::lt);
}

TEST_CASE("match::find_missing counts lines the agent sends in a row as one turn") {
    const auto compiled = compile_yaml(R"yaml(id: feedback-request
title: Feedback
category: good-practice
level: info
ladder: wow
kind: phrase
speaker: agent
message: Asks.
patterns:
  en: [{phrase: "anything else"}]
examples:
  match: {en: ["anything else?"]}
---
id: missing-feedback-request
title: No feedback request
category: anti-pattern
level: warning
ladder: disappointment
kind: missing
message: Never asks.
missing: {rule: feedback-request, in: last, turns: 1}
examples:
  match: {en: ["Agent: hi\nCustomer: bye"]}
)yaml");
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto closing_block = engine.judge(conversation_from(
        "Agent: hi\nCustomer: my card\nAgent: done\nCustomer: great\n"
        "Agent: is there anything else?\nAgent: thank you for calling\nAgent: bye\n"));
    CHECK_FALSE(has_rule(closing_block, "missing-feedback-request"));
    const auto earlier = engine.judge(conversation_from(
        "Agent: is there anything else?\nCustomer: yes, my card\nAgent: done, bye\n"));
    CHECK(has_rule(earlier, "missing-feedback-request"));
}

TEST_CASE("match::unless_scope sentence: an unless cancels only a hit in its own sentence") {
    const auto rule = [](const std::string& scope, const std::string& pattern = "we('ll| will) (check|call)") {
        return R"yaml(id: vague
title: Vague
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Vague.
advice: {en: "Say when."}
patterns:
  en: [{regex: ")yaml" + pattern + R"yaml("}]
unless:
  en: [{regex: "by \\d{1,2} ?(am|pm|p\\.m\\.)|tomorrow"}]
)yaml" + scope + R"yaml(
examples:
  match: {en: ["we'll check via https://example.com/x"]}
)yaml";
    };
    const auto fires = [](const test::Compiled& compiled, const std::string& text) {
        REQUIRE(compiled.errors.empty());
        const match::Engine engine(compiled.rules, {});
        return test::has_rule(engine.judge(test::conversation_from("Customer: Hi\nAgent: " + text + "\n")), "vague");
    };
    const auto sentence = test::compile_yaml(rule("unless_scope: sentence"));
    const auto turn = test::compile_yaml(rule(""));
    // A time in another sentence does not excuse the vague promise; in its own sentence it does.
    CHECK(fires(sentence, "We'll check it. The shop opens tomorrow."));
    CHECK_FALSE(fires(turn, "We'll check it. The shop opens tomorrow."));
    CHECK_FALSE(fires(sentence, "We'll call you back by 5 p.m. today."));
    CHECK_FALSE(fires(sentence, "Tomorrow we'll call you back."));
    CHECK(fires(sentence, "Tomorrow is busy! We'll call you back."));
    // "p.m." and "3.5" do not end a sentence.
    CHECK_FALSE(fires(sentence, "By 5 p.m. we'll check the 3.5 GB upload."));
    // Nor do the abbreviations of times and units: "by 10 hrs. tomorrow" is one sentence.
    CHECK_FALSE(fires(sentence, "Tomorrow at 10 hrs. we'll call you back."));
    CHECK(fires(sentence, "Tomorrow at 10 o'clock. We'll call you back."));
    // A match that takes the full stop with it (a link does) ends its sentence there: the next sentence's
    // time does not reach back to excuse it.
    const auto linked = test::compile_yaml(rule("unless_scope: sentence", "we('ll| will) check (at|via) https?://[^ ]+"));
    CHECK(fires(linked, "We'll check via https://example.com/status. The shop opens tomorrow."));
    CHECK_FALSE(fires(linked, "Tomorrow we'll check via https://example.com/status. Bye!"));
    const auto bad = test::compile_yaml(rule("unless_scope: paragraph"));
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].find("'unless_scope' must be one of turn | sentence") != std::string::npos);
}

TEST_CASE("match: a pattern's (^|…) reply start reads past the @handles a reply opens with") {
    const auto compiled = test::compile_yaml(R"yaml(id: own-fault
title: Our fault
category: good-practice
level: info
ladder: wow
kind: phrase
speaker: agent
message: Owns it.
patterns:
  en: [{regex: "(^|[\\pL\\pN]+[.!?] )our (mistake|fault)"}]
examples:
  match: {en: ["Our mistake, fixing it now."]}
  no_match: {en: ["Not our mistake."]}
)yaml");
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto fires = [&](const std::string& text) {
        return test::has_rule(engine.judge(test::conversation_from("Customer: Hi\nAgent: " + text + "\n")), "own-fault");
    };
    CHECK(fires("Our mistake, fixing it now."));
    CHECK(fires("@kim_l @acmehelp Our mistake, fixing it now."));
    CHECK(fires("Hi Kim. Our fault entirely."));
    CHECK_FALSE(fires("@kim_l Not our mistake, the courier lost it."));
}

TEST_CASE("match: a Lithuanian pattern written out in full also reads the endings chat cuts short") {
    // The rule writes the standard forms; agents type "susisiekit", "susisiek", "kreipkis", "padėt",
    // "galim". A cut ending never reads a different word ("parašyta" is not "parašyti"), and a word the
    // regex lets run on into more letters keeps its ending unless a non-letter follows.
    const OneRule rule(R"yaml(  lt:
    - {regex: "(susisiekite|kreipkitės) su (banku|pardavėju)"}
    - {regex: "(galime|siūlome) (jums )?padėti"}
    - {regex: "(parašyti|užpildykite)[^.!?]{0,30}?formą"}
)yaml", "Klientas: Sveiki\nOperatorius: ");
    REQUIRE(rule.compiled.errors.empty());
    CHECK(rule.fires("Susisiekite su banku."));
    CHECK(rule.fires("susisiekit su banku"));
    CHECK(rule.fires("susisiek su pardavėju"));
    CHECK(rule.fires("kreipkis su banku"));
    CHECK(rule.fires("galim jums padėt"));
    CHECK(rule.fires("siulom padet"));
    CHECK(rule.fires("užpildykit šitą formą"));
    CHECK(rule.fires("reikia parašyt į formą"));
    CHECK_FALSE(rule.fires("susisiekė su banku"));        // past tense, not an imperative
    CHECK_FALSE(rule.fires("parašyta apie šią formą"));   // a participle: the cut ending needs a non-letter after it
    CHECK_FALSE(rule.fires("galima padėti"));             // "galima" (one may) is not "galime" (we can)
}

TEST_CASE("match: a Russian вы-imperative in a pattern also reads the ты-imperative chat uses") {
    const OneRule rule(R"yaml(  ru:
    - {regex: "(свяжитесь|напишите|оставьте заявку|попробуйте) (с банком|в банк|продавцу)"}
)yaml", "Клиент: Здравствуйте\nОператор: ");
    REQUIRE(rule.compiled.errors.empty());
    CHECK(rule.fires("Свяжитесь с банком."));
    CHECK(rule.fires("свяжись с банком"));
    CHECK(rule.fires("напиши продавцу"));
    CHECK(rule.fires("попробуй в банк"));
    CHECK_FALSE(rule.fires("связались с банком"));    // past tense
    CHECK_FALSE(rule.fires("свяжемся с банком"));     // our own step
}

TEST_CASE("match: a window that stops at a sentence end reads across a link's dots, and a link's digits are no number") {
    const OneRule rule(R"yaml(  en:
    - {regex: "try[^.!?]{0,60}?tell us (if|whether)"}
    - {regex: "write to us[^.!?]{0,60}?\\pN{8,}"}
)yaml", "Customer: Hi\nAgent: ");
    REQUIRE(rule.compiled.errors.empty());
    CHECK(rule.fires("Try the steps at https://help.example.com/reset and tell us whether they did the trick."));
    CHECK(rule.fires("Try https://t.co/AbC123 and tell us if it helped"));
    CHECK_FALSE(rule.fires("Try a restart. Then tell us nothing more."));    // a real sentence end still ends it
    CHECK_FALSE(rule.fires("Try it out. Tell us if it helped."));
    CHECK_FALSE(rule.fires("Write to us here: https://web.archive.org/web/20191017064958/https://help.example.com"));
    CHECK(rule.fires("Write to us on 88001234567"));
}

TEST_CASE("match::skip leaves noise and sign-offs out of the missing and response windows") {
    const std::string signals = R"yaml(id: noise
title: Noise
category: signal
level: info
ladder: neutral
kind: phrase
speaker: any
message: Noise.
patterns:
  en: [{regex: "^[^\\pL]*(\\[\\pL+\\]|mm hmm)[^\\pL]*$"}]
examples:
  match: {en: ["[noise]"]}
---
id: sign-off
title: Sign-off
category: signal
level: info
ladder: neutral
kind: phrase
speaker: agent
message: Sign-off.
patterns:
  en: [{regex: "^(thanks for calling|bye)$"}]
examples:
  match: {en: ["bye"]}
---
id: feedback-request
title: Feedback
category: good-practice
level: info
ladder: wow
kind: phrase
speaker: agent
message: Asks.
patterns:
  en: [{phrase: "anything else"}]
examples:
  match: {en: ["anything else?"]}
---
id: greeting
title: Greeting
category: good-practice
level: info
ladder: neutral
kind: phrase
speaker: agent
message: Greets.
patterns:
  en: [{regex: "hello"}]
examples:
  match: {en: ["hello"]}
---
id: empathy
title: Empathy
category: good-practice
level: info
ladder: wow
kind: phrase
speaker: agent
message: Empathy.
patterns:
  en: [{regex: "so sorry"}]
examples:
  match: {en: ["so sorry"]}
---
id: complaint
title: Complaint
category: signal
level: info
ladder: neutral
kind: phrase
speaker: customer
message: Complains.
patterns:
  en: [{phrase: "unacceptable"}]
examples:
  match: {en: ["unacceptable"]}
---
)yaml";
    const auto rules = [&](const std::string& skip_signoff, const std::string& skip_noise) {
        return compile_yaml(signals + R"yaml(id: missing-feedback-request
title: No feedback request
category: anti-pattern
level: warning
ladder: disappointment
kind: missing
message: Never asks.
missing: {rule: feedback-request, in: last, turns: 1)yaml" + skip_signoff + R"yaml(}
examples:
  match: {en: ["Agent: hi\nCustomer: bye"]}
---
id: missing-greeting
title: No greeting
category: anti-pattern
level: warning
ladder: disappointment
kind: missing
message: No greeting.
missing: {rule: greeting, in: first, turns: 1)yaml" + skip_noise + R"yaml(}
examples:
  match: {en: ["Agent: hi\nCustomer: bye"]}
---
id: no-empathy
title: No empathy
category: anti-pattern
level: warning
ladder: disappointment
kind: response
message: No empathy.
response: {trigger: complaint, expect: [empathy], within: 1)yaml" + skip_noise + R"yaml(}
examples:
  match: {en: ["Customer: unacceptable\nAgent: ok"]}
---
id: unanswered
title: Unanswered
category: anti-pattern
level: warning
ladder: disappointment
kind: response
message: Unanswered.
response: {trigger: any, except: [noise], expect: any, within: 1, scope: last)yaml" + skip_noise + R"yaml(}
examples:
  match: {en: ["Agent: hi\nCustomer: hello?"]}
)yaml");
    };
    const auto with = rules(", skip: [noise, sign-off]", ", skip: [noise]");
    const auto without = rules("", "");
    REQUIRE(with.errors.empty());
    REQUIRE(without.errors.empty());
    const match::Engine skipping(with.rules, {});
    const match::Engine plain(without.rules, {});
    const auto both = [&](const std::string& text, const std::string& rule) {
        const auto conversation = conversation_from(text);
        return std::pair{has_rule(skipping.judge(conversation), rule), has_rule(plain.judge(conversation), rule)};
    };
    SUBCASE("the goodbyes after the check, with noise between, are not the agent's last turn") {
        const std::string call = "Agent: hello\nCustomer: my card\nAgent: done. anything else?\nCustomer: no\n"
                                 "Agent: thanks for calling\nCustomer: bye\nCustomer: [noise]\nAgent: bye\n";
        CHECK(both(call, "missing-feedback-request") == std::pair{false, true});
        // The finding, when due, is at the last turn that said something, not at the goodbye.
        const auto never = conversation_from("Agent: hello\nCustomer: my card\nAgent: done\nCustomer: ok\nAgent: bye\n");
        CHECK(test::finding_of(skipping.judge(never), "missing-feedback-request").line == 3);
        CHECK(test::finding_of(plain.judge(never), "missing-feedback-request").line == 5);
    }
    SUBCASE("noise before the greeting is not the agent's first turn") {
        CHECK(both("Agent: [noise]\nCustomer: hello?\nAgent: hello, bank\nCustomer: hi\n", "missing-greeting") ==
              std::pair{false, true});
        CHECK(both("Agent: mm hmm\nCustomer: hello?\nAgent: yes?\nCustomer: hi\n", "missing-greeting") ==
              std::pair{true, true});
    }
    SUBCASE("a backchannel does not use up the reply window") {
        CHECK(both("Customer: unacceptable\nAgent: mm hmm\nCustomer: [noise]\nAgent: I'm so sorry\n", "no-empathy") ==
              std::pair{false, true});
        // Lines the agent sends in a row are one reply, noise or not.
        CHECK(both("Customer: unacceptable\nAgent: order number?\nAgent: I'm so sorry\n", "no-empathy") ==
              std::pair{false, false});
        CHECK(both("Customer: unacceptable\nAgent: mm hmm\nAgent: order number?\n", "no-empathy") == std::pair{true, true});
    }
    SUBCASE("the customer's noise after an unanswered question is not their last message") {
        CHECK(both("Agent: hello\nCustomer: when does it come?\nCustomer: [noise]\n", "unanswered") == std::pair{true, false});
        CHECK(both("Agent: hello\nCustomer: when?\nAgent: friday\nCustomer: [noise]\n", "unanswered") ==
              std::pair{false, false});
        // An agent's noise is no answer.
        CHECK(both("Agent: hello\nCustomer: when does it come?\nAgent: [noise]\n", "unanswered") == std::pair{true, false});
    }
}

TEST_CASE("match: a match never begins inside a link or an @handle, but may run into one") {
    const auto compiled = test::compile_yaml(R"yaml(id: sorry
title: Sorry
category: good-practice
level: info
ladder: neutral
kind: phrase
speaker: agent
message: Sorry.
patterns:
  en: [{regex: "sorry"}, {regex: "tell us more here: https?://[^ ]+"}]
examples:
  match: {en: ["sorry"]}
)yaml");
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto judge = [&](const std::string& text) {
        return engine.judge(test::conversation_from("Customer: Hi\nAgent: " + text + "\n"));
    };
    CHECK_FALSE(test::has_rule(judge("Check https://t.co/sorry-page for the steps."), "sorry"));
    CHECK_FALSE(test::has_rule(judge("@SorryNotSorry we have checked your order."), "sorry"));
    // The same word after the link is found, where it stands.
    const auto after = judge("See www.example.com/sorry first. Sorry for the wait!");
    REQUIRE(test::has_rule(after, "sorry"));
    // A redirect that ends in its link is still one.
    CHECK(test::has_rule(judge("Please tell us more here: https://t.co/abc"), "sorry"));
}

TEST_CASE("match::response with reply_has: a redirect the customer pushes back on, and pushback answered by a redirect") {
    const auto compiled = compile_yaml(R"yaml(id: redirection
title: Redirection
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Sends elsewhere.
patterns: {en: [{regex: "contact (the|your) (store|branch)"}]}
examples: {match: {en: ["contact the store"]}}
---
id: pushback
title: Pushback
category: signal
level: info
ladder: neutral
kind: phrase
speaker: customer
message: Pushes back.
patterns: {en: [{regex: "already (did|went|tried)"}]}
examples: {match: {en: ["already did"]}}
---
id: redirect-failed
title: Failed redirect
category: anti-pattern
level: error
ladder: disappointment
kind: response
message: Sent elsewhere, and it failed.
response: {by: agent, trigger: redirection, reply_has: [pushback], within: 1}
examples:
  match: {en: ["Customer: card blocked\nAgent: contact your branch\nCustomer: already went"]}
---
id: redirect-after-pushback
title: Redirect after pushback
category: anti-pattern
level: error
ladder: disappointment
kind: response
message: Said it failed, and sent elsewhere.
response: {trigger: pushback, reply_has: [redirection], within: 1}
examples:
  match: {en: ["Customer: card blocked\nAgent: try the app\nCustomer: already tried\nAgent: contact your branch"]}
)yaml");
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto judged = [&](const std::string& text) { return engine.judge(conversation_from(text)); };
    SUBCASE("the customer's next message pushes back: an error, at the agent's redirect") {
        const auto verdict = judged("Customer: card blocked\nAgent: hi\nCustomer: help\nAgent: contact your branch\n"
                                    "Customer: I already went there\n");
        REQUIRE(has_rule(verdict, "redirect-failed"));
        CHECK(test::finding_of(verdict, "redirect-failed").line == 4);
        CHECK(verdict.level == core::Ladder::disappointment);
    }
    SUBCASE("a redirect the customer accepts is only the redirect's own warning") {
        const auto verdict = judged("Customer: card blocked\nAgent: contact your branch\nCustomer: ok thanks\n");
        CHECK(has_rule(verdict, "redirection"));
        CHECK_FALSE(has_rule(verdict, "redirect-failed"));
        CHECK(verdict.level == core::Ladder::neutral);
    }
    SUBCASE("within: 1 — only the customer's next message is the reply; pushback with no redirect is nothing") {
        CHECK_FALSE(has_rule(judged("Customer: card blocked\nAgent: contact your branch\nCustomer: ok\nAgent: anything else?\n"
                                    "Customer: I already did that\n"),
                             "redirect-failed"));
        CHECK_FALSE(has_rule(judged("Customer: I already tried\nAgent: sorry\n"), "redirect-failed"));
    }
    SUBCASE("a redirect with no reply from the customer has not failed (yet)") {
        CHECK_FALSE(has_rule(judged("Customer: card blocked\nAgent: contact your branch\n"), "redirect-failed"));
    }
    SUBCASE("the other way round (by: customer): pushback answered by a redirect, the finding at the agent's reply") {
        const auto verdict = judged("Customer: card blocked\nAgent: try the app\nCustomer: I already tried\nCustomer: twice\n"
                                    "Agent: sorry\nAgent: contact your branch\n");
        REQUIRE(has_rule(verdict, "redirect-after-pushback"));
        CHECK(test::finding_of(verdict, "redirect-after-pushback").line == 6);
        CHECK(verdict.level == core::Ladder::disappointment);
        // Pushback met by the agent's own fix, or a redirect nobody pushed back on, is not it.
        CHECK_FALSE(has_rule(judged("Customer: card blocked\nAgent: try the app\nCustomer: I already tried\nAgent: I'll fix it\n"
                                    "Customer: ok\nAgent: contact your branch\n"),
                             "redirect-after-pushback"));
        CHECK_FALSE(has_rule(judged("Customer: card blocked\nAgent: contact your branch\n"), "redirect-after-pushback"));
    }
}

TEST_CASE("built-in pack: chat noise (sign-offs, 1/2, handles, links, emoji, hashtags) neither makes nor breaks a match") {
    const auto& compiled = test::builtin_rules();
    const match::Engine engine(compiled, {});
    const auto agent_says = [&](const std::string& reply, const std::string& rule) {
        return has_rule(engine.judge(conversation_from("Customer: my order is late\nAgent: " + reply + "\n")), rule);
    };
    // The phrase is found with the noise around it, in each language.
    for (const auto* reply : {"@acme_help We'll look into this ^HSB", "We'll look into this 1/2 -Becky", "We'll look into this 🙏 *TBT",
                              "@115906 Проверим и вернёмся с ответом ^АК", "Patikrinsime ir pranešime 😊 -Rasa"})
        CHECK_MESSAGE(agent_says(reply, "vague-promise"), reply);
    for (const auto* reply : {"Please contact your bank about this charge 2/2 ^JA", "#help Обратитесь в отделение банка ^ОК",
                              "Kreipkitės į banko skyrių 1/2"})
        CHECK_MESSAGE(agent_says(reply, "redirection"), reply);
    CHECK(agent_says("Thanks for your patience 🙂 *TBT", "thanks"));
    // Noise alone is no phrase: a handle or a link that spells one. (A hashtag is not noise: "#sorry"
    // and a customer's "#again #nothing #bs" say what the words say.)
    for (const auto* reply : {"@sorry_team", "https://acme.example/we-are-sorry", "@acme_sorry https://t.co/sorry"}) {
        const auto verdict = engine.judge(conversation_from(std::string("Customer: my order is late\nAgent: ") + reply + "\n"));
        CHECK_MESSAGE(!has_rule(verdict, "apology"), reply);
    }
}

TEST_CASE("match::unless_previous: a stated wait in the speaker's previous turn excuses a hold") {
    const std::string head = R"yaml(id: hold
title: Hold
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Hold without a time.
patterns: {en: [{regex: "one moment"}]}
unless: {en: [{regex: "couple of minutes"}]}
)yaml";
    const std::string examples = "examples: {match: {en: [\"one moment\"]}}\n";
    const auto reaching = compile_yaml(head + "unless_previous: 1\n" + examples);
    const auto plain = compile_yaml(head + examples);
    REQUIRE(reaching.errors.empty());
    REQUIRE(plain.errors.empty());
    const match::Engine with(reaching.rules, {});
    const match::Engine without(plain.rules, {});
    const auto both = [&](const std::string& text) {
        const auto conversation = conversation_from(text);
        return std::pair{has_rule(with.judge(conversation), "hold"), has_rule(without.judge(conversation), "hold")};
    };
    CHECK(both("Agent: it takes a couple of minutes\nCustomer: ok\nAgent: one moment please\n") == std::pair{false, true});
    // Only the same speaker's turns, and only as far back as asked.
    CHECK(both("Customer: a couple of minutes?\nAgent: one moment please\n") == std::pair{true, true});
    CHECK(both("Agent: it takes a couple of minutes\nCustomer: ok\nAgent: right\nCustomer: ?\nAgent: one moment\n") ==
          std::pair{true, true});
    CHECK(both("Agent: one moment please\n") == std::pair{true, true});
    const auto alone = compile_yaml(R"yaml(id: hold
title: Hold
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Hold without a time.
patterns: {en: [{regex: "one moment"}]}
unless_previous: 1
examples: {match: {en: ["one moment"]}}
)yaml");
    CHECK_FALSE(alone.errors.empty());
}

TEST_CASE("match::an unless pattern with scope: turn reaches the whole turn under unless_scope: sentence") {
    const std::string head = R"yaml(id: promise
title: Promise
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Vague.
patterns: {en: [{regex: "let me see"}]}
unless_scope: sentence
)yaml";
    const std::string examples = "examples: {match: {en: [\"let me see\"]}}\n";
    const auto compiled = compile_yaml(head + R"yaml(unless: {en: [{regex: "by 5 pm"}, {regex: "couple of minutes", scope: turn}]}
)yaml" + examples);
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto fires = [&](const std::string& reply) {
        return has_rule(engine.judge(conversation_from("Customer: hi\nAgent: " + reply + "\n")), "promise");
    };
    CHECK(fires("Let me see. The store opens by 5 pm."));                 // a sentence-scoped unless elsewhere
    CHECK_FALSE(fires("Let me see, it will be done by 5 pm."));
    CHECK_FALSE(fires("Let me see. Give me a couple of minutes."));      // scope: turn reaches it
    CHECK_FALSE(fires("Give me a couple of minutes. Let me see."));
    const auto misplaced = compile_yaml(R"yaml(id: promise
title: Promise
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Vague.
patterns: {en: [{regex: "let me see", scope: turn}]}
examples: {match: {en: ["let me see"]}}
)yaml");
    CHECK_FALSE(misplaced.errors.empty());
    const auto unknown = compile_yaml(head + "unless: {en: [{regex: \"x\", scope: paragraph}]}\n" + examples);
    CHECK_FALSE(unknown.errors.empty());
}

TEST_CASE("match::only_in_reply: 'it doesn't work' answers the agent, but in the opening it is the problem") {
    const auto compiled = compile_yaml(R"yaml(id: pushback
title: Pushback
category: signal
level: info
ladder: neutral
kind: phrase
speaker: customer
only_in_reply: true
message: Pushes back.
patterns: {en: [{regex: "doesn't work"}]}
examples: {match: {en: ["it doesn't work"]}}
---
id: redirection
title: Redirect
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Sends elsewhere.
patterns: {en: [{regex: "call the branch"}]}
examples: {match: {en: ["call the branch"]}}
---
id: redirect-after-pushback
title: Redirect after pushback
category: anti-pattern
level: error
ladder: disappointment
kind: response
message: Said it failed, and sent elsewhere.
response: {trigger: pushback, reply_has: [redirection], within: 1}
examples:
  match: {en: ["Customer: hi\nAgent: try again\nCustomer: it doesn't work\nAgent: call the branch"]}
)yaml");
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto fires = [&](const std::string& text) {
        const auto verdict = engine.judge(conversation_from(text));
        return std::any_of(verdict.findings.begin(), verdict.findings.end(),
                           [](const core::Finding& f) { return f.rule == "redirect-after-pushback"; });
    };
    CHECK(fires("Customer: my card\nAgent: try the app\nCustomer: it doesn't work\nAgent: call the branch\n"));
    // The customer's opening states the problem: a plain redirect, not one after pushback.
    CHECK_FALSE(fires("Customer: my card doesn't work\nAgent: call the branch\n"));
    CHECK_FALSE(fires("Customer: hello\nCustomer: my card doesn't work\nAgent: call the branch\n"));
    // A call opens with the agent: the customer's first words still state the problem.
    CHECK_FALSE(fires("Agent: hello, how can I help?\nCustomer: my card doesn't work\nAgent: call the branch\n"));
    CHECK(fires("Agent: hello, how can I help?\nCustomer: my card\nAgent: try the app\nCustomer: it doesn't work\n"
                "Agent: call the branch\n"));
    const auto bad = compile_yaml(R"yaml(id: pushback
title: Pushback
category: signal
level: info
ladder: neutral
kind: phrase
speaker: customer
only_in_reply: sometimes
message: Pushes back.
patterns: {en: [{regex: "doesn't work"}]}
examples: {match: {en: ["it doesn't work"]}}
)yaml");
    CHECK_FALSE(bad.errors.empty());
}

TEST_CASE("match::only_at_end: the customer's last word counts only while nobody answers it") {
    const std::string last_word = R"yaml(id: last-word
title: Last word
category: signal
level: info
ladder: neutral
kind: phrase
speaker: customer
only_at_end: true
message: The customer's unanswered last word.
patterns: {en: [{regex: "^.+$"}]}
examples: {match: {en: ["yeah right"]}}
)yaml";
    const auto compiled = compile_yaml(last_word + R"yaml(---
id: apology
title: Apology
category: good-practice
level: info
ladder: neutral
kind: phrase
speaker: agent
message: Sorry.
patterns: {en: [{regex: "sorry"}]}
examples: {match: {en: ["sorry"]}}
---
id: left-cold
title: Left cold
category: anti-pattern
level: warning
ladder: disappointment
kind: response
message: The last word met with nothing.
response: {trigger: [last-word], expect: [apology], within: 1}
examples:
  match: {en: ["Customer: hi\nAgent: no\nCustomer: yeah right"]}
)yaml");
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto fires = test::finds(engine, "left-cold");
    CHECK(fires("Customer: my parcel\nAgent: it is on its way\nCustomer: yeah right\n"));
    // Both of the customer's trailing messages are unanswered.
    CHECK(fires("Customer: my parcel\nAgent: it is on its way\nCustomer: yeah right\nCustomer: as usual\n"));
    // Answered, even without an apology: the word was not the last one.
    CHECK_FALSE(fires("Customer: my parcel\nAgent: it is on its way\n"));
    CHECK_FALSE(fires("Customer: my parcel\nAgent: it is on its way\nCustomer: when?\nAgent: tomorrow by 5 pm\n"));
    std::string bad = last_word;
    bad.replace(bad.find("only_at_end: true"), 17, "only_at_end: maybe");
    CHECK_FALSE(compile_yaml(bad).errors.empty());
}

TEST_CASE("match::only_after: an answer to the agent's question asks for nothing; the same words unasked are open") {
    const std::string rules = R"yaml(id: asks
title: Asks
category: signal
level: info
ladder: neutral
kind: phrase
speaker: agent
message: Asks for a detail.
patterns: {en: [{regex: "which (tv|model)"}]}
examples: {match: {en: ["which tv is it?"]}}
---
id: answers
title: Answers
category: signal
level: info
ladder: neutral
kind: phrase
speaker: customer
only_after: [asks]
message: Answers the question.
patterns: {en: [{regex: "^[^?]+$"}]}
examples: {match: {en: ["Agent: which tv is it?\nCustomer: an lg from 2021"]}}
---
id: unanswered
title: Unanswered
category: anti-pattern
level: error
ladder: disappointment
kind: response
message: Left without a reply.
response: {trigger: any, except: [answers], expect: any, within: 1, scope: last}
examples:
  match: {en: ["Customer: my tv\nAgent: it is fixed\nCustomer: an lg from 2021"]}
)yaml";
    const auto compiled = compile_yaml(rules);
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto unanswered = test::finds(engine, "unanswered");
    CHECK_FALSE(unanswered("Customer: my tv is dark\nAgent: which tv is it?\nCustomer: an lg from 2021\n"));
    // The question is the agent's latest turn before the answer, whatever the customer said before it.
    CHECK_FALSE(unanswered("Customer: my tv is dark\nCustomer: hello\nAgent: sorry!\nAgent: which model?\nCustomer: lg 55\n"));
    // Without the question, or with another turn of the agent's since, the same words stay open.
    CHECK(unanswered("Customer: my tv is dark\nAgent: we have reset it\nCustomer: an lg from 2021\n"));
    CHECK(unanswered("Customer: my tv is dark\nAgent: which tv is it?\nCustomer: lg\nAgent: reset it\nCustomer: an lg from 2021\n"));
    // Only the other party's question counts: the customer asking it answers nothing.
    CHECK(unanswered("Customer: which model is my tv?\nAgent: let me look\nCustomer: an lg from 2021\n"));
    // The rules it names must exist and be phrase rules.
    std::string unknown = rules;
    unknown.replace(unknown.find("only_after: [asks]"), 18, "only_after: [akss]");
    const auto missing = compile_yaml(unknown);
    REQUIRE_FALSE(missing.errors.empty());
    CHECK(missing.errors.front().find("only_after names rule 'akss', which does not exist") != std::string::npos);
    std::string response = rules;
    response.replace(response.find("only_after: [asks]"), 18, "only_after: [unanswered]");
    CHECK_FALSE(compile_yaml(response).errors.empty());
}

TEST_CASE("match::unless_continued: a hold the agent follows up is a step taken, not a promise") {
    const auto compiled = compile_yaml(R"yaml(id: hold
title: Hold
category: signal
level: info
ladder: neutral
kind: phrase
speaker: agent
message: Holds.
patterns: {en: [{regex: "let me check"}]}
examples: {match: {en: ["let me check"]}}
---
id: bye
title: Bye
category: signal
level: info
ladder: neutral
kind: phrase
speaker: any
message: Bye.
patterns: {en: [{regex: "^bye$"}]}
examples: {match: {en: ["bye"]}}
---
id: promise
title: Promise
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Promises.
unless_continued: {with: [hold], skip: [bye]}
patterns: {en: [{regex: "let me check|get back to you"}]}
examples: {match: {en: ["let me check"]}}
)yaml");
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto promises = [&](const std::string& text) {
        size_t n = 0;
        for (const auto& finding : engine.judge(conversation_from(text)).findings) n += finding.rule == "promise";
        return n;
    };
    // Followed up while the customer waited: no promise.
    CHECK(promises("Customer: my balance?\nAgent: let me check\nCustomer: ok\nAgent: it is 40 dollars\n") == 0);
    // The agent's last word, or only a goodbye after it: still a promise.
    CHECK(promises("Customer: my balance?\nAgent: let me check\nCustomer: ok\n") == 1);
    CHECK(promises("Customer: my balance?\nAgent: let me check\nCustomer: ok\nAgent: bye\n") == 1);
    // A deferred promise is not a hold, however the conversation goes on.
    CHECK(promises("Customer: refund?\nAgent: we'll get back to you\nCustomer: ok\nAgent: anything else?\n") == 1);
    // A later customer turn is not the agent following up.
    CHECK(promises("Agent: let me check\nCustomer: sure\nCustomer: still there?\n") == 1);
    const auto unknown = compile_yaml(R"yaml(id: promise
title: Promise
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: agent
message: Promises.
unless_continued: {with: [hodl]}
patterns: {en: [{regex: "let me check"}]}
examples: {match: {en: ["let me check"]}}
)yaml");
    CHECK_FALSE(unknown.errors.empty());
}

TEST_CASE("match::only_in_first: an opening greeting, not a later 'Hi Tom'") {
    const auto compiled = compile_yaml(R"yaml(id: noise
title: Noise
category: signal
level: info
ladder: neutral
kind: phrase
speaker: any
message: Noise.
patterns: {en: [{regex: "^\\[\\pL+\\]$"}]}
examples: {match: {en: ["[noise]"]}}
---
id: greeting
title: Greeting
category: good-practice
level: info
ladder: neutral
kind: phrase
speaker: agent
only_in_first: {turns: 1, skip: [noise]}
message: Greets.
patterns: {en: [{regex: "hello|hi"}]}
examples: {match: {en: ["hello"]}}
)yaml");
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto greetings = [&](const std::string& text) {
        size_t n = 0;
        for (const auto& finding : engine.judge(conversation_from(text)).findings) n += finding.rule == "greeting";
        return n;
    };
    CHECK(greetings("Customer: hi\nAgent: hello, how can I help?\nCustomer: card\nAgent: hi again, done\n") == 1);
    CHECK(greetings("Customer: hi\nAgent: which card?\nCustomer: visa\nAgent: hi Tom, done\n") == 0);
    // The customer's turns and the agent's noise do not count as the agent's first turn.
    CHECK(greetings("Customer: hi\nCustomer: anyone?\nAgent: [noise]\nAgent: hello!\n") == 1);
    const auto typo = compile_yaml(R"yaml(id: greeting
title: Greeting
category: good-practice
level: info
ladder: neutral
kind: phrase
speaker: agent
only_in_first: {turns: 1, skip: [nois]}
message: Greets.
patterns: {en: [{regex: "hello"}]}
examples: {match: {en: ["hello"]}}
)yaml");
    CHECK_FALSE(typo.errors.empty());
}

// The engine matched with its lazy signals (expect-, reply_has- and except-only ones, matched only
// where a rule asks) and without: what a user sees must be the same. Returns, per rule id asked
// about, in how many of the conversations it fired.
std::map<std::string, size_t> judge_lazy_and_eager(const std::vector<std::string>& conversations,
                                                   const std::vector<std::string>& rule_ids) {
    const auto& compiled = test::builtin_rules();
    match::EngineOptions eager_options;
    eager_options.lazy_expect = false;
    const match::Engine lazy(compiled, {});
    const match::Engine eager(compiled, eager_options);
    std::map<std::string, size_t> fired;
    for (const auto& text : conversations) {
        CAPTURE(text);
        const auto a = lazy.judge(conversation_from(text)), b = eager.judge(conversation_from(text));
        REQUIRE(a.findings.size() == b.findings.size());
        for (size_t i = 0; i < a.findings.size(); ++i) {
            CHECK(a.findings[i].rule == b.findings[i].rule);
            CHECK(a.findings[i].line == b.findings[i].line);
            CHECK(a.findings[i].column == b.findings[i].column);
        }
        CHECK(a.level == b.level);
        CHECK(a.score == b.score);
        for (const auto& id : rule_ids) fired[id] += has_rule(a, id);
    }
    return fired;
}

TEST_CASE("match::Engine matches expect-only signals on the replies alone, with the same findings as everywhere") {
    // agent-states-time is named only by when-left-open's `expect`: the engine matches it only on
    // the turns that answer a "when?".
    const auto fired = judge_lazy_and_eager(
        {
            "Customer: my transfer never arrived\nAgent: we'll look into it and get back to you\nCustomer: when?\n"
            "Agent: someone will reach out\nCustomer: ok bye\n",
            "Customer: when will my new card arrive?\nAgent: which card is it?\nCustomer: the debit one\n"
            "Agent: in five to seven business days\nCustomer: thanks\nAgent: anything else?\n",
            "Клиент: деньги списали дважды\nОператор: мы разберемся и свяжемся с вами\nКлиент: а когда примерно\n"
            "Оператор: до пятницы, 17:00\n",
            "Klientas: kada bus rezultatai?\nOperatorius: rezultatai bus rytoj po pietų\nKlientas: ačiū\n",
            "Agent: hello, how can I help?\nCustomer: how long does a refund take\nAgent: [noise]\nAgent: as soon as it's processed\n",
        },
        {"when-left-open"});
    // Only the first and the last leave the "when" open.
    CHECK(fired.at("when-left-open") == 2);
}

TEST_CASE("match::Engine matches except-only signals on demand, with the same findings as everywhere") {
    // customer-closing is named only by the `except` of unanswered-customer and non-answer: the
    // engine matches it only on the customer turns those rules ask about.
    const auto fired = judge_lazy_and_eager(
        {
            // a happy ending: nothing to answer
            "Customer: my parcel is late\nAgent: It will arrive tomorrow by 5pm.\nCustomer: Thank you so much, bye!\n",
            // a question left open: unanswered
            "Customer: my parcel is late\nAgent: It will arrive tomorrow by 5pm.\nCustomer: and can I change the address?\n",
            // thanks, and the same canned line again: a closing, so no non-answer
            "Agent: Hi! Let us know if you need anything else with your order.\nCustomer: ok\n"
            "Agent: Let us know if you need anything else with your order.\nCustomer: thanks!\n"
            "Agent: You're welcome! Let us know if you need anything else with your order.\n",
            // a question, and the same canned line again: a non-answer
            "Agent: Check our help page for refunds: https://example.com/refunds\nCustomer: but where is my refund?\n"
            "Agent: Check our help page for refunds: https://example.com/refunds\n",
            "Клиент: спасибо, всё заработало\nОператор: Рады помочь!\nКлиент: Спасибо, до свидания\n",
            "Klientas: ačiū, viskas veikia\nOperatorius: Džiaugiamės!\nKlientas: o kada grąžinsite pinigus?\n",
        },
        {"unanswered-customer", "non-answer"});
    CHECK(fired.at("unanswered-customer") == 2);
    CHECK(fired.at("non-answer") == 1);
}

TEST_CASE("match::Engine matches reply_has-only signals on the replies alone, with the same findings as everywhere") {
    // agent-asks-details is named only by asked-again's `reply_has`: matched only on the replies to
    // "I already sent it".
    const auto fired = judge_lazy_and_eager(
        {
            "Customer: my card payment keeps failing\nAgent: Send us a DM with your email address.\n"
            "Customer: Already did that last week.\nAgent: Please share your email address via DM so we can look.\n",
            "Customer: my card payment keeps failing\nAgent: Send us a DM with your email address.\n"
            "Customer: Already did that last week.\nAgent: Found it, thanks! Checking the payment now.\n",
            "Клиент: не проходит оплата\nОператор: Напишите нам в личные сообщения ваш телефон.\n"
            "Клиент: я уже отправлял вам номер вчера\nОператор: Пришлите, пожалуйста, номер телефона в личные сообщения.\n",
            "Agent: Please send us your order number.\nCustomer: 12345\nAgent: Thanks, please confirm your email too.\n",
        },
        {"asked-again"});
    // The first and the third ask again for what was sent.
    CHECK(fired.at("asked-again") == 2);
}

TEST_CASE("match::a pattern's own unless cancels that pattern's match in its sentence, and nothing else") {
    const std::string vocabulary = R"yaml(id: feel
title: Feelings
kind: vocabulary
patterns:
  en: [{regex: "frustrat\\pL*"}, {regex: "upset"}]
examples:
  match: {en: ["frustrating"]}
---
)yaml";
    const std::string head = R"yaml(id: empathy
title: Empathy
category: good-practice
level: info
ladder: wow
kind: phrase
speaker: agent
message: Empathy.
)yaml";
    const std::string examples = "examples: {match: {en: [\"that's frustrating\"]}}\n";
    const auto compiled = compile_yaml(vocabulary + head + R"yaml(patterns:
  en:
    - {regex: "({{feel}})", unless: "any ({{feel}})|if (you|you're)"}
    - {regex: "we hear you"}
)yaml" + examples);
    REQUIRE(compiled.errors.empty());
    const match::Engine engine(compiled.rules, {});
    const auto fires = [&](const std::string& reply) {
        return has_rule(engine.judge(conversation_from("Customer: hi\nAgent: " + reply + "\n")), "empathy");
    };
    CHECK(fires("That's so frustrating."));
    CHECK_FALSE(fires("Sorry for any frustration."));                         // the vocabulary is expanded in it too
    CHECK_FALSE(fires("If you're upset with the call, email us."));
    CHECK(fires("Sorry for any frustration. You must be upset."));            // its own sentence only: the next one counts
    CHECK(fires("Sorry for any frustration, we hear you."));                  // the rule's other patterns are not affected
    // A cancelled match that runs on over its sentence's full stop (a link takes it with it) does not hide the
    // next sentence: the search goes on from the end of the sentence the match began in.
    const auto door = compile_yaml(head + R"yaml(patterns:
  en:
    - {regex: "(see|call) (https://\\S+|the branch)", unless: "manual"}
)yaml" + "examples: {match: {en: [\"call the branch\"]}}\n");
    REQUIRE(door.errors.empty());
    const match::Engine door_engine(door.rules, {});
    const auto door_fires = [&](const std::string& reply) {
        return has_rule(door_engine.judge(conversation_from("Customer: hi\nAgent: " + reply + "\n")), "empathy");
    };
    CHECK_FALSE(door_fires("The manual is here, see https://example.com/a."));
    CHECK(door_fires("The manual is here, see https://example.com/a. Or call the branch."));
    // In a macro every occurrence of an anti-pattern is a finding: a guarded one is skipped, the others stay.
    const std::string practice = "category: good-practice\nlevel: info\nladder: wow";
    std::string anti_pattern = head;
    anti_pattern.replace(anti_pattern.find(practice), practice.size(),
                         "category: anti-pattern\nlevel: warning\nladder: disappointment\nadvice: {en: \"Say when.\"}");
    const auto promise = compile_yaml(anti_pattern + R"yaml(patterns:
  en: [{regex: "we('ll| will) (check|call)", unless: "by (friday|monday|5 ?pm)"}]
examples: {match: {en: ["we'll check"]}}
)yaml");
    REQUIRE(promise.errors.empty());
    core::Conversation macro = conversation_from("Agent: We'll check. We'll call by Friday. We will check again.\n");
    macro.source = core::Source::macro;
    std::vector<uint32_t> columns;
    for (const auto& finding : match::Engine(promise.rules, {}).judge(std::move(macro)).findings)
        if (finding.rule == "empathy") columns.push_back(finding.column);
    CHECK(columns == std::vector<uint32_t>{8, 43});    // columns of the line, after "Agent: "
    // Where it does not belong, and what it must be.
    const auto in_unless = compile_yaml(vocabulary + head + R"yaml(patterns: {en: [{regex: "we hear you"}]}
unless: {en: [{regex: "if", unless: "when"}]}
)yaml" + examples);
    REQUIRE_FALSE(in_unless.errors.empty());
    CHECK(in_unless.errors[0].find("own 'unless' is for patterns") != std::string::npos);
    const auto empty = compile_yaml(head + "patterns: {en: [{regex: \"we hear you\", unless: \"\"}]}\n" + examples);
    REQUIRE_FALSE(empty.errors.empty());
    CHECK(empty.errors[0].find("'unless' is a non-empty regex") != std::string::npos);
    const auto broken = compile_yaml(head + "patterns: {en: [{regex: \"we hear you\", unless: \"(any\"}]}\n" + examples);
    REQUIRE_FALSE(broken.errors.empty());
    CHECK(broken.errors[0].find("unless regex \"(any\"") != std::string::npos);
    std::string guarded_term = vocabulary.substr(0, vocabulary.find("---"));
    const std::string term = "{regex: \"upset\"}";
    guarded_term.replace(guarded_term.find(term), term.size(), "{regex: \"upset\", unless: \"any\"}");
    const auto in_vocabulary = compile_yaml(guarded_term);
    REQUIRE_FALSE(in_vocabulary.errors.empty());
    CHECK(in_vocabulary.errors[0].find("a vocabulary's terms have no 'unless'") != std::string::npos);
}
