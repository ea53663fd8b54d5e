// The per-agent scorecard: who an agent is, what to coach them on first, and the scorecard in the
// text, CSV, Markdown and HTML reports.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "report/aggregate.hpp"
#include "report_support.hpp"

using namespace qalint;

namespace {

core::Verdict with_agent(const std::string& speaker, const std::string& file) {
    core::Verdict verdict = test::judged(test::deflecting_chat, file);
    for (auto& turn : verdict.conversation.turns)
        if (turn.role == core::Role::agent) turn.speaker = speaker;
    return verdict;
}

core::Finding finding_of(const std::string& rule, core::Level level) {
    core::Finding finding;
    finding.rule = rule;
    finding.level = level;
    finding.message = "…";
    return finding;
}

// Anna's conversation: four error rules found once (one of them twice), three warning rules found
// twice each; alphabetically the warnings come first.
core::Verdict annas_conversation() {
    core::Verdict verdict = with_agent("Anna", "chats/anna.txt");
    verdict.findings.clear();
    for (const char* rule : {"zz-error-1", "zz-error-2", "zz-error-2", "zz-error-3", "zz-error-4"})
        verdict.findings.push_back(finding_of(rule, core::Level::error));
    for (const char* rule : {"aa-warning-1", "aa-warning-2", "aa-warning-3"})
        for (int i = 0; i < 2; ++i) verdict.findings.push_back(finding_of(rule, core::Level::warning));
    return verdict;
}

std::string section(const std::string& text, const std::string& from, const std::string& to) {
    const size_t begin = text.find(from);
    REQUIRE(begin != std::string::npos);
    const size_t end = text.find(to, begin + from.size());
    return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

using Folder = cli_test::TempFolder;

}  // namespace

TEST_CASE("report::agent scorecard: top anti-patterns by level, then by count") {
    const std::string html = test::render("html", {annas_conversation()});
    const std::string table = section(html, "<h2>Agents</h2>", "</table>");
    const std::string anti = section(table, "chip anti", "chip good");
    CHECK(anti.find("zz-error-2 <b>2</b>") < anti.find("zz-error-1"));
    CHECK(anti.find("zz-error-1") < anti.find("zz-error-3"));
    CHECK(anti.find("zz-error-4") == std::string::npos);    // three shown
    CHECK(anti.find("aa-warning") == std::string::npos);
}

TEST_CASE("report::agent scorecard: a role word before or after a name is not part of it") {
    report::Aggregates totals;
    totals.add(with_agent("Agent Tom", "a.txt"));
    totals.add(with_agent("Tom", "b.txt"));
    totals.add(with_agent("Tom (Support)", "c.txt"));
    totals.add(with_agent("Оператор Ольга", "a.txt"));
    totals.add(with_agent("ольга", "b.txt"));
    totals.add(with_agent("Operatorius Jonas", "a.txt"));
    totals.add(with_agent("Jonas", "b.txt"));
    totals.add(with_agent("Konsultantė Jūratė", "c.txt"));
    REQUIRE(totals.agents.size() == 4);
    CHECK(totals.agents.at("name:tom").conversations == 3);
    CHECK(totals.agents.at("name:tom").name == "Tom");
    CHECK(totals.agents.at("name:ольга").conversations == 2);
    CHECK(totals.agents.at("name:ольга").name == "Ольга");
    CHECK(totals.agents.at("name:jonas").conversations == 2);
    CHECK(totals.agents.at("name:jonas").name == "Jonas");
    CHECK(totals.agents.at("name:jūratė").name == "Jūratė");
}

TEST_CASE("report::agent scorecard: a conversation with no agent turn is nobody's row") {
    const core::Verdict unserved = test::judged("Customer: Hello? Is anyone there?\nCustomer: Hello?\n", "chats/unserved.txt");
    report::Aggregates totals;
    totals.add(unserved);
    CHECK(totals.conversations == 1);
    CHECK(totals.agents.empty());
    const std::string html = test::render("html", {unserved, with_agent("Anna", "chats/anna.txt")});
    const std::string table = section(html, "<h2>Agents</h2>", "</table>");
    CHECK(table.find("(unnamed agent)") == std::string::npos);
    CHECK(table.find("Anna") != std::string::npos);
}

TEST_CASE("report::agent scorecard in the text, CSV and Markdown reports") {
    report::ReportOptions options;
    options.agent_summary = true;
    const std::vector<core::Verdict> verdicts = {annas_conversation(), with_agent("Agent Tom", "chats/tom.txt"),
                                                 with_agent("Tom", "chats/tom2.txt")};
    SUBCASE("text: per agent its levels, then every rule, the higher level first; no findings listed") {
        const std::string out = test::render_with("text", verdicts, options);
        CHECK(out.find("Agents: 2") != std::string::npos);
        CHECK(out.find("  Tom  2 conversations, average score") != std::string::npos);
        CHECK(out.find("  Anna  1 conversation, average score") != std::string::npos);
        CHECK(out.find("Tom") < out.find("Anna"));    // the busiest first
        const std::string anna = out.substr(out.find("  Anna  "));
        const std::string line = section(anna, "    error   zz-error-2 ", "\n");
        CHECK(line.ends_with("  2 findings in 1 conversation"));
        CHECK(anna.find("zz-error-4") < anna.find("aa-warning-1"));
        CHECK(out.find("chats/tom.txt") == std::string::npos);    // no per-conversation listing
        CHECK(out.find("3 conversations in 3 files") != std::string::npos);
    }
    SUBCASE("csv: one row per agent and rule") {
        const std::string out = test::render_with("csv", verdicts, options);
        CHECK(out.rfind("agent,file,conversations,average_score,disappointment,neutral,wow,rule,category,severity,"
                        "findings,conversations_with_rule\r\n",
                        0) == 0);
        CHECK(out.find("\r\nAnna,,1,") != std::string::npos);
        CHECK(out.find(",zz-error-2,anti-pattern,error,2,1\r\n") != std::string::npos);
        CHECK(out.find("\r\nTom,,2,") != std::string::npos);
        CHECK(out.find(",not-my-competence,anti-pattern,error,2,2\r\n") != std::string::npos);
        CHECK(out.find(",greeting,good-practice,good,") != std::string::npos);
        CHECK(out.find("Agent Tom") == std::string::npos);
    }
    SUBCASE("markdown: an agents table, the top rules by level") {
        const std::string plain = test::render("markdown", verdicts);
        const std::string table = section(plain, "### Agents", "\n\n#");
        CHECK(table.find("| Tom | 2 |") != std::string::npos);
        CHECK(table.find("zz-error-2 (error) 2, zz-error-1 (error) 1, zz-error-3 (error) 1") != std::string::npos);
        CHECK(plain.find("### Findings") != std::string::npos);
        CHECK(test::render_with("markdown", verdicts, options).find("### Findings") == std::string::npos);
    }
}

TEST_CASE("report::--summary agents, --csv-delimiter and --csv-bom from the command line") {
    const Folder folder("qalint-test-agents");
    folder.write("one.txt", "Agent Tom: Hello, how can I help?\nCustomer: My parcel is late.\n"
                            "Agent Tom: That is not my department.\n");
    folder.write("two.txt", "Tom: Hello.\nCustomer: Where is my parcel; it is late.\nTom: That is not my department.\n");
    folder.write("three.txt", "Customer: Hello?\nCustomer: Anyone?\n");
    const std::string dir = folder.root.string();
    SUBCASE("text") {
        const cli_test::Run run = cli_test::run_qalint("check --summary agents --color never " + dir);
        CHECK(run.status == 1);
        CHECK(run.out.find("Agents: 1\n\n  Tom  2 conversations") != std::string::npos);
        CHECK(run.out.find("(unnamed agent)") == std::string::npos);
    }
    SUBCASE("csv for Excel in a ru/lt locale: ';' and a BOM") {
        const cli_test::Run run =
            cli_test::run_qalint("check --summary agents --format csv --csv-delimiter ';' --csv-bom " + dir);
        CHECK(run.out.rfind("\xEF\xBB\xBF" "agent;file;conversations;", 0) == 0);
        CHECK(run.out.find("\r\nTom;;2;") != std::string::npos);
        const cli_test::Run findings = cli_test::run_qalint("check --format csv --csv-delimiter ';' " + dir);
        CHECK(findings.out.rfind("file;id;agent;", 0) == 0);
        CHECK(findings.out.find(";not-my-competence;anti-pattern;error;") != std::string::npos);
    }
    SUBCASE("a format without a per-agent summary is a usage error") {
        const cli_test::Run run = cli_test::run_qalint("check --summary agents --format json " + dir, true);
        CHECK(run.status == 2);
        CHECK(run.out.find("--summary agents works with --format text, csv, markdown or html") != std::string::npos);
    }
    SUBCASE("--help says so") {
        const cli_test::Run run = cli_test::run_qalint("check --help");
        CHECK(run.out.find("--summary WHAT") != std::string::npos);
        CHECK(run.out.find("--csv-delimiter CHAR") != std::string::npos);
        CHECK(run.out.find("--csv-bom") != std::string::npos);
    }
}

TEST_CASE("report::--summary agents after merge is the scorecard of one run, an agent with no name too") {
    const Folder folder("qalint-test-agents-merge");
    folder.write("a.txt",
                 "Agent Tom: Hello, how can I help?\nCustomer: My parcel is late.\n"
                 "Agent Tom: That is not my department.\n");
    // No speaker on the agent's line: --agent '' makes it the agent's, as the warning for it suggests.
    folder.write("b.txt", "Hello, how can I help?\nCustomer: My parcel is late.\n");
    folder.write("c.txt", "Customer: Where is my parcel?\nAgent: Please call the courier, it is not my department.\n");
    folder.write("d.txt", "Customer: Hello?\nCustomer: Anyone?\n");
    std::string files, shards;
    for (const char* name : {"a", "b", "c", "d"}) {
        const std::string file = (folder.root / (std::string(name) + ".txt")).string();
        const std::string shard = (folder.root / (std::string(name) + ".json")).string();
        std::ofstream(shard) << cli_test::run_qalint("check --agent '' --format json " + file).out;
        files += " " + file;
        shards += " " + shard;
    }
    SUBCASE("the shard says an agent served, with no name; nobody served d") {
        const auto b = nlohmann::json::parse(
            cli_test::run_qalint("check --agent '' --format json " + (folder.root / "b.txt").string()).out);
        CHECK(b["conversations"][0]["agent"] == "");
        const auto d =
            nlohmann::json::parse(cli_test::run_qalint("check --format json " + (folder.root / "d.txt").string()).out);
        CHECK_FALSE(d["conversations"][0].contains("agent"));
        CHECK(cli_test::run_qalint("merge" + shards).out ==
              cli_test::run_qalint("check --agent '' --format json" + files).out);
    }
    SUBCASE("text, CSV and Markdown: the same scorecard, the unnamed agent's row kept") {
        for (const char* format : {"text", "csv", "markdown"}) {
            const std::string one =
                cli_test::run_qalint(std::string("check --agent '' --summary agents --format ") + format + files).out;
            const std::string merged =
                cli_test::run_qalint(std::string("merge --summary agents --format ") + format + shards).out;
            CHECK_MESSAGE(merged == one, format, "\n", merged);
            CHECK_MESSAGE(merged.find((folder.root / "b.txt").string()) != std::string::npos, format, "\n", merged);
        }
        const std::string text = cli_test::run_qalint("merge --summary agents --format text" + shards).out;
        CHECK(text.find("Agents: 3\n") != std::string::npos);
        CHECK(text.find("(unnamed agent) " + (folder.root / "b.txt").string() + "  1 conversation") !=
              std::string::npos);
    }
    SUBCASE("HTML: the agents table has the row too") {
        const std::string html = cli_test::run_qalint("merge --format html" + shards).out;
        const std::string table = section(html, "<h2>Agents</h2>", "</table>");
        CHECK(table.find((folder.root / "b.txt").string()) != std::string::npos);
        CHECK(table.find((folder.root / "c.txt").string()) != std::string::npos);
    }
}
