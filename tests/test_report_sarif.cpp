#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "report/sarif_report.hpp"
#include "report_support.hpp"

using nlohmann::json;
using namespace qalint;

TEST_CASE("report::sarif") {
    const core::Verdict verdict = test::judged(test::deflecting_chat, "chats/day 1/chat.txt");
    const json sarif = json::parse(test::render("sarif", {verdict}, {{"chats/broken.txt", "binary file", false}}));

    SUBCASE("the envelope: $schema, version 2.1.0, one run, code-point columns") {
        CHECK(sarif["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
        CHECK(sarif["version"] == "2.1.0");
        REQUIRE(sarif["runs"].size() == 1);
        CHECK(sarif["runs"][0]["columnKind"] == "unicodeCodePoints");
    }
    SUBCASE("the driver describes every rule with descriptions, help and a default level") {
        const json& driver = sarif["runs"][0]["tool"]["driver"];
        CHECK(driver["name"] == "qalint");
        CHECK(driver["version"] == QALINT_VERSION);
        REQUIRE(driver["rules"].size() == test::builtin_rules().rules().size());
        bool seen = false;
        for (const auto& rule : driver["rules"]) {
            CHECK_FALSE(rule["id"].get<std::string>().empty());
            CHECK_FALSE(rule["name"].get<std::string>().empty());
            CHECK_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
            CHECK_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
            CHECK_FALSE(rule["help"]["text"].get<std::string>().empty());
            const std::string level = rule["defaultConfiguration"]["level"];
            CHECK((level == "error" || level == "warning" || level == "note" || level == "none"));
            if (rule["id"] == "not-my-competence") {
                seen = true;
                CHECK(rule["name"] == "NotMyCompetence");
                CHECK(rule["defaultConfiguration"]["level"] == "error");
                CHECK(rule["help"]["text"].get<std::string>().find("ru: ") != std::string::npos);
            }
        }
        CHECK(seen);
    }
    SUBCASE("a result per finding, with ruleIndex pointing at its rule and a physical location") {
        const json& run = sarif["runs"][0];
        REQUIRE(run["results"].size() == verdict.findings.size());
        bool seen = false;
        for (const auto& result : run["results"]) {
            const size_t index = result["ruleIndex"];
            CHECK(run["tool"]["driver"]["rules"][index]["id"] == result["ruleId"]);
            const json& location = result["locations"][0]["physicalLocation"];
            CHECK(location["artifactLocation"]["uri"] == "chats/day%201/chat.txt");
            CHECK(location["region"]["startLine"].get<int>() >= 1);
            CHECK(location["region"]["startColumn"].get<int>() >= 1);
            CHECK_FALSE(result["message"]["text"].get<std::string>().empty());
            if (result["ruleId"] != "not-my-competence") continue;
            seen = true;
            CHECK(result["level"] == "error");
            CHECK(result["kind"] == "fail");
            CHECK(location["region"]["startLine"] == 3);
            CHECK(location["region"]["startColumn"] == 15);
            CHECK(location["region"]["endColumn"] == 32);
            CHECK(location["region"]["snippet"]["text"] == "not my department");
            CHECK(result["partialFingerprints"]["qalint/v1"].get<std::string>().size() == 16);
        }
        CHECK(seen);
    }
    SUBCASE("good practice is a pass with level none") {
        size_t greetings = 0;
        for (const auto& result : sarif["runs"][0]["results"])
            if (result["ruleId"] == "greeting") {
                CHECK((result["kind"] == "pass" && result["level"] == "none"));
                ++greetings;
            }
        CHECK(greetings >= 1);
    }
    SUBCASE("input errors are tool execution notifications and the execution failed") {
        const json& invocation = sarif["runs"][0]["invocations"][0];
        CHECK(invocation["executionSuccessful"] == false);
        REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
        CHECK(invocation["toolExecutionNotifications"][0]["level"] == "error");
        CHECK(invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                        ["uri"] == "chats/broken.txt");
        const json clean = json::parse(test::render("sarif", {verdict}));
        CHECK(clean["runs"][0]["invocations"][0]["executionSuccessful"] == true);
    }
    SUBCASE("an empty run is still valid JSON with an empty results array") {
        const json empty = json::parse(test::render("sarif", {}));
        CHECK(empty["runs"][0]["results"].empty());
    }
    SUBCASE("paths become URI references") {
        CHECK(report::path_to_uri("a/b.txt") == "a/b.txt");
        CHECK(report::path_to_uri("/tmp/x y.txt") == "file:///tmp/x%20y.txt");
        CHECK(report::path_to_uri("чат.txt") == "%D1%87%D0%B0%D1%82.txt");
        // `qalint check ./macros` names files from the repository root, as code scanning matches them.
        CHECK(report::path_to_uri("./macros/a.md") == "macros/a.md");
        CHECK(report::path_to_uri("././a.md") == "a.md");
        CHECK(report::path_to_uri(".hidden/a.md") == ".hidden/a.md");
        CHECK(report::path_to_uri("../a.md") == "../a.md");
    }
}
