// Runs the built binary on every input format: detection, errors that name the file and
// place, --include / --exclude on folder walks.

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
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

}  // namespace

TEST_CASE("cli::check input formats") {
    SUBCASE("a folder of every format: a malformed file is an error with its place, the others are checked") {
        const Run run = qalint("check --format json " + fixtures);
        CHECK(run.status == 2);
        const auto report = nlohmann::json::parse(run.out);
        const auto files = files_of(report);
        for (const char* name :
             {"teams.vtt", "call.srt", "contact_lens_chat.json", "transcribe.json", "chats.jsonl", "chat.csv",
              "chat.tsv", "macros_zendesk.json", "macro.md", "macro.html", "utf16le.vtt"})
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
