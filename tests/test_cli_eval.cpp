// `qalint eval` as a QA lead runs it: counts worked out by hand on the fixtures, the ladder, the
// disagreements, every bad labels file, and the gates' exit codes.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"

namespace {

using cli_test::Run;
using cli_test::run_qalint;

const std::string fixtures = std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/eval/";

nlohmann::json rule_of(const nlohmann::json& set, const std::string& id) {
    for (const auto& rule : set["rules"])
        if (rule["rule"] == id) return rule;
    FAIL("no rule " << id);
    return {};
}

// A labels file in a fresh temporary folder, next to a one-conversation transcript "chat.txt".
struct TempLabels {
    std::filesystem::path dir;
    std::string path;
    explicit TempLabels(const std::string& csv) {
        dir = std::filesystem::temp_directory_path() / ("qalint-eval-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(std::hash<std::string>{}(csv)));
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "chat.txt") << "Customer: Hi, my order is late.\nAgent: Hello! Sorry about that.\n";
        path = (dir / "labels.csv").string();
        std::ofstream(path) << csv;
    }
    ~TempLabels() { std::filesystem::remove_all(dir); }
};

}  // namespace

TEST_CASE("cli::eval counts per rule, as worked out by hand") {
    const Run run = run_qalint("eval --format json " + fixtures + "replies.csv " + fixtures + "threads.tsv");
    REQUIRE(run.status == 0);
    const auto report = nlohmann::json::parse(run.out);
    REQUIRE(report["sets"].size() == 2);
    const auto& replies = report["sets"][0];
    CHECK(replies["conversations"] == 6);
    // thanks: r3 is blank (not judged); coach 1 on r1 r2 r4 r6; qalint finds r1 r2 r5 r6.
    const auto thanks = rule_of(replies, "thanks");
    CHECK(thanks["judged"] == 5);
    CHECK(thanks["positives"] == 4);
    CHECK(thanks["tp"] == 3);
    CHECK(thanks["fp"] == 1);
    CHECK(thanks["fn"] == 1);
    CHECK(thanks["precision"] == 0.75);
    CHECK(thanks["f1"] == 0.75);
    // The Russian reply is measured too.
    CHECK(rule_of(replies, "apology")["tp"] == 3);
    CHECK(rule_of(replies, "redirection")["judged"] == 5);
    CHECK(replies["level"].is_null());
    // Worst F1 first.
    CHECK(replies["rules"][0]["rule"] == "thanks");
    CHECK(replies["not_measured"] == nlohmann::json({"ticket_id", "brand"}));

    // Rows naming transcripts: two conversations of one file by id, a one-conversation file without.
    const auto& threads = report["sets"][1];
    CHECK(threads["conversations"] == 3);
    CHECK(rule_of(threads, "apology")["tp"] == 2);
    CHECK(rule_of(threads, "redirection")["tp"] == 1);
    CHECK(rule_of(threads, "redirection")["fp"] == 0);
    // qalint: wow, neutral, neutral; the coach: wow, disappointment, neutral.
    const auto& level = threads["level"];
    CHECK(level["judged"] == 3);
    CHECK(level["confusion"]["disappointment"]["neutral"] == 1);
    CHECK(level["confusion"]["wow"]["wow"] == 1);
    CHECK(level["accuracy"] == doctest::Approx(0.6667));
    CHECK(level["kappa"] == 0.5);
    // The score puts the coach's wow above the other two, and the disappointment below the neutral
    // although both are neutral on qalint's ladder.
    CHECK(level["score_order"]["pairs"] == 3);
    CHECK(level["score_order"]["concordant"] == 3);
    CHECK(level["score_order"]["gamma"] == 1.0);
    // The total sums the sets rule by rule.
    const auto apology_total = rule_of(report["total"], "apology");
    CHECK(apology_total["judged"] == 9);
    CHECK(apology_total["positives"] == 5);
}

TEST_CASE("cli::eval --show lists the disagreements") {
    const Run all = run_qalint("eval --show all --format json " + fixtures + "replies.csv");
    REQUIRE(all.status == 0);
    const auto disagreements = nlohmann::json::parse(all.out)["sets"][0]["disagreements"];
    REQUIRE(disagreements.size() == 2);
    const auto& miss = disagreements[0];
    CHECK(miss["kind"] == "fn");
    CHECK(miss["id"] == "r4");
    CHECK(miss["row"] == 5);    // as a spreadsheet numbers it: the header is row 1
    const auto& alarm = disagreements[1];
    CHECK(alarm["kind"] == "fp");
    CHECK(alarm["rule"] == "thanks");
    CHECK(alarm["line"] == 6);
    CHECK(alarm["column"] == 9);    // "r5,acme,Thanks"
    CHECK(alarm["excerpt"].get<std::string>().starts_with("»Thanks« for waiting"));

    const Run text = run_qalint("eval --show fp " + fixtures + "replies.csv");
    CHECK(text.out.find("FP thanks row 6 (r5) 6:9: »Thanks« for waiting") != std::string::npos);
    CHECK(text.out.find("FN thanks") == std::string::npos);
    const Run none = run_qalint("eval " + fixtures + "replies.csv");
    CHECK(none.out.find("FP thanks") == std::string::npos);
}

TEST_CASE("cli::eval honours the check options that change findings") {
    const Run only = run_qalint("eval --format csv --only apology " + fixtures + "replies.csv");
    REQUIRE(only.status == 0);
    CHECK(only.out.find(",apology,6,3,3,0,0,1.00,1.00,1.00") != std::string::npos);
    CHECK(only.out.find(",thanks,") == std::string::npos);
}

TEST_CASE("cli::eval gates: --min-f1, --min-precision, --min-positives") {
    CHECK(run_qalint("eval --min-f1 0.7 --min-positives 1 " + fixtures + "replies.csv").status == 0);
    const Run below = run_qalint("eval --min-f1 0.8 --min-positives 1 " + fixtures + "replies.csv", true);
    CHECK(below.status == 1);
    CHECK(below.out.find("thanks f1 0.75 is below --min-f1 0.80") != std::string::npos);
    // thanks has 4 positives: not gated at the default of 10.
    CHECK(run_qalint("eval --min-f1 0.8 " + fixtures + "replies.csv").status == 0);
    CHECK(run_qalint("eval --min-precision 0.8 --min-positives 4 " + fixtures + "replies.csv").status == 1);
}

TEST_CASE("cli::eval refuses a bad labels file, naming the file, the row and the reason") {
    const auto refused = [](const std::string& csv, const std::string& reason) {
        TempLabels labels(csv);
        const Run run = run_qalint("eval " + labels.path, true);
        CHECK(run.status == 2);
        CHECK_MESSAGE(run.out.find(labels.path) != std::string::npos, run.out);
        CHECK_MESSAGE(run.out.find(reason) != std::string::npos, run.out);
    };
    // Rows as a spreadsheet numbers them: the header is row 1.
    refused("file,apology\nmissing.txt,1\n", "row 2: file 'missing.txt' not found");
    refused("file,id,apology\nchat.txt,chat#9,1\n", "row 2: no conversation 'chat#9' in 'chat.txt' (it holds: chat)");
    refused("text,apology\nSorry!,1\nThanks,0\nSorry!,yes\n", "row 4: the label of apology is 'yes', not 0, 1 or blank");
    refused("text,redirektion\nCall the bank.,1\n", "row 1: the column 'redirektion' is not a rule id (did you mean redirection?)");
    refused("reply,apology\nSorry!,1\n", "no column names the conversation");
    refused("text,level\nSorry!,great\n", "row 2: unknown level 'great'");
    refused("text,apology\n\"Sorry,1\n", "unterminated");

    // A good file after a bad one is still measured.
    TempLabels bad("text,apology\nSorry!,2\n");
    const Run both = run_qalint("eval --format csv " + bad.path + " " + fixtures + "replies.csv");
    CHECK(both.status == 2);
    CHECK(both.out.find(",apology,6,3,3,0,0") != std::string::npos);
}

TEST_CASE("cli::eval numbers rows as a spreadsheet does: blank rows skipped but counted") {
    // Row 1 the header, 2 r1, 3 an empty line, 4 r2 (one row, though its cell spans two lines),
    // 5 a row of empty cells, 6 a row of spaces, 7 r5: the false alarm.
    TempLabels labels("ticket_id,text,thanks\n"
                      "r1,Thank you for reaching out to us!,1\n"
                      "\n"
                      "r2,\"Sorry for the wait,\nand thank you for your patience.\",1\n"
                      ",,\n"
                      "   \n"
                      "r5,Thanks for waiting. Your parcel left the warehouse today.,0\n");
    const Run json = run_qalint("eval --show fp --format json " + labels.path);
    REQUIRE(json.status == 0);
    const auto set = nlohmann::json::parse(json.out)["sets"][0];
    CHECK(set["conversations"] == 3);    // blank rows are not conversations
    REQUIRE(set["disagreements"].size() == 1);
    CHECK(set["disagreements"][0]["id"] == "r5");
    CHECK(set["disagreements"][0]["row"] == 7);
    CHECK(set["disagreements"][0]["line"] == 8);    // the file's line, which the two-line cell moved on
    const Run text = run_qalint("eval --show fp " + labels.path);
    CHECK_MESSAGE(text.out.find("FP thanks row 7 (r5) 8:") != std::string::npos, text.out);

    SUBCASE("an error names the same row, and so does a row without an id") {
        TempLabels bad("text,apology\n\nSorry!,1\n\n\nSorry!,yes\n");
        const Run run = run_qalint("eval " + bad.path, true);
        CHECK(run.status == 2);
        CHECK_MESSAGE(run.out.find("row 6: the label of apology is 'yes'") != std::string::npos, run.out);
        TempLabels unnamed("text,apology\n\nWe apologise for the trouble.,0\n");
        const Run shown = run_qalint("eval --show fp " + unnamed.path);
        CHECK_MESSAGE(shown.out.find("FP apology row 3 (row 3)") != std::string::npos, shown.out);
    }
    SUBCASE("blank lines above the header: the header is the row it is on") {
        TempLabels late("\n\ntext,redirektion\nCall the bank.,1\n");
        const Run run = run_qalint("eval " + late.path, true);
        CHECK(run.status == 2);
        CHECK_MESSAGE(run.out.find("row 3: the column 'redirektion' is not a rule id") != std::string::npos, run.out);
    }
}

TEST_CASE("cli::eval reads a transcript held in a text cell") {
    TempLabels labels("id,text,apology,missing-thanks\n"
                      "t1,\"Customer: My order is late.\nAgent: Sorry, it ships today.\",1,1\n");
    const Run run = run_qalint("eval --format json " + labels.path);
    REQUIRE(run.status == 0);
    const auto set = nlohmann::json::parse(run.out)["sets"][0];
    // Two turns, so the conversation rules apply: the agent apologised and never thanked.
    CHECK(rule_of(set, "apology")["tp"] == 1);
    CHECK(rule_of(set, "missing-thanks")["tp"] == 1);
}
