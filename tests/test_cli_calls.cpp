// Transcribed calls as a coach reads them: noise, backchannels and the goodbyes of a closing are
// not the turns the conversation rules judge.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"

namespace {

const std::string calls = std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/calls/";

nlohmann::json findings_of(const std::string& file) {
    const cli_test::Run run = cli_test::run_qalint("check --format json " + calls + file);
    REQUIRE((run.status == 0 || run.status == 1));
    const auto report = nlohmann::json::parse(run.out);
    REQUIRE(report["conversations"].size() == 1);
    return report["conversations"][0]["findings"];
}

const nlohmann::json* finding(const nlohmann::json& findings, const std::string& rule) {
    for (const auto& f : findings)
        if (f["rule"] == rule) return &f;
    return nullptr;
}

}  // namespace

TEST_CASE("cli::check a call closing: the goodbyes after \"anything else?\" are not the end") {
    SUBCASE("anything else? / no that's all / thanks for calling / bye / bye: the check was asked") {
        const auto findings = findings_of("closing-goodbyes.txt");
        CHECK(finding(findings, "feedback-request") != nullptr);
        CHECK(finding(findings, "missing-feedback-request") == nullptr);
        // The agent's "[noise]" before the greeting is not their first turn, and the goodbyes need no answer.
        CHECK(finding(findings, "missing-greeting") == nullptr);
        CHECK(finding(findings, "unanswered-customer") == nullptr);
    }
    SUBCASE("without the check the rule fires, pointing at the last real answer, not at the goodbye") {
        const auto findings = findings_of("closing-no-check.txt");
        const auto* missing = finding(findings, "missing-feedback-request");
        REQUIRE(missing != nullptr);
        CHECK(missing->at("line") == 6);
    }
}

TEST_CASE("cli::check a hold the agent follows up in the call is not a vague promise, in ru, lt and en") {
    for (const char* language : {"en", "ru", "lt"}) {
        CAPTURE(language);
        // "let me check" / «секунду, сейчас посмотрю» / „akimirką, pažiūrėsiu“, then the answer.
        const auto kept = findings_of(std::string("hold-kept-") + language + ".txt");
        CHECK(finding(kept, "vague-promise") == nullptr);
        CHECK(finding(kept, "feedback-request") != nullptr);
        // "we'll look into it and get back to you": deferred past the call, a promise with no time.
        const auto unkept = findings_of(std::string("hold-unkept-") + language + ".txt");
        CHECK(finding(unkept, "vague-promise") != nullptr);
    }
}
