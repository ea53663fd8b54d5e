// Runs the built binary as a user would and checks exit codes, reports and positions.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "cli_support.hpp"

namespace {



using cli_test::Run;

const std::string fixtures = std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/cli/";

Run qalint(const std::string& args, const std::string& stdin_file = "") {
    std::string command = std::string(QALINT_BINARY) + " " + args + " 2>/dev/null";
    if (!stdin_file.empty()) command += " < " + stdin_file;
    return cli_test::run_shell(command);
}

nlohmann::json json_of(const Run& run) { return nlohmann::json::parse(run.out); }

std::u32string decode(const std::string& text) {
    std::u32string out;
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = length == 1 ? c : c & (0xFF >> (length + 1));
        for (size_t k = 1; k < length && i + k < text.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.push_back(cp);
        i += length;
    }
    return out;
}

}  // namespace

TEST_CASE("cli::check exit status and JSON report") {
    SUBCASE("an error-level anti-pattern exits 1 and the JSON says where") {
        const Run run = qalint("check --format json " + fixtures + "ru-deflect.txt");
        CHECK(run.status == 1);
        const auto report = json_of(run);
        CHECK(report["tool"]["name"] == "qalint");
        REQUIRE(report["conversations"].size() == 1);
        const auto& conversation = report["conversations"][0];
        CHECK(conversation["id"] == "ru-deflect");
        CHECK(conversation["languages"] == nlohmann::json::array({"ru"}));
        CHECK(conversation["level"] == "disappointment");
        CHECK(conversation["turns"] == 4);
        CHECK(conversation["agent"] == "Оператор Ольга");
        CHECK(conversation["score"].get<int>() < 50);
        bool found = false;
        for (const auto& finding : conversation["findings"]) {
            if (finding["rule"] != "not-my-competence") continue;
            found = true;
            CHECK(finding["category"] == "anti-pattern");
            CHECK(finding["level"] == "error");
            CHECK(finding["line"] == 3);
            CHECK(finding["column"] == 45);
            CHECK(finding["turn"] == 3);
            CHECK(finding["speaker"] == "agent");
            CHECK(finding["language"] == "ru");
            CHECK(finding["match"] == "не моя компетенция");
            CHECK_FALSE(finding["message"].get<std::string>().empty());
            CHECK_FALSE(finding["advice"].get<std::string>().empty());
        }
        CHECK(found);
        CHECK(report["summary"]["conversations"] == 1);
        CHECK(report["summary"]["findings"]["error"].get<int>() >= 1);
        CHECK(report["errors"].empty());
    }
    SUBCASE("line[column-1 : column-1+len(match)] is the match, for every finding") {
        const auto report = json_of(qalint("check --format json " + fixtures + "ru-deflect.txt"));
        std::ifstream in(fixtures + "ru-deflect.txt");
        std::vector<std::u32string> lines;
        std::string line;
        while (std::getline(in, line)) lines.push_back(decode(line));
        size_t checked = 0;
        for (const auto& finding : report["conversations"][0]["findings"]) {
            const std::u32string match = decode(finding["match"].get<std::string>());
            if (match.empty() || match.find(U'\n') != std::u32string::npos) continue;
            const size_t l = finding["line"].get<size_t>() - 1, c = finding["column"].get<size_t>() - 1;
            REQUIRE(l < lines.size());
            CHECK_MESSAGE(lines[l].substr(c, match.size()) == match, finding.dump());
            ++checked;
        }
        CHECK(checked >= 3);
    }
    SUBCASE("a conversation without anti-patterns at the fail level exits 0") {
        const Run run = qalint("check --format json " + fixtures + "en-good.txt");
        CHECK(run.status == 0);
        CHECK(json_of(run)["conversations"][0]["level"] != "disappointment");
    }
    SUBCASE("--fail-level none never fails on findings, --fail-level warning fails on warnings") {
        CHECK(qalint("check --fail-level none " + fixtures + "ru-deflect.txt").status == 0);
        CHECK(qalint("check --fail-level warning --only redirection " + fixtures + "ru-deflect.txt").status == 1);
    }
    SUBCASE("a bad file is reported with its reason, the others are still checked, exit 2") {
        const Run run = qalint("check --format json " + fixtures + "broken.txt " + fixtures + "ru-deflect.txt");
        CHECK(run.status == 2);
        const auto report = json_of(run);
        CHECK(report["conversations"].size() == 1);
        REQUIRE(report["errors"].size() == 1);
        CHECK(report["errors"][0]["file"].get<std::string>().find("broken.txt") != std::string::npos);
        CHECK(report["errors"][0]["message"].get<std::string>().find("binary") != std::string::npos);
    }
    SUBCASE("an unreadable folder is an error naming it and why, walked into or named") {
        const auto top = cli_test::temp_path("qalint-test-unreadable");
        std::filesystem::remove_all(top);
        std::filesystem::create_directories(top / "locked");
        std::ofstream(top / "chat.txt") << "Agent: Hello, how can I help?\nCustomer: Where is my parcel?\n";
        std::ofstream(top / "locked" / "hidden.txt") << "Agent: Hello\nCustomer: Hi\n";
        std::filesystem::permissions(top / "locked", std::filesystem::perms::none);
        // Root reads any folder: run qalint as nobody then, so the test means something there too.
        std::string runner = std::string(QALINT_BINARY);
        if (::geteuid() == 0)
            runner = cli_test::run_shell("command -v setpriv").status == 0
                         ? "setpriv --reuid=65534 --regid=65534 --clear-groups " + runner
                         : "";
        if (runner.empty()) {
            MESSAGE("skipped: running as root without setpriv, every folder is readable");
        } else {
            const Run walked = cli_test::run_shell(runner + " check --format json " + top.string() + " 2>/dev/null");
            CHECK(walked.status == 2);
            const auto report = json_of(walked);
            CHECK(report["conversations"].size() == 1);
            REQUIRE(report["errors"].size() == 1);
            CHECK(report["errors"][0]["file"] == (top / "locked").string());
            CHECK(report["errors"][0]["message"] == "cannot read folder: Permission denied");
            const Run named =
                cli_test::run_shell(runner + " check --format json " + (top / "locked").string() + " 2>/dev/null");
            CHECK(named.status == 2);
            const auto alone = json_of(named);
            CHECK(alone["warnings"].empty());
            REQUIRE(alone["errors"].size() == 1);
            CHECK(alone["errors"][0]["message"] == "cannot read folder: Permission denied");
        }
        std::filesystem::permissions(top / "locked", std::filesystem::perms::owner_all);
        std::filesystem::remove_all(top);
    }
    SUBCASE("a folder without any transcript is a warning, not silence") {
        const auto empty = cli_test::temp_path("qalint-test-empty-folder");
        std::filesystem::create_directories(empty);
        std::ofstream(empty / "notes.png") << "not a transcript";
        const Run run = qalint("check --format json " + empty.string());
        CHECK(run.status == 0);
        const auto report = json_of(run);
        REQUIRE(report["warnings"].size() == 1);
        CHECK(report["warnings"][0]["message"].get<std::string>().find("no transcript") != std::string::npos);
        std::filesystem::remove_all(empty);
    }
    SUBCASE("with the text report redirected, an input error still reaches stderr, naming file and reason") {
        const Run run = cli_test::run_shell(std::string(QALINT_BINARY) + " check " + fixtures +
                                            "broken.txt 2>&1 >/dev/null");
        CHECK(run.status == 2);
        CHECK(run.out.find("qalint: error: ") != std::string::npos);
        CHECK(run.out.find("broken.txt: binary file") != std::string::npos);
    }
    SUBCASE("a missing path is an input error") {
        CHECK(qalint("check /nonexistent/chat.txt").status == 2);
    }
    SUBCASE("a mistyped command is named, with the commands there are") {
        const Run run = cli_test::run_qalint("chek " + fixtures, true);
        CHECK(run.status == 2);
        CHECK(run.out.find("unknown command 'chek' (check, init, merge, eval, rules") != std::string::npos);
    }
    SUBCASE("- reads standard input") {
        const Run run = qalint("check --format json -", fixtures + "ru-deflect.txt");
        CHECK(run.status == 1);
        CHECK(json_of(run)["conversations"][0]["file"] == "-");
    }
    SUBCASE("--only, --disable and --lang") {
        const auto only = json_of(qalint("check --format json --only not-my-competence " + fixtures + "ru-deflect.txt"));
        REQUIRE(only["conversations"][0]["findings"].size() == 1);
        CHECK(only["conversations"][0]["findings"][0]["rule"] == "not-my-competence");
        const auto disabled =
            json_of(qalint("check --disable not-my-competence --format json " + fixtures + "ru-deflect.txt"));
        const auto& findings = disabled["conversations"][0]["findings"];
        CHECK(findings.size() >= 3);    // greeting, open question, redirection... are still there
        for (const auto& finding : findings) CHECK(finding["rule"] != "not-my-competence");
        CHECK(qalint("check --only no-such-rule " + fixtures + "ru-deflect.txt").status == 2);
        CHECK(qalint("check --lang xx " + fixtures + "ru-deflect.txt").status == 2);
    }
    SUBCASE("--output writes the report to a file") {
        const std::string out = cli_test::temp_path("qalint-test-report.json");
        std::filesystem::remove(out);
        const Run run = qalint("check --format json --output " + out + " " + fixtures + "ru-deflect.txt");
        CHECK(run.status == 1);
        CHECK(run.out.empty());
        std::ifstream in(out);
        const auto report = nlohmann::json::parse(in);
        CHECK(report["conversations"].size() == 1);
        std::filesystem::remove(out);
    }
    SUBCASE("the report is the same whatever --jobs is") {
        const std::string args = "check --format json " + fixtures;
        CHECK(qalint("--jobs 1 " + args).out.empty());    // flags belong to the command
        CHECK(qalint("check --jobs 1 --format json " + fixtures).out == qalint("check --jobs 4 --format json " + fixtures).out);
        // An absurd number of threads is a usage error, not an attempt to allocate for them.
        const Run absurd = cli_test::run_qalint("check --jobs 100000000 " + fixtures, true);
        CHECK(absurd.status == 2);
        CHECK(absurd.out.find("--jobs") != std::string::npos);
    }
    SUBCASE("a file of many conversations among small files: every conversation, in order, whatever --jobs is") {
        // The worker on the file next in line reports its conversations as it judges them; the
        // others hold theirs until their turn. Either way the order is the input's.
        const auto folder = cli_test::temp_path("qalint-test-many");
        std::filesystem::remove_all(folder);
        std::filesystem::create_directories(folder);
        for (const char* name : {"a.txt", "c.txt", "d.txt"})
            std::ofstream(folder / name) << "Агент: Здравствуйте! Чем могу помочь?\nКлиент: Где мой заказ?\n";
        {
            std::ofstream many(folder / "b.txt");
            for (int i = 0; i < 400; ++i)
                many << (i ? "---\n" : "") << "Agent: Hello, how can I help?\nCustomer: order " << i
                     << " is late\nAgent: Not my department, call the warehouse.\n";
        }
        const std::string args = " --format json " + folder.string();
        const Run one = qalint("check --jobs 1" + args), four = qalint("check --jobs 4" + args);
        CHECK(one.out == four.out);
        CHECK(one.out == qalint("check --jobs 2" + args).out);
        const auto report = json_of(one);
        REQUIRE(report["conversations"].size() == 403);
        CHECK(report["conversations"][0]["id"] == "a");
        CHECK(report["conversations"][1]["id"] == "b#1");
        CHECK(report["conversations"][400]["id"] == "b#400");
        CHECK(report["conversations"][401]["id"] == "c");
        CHECK(report["conversations"][402]["id"] == "d");
        // Alone, the file is read by one worker while the spare ones help judge it.
        const std::string alone = " --format json " + (folder / "b.txt").string();
        const Run alone_one = qalint("check --jobs 1" + alone);
        CHECK(json_of(alone_one)["conversations"].size() == 400);
        CHECK(alone_one.out == qalint("check --jobs 4" + alone).out);
        std::filesystem::remove_all(folder);
    }
    SUBCASE("the text report names the file, the rule, the match and the advice; NO_COLOR is honoured") {
        const Run run = qalint("check " + fixtures + "ru-deflect.txt");
        CHECK(run.out.find("ru-deflect.txt") != std::string::npos);
        CHECK(run.out.find("not-my-competence") != std::string::npos);
        CHECK(run.out.find("»не моя компетенция«") != std::string::npos);
        CHECK(run.out.find("→ ") != std::string::npos);
        CHECK(run.out.find("\x1b[") == std::string::npos);
        CHECK(qalint("check --color always " + fixtures + "ru-deflect.txt").out.find("\x1b[") != std::string::npos);
    }
}

TEST_CASE("cli::check places every sample conversation on the rung it was written for") {
    const std::string samples = std::string(QALINT_SOURCE_DIR) + "/samples/";
    const Run run = qalint("check --format json " + samples + "ru " + samples + "lt " + samples + "en " + samples + "mixed");
    CHECK(run.status == 1);
    const std::map<std::string, std::string> expected = {
        {"delivery-not-my-competence", "disappointment"},   {"refund-wow", "wow"},
        {"support-line-two-conversations#1", "disappointment"}, {"support-line-two-conversations#2", "wow"},
        {"tariff-change-neutral", "neutral"},               {"elektra-be-diakritiku-laukite", "disappointment"},
        {"internetas-wow", "wow"},                          {"saskaita-ne-mano-kompetencija", "disappointment"},
        {"siuntinys-neutralus", "neutral"},                 {"billing-not-my-department", "disappointment"},
        {"late-order-wow", "wow"},                          {"password-reset-neutral", "neutral"},
        {"bank-card-lt-ru-redirect", "disappointment"},     {"vilnius-heating-lt-ru-wow", "wow"}};
    std::map<std::string, std::string> actual;
    const auto report = json_of(run);
    for (const auto& conversation : report["conversations"])
        actual[conversation["id"].get<std::string>()] = conversation["level"].get<std::string>();
    CHECK(actual.size() == expected.size());
    for (const auto& [id, level] : expected) CHECK_MESSAGE(actual[id] == level, id);
}

TEST_CASE("cli::the script alone is neutral; wow needs practices beyond it (SPEC 3a)") {
    const auto folder = cli_test::temp_path("qalint-ladder");
    std::filesystem::create_directories(folder);
    // Greeting, self-introduction, an open question, a read-back, a feedback request and thanks:
    // every standard step, and nothing beyond the script.
    const std::string script =
        "Customer: Hi, I want to change my delivery address.\n"
        "Agent: Hello, my name is Anna. How can I help you today?\n"
        "Customer: The parcel should go to my office instead.\n"
        "Agent: Just to make sure I understand: you want the parcel delivered to your office, is that right?\n"
        "Customer: Yes.\n"
        "Agent: Done, the address is changed. Thank you for contacting us! Is there anything else I can help with?\n"
        "Customer: No, thanks, bye.\n";
    std::ofstream(folder / "script.txt") << script;
    // The same with empathy and ownership: beyond the script.
    std::string beyond = script;
    beyond.replace(beyond.find("Done, the address"), 4,
                   "I understand how frustrating a missed delivery is. I will take care of this personally. Done");
    std::ofstream(folder / "beyond.txt") << beyond;
    const auto level_of = [&](const char* file) {
        const Run run = qalint("check --format json " + (folder / file).string());
        return json_of(run)["conversations"][0]["level"].get<std::string>();
    };
    CHECK(level_of("script.txt") == "neutral");
    CHECK(level_of("beyond.txt") == "wow");
    std::filesystem::remove_all(folder);
}

TEST_CASE("cli::rules") {
    SUBCASE("rules list names every rule") {
        const Run run = qalint("rules list");
        CHECK(run.status == 0);
        CHECK(run.out.find("not-my-competence") != std::string::npos);
        CHECK(run.out.find("missing-thanks") != std::string::npos);
    }
    SUBCASE("rules show prints patterns and examples") {
        const Run run = qalint("rules show not-my-competence");
        CHECK(run.status == 0);
        CHECK(run.out.find("[ru]") != std::string::npos);
        CHECK(run.out.find("phrase") != std::string::npos);
        CHECK(qalint("rules show no-such-rule").status == 2);
        // Where a rule is read, when not on every turn: the customer's unanswered last word, the opening greeting.
        CHECK(qalint("rules show customer-last-word").out.find("read only in: a turn the other party never answers") != std::string::npos);
        CHECK(qalint("rules show greeting").out.find("read only in: the speaker's first 1 turn(s)") != std::string::npos);
        // A pattern's own unless is shown under it.
        CHECK(qalint("rules show empathy").out.find("    unless in its sentence: any (") != std::string::npos);
        CHECK(qalint("rules show empathy").out.find("read only in:") == std::string::npos);
    }
    SUBCASE("rules test passes on a good rule file and rejects a bad one") {
        const Run good = qalint("rules test " + fixtures + "extra-rule.yaml");
        CHECK(good.status == 0);
        CHECK(good.out.find("1 passed, 0 failed") != std::string::npos);
        CHECK(qalint("rules test " + fixtures + "bad-rule.yaml").status == 2);
    }
    SUBCASE("--rules adds a rule to check; an invalid rule file exits 2") {
        const auto please = cli_test::temp_path("qalint-test-please.txt");
        std::ofstream(please) << "Agent: Please wait a moment, I am checking your order.\nCustomer: ok\n";
        const auto with_rule =
            json_of(qalint("check --format json --rules " + fixtures + "extra-rule.yaml --only say-please " + please.string()));
        REQUIRE(with_rule["conversations"][0]["findings"].size() == 1);
        CHECK(with_rule["conversations"][0]["findings"][0]["rule"] == "say-please");
        CHECK(with_rule["conversations"][0]["findings"][0]["match"] == "Please");
        // The same text without --rules: the built-in pack has no such rule.
        CHECK(qalint("check --only say-please " + please.string()).status == 2);
        std::filesystem::remove(please);
        CHECK(qalint("check --rules " + fixtures + "bad-rule.yaml " + fixtures + "en-good.txt").status == 2);
    }
    SUBCASE("a rule whose regex nests groups 100 000 deep is run, not a crash") {
        const auto folder = cli_test::temp_path("qalint-test-deep-rule");
        std::filesystem::create_directories(folder);
        const size_t depth = 100000;
        std::ofstream(folder / "deep.yaml")
            << "id: deep-hello\ntitle: Deep\ncategory: anti-pattern\nlevel: error\nladder: disappointment\n"
               "kind: phrase\nmessage: m\npatterns:\n  en:\n    - {regex: \""
            << std::string(depth, '(') << "hello" << std::string(depth, ')')
            << "\"}\nexamples:\n  match:\n    en: [\"hello\"]\n";
        std::ofstream(folder / "chat.txt") << "Agent: hello there\nCustomer: hi\n";
        const Run run = qalint("check --format json --only deep-hello --rules " + (folder / "deep.yaml").string() + " " +
                               (folder / "chat.txt").string());
        CHECK(run.status == 1);
        const auto report = json_of(run);
        REQUIRE(report["conversations"][0]["findings"].size() == 1);
        CHECK(report["conversations"][0]["findings"][0]["match"] == "hello");
        std::filesystem::remove_all(folder);
    }
}
