// What a new user and a CI engineer trip over first: documentation read as data, counts that
// leave out what was not judged, doubled warnings, help text, plurals, the pre-commit hook.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_support.hpp"

namespace fs = std::filesystem;

namespace {

using cli_test::Run;

const char* served_chat =
    "Agent: Hello, my name is Rita. How can I help you?\n"
    "Customer: My parcel has not arrived.\n"
    "Agent: That is not my department, please call the courier.\n"
    "Customer: Great, thanks for nothing.\n";

// A folder made for one test case, removed after it.
struct Folder {
    fs::path root;
    explicit Folder(const std::string& name) : root(cli_test::temp_path(name)) {
        fs::remove_all(root);
        fs::create_directories(root);
    }
    ~Folder() { fs::remove_all(root); }
    std::string write(const std::string& name, const std::string& text) const {
        const fs::path path = root / name;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }
};

Run qalint(const std::string& args) {
    return cli_test::run_qalint(args);
}

size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

std::set<std::string> file_names(const nlohmann::json& report) {
    std::set<std::string> names;
    for (const auto& conversation : report["conversations"])
        names.insert(fs::path(conversation["file"].get<std::string>()).filename().string());
    return names;
}

}  // namespace

TEST_CASE("cli::check a folder walk skips a project's documentation and tooling files, by whole name") {
    const Folder folder("qalint-test-docs");
    folder.write("chat.txt", served_chat);
    // Macros named by a word of a documentation name: read.
    folder.write("macros/delivery-notice.md", "Your parcel is on its way. Thank you for your patience!\n");
    folder.write("macros/driving-licence.md", "Your new driving licence is ready. Thank you for waiting!\n");
    folder.write("macros/licence-renewal.md", "We have renewed your licence. Thank you for your patience!\n");
    folder.write("macros/abcd_LICENSE.md", "Your licence key is in the e-mail. Thank you for your order!\n");
    const std::string licence = folder.write(
        "LICENSE.txt", "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n");
    // Documentation by its whole name, with or without an extension, in any case: skipped.
    for (const char* name : {"LICENSE-MIT", "LICENSE.md", "licence", "Licence.MD", "COPYING", "copying.txt", "NOTICE",
                             "Notice.html", "README.ru.md", "docs/readme.txt", "CHANGELOG.md",
                             "THIRD_PARTY_NOTICES.txt", "AUTHORS.txt", "CONTRIBUTING.md"})
        folder.write(name, "Thanks to everyone who helped. Please call us if not sure.\n");
    folder.write("package.json", R"({"name": "support-macros", "version": "1.0.0", "scripts": {"lint": "qalint"}})");
    folder.write("tsconfig.json", R"({"compilerOptions": {"strict": true}})");

    SUBCASE("walked: only the chat and the macros are read, and nothing warns") {
        const Run run = qalint("check --format json " + folder.root.string());
        const auto report = nlohmann::json::parse(run.out);
        CHECK(file_names(report) == std::set<std::string>{"chat.txt", "delivery-notice.md", "driving-licence.md",
                                                          "licence-renewal.md", "abcd_LICENSE.md"});
        CHECK(report["summary"]["files"] == 5);
        CHECK(report["warnings"].empty());
        CHECK(report["errors"].empty());
    }
    SUBCASE("named on the command line, a file is still read") {
        const auto report = nlohmann::json::parse(qalint("check --format json " + licence).out);
        CHECK(report["summary"]["files"] == 1);
        CHECK(file_names(report) == std::set<std::string>{"LICENSE.txt"});
    }
}

TEST_CASE("cli::check the summary says what it did not judge") {
    const Folder folder("qalint-test-unjudged");
    const std::string chat = folder.write("chat.txt", served_chat);
    // Subtitles without speakers: a conversation with nobody serving in it.
    const std::string film = folder.write("film.srt",
                                          "1\n00:00:01,000 --> 00:00:03,000\nThe river rose all night.\n\n"
                                          "2\n00:00:04,000 --> 00:00:06,000\nBy morning the bridge was gone.\n");

    SUBCASE("conversations without an agent turn are counted; SPEC's keys stay as they were") {
        const auto report = nlohmann::json::parse(qalint("check --format json " + chat + " " + film).out);
        const auto& summary = report["summary"];
        CHECK(summary["without_agent"] == 1);
        CHECK(summary["conversations"] == 2);
        for (const char* key : {"error", "warning", "info"}) CHECK(summary["findings"].contains(key));
        const Run text = qalint("check --color never " + chat + " " + film);
        CHECK(text.out.find("1 conversation had no agent turn") != std::string::npos);
        const Run served = qalint("check --color never " + chat);
        CHECK(served.out.find("no agent turn") == std::string::npos);
    }
    SUBCASE("a file the configuration ignores is said to be ignored, not just '0 files'") {
        folder.write(".qalint.yaml", "ignore: [\"drafts/*\"]\n");
        const std::string draft = folder.write("drafts/reply.md", "That is not my department.\n");
        const std::string config = " --config " + (folder.root / ".qalint.yaml").string() + " ";
        const Run text = cli_test::run_shell("cd " + folder.root.string() + " && " + QALINT_BINARY +
                                             " check --color never drafts/reply.md 2>/dev/null");
        CHECK(text.status == 0);
        CHECK(text.out.find("0 conversations in 0 files") != std::string::npos);
        CHECK(text.out.find("1 file named or found was ignored by the configuration") != std::string::npos);
        const auto report = nlohmann::json::parse(qalint("check --format json" + config + draft).out);
        CHECK(report["summary"]["ignored"] == 1);
        CHECK(report["summary"]["files"] == 0);
        const std::string github = qalint("check --format github" + config + draft).out;
        CHECK(github.find("qalint: 1 file ignored by the configuration") != std::string::npos);
    }
    SUBCASE("merge adds up what the shards counted") {
        const std::string first = folder.write("shard1.json", qalint("check --format json " + film).out);
        const std::string second = folder.write("shard2.json", qalint("check --format json " + chat).out);
        const auto merged = nlohmann::json::parse(qalint("merge " + first + " " + second).out);
        CHECK(merged["summary"]["without_agent"] == 1);
        CHECK(merged["summary"]["ignored"] == 0);
    }
}

TEST_CASE("cli::check input problems are printed once where the user reads them") {
    const Folder folder("qalint-test-once");
    const std::string roles = folder.write("roles.txt", "Agent: Hello, how can I help?\nBob: hi\nZed: what\n");
    const std::string warning = "speakers with no known role";
    // 2>&1: the report and stderr end in the same place, as on a terminal or in a CI log.
    for (const char* format : {"text", "github", "json", "markdown", "csv"}) {
        const Run both =
            cli_test::run_shell(std::string(QALINT_BINARY) + " check --format " + format + " " + roles + " 2>&1");
        CHECK_MESSAGE(count_of(both.out, warning) == 1, format);
    }
    // Apart, each place still has it.
    const Run apart =
        cli_test::run_shell(std::string(QALINT_BINARY) + " check --format github " + roles + " 2>&1 >/dev/null");
    CHECK(count_of(apart.out, warning) == 1);
    CHECK(count_of(qalint("check --format github " + roles).out, warning) == 1);
}

TEST_CASE("cli::check --help names each value plainly") {
    const Run help = qalint("check --help");
    CHECK(help.status == 0);
    for (const char* noise : {"TEXT", "UINT", "INT in", "{text,json", ":{", "FLOAT"})
        CHECK_MESSAGE(help.out.find(noise) == std::string::npos, noise);
    for (const char* clean : {"--format FORMAT=text", "--jobs N=0", "--fail-level LEVEL=error", "--rules PATH  ",
                              "--lang LANG=auto", "--encoding NAME", "-q,--quiet "})
        CHECK_MESSAGE(help.out.find(clean) != std::string::npos, clean);
    const Run eval = qalint("eval --help");
    CHECK(eval.out.find("FLOAT") == std::string::npos);
    CHECK(eval.out.find("--min-f1 X") != std::string::npos);
}

TEST_CASE("cli::check plurals and --quiet") {
    const Folder folder("qalint-test-quiet");
    const std::string chat = folder.write("chat.txt", served_chat);
    const std::string one = folder.write("one.txt", "Agent: Hello! Thank you for contacting us.\n");
    SUBCASE("one of a thing is not 'things'") {
        const Run run = qalint("check --color never " + one);
        CHECK(run.out.find("  1 turn, en") != std::string::npos);
        CHECK(run.out.find("1 conversation in 1 file:") != std::string::npos);
    }
    SUBCASE("--quiet lists only what needs fixing; the summary still counts everything") {
        const Run all = qalint("check --color never " + chat + " " + one);
        const Run quiet = qalint("check --quiet --color never " + chat + " " + one);
        CHECK(all.out.find(" good    ") != std::string::npos);
        CHECK(quiet.out.find(" good    ") == std::string::npos);
        CHECK(quiet.out.find("not-my-competence") != std::string::npos);
        CHECK(quiet.out.find("one.txt") == std::string::npos);  // nothing to fix there
        CHECK(quiet.status == all.status);
        const std::string summary = all.out.substr(all.out.rfind("2 conversations in 2 files"));
        CHECK(quiet.out.find(summary) != std::string::npos);
    }
}

TEST_CASE("cli::rules show keeps a multi-line example under its first line") {
    const Folder folder("qalint-test-show");
    const std::string rule = folder.write("say-please.yaml", R"(id: say-please
title: Asking nicely
category: good-practice
level: info
ladder: neutral
kind: phrase
speaker: agent
message: The agent says please.
patterns:
  en: [{phrase: "please"}]
examples:
  match:
    en:
      - |
        Please wait a moment.
        I am checking your order now.
)");
    const Run run = qalint("rules show say-please --rules " + rule);
    CHECK(run.status == 0);
    CHECK(run.out.find("  + Please wait a moment.\n    I am checking your order now.\n") != std::string::npos);
}

TEST_CASE("cli::a list option takes one value per flag, so the paths after it stay paths") {
    Folder folder("qalint-list-options");
    const std::string chat = folder.write("chat.txt", served_chat);
    folder.write("extra/extra-rule.yaml", R"yaml(id: parcel-word
title: Parcel
category: anti-pattern
level: warning
ladder: disappointment
kind: phrase
speaker: customer
message: Says parcel.
patterns: {en: [{phrase: "parcel"}]}
examples: {match: {en: ["my parcel"]}}
)yaml");
    // `--only ID FILE` and `--rules DIR FILE`: before, the path was taken for a second value.
    const Run only = qalint("check --format json --only redirection " + chat);
    REQUIRE(only.status == 0);
    const auto report = nlohmann::json::parse(only.out);
    REQUIRE(report["conversations"].size() == 1);
    for (const auto& finding : report["conversations"][0]["findings"]) CHECK(finding["rule"] == "redirection");
    const Run rules = qalint("check --format json --rules " + (folder.root / "extra").string() + " " + chat);
    REQUIRE((rules.status == 0 || rules.status == 1));
    CHECK(count_of(rules.out, "\"rule\":\"parcel-word\"") == 1);
    // With two paths after it too: CLI11 let a list option take all but the last for itself.
    const std::string second = folder.write("second.txt", served_chat);
    const Run two = qalint("check --format json --rules " + (folder.root / "extra").string() + " " + chat + " " + second);
    REQUIRE((two.status == 0 || two.status == 1));
    CHECK(nlohmann::json::parse(two.out)["conversations"].size() == 2);
    CHECK(count_of(two.out, "\"rule\":\"parcel-word\"") == 2);
    // Repeated flags still add up.
    const Run both = qalint("check --format json --agent Agent --agent Rita --only redirection --only parcel-word --rules " +
                            (folder.root / "extra").string() + " " + chat);
    CHECK(count_of(both.out, "\"rule\":\"parcel-word\"") == 1);
    CHECK(count_of(both.out, "\"rule\":\"redirection\"") == 1);
}
