// Inline suppressions: parsing the directives, applying them, reporting unused ones.

#include <doctest/doctest.h>

#include "config/suppress.hpp"

using namespace qalint;
using config::Suppression;

namespace {

core::Finding finding(const std::string& rule, uint32_t line, core::Level level = core::Level::error,
                      core::Category category = core::Category::anti_pattern) {
    core::Finding f;
    f.rule = rule;
    f.line = line;
    f.level = level;
    f.category = category;
    return f;
}

config::SuppressionOptions known_options() {
    config::SuppressionOptions options;
    options.known = [](const std::string& id) { return id == "rudeness" || id == "dont-know" || id == "thanks"; };
    options.reported = options.known;
    return options;
}

}  // namespace

TEST_CASE("config::find_suppressions") {
    SUBCASE("no directive, no work") {
        CHECK(config::find_suppressions("Hello\nqalint rules\n").empty());
    }
    SUBCASE("an HTML comment with ids and a reason") {
        const auto found = config::find_suppressions(
            "Intro\n<!-- qalint-disable-next-line rudeness, dont-know -- quoting the customer -->\n\nЯ не знаю.\n");
        REQUIRE(found.size() == 1);
        CHECK(found[0].scope == Suppression::Scope::next_line);
        CHECK(found[0].rules == std::vector<std::string>{"rudeness", "dont-know"});
        CHECK(found[0].reason == "quoting the customer");
        CHECK(found[0].line == 2);
        CHECK(found[0].column == 6);
        CHECK(found[0].target == 4);  // the next non-empty line
        CHECK(found[0].text == "qalint-disable-next-line rudeness, dont-know -- quoting the customer");
    }
    SUBCASE("file scope, # and // comments, no reason, the closer is not a reason") {
        const auto found = config::find_suppressions(
            "# qalint-disable-file thanks\n"
            "ёж // qalint-disable-next-line rudeness -- ok\nx\n"
            "<!-- qalint-disable-next-line rudeness-->\n");
        REQUIRE(found.size() == 3);
        CHECK(found[0].scope == Suppression::Scope::file);
        CHECK(found[0].reason.empty());
        CHECK(found[1].column == 7);  // Unicode characters, not bytes
        CHECK(found[1].target == 3);
        CHECK(found[2].rules == std::vector<std::string>{"rudeness"});
        CHECK(found[2].reason.empty());
        CHECK(found[2].target == 0);  // nothing follows
    }
    SUBCASE("stacked next-line directives and a multi-line comment reach the same line") {
        const auto found = config::find_suppressions(
            "<!-- qalint-disable-next-line a -- r -->\n"
            "<!-- qalint-disable-next-line b -- r -->\n"
            "<!--\nqalint-disable-next-line c -- r\n-->\n"
            "text\n");
        REQUIRE(found.size() == 3);
        CHECK(found[0].target == 6);
        CHECK(found[1].target == 6);
        CHECK(found[2].target == 6);
    }
    SUBCASE("a similar word is not a directive") {
        CHECK(config::find_suppressions("qalint-disable-files x -- y\nqalint-disable-line x\n").empty());
    }
}

TEST_CASE("config::apply_suppressions") {
    core::Verdict verdict;
    verdict.conversation.first_line = 1;
    verdict.findings = {finding("rudeness", 3), finding("rudeness", 5),
                        finding("thanks", 6, core::Level::info, core::Category::good_practice)};
    verdict.level = core::Ladder::disappointment;
    std::vector<core::Verdict> verdicts{verdict};

    SUBCASE("next-line drops only that line; the ladder is recomputed") {
        const auto found =
            config::find_suppressions("a\n<!-- qalint-disable-next-line rudeness -- quote -->\nb\nc\nd\n");
        auto orphans = config::apply_suppressions(found, verdicts, known_options());
        CHECK(orphans.empty());
        REQUIRE(verdicts[0].findings.size() == 2);
        CHECK(verdicts[0].findings[0].line == 5);
        CHECK(verdicts[0].level == core::Ladder::disappointment);
    }
    SUBCASE("file scope drops all; ladder no longer disappointment") {
        const auto found = config::find_suppressions("# qalint-disable-file rudeness -- legacy wording\n");
        config::apply_suppressions(found, verdicts, known_options());
        REQUIRE(verdicts[0].findings.size() == 1);
        CHECK(verdicts[0].findings[0].rule == "thanks");
        CHECK(verdicts[0].level == core::Ladder::neutral);
    }
    SUBCASE("unused, reasonless and unknown suppressions are reported") {
        const auto found = config::find_suppressions("x\n# qalint-disable-next-line dont-know, nope\nline3\n");
        config::apply_suppressions(found, verdicts, known_options());
        std::vector<std::string> meta;
        for (const auto& f : verdicts[0].findings)
            if (f.line == 2) meta.push_back(f.rule + ":" + std::string(core::to_string(f.level)));
        CHECK(meta == std::vector<std::string>{"invalid-suppression:warning", "invalid-suppression:warning",
                                               "unused-suppression:info"});
        // Meta findings do not move the ladder.
        CHECK(verdicts[0].level == core::Ladder::disappointment);
    }
    SUBCASE("meta findings can be switched off or re-levelled") {
        auto options = known_options();
        options.disabled.insert(config::invalid_suppression);
        options.levels[config::unused_suppression] = core::Level::error;
        config::apply_suppressions(config::find_suppressions("# qalint-disable-file dont-know\n"), verdicts, options);
        REQUIRE(verdicts[0].findings.size() == 4);
        CHECK(verdicts[0].findings[0].rule == "unused-suppression");
        CHECK(verdicts[0].findings[0].level == core::Level::error);
    }
    SUBCASE("a rule that cannot fire in this run is not called unused") {
        auto options = known_options();
        options.reported = [](const std::string&) { return false; };
        config::apply_suppressions(config::find_suppressions("# qalint-disable-file dont-know -- r\n"), verdicts,
                                   options);
        CHECK(verdicts[0].findings.size() == 3);
    }
    SUBCASE("the directive's own words are no finding") {
        verdicts[0].findings.push_back(finding("rudeness", 2));
        verdicts[0].findings.back().column = 40;
        const auto found =
            config::find_suppressions("x\n# qalint-disable-next-line rudeness -- they said calm down\ny\n");
        config::apply_suppressions(found, verdicts, known_options());
        for (const auto& f : verdicts[0].findings) CHECK_FALSE((f.rule == "rudeness" && f.line == 2));
    }
    SUBCASE("with no conversation the meta findings come back as orphans") {
        std::vector<core::Verdict> none;
        const auto orphans = config::apply_suppressions(
            config::find_suppressions("# qalint-disable-file rudeness -- r\n"), none, known_options());
        REQUIRE(orphans.size() == 1);
        CHECK(orphans[0].rule == "unused-suppression");
    }
}
