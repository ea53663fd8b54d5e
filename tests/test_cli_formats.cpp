// Runs the built binary on every input format: detection, errors that name the file and
// place, --include / --exclude on folder walks.

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_support.hpp"

namespace {

using cli_test::Run;

const std::string fixtures = std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/read";

Run qalint(const std::string& args) { return cli_test::run_qalint(args); }

std::set<std::string> files_of(const nlohmann::json& report) {
    std::set<std::string> files;
    for (const auto& conversation : report["conversations"]) {
        const std::string file = conversation["file"];
        files.insert(file.substr(file.find_last_of('/') + 1));
    }
    return files;
}

using Folder = cli_test::TempFolder;

bool warns(const nlohmann::json& report, const std::string& file, const std::string& part) {
    for (const auto& warning : report["warnings"])
        if (warning["file"].get<std::string>().ends_with(file) &&
            warning["message"].get<std::string>().find(part) != std::string::npos)
            return true;
    return false;
}

const char* fees_yaml =
    "# Card team replies\n"
    "- title: Card fees\n"
    "  body: |\n"
    "    Hello! Sorry, that's not my department.\n"
    "- title: Refund\n"
    "  text: \"We will refund you by Friday.\"\n";

}  // namespace

TEST_CASE("cli::check input formats") {
    SUBCASE("a folder of every format: a malformed file is an error with its place, the others are checked") {
        const Run run = qalint("check --format json " + fixtures);
        CHECK(run.status == 2);
        const auto report = nlohmann::json::parse(run.out);
        const auto files = files_of(report);
        for (const char* name :
             {"teams.vtt", "call.srt", "contact_lens_chat.json", "transcribe.json", "chats.jsonl", "chat.csv",
              "chat.tsv", "macros_zendesk.json", "macro.md", "macro.html", "utf16le.vtt", "macros.yaml",
              "macros_freshdesk.yml"})
            CHECK_MESSAGE(files.count(name) == 1, name);
        bool truncated = false;
        for (const auto& error : report["errors"]) {
            const std::string file = error["file"];
            if (file.find("truncated.json") == std::string::npos) continue;
            truncated = true;
            CHECK(error["message"].get<std::string>().find("line 1, byte 62") != std::string::npos);
        }
        CHECK(truncated);
        // A macro is reported as one.
        size_t macros = 0;
        for (const auto& conversation : report["conversations"])
            if (conversation["id"] == "360001") {
                CHECK(conversation["source"] == "macro");
                ++macros;
            }
        CHECK(macros == 1);
    }
    SUBCASE("--exclude skips files and folders, --include keeps only matches") {
        const Run excluded = qalint("check --format json --exclude 'truncated*' " + fixtures);
        CHECK(excluded.status == 1);
        CHECK(nlohmann::json::parse(excluded.out)["errors"].empty());
        const Run included = qalint("check --format json --include '*.vtt' --include '*.srt' " + fixtures);
        const auto files = files_of(nlohmann::json::parse(included.out));
        CHECK(files == std::set<std::string>{"call.srt", "teams.vtt", "utf16le.vtt"});
        const Run nothing =
            qalint("check --format json --exclude read " + std::string(QALINT_SOURCE_DIR) + "/tests/fixtures");
        CHECK(files_of(nlohmann::json::parse(nothing.out)).count("teams.vtt") == 0);
    }
    SUBCASE("--input-format forces a reader; positions point into the file") {
        const Run run = qalint("check --format json --input-format json " + fixtures + "/contact_lens_chat.json");
        CHECK(run.status == 1);
        const auto report = nlohmann::json::parse(run.out);
        bool found = false;
        for (const auto& finding : report["conversations"][0]["findings"]) {
            if (finding["rule"] != "not-my-competence") continue;
            found = true;
            CHECK(finding["line"] == 25);
            CHECK(finding["column"] == 73);
            CHECK(finding["match"] == "not my department");
        }
        CHECK(found);
    }
    SUBCASE("the samples of every format are read without input errors") {
        const Run run = qalint("check --format json " + std::string(QALINT_SOURCE_DIR) + "/samples/formats");
        CHECK(run.status == 1);
        const auto report = nlohmann::json::parse(run.out);
        CHECK(report["errors"].empty());
        CHECK(report["conversations"].size() >= 8);
    }
}

TEST_CASE("cli::check YAML macro files") {
    const Folder folder("qalint-test-yaml");
    const std::string fees = folder.write("macros/fees.yaml", fees_yaml);
    const std::string notes = folder.write("notes.yaml", "site: example\nitems:\n  - one\n");
    // Other tools' YAML, found by the walk: not read, and not even worth a note.
    folder.write("docker-compose.yml", "services:\n  web:\n    image: nginx\n");
    folder.write("mkdocs.yml", "site_name: Macros\n");
    folder.write(".qalint.yaml", "fail_level: warning\n");
    folder.write(".pre-commit-config.yaml", "repos: []\n");
    folder.write(".pre-commit-hooks.yaml", "- id: x\n  name: x\n  entry: x\n  language: system\n");
    folder.write(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n");

    SUBCASE("a folder walk reads each entry as a macro, pointing at its line in the YAML") {
        const Run run = qalint("check --format json " + folder.root.string());
        CHECK(run.status == 1);
        const auto report = nlohmann::json::parse(run.out);
        CHECK(files_of(report) == std::set<std::string>{"fees.yaml"});
        REQUIRE(report["conversations"].size() == 2);
        const auto& card = report["conversations"][0];
        CHECK(card["id"] == "Card fees");
        CHECK(card["source"] == "macro");
        bool found = false;
        for (const auto& finding : card["findings"]) {
            if (finding["rule"] != "not-my-competence") continue;
            found = true;
            CHECK(finding["line"] == 4);
            CHECK(finding["column"] == 26);
            CHECK(finding["match"] == "not my department");
        }
        CHECK(found);
        CHECK(report["errors"].empty());
        // A YAML file with no macro in it is skipped with a note, other tools' files silently.
        CHECK(warns(report, "notes.yaml", "not a macro file"));
        CHECK(report["warnings"].size() == 1);
    }
    SUBCASE("--include '*.yaml' finds them") {
        const auto report = nlohmann::json::parse(qalint("check --format json --include '*.yaml' " + folder.root.string()).out);
        CHECK(files_of(report) == std::set<std::string>{"fees.yaml"});
    }
    SUBCASE("named on the command line: macros, not a transcript; a YAML file of no macro shape is an error") {
        const auto report = nlohmann::json::parse(qalint("check --format json " + fees).out);
        REQUIRE(report["conversations"].size() == 2);
        CHECK(report["conversations"][0]["source"] == "macro");
        CHECK(report["warnings"].empty());
        const Run named = qalint("check --format json " + notes);
        CHECK(named.status == 2);
        CHECK(nlohmann::json::parse(named.out)["errors"][0]["message"].get<std::string>().find("not a macro file") !=
              std::string::npos);
    }
}

TEST_CASE("cli::check skips qalint's own reports in the folder it checks") {
    const Folder folder("qalint-test-own-reports");
    folder.write("chat.txt",
                 "Agent: Hello, my name is Rita. How can I help you?\n"
                 "Customer: My parcel has not arrived.\n"
                 "Agent: That is not my department, please call the courier.\n");
    folder.write("macros/fees.md", "Sorry, that is not my department.\n");
    const std::string dir = folder.root.string();
    const Run before = qalint("check --format json " + dir);
    REQUIRE(before.status == 1);
    const auto expected = nlohmann::json::parse(before.out);
    // Each format under a name a walk reads.
    const std::vector<std::pair<std::string, std::string>> outputs = {
        {"json", "report.json"}, {"sarif", "report.sarif.json"}, {"csv", "findings.csv"}, {"html", "report.html"},
        {"markdown", "report.md"}, {"text", "report.txt"},       {"github", "annotations.txt"}};
    for (const auto& [format, name] : outputs) {
        const Run written = qalint("check --format " + format + " --output " + folder.path(name) + " " + dir);
        REQUIRE_MESSAGE(written.status == 1, format);
    }
    qalint("check --write-baseline " + folder.path("baseline.json") + " " + dir);
    const Run after = qalint("check --format json " + dir);
    CHECK(after.status == 1);
    const auto report = nlohmann::json::parse(after.out);
    CHECK(report["conversations"] == expected["conversations"]);
    CHECK(report["summary"]["findings"] == expected["summary"]["findings"]);
    CHECK(report["errors"].empty());
    for (const auto& [format, name] : outputs) CHECK_MESSAGE(warns(report, name, "qalint"), name);
    CHECK(warns(report, "baseline.json", "a qalint baseline"));
    CHECK(warns(report, "report.html", "a qalint HTML report, not a conversation or macro: skipped"));
}

TEST_CASE("cli::check a skipped file says only that it was skipped") {
    const Folder folder("qalint-test-binary");
    const std::string binary =
        folder.write("b.txt", std::string("abc") + '\0' + "def\n# qalint-disable-file whatever rule -- x\n");
    const Run run = cli_test::run_qalint("check --color never " + binary, true);
    CHECK(run.status == 2);
    CHECK(run.out.find("binary file") != std::string::npos);
    CHECK(run.out.find("invalid-suppression") == std::string::npos);
    CHECK(run.out.find("whatever") == std::string::npos);
}

TEST_CASE("cli::check an HTML macro: every entity, positions in the file") {
    const Folder folder("qalint-test-html");
    const std::string html =
        folder.write("thanks.html", "<p>Labas,<br>a&ccaron;i&#363; u&zcaron; kantryb&#281;.</p>\n"
                                    "<p>Tai ne mano kompetencija &mdash; kreipkit&#279;s &#303; buhalterij&#261;.</p>\n");
    const auto report = nlohmann::json::parse(qalint("check --format json " + html).out);
    std::set<std::string> rules;
    for (const auto& finding : report["conversations"][0]["findings"]) {
        rules.insert(finding["rule"].get<std::string>());
        if (finding["rule"] == "thanks") {
            CHECK(finding["line"] == 1);
            CHECK(finding["column"] == 14);
        }
        if (finding["rule"] == "not-my-competence") {
            CHECK(finding["line"] == 2);
            CHECK(finding["column"] == 8);
        }
    }
    CHECK(rules.count("thanks") == 1);
    CHECK(rules.count("not-my-competence") == 1);
}
