// qalint as the CI hook of a macro repository: a temporary git repository with a
// .qalint.yaml, exercised through the built binary as pre-commit and CI would run it.

#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_support.hpp"

namespace fs = std::filesystem;

namespace {

using cli_test::Run;

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

Run shell(const fs::path& folder, const std::string& command) {
    const fs::path err_file = fs::temp_directory_path() / ("qalint-ci-err-" + std::to_string(::getpid()));
    const std::string line = "cd " + quoted(folder.string()) + " && " + command + " 2>" + quoted(err_file.string());
    Run run = cli_test::run_shell(line);
    std::ifstream in(err_file);
    std::stringstream err;
    err << in.rdbuf();
    run.err = err.str();
    fs::remove(err_file);
    return run;
}

Run qalint_in(const fs::path& folder, const std::string& args) {
    return shell(folder, quoted(QALINT_BINARY) + " " + args);
}

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// rule ids of the findings of the first conversation, anti-patterns and meta findings only.
std::vector<std::string> anti_patterns(const Run& run) {
    std::vector<std::string> ids;
    const auto report = nlohmann::json::parse(run.out);
    for (const auto& conversation : report["conversations"])
        for (const auto& finding : conversation["findings"])
            if (finding["category"] == "anti-pattern") ids.push_back(finding["rule"].get<std::string>());
    return ids;
}

const char* const macro_text =
    "Hello! Sorry, this is not my department.\n"
    "Please call the billing line at 555-0100.\n"
    "Your call is very important to us.\n"
    "Thank you for your patience.\n";

struct MacroRepo {
    fs::path root;
    bool ok = false;

    MacroRepo() {
        if (std::system("git --version >/dev/null 2>&1") != 0) return;
        char pattern[] = "/tmp/qalint-ci-XXXXXX";
        if (!::mkdtemp(pattern)) return;
        root = pattern;
        write(root / ".qalint.yaml",
              "# the team's settings\n"
              "disable: [formal-cliche]\n"
              "levels:\n"
              "  redirection: info\n"
              "macros: [\"macros/*\"]\n"
              "ignore: [\"drafts/*\"]\n");
        write(root / "macros" / "billing.txt", macro_text);
        write(root / "macros" / "en" / "refund.md", "# Refund\n\nThank you for your patience, the refund is done.\n");
        write(root / "drafts" / "rude.txt", "Calm down.\n");
        ok = shell(root, "git init -q . && git add -A").status == 0;
    }
    ~MacroRepo() {
        if (!root.empty()) fs::remove_all(root);
    }
};

}  // namespace

TEST_CASE("cli::ci in a macro repository") {
    MacroRepo repo;
    if (!repo.ok) {
        MESSAGE("git is not available: the macro-repository CLI tests are skipped");
        return;
    }
    const fs::path macros = repo.root / "macros";

    SUBCASE("discovered from a subfolder: disabled rule, level change, macro glob") {
        const Run run = qalint_in(macros / "en", "check --format json ../billing.txt");
        CHECK(run.status == 1);
        const auto report = nlohmann::json::parse(run.out);
        REQUIRE(report["conversations"].size() == 1);
        const auto& conversation = report["conversations"][0];
        CHECK(conversation["source"] == "macro");  // read as a macro: one agent turn
        bool redirection = false;
        for (const auto& finding : conversation["findings"]) {
            CHECK(finding["rule"] != "formal-cliche");
            CHECK_FALSE(finding["rule"].get<std::string>().starts_with("missing-"));
            if (finding["rule"] == "redirection") {
                redirection = true;
                CHECK(finding["level"] == "info");
            }
        }
        CHECK(redirection);
    }
    SUBCASE("without the configuration the same file is judged differently") {
        // --agent '' makes the speakerless lines agent turns, as the macro reading would.
        const Run run = qalint_in(repo.root.parent_path(), "check --format json --agent '' " +

                                                               quoted((macros / "billing.txt").string()));
        // No configuration found above /tmp: formal-cliche is back, and the file is a conversation.
        const auto ids = anti_patterns(run);
        CHECK(std::find(ids.begin(), ids.end(), "formal-cliche") != ids.end());
        CHECK(nlohmann::json::parse(run.out)["conversations"][0]["source"] == "conversation");
        const Run explicit_config = qalint_in(
            repo.root.parent_path(), "check --format json --config " + quoted((repo.root / ".qalint.yaml").string()) +
                                         " " + quoted((macros / "billing.txt").string()));
        CHECK(explicit_config.status == 1);
        CHECK(nlohmann::json::parse(explicit_config.out)["conversations"][0]["source"] == "macro");
    }
    SUBCASE("ignored globs are skipped even when named, as pre-commit names them") {
        const Run run = qalint_in(repo.root, "check --format json $(git ls-files drafts macros)");
        const auto report = nlohmann::json::parse(run.out);
        CHECK(report["conversations"].size() == 2);
        for (const auto& conversation : report["conversations"])
            CHECK(conversation["file"].get<std::string>().find("drafts") == std::string::npos);
    }
    SUBCASE("roles map speaker names; a flag's role wins") {
        write(repo.root / ".qalint.yaml", "roles:\n  agent: [Helpdesk]\n  customer: [Visitor]\n");
        write(repo.root / "chats" / "c.txt", "Visitor: Where is my parcel?\nHelpdesk: Calm down, please.\n");
        const Run run = qalint_in(repo.root, "check --format json chats");
        CHECK(run.status == 1);
        const auto ids = anti_patterns(run);
        CHECK(std::find(ids.begin(), ids.end(), "rudeness") != ids.end());
        const Run flipped = qalint_in(repo.root, "check --format json --customer helpdesk --agent Visitor chats");
        const auto flipped_ids = anti_patterns(flipped);
        CHECK(std::find(flipped_ids.begin(), flipped_ids.end(), "rudeness") == flipped_ids.end());
    }
    SUBCASE("good practice is counted apart from info, and takes no level") {
        write(repo.root / "chats" / "polite.txt",
              "Agent: Hello! Thank you for waiting, how can I help you today?\nCustomer: Where is my order?\n");
        const Run run = qalint_in(repo.root, "check --format json chats/polite.txt");
        const auto report = nlohmann::json::parse(run.out);
        size_t good = 0, info = 0;
        for (const auto& f : report["conversations"][0]["findings"]) {
            if (f["category"] == "good-practice")
                ++good;
            else if (f["level"] == "info")
                ++info;
        }
        REQUIRE(good > 0);
        CHECK(report["summary"]["findings"]["good"] == good);
        CHECK(report["summary"]["findings"]["info"] == info);
        const Run text = qalint_in(repo.root, "check chats/polite.txt");
        CHECK(text.out.find(std::to_string(good) + " good;") != std::string::npos);
        CHECK(qalint_in(repo.root, "check --format github chats/polite.txt").out.find(std::to_string(good) + " good;") !=
              std::string::npos);
        write(repo.root / ".qalint.yaml", "levels:\n  greeting: error\n");
        const Run levelled = qalint_in(repo.root, "check chats/polite.txt");
        CHECK(levelled.status == 2);
        CHECK(levelled.err.find("'levels: greeting' is a good practice") != std::string::npos);
        const Run list = qalint_in(repo.root, "rules list");
        CHECK(list.out.find("greeting") != std::string::npos);
        const std::string greeting_row = list.out.substr(list.out.find("\ngreeting ") + 1, 60);
        CHECK(greeting_row.find(" good ") != std::string::npos);
    }
    SUBCASE("flags win over the file") {
        CHECK(qalint_in(repo.root, "check --fail-level none macros").status == 0);
        write(repo.root / ".qalint.yaml", "fail_level: none\nmacros: [\"macros/*\"]\n");
        CHECK(qalint_in(repo.root, "check macros").status == 0);
        CHECK(qalint_in(repo.root, "check --fail-level error macros").status == 1);
    }
    SUBCASE("inline suppressions: next-line, file, and the unused one reported") {
        write(macros / "billing.txt",
              "<!-- qalint-disable-next-line not-my-competence -- quoted from a legacy letter -->\n"
              "Hello! Sorry, this is not my department.\n"
              "# qalint-disable-file redirection -- the billing line is the right place\n"
              "Please call the billing line at 555-0100.\n"
              "// qalint-disable-next-line rudeness -- nothing rude here any more\n"
              "Thank you for your patience.\n");
        const Run run = qalint_in(repo.root, "check --format json macros/billing.txt");
        CHECK(run.status == 0);
        CHECK(anti_patterns(run) == std::vector<std::string>{"unused-suppression"});
        const auto finding = nlohmann::json::parse(run.out)["conversations"][0]["findings"];
        for (const auto& f : finding)
            if (f["rule"] == "unused-suppression") {
                CHECK(f["line"] == 5);
                CHECK(f["level"] == "info");
            }
        CHECK(qalint_in(repo.root, "check --fail-level info macros/billing.txt").status == 1);
        // --disable takes the suppression findings as the configuration's disable: does.
        const Run disabled = qalint_in(repo.root, "check --format json --disable unused-suppression macros/billing.txt");
        CHECK(disabled.status == 0);
        CHECK(anti_patterns(disabled).empty());
        CHECK(qalint_in(repo.root, "check --fail-level info --disable unused-suppression macros/billing.txt").status == 0);
        // And they are listed and shown with the rules.
        const Run list = qalint_in(repo.root, "rules list");
        CHECK(list.out.find("unused-suppression") != std::string::npos);
        CHECK(list.out.find("invalid-suppression") != std::string::npos);
        const Run show = qalint_in(repo.root, "rules show invalid-suppression");
        CHECK(show.status == 0);
        CHECK(show.out.find("level: warning") != std::string::npos);
    }
    SUBCASE("every occurrence of an anti-pattern in a macro is a finding, each suppressed on its own line") {
        // Suppressing the phrase where it was must not hide the same phrase added further down.
        write(macros / "twice.txt",
              "<!-- qalint-disable-next-line not-my-competence -- quoted from a legacy letter -->\n"
              "Sorry, this is not my department.\n"
              "\n"
              "And again, this is not my department.\n");
        Run run = qalint_in(repo.root, "check --format json macros/twice.txt");
        CHECK(run.status == 1);
        CHECK(anti_patterns(run) == std::vector<std::string>{"not-my-competence"});
        for (const auto& finding : nlohmann::json::parse(run.out)["conversations"][0]["findings"])
            if (finding["rule"] == "not-my-competence") {
                CHECK(finding["line"] == 4);
                CHECK(finding["column"] == 20);
                CHECK(finding["match"] == "not my department");
                CHECK(finding["turn"] == 1);    // one turn: the second occurrence in it
            }
        // The text report shows the line the finding is on, not the first place the words occur.
        const Run text = qalint_in(repo.root, "check macros/twice.txt");
        CHECK(text.out.find("4:20") != std::string::npos);
        CHECK(text.out.find("And again, this is »not my department«.") != std::string::npos);

        write(macros / "twice.txt",
              "<!-- qalint-disable-next-line not-my-competence -- quoted from a legacy letter -->\n"
              "Sorry, this is not my department.\n"
              "<!-- qalint-disable-next-line not-my-competence -- the same letter -->\n"
              "And again, this is not my department.\n");
        run = qalint_in(repo.root, "check --format json macros/twice.txt");
        CHECK(run.status == 0);
        CHECK(anti_patterns(run).empty());    // nothing left, and neither suppression unused
    }
    SUBCASE("a baseline survives a line move; a new finding still fails") {
        const Run written = qalint_in(repo.root, "check --write-baseline .qalint-baseline.json macros");
        CHECK(written.status == 0);
        CHECK(fs::exists(repo.root / ".qalint-baseline.json"));
        CHECK(qalint_in(repo.root, "check macros").status == 1);
        CHECK(qalint_in(repo.root, "check --baseline .qalint-baseline.json macros").status == 0);

        // Lines added above the old finding: it stays accepted (from any folder).
        write(macros / "billing.txt", std::string("Dear customer,\n\nWe have read your letter.\n") + macro_text);
        const Run moved = qalint_in(macros, "check --format json --baseline ../.qalint-baseline.json billing.txt");
        CHECK(moved.status == 0);
        CHECK(anti_patterns(moved).empty());

        // The same anti-pattern a second time is new.
        write(macros / "billing.txt", std::string(macro_text) + "Again: not my department.\n");
        const Run again = qalint_in(repo.root, "check --format json --baseline .qalint-baseline.json macros");
        CHECK(again.status == 1);
        CHECK(anti_patterns(again) == std::vector<std::string>{"not-my-competence"});
        CHECK(nlohmann::json::parse(again.out)["conversations"][0]["findings"].back()["line"] == 5);
    }
    SUBCASE("configuration errors exit 2 and name the key or rule with its line") {
        write(repo.root / ".qalint.yaml", "disable: []\nfail-level: none\n");
        Run run = qalint_in(macros, "check billing.txt");
        CHECK(run.status == 2);
        CHECK(run.err.find(".qalint.yaml:2: unknown key 'fail-level'") != std::string::npos);

        write(repo.root / ".qalint.yaml", "levels:\n  no-such-rule: info\n");
        run = qalint_in(repo.root, "check macros");
        CHECK(run.status == 2);
        CHECK(run.err.find(".qalint.yaml:2: 'levels' names an unknown rule 'no-such-rule'") != std::string::npos);

        CHECK(qalint_in(repo.root, "check --baseline missing.json macros").status == 2);
        CHECK(qalint_in(repo.root, "check --config nowhere.yaml macros").status == 2);
    }
    SUBCASE("qalint init writes a starter once") {
        const fs::path fresh = repo.root / "fresh";
        fs::create_directories(fresh / "macros");
        write(fresh / "macros" / "ok.md", "Thank you for your patience, the refund is done.\n");
        const Run init = qalint_in(fresh, "init");
        CHECK(init.status == 0);
        REQUIRE(fs::exists(fresh / ".qalint.yaml"));
        CHECK(qalint_in(fresh, "check macros").status == 0);  // the starter is valid
        const Run again = qalint_in(fresh, "init");
        CHECK(again.status == 2);
        CHECK(again.err.find("already exists") != std::string::npos);
    }
}
