// Hostile inputs, as fuzzing and a hostile tester found them: files that are not what their name
// says, paths that lead to devices, FIFOs or loops, reports merged twice. Each is refused or read
// with a message naming it, and the run ends.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "util/utf8.hpp"

namespace fs = std::filesystem;
using cli_test::run_qalint;
using cli_test::Run;

namespace {

using Folder = cli_test::TempFolder;

const std::string chat = "Agent: Hello, how can I help?\nCustomer: Where is my order?\nAgent: It ships today. Thank you!\n";

// qalint in `folder`, bounded: a run that would grow memory without end dies at 2 GB of address
// space, one that would hang is stopped after 30 s (both fail the test instead of the machine).
Run run_bounded(const std::string& folder, const std::string& args) {
    return cli_test::run_shell("cd '" + folder + "' && ulimit -v 2000000 && timeout 30 " + std::string(QALINT_BINARY) +
                               " " + args + " 2>&1");
}

}  // namespace

TEST_CASE("cli::check names looping and broken symbolic links in a folder instead of skipping them silently") {
    const Folder folder("qalint-links");
    folder.write("chat.txt", chat);
    fs::create_symlink("self.txt", folder / "self.txt");
    fs::create_symlink("ring-b.txt", folder / "ring-a.txt");
    fs::create_symlink("ring-a.txt", folder / "ring-b.txt");
    fs::create_symlink("gone.txt", folder / "dangling.txt");
    const auto run = run_qalint("check " + folder.root.string(), true);
    CHECK(run.status == 2);
    CHECK(run.out.find("self.txt: symbolic link loop") != std::string::npos);
    CHECK(run.out.find("ring-a.txt: symbolic link loop") != std::string::npos);
    CHECK(run.out.find("ring-b.txt: symbolic link loop") != std::string::npos);
    CHECK(run.out.find("dangling.txt: broken symbolic link") != std::string::npos);
    CHECK(run.out.find("1 conversation in 1 file") != std::string::npos);    // the real file is still checked
}

TEST_CASE("cli::check refuses a rule file that is not rules, through --rules and .qalint.yaml, naming it") {
    const Folder folder("qalint-comma-rules");
    folder.write("chat.txt", chat);
    // yaml-cpp read ",\n" as empty documents without end: memory grew until bad_alloc.
    folder.write("comma.yaml", ",\n");
    const Run given = run_bounded(folder.root.string(), "check --rules comma.yaml chat.txt");
    CHECK(given.status == 2);
    CHECK_MESSAGE(given.out.find("comma.yaml: more than 1000 YAML documents") != std::string::npos, given.out);
    // Named by a repository's configuration, as a pull request could.
    const Folder repository("qalint-comma-config");
    repository.write("chat.txt", chat);
    repository.write("rules/comma.yaml", ",\n");
    repository.write(".qalint.yaml", "rules: [rules/comma.yaml]\n");
    const Run configured = run_bounded(repository.root.string(), "check chat.txt");
    CHECK(configured.status == 2);
    CHECK_MESSAGE(configured.out.find("comma.yaml: more than 1000 YAML documents") != std::string::npos, configured.out);
    // The configuration itself.
    repository.write(".qalint.yaml", ",\n");
    const Run config = run_bounded(repository.root.string(), "check chat.txt");
    CHECK(config.status == 2);
    CHECK_MESSAGE(config.out.find(".qalint.yaml: more than 16 YAML documents") != std::string::npos, config.out);
    // A FIFO or a device named as rules is refused, not waited on or read for ever.
    REQUIRE(::mkfifo((folder / "fifo.yaml").c_str(), 0600) == 0);
    const Run fifo = run_bounded(folder.root.string(), "check --rules fifo.yaml chat.txt");
    CHECK(fifo.status == 2);
    CHECK_MESSAGE(fifo.out.find("fifo.yaml: cannot read the rule file: not a regular file (a FIFO)") != std::string::npos,
                  fifo.out);
    const Run zero = run_bounded(folder.root.string(), "check --rules /dev/zero chat.txt");
    CHECK(zero.status == 2);
    CHECK_MESSAGE(zero.out.find("/dev/zero: cannot read the rule file: not a regular file (a character device)") !=
                      std::string::npos,
                  zero.out);
}

TEST_CASE("cli::check reports every error of a rule file, its regexes' too") {
    const Folder folder("qalint-many-errors");
    folder.write("chat.txt", chat);
    folder.write("bad.yaml", R"yaml(id: bad-one
title: Bad
category: anti-pattern
level: errror
ladder: disappointment
kind: phrase
message: Two mistakes in one rule.
patterns:
  en: [{regex: "not my (job"}]
examples:
  match: {en: ["not my job"]}
---
id: bad-two
title: Bad two
category: anti-patern
level: error
ladder: disappointment
kind: phrase
message: Another.
patterns:
  en: [{regex: "ok ("}]
examples:
  match: {en: ["ok"]}
)yaml");
    const Run run = run_bounded(folder.root.string(), "check --rules bad.yaml chat.txt");
    CHECK(run.status == 2);
    CHECK_MESSAGE(run.out.find("bad.yaml:4: rule bad-one: 'level' must be one of") != std::string::npos, run.out);
    CHECK_MESSAGE(run.out.find("bad.yaml:9: rule bad-one: pattern \"not my (job\" does not compile: missing )") !=
                      std::string::npos,
                  run.out);
    CHECK_MESSAGE(run.out.find("bad.yaml:15: rule bad-two: 'category' must be one of") != std::string::npos, run.out);
    CHECK_MESSAGE(run.out.find("bad.yaml:21: rule bad-two: pattern \"ok (\" does not compile") != std::string::npos,
                  run.out);
}

TEST_CASE("cli::eval reads only regular files that rows name, and says which row named another") {
    const Folder folder("qalint-eval-devices");
    folder.write("chat.txt", chat);
    REQUIRE(::mkfifo((folder / "fifo.txt").c_str(), 0600) == 0);
    // /dev/zero grew memory until bad_alloc; a FIFO hung in open() for ever.
    folder.write("zero.csv", "file,thanks\nchat.txt,1\n/dev/zero,1\n");
    const Run zero = run_bounded(folder.root.string(), "eval zero.csv");
    CHECK(zero.status == 2);
    CHECK_MESSAGE(zero.out.find("zero.csv: row 3: cannot read file '/dev/zero': not a regular file (a character device)") !=
                      std::string::npos,
                  zero.out);
    folder.write("fifo.csv", "file,thanks\nfifo.txt,1\n");
    const Run fifo = run_bounded(folder.root.string(), "eval fifo.csv");
    CHECK(fifo.status == 2);
    CHECK_MESSAGE(fifo.out.find("row 2: cannot read file") != std::string::npos, fifo.out);
    CHECK_MESSAGE(fifo.out.find("not a regular file (a FIFO)") != std::string::npos, fifo.out);
}

TEST_CASE("cli::eval refuses a labels file with an absurd number of columns, at once") {
    const Folder folder("qalint-eval-wide");
    std::string header = "text";
    std::string row = "Thanks for waiting";
    for (int c = 0; c < 200000; ++c) {
        header += ",column" + std::to_string(c);
        row += ",";
    }
    folder.write("wide.csv", header + "\n" + row + "\n");
    const Run run = run_bounded(folder.root.string(), "eval wide.csv");
    CHECK(run.status == 2);
    CHECK_MESSAGE(run.out.find("wide.csv: row 1: 200001 columns; a labels file has one per rule") != std::string::npos,
                  run.out);
}

TEST_CASE("cli::check writes a file name that is not UTF-8 into JSON as JSON, and into SARIF as a URI") {
    const Folder folder("qalint-latin1-name");
    folder.write("chat\xFF.txt", "Agent: Hello, how can I help?\nCustomer: It is not my department, you said.\n");
    const Run json = run_bounded(folder.root.string(), "check --format json .");
    nlohmann::json report;
    CHECK_NOTHROW(report = nlohmann::json::parse(json.out.substr(0, json.out.rfind('}') + 1)));
    REQUIRE(report.contains("conversations"));
    REQUIRE(report["conversations"].size() == 1);
    CHECK(report["conversations"][0]["file"] == "./chat\xEF\xBF\xBD.txt");    // U+FFFD for the byte
    const Run sarif = run_bounded(folder.root.string(), "check --format sarif .");
    CHECK(sarif.out.find("chat%FF.txt") != std::string::npos);
    // merge reads the JSON back.
    folder.write("report.json", json.out);
    const Run merged = run_bounded(folder.root.string(), "merge report.json --format json");
    CHECK_MESSAGE(merged.out.find("malformed") == std::string::npos, merged.out);
    CHECK(merged.out.find("\"conversations\":1,") != std::string::npos);
}

TEST_CASE("cli::check writes a file name that is not UTF-8 into every report as UTF-8, U+FFFD for each byte") {
    const Folder folder("qalint-cp1251-name");
    // «жалоба» in Windows-1251, as an old export names its files; the HTML's markup stays escaped.
    const std::string cp1251 = "\xE6\xE0\xEB\xEE\xE1\xE0";
    std::string shown;
    for (size_t i = 0; i < cp1251.size(); ++i) shown += "\xEF\xBF\xBD";
    folder.write("<b>&" + cp1251 + ".txt",
                 "Agent: Hello, how can I help?\nCustomer: It is not my department, you said.\n");
    folder.write("broken-" + cp1251 + ".txt", std::string("Agent: Hi\0\0", 11));    // an input problem naming it
    const auto valid = [](const std::string& out) { return qalint::util::find_invalid_utf8(out) == std::string::npos; };
    for (const char* args : {"check --format text .", "check --format csv .", "check --format markdown .",
                             "check --format html .", "check --format github .", "check --summary agents .",
                             "check --summary agents --format csv .", "check --summary agents --format markdown ."}) {
        const Run run = run_bounded(folder.root.string(), args);    // stderr too: the input problem
        CHECK_MESSAGE(run.status == 2, args);
        CHECK_MESSAGE(valid(run.out), args, "\n", run.out);
        CHECK_MESSAGE(run.out.find(shown) != std::string::npos, args, "\n", run.out);
        CHECK_MESSAGE(run.out.find("broken-" + shown + ".txt") != std::string::npos, args, "\n", run.out);
    }
    SUBCASE("HTML: the name escaped, as any other") {
        const Run html = run_bounded(folder.root.string(), "check --format html .");
        CHECK(html.out.find("&lt;b&gt;&amp;" + shown + ".txt") != std::string::npos);
        CHECK(html.out.find("<b>&" + shown) == std::string::npos);
    }
    SUBCASE("merge writes the shards' names the same way") {
        REQUIRE(run_bounded(folder.root.string(), "check --format json --output shard.json .").status == 2);
        for (const char* format : {"text", "csv", "markdown", "html", "github"}) {
            const Run merged = run_bounded(folder.root.string(), std::string("merge --format ") + format + " shard.json");
            CHECK_MESSAGE(valid(merged.out), format, "\n", merged.out);
            CHECK_MESSAGE(merged.out.find(shown) != std::string::npos, format, "\n", merged.out);
        }
    }
}

TEST_CASE("cli::merge reads the same shard once, and its counts cannot wrap") {
    const Folder folder("qalint-merge-twice");
    folder.write("a.txt", chat);
    folder.write("b.txt", chat);
    const Run shard = run_bounded(folder.root.string(), "check --format json --output shard.json a.txt b.txt");
    REQUIRE(shard.status != 2);
    std::ifstream in(folder / "shard.json");
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    folder.write("copy.json", content);
    // The same file twice, and a copy of it: each conversation is counted once.
    const Run twice = run_bounded(folder.root.string(), "merge --format json shard.json shard.json copy.json");
    CHECK(twice.status != 2);    // a warning, not an error
    const auto merged = nlohmann::json::parse(twice.out.substr(0, twice.out.rfind('}') + 1));
    CHECK(merged["summary"]["conversations"] == 2);
    CHECK(merged["summary"]["files"] == 2);
    CHECK(merged["conversations"].size() == 2);
    REQUIRE(merged["warnings"].size() == 2);
    CHECK(merged["warnings"][0]["message"] == "given twice: read once");
    CHECK(merged["warnings"][1]["message"] == "the same report as shard.json: read once");
    // A shard that says it checked 2^64 - 1 files is malformed, not added until the total wraps.
    std::string huge = content;
    const std::string files = "\"files\":2,";
    REQUIRE(huge.find(files) != std::string::npos);
    huge.replace(huge.find(files), files.size(), "\"files\":18446744073709551615,");
    const std::string ignored = "\"ignored\":0";
    REQUIRE(huge.find(ignored) != std::string::npos);
    huge.replace(huge.find(ignored), ignored.size(), "\"ignored\":18446744073709551615");
    folder.write("huge.json", huge);
    folder.write("huge2.json", huge + " ");
    const Run wrapped = run_bounded(folder.root.string(), "merge --format json huge.json huge2.json");
    CHECK(wrapped.status == 2);
    CHECK(wrapped.out.find("18446744073709551614") == std::string::npos);
    CHECK_MESSAGE(wrapped.out.find("huge.json: malformed report: \"files\" is 18446744073709551615") != std::string::npos,
                  wrapped.out);
}

TEST_CASE("cli::check --baseline says how many findings it hid and which entries match nothing now") {
    const Folder folder("qalint-baseline-report");
    folder.write("reply.md", "Please calm down. That is not my department.\n");
    const Run written = run_bounded(folder.root.string(), "check --write-baseline baseline.json reply.md");
    REQUIRE(written.status == 0);
    // The department is fixed; the rudeness stays, hidden.
    folder.write("reply.md", "Please calm down. I will sort it out myself.\n");
    const Run run = run_bounded(folder.root.string(), "check --baseline baseline.json reply.md");
    CHECK(run.status == 0);
    CHECK_MESSAGE(run.out.find("qalint: the baseline baseline.json hid 1 finding\n") != std::string::npos, run.out);
    CHECK_MESSAGE(run.out.find("qalint: baseline entry no longer matched: reply.md not-my-competence \"not my department\"") !=
                      std::string::npos,
                  run.out);
}
