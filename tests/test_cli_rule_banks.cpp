// `qalint rules test` runs a rule's bank: sentences of its family written by someone who did not
// write the patterns. A bank sentence the pack gets wrong fails the run, unless it is kept as todo.

#include <doctest/doctest.h>

#include <fstream>

#include "cli_support.hpp"

using cli_test::run_qalint;

namespace {

std::string write_bank(const std::filesystem::path& folder, const std::string& name, const std::string& yaml) {
    std::filesystem::create_directories(folder);
    const auto path = folder / name;
    std::ofstream(path) << yaml;
    return path.string();
}

}  // namespace

TEST_CASE("cli::rules_test_banks") {
    const auto folder = cli_test::temp_path("qalint-banks");
    std::filesystem::remove_all(folder);

    SUBCASE("a bank the pack gets right passes, and its figures are printed") {
        write_bank(folder, "nmc.en.yaml",
                   "rule: not-my-competence\nlanguage: en\n"
                   "match:\n  - \"Sorry, that's not my department.\"\n"
                   "no_match:\n  - \"This is exactly my department, I'll fix it now.\"\n");
        const auto run = run_qalint("rules test --banks " + folder.string());
        CHECK(run.status == 0);
        CHECK(run.out.find("bank not-my-competence en: match 1/1, no_match 1/1") != std::string::npos);
    }
    SUBCASE("a bank sentence the pack gets wrong fails the run and is named") {
        write_bank(folder, "nmc.en.yaml",
                   "rule: not-my-competence\nlanguage: en\n"
                   "match:\n  - \"Thanks for your patience, your refund is on its way.\"\n");
        const auto run = run_qalint("rules test --banks " + folder.string());
        CHECK(run.status == 1);
        CHECK(run.out.find("FAIL") != std::string::npos);
        CHECK(run.out.find("your refund is on its way") != std::string::npos);
    }
    SUBCASE("todo sentences the pack still gets wrong do not fail the run") {
        write_bank(folder, "nmc.en.yaml",
                   "rule: not-my-competence\nlanguage: en\n"
                   "todo_match:\n  - \"The weather is lovely today.\"\n"
                   "todo_no_match:\n  - \"Sorry, that's not my department.\"\n");
        const auto run = run_qalint("rules test --banks " + folder.string());
        CHECK(run.status == 0);
        CHECK(run.out.find("NOW PASSES") == std::string::npos);
        CHECK(run.out.find("2 todo (0 now pass)") != std::string::npos);
    }
    SUBCASE("a todo sentence the pack now gets right is reported, to be moved") {
        write_bank(folder, "nmc.en.yaml",
                   "rule: not-my-competence\nlanguage: en\n"
                   "todo_match:\n  - \"Sorry, that's not my department.\"\n");
        const auto run = run_qalint("rules test --banks " + folder.string());
        CHECK(run.status == 0);
        CHECK(run.out.find("NOW PASSES") != std::string::npos);
        CHECK(run.out.find("1 todo (1 now pass)") != std::string::npos);
    }
    SUBCASE("--update-banks moves each sentence to where the pack puts it") {
        const auto path = write_bank(folder, "nmc.en.yaml",
                                     "rule: not-my-competence\nlanguage: en\n"
                                     "match:\n  - \"The weather is lovely today.\"\n"
                                     "todo_match:\n  - \"Sorry, that's not my department.\"\n");
        REQUIRE(run_qalint("rules test --update-banks --banks " + folder.string()).status == 0);
        const auto again = run_qalint("rules test --banks " + folder.string());
        CHECK(again.status == 0);
        CHECK(again.out.find("match 1/2") != std::string::npos);
        std::ifstream in(path);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(text.find("match:\n  - \"Sorry, that's not my department.\"") != std::string::npos);
        CHECK(text.find("todo_match:\n  - \"The weather is lovely today.\"") != std::string::npos);
    }
    SUBCASE("a bank of a rule the pack does not have, or with an unknown key, is an error") {
        write_bank(folder, "x.en.yaml", "rule: no-such-rule\nlanguage: en\nmatch: [\"x\"]\n");
        CHECK(run_qalint("rules test --banks " + folder.string()).status == 2);
        std::filesystem::remove_all(folder);
        write_bank(folder, "y.en.yaml", "rule: not-my-competence\nlanguage: en\nmatches: [\"x\"]\n");
        const auto run = run_qalint("rules test --banks " + folder.string(), true);
        CHECK(run.status == 2);
        CHECK(run.out.find("unknown key `matches`") != std::string::npos);
    }
    SUBCASE("a rules folder's banks/ is run and not read as rules") {
        const auto rules = folder / "rules";
        write_bank(rules, "my-rule.yaml",
                   "id: my-rule\ntitle: t\ncategory: anti-pattern\nlevel: warning\nladder: disappointment\n"
                   "kind: phrase\nspeaker: agent\nmessage: m\nadvice: {en: a}\n"
                   "patterns: {en: [{regex: \"purple monkey\"}]}\n"
                   "examples: {match: {en: [\"a purple monkey\"]}, no_match: {en: [\"a monkey\"]}}\n");
        write_bank(rules / "banks", "my-rule.en.yaml",
                   "rule: my-rule\nlanguage: en\nmatch: [\"purple monkey dishwasher\"]\nno_match: [\"purple cow\"]\n");
        const auto run = run_qalint("rules test " + rules.string());
        CHECK(run.status == 0);
        CHECK(run.out.find("1 rules tested") != std::string::npos);
        CHECK(run.out.find("bank my-rule en: match 1/1, no_match 1/1") != std::string::npos);
    }
    std::filesystem::remove_all(folder);
}
