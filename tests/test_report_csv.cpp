#include <doctest/doctest.h>

#include <sstream>

#include "report/csv_report.hpp"
#include "report_support.hpp"

using namespace qalint;

namespace {

// A minimal RFC 4180 reader, to check what a spreadsheet would see.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                rows.back().back() += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                rows.back().back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            rows.emplace_back(1);
        } else {
            rows.back().back() += c;
        }
    }
    if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
    return rows;
}

}  // namespace

TEST_CASE("report::csv") {
    SUBCASE("a header, then one row per finding with the conversation repeated") {
        const core::Verdict verdict = test::judged(test::deflecting_chat);
        const auto rows = parse_csv(test::render("csv", {verdict}));
        REQUIRE(rows.size() == verdict.findings.size() + 1);
        const auto& header = rows[0];
        CHECK(header[0] == "file");
        CHECK(header[2] == "agent");
        CHECK(header[5] == "score");
        CHECK(header[7] == "rule");
        for (size_t i = 1; i < rows.size(); ++i) {
            REQUIRE(rows[i].size() == header.size());
            CHECK(rows[i][0] == "chats/chat.txt");
            CHECK(rows[i][2] == "Agent");
            CHECK(rows[i][4] == "disappointment");
            CHECK(rows[i][5] == std::to_string(verdict.score));
        }
        bool seen = false;
        for (const auto& row : rows)
            if (row[7] == "not-my-competence")
                seen = row[17] == "not my department" && row[11] == "3" && row[12] == "15";
        CHECK(seen);
    }
    SUBCASE("a conversation without findings is one row with the finding columns empty") {
        core::Verdict verdict;
        verdict.conversation.file = "quiet.txt";
        verdict.conversation.id = "quiet";
        verdict.score = 50;
        const auto rows = parse_csv(test::render("csv", {verdict}));
        REQUIRE(rows.size() == 2);
        CHECK(rows[1][0] == "quiet.txt");
        CHECK(rows[1][5] == "50");
        CHECK(rows[1][7].empty());
        CHECK(rows[1].size() == rows[0].size());
    }
    SUBCASE("good practice is 'good' in the severity column, as in the text report and `rules list`") {
        const auto rows = parse_csv(test::render("csv", {test::judged(test::deflecting_chat)}));
        REQUIRE(rows[0][9] == "severity");
        bool good = false, error = false;
        for (const auto& row : rows) {
            if (row[7] == "greeting") good = row[8] == "good-practice" && row[9] == "good";
            if (row[7] == "not-my-competence") error = row[9] == "error";
        }
        CHECK(good);
        CHECK(error);
    }
    SUBCASE("--csv-delimiter ';': a field holding ';' is quoted, one holding ',' no longer needs to be") {
        CHECK(report::csv_field("a;b", ';') == "\"a;b\"");
        CHECK(report::csv_field("a,b", ';') == "a,b");
        CHECK(report::csv_field("a\tb", '\t') == "\"a\tb\"");
        report::ReportOptions options;
        options.csv_delimiter = ';';
        options.csv_bom = true;
        const std::string out = test::render_with("csv", {test::judged(test::deflecting_chat)}, options);
        CHECK(out.rfind("\xEF\xBB\xBF" "file;id;agent;languages;level;score;turns;rule;", 0) == 0);
        CHECK(out.find(";not-my-competence;anti-pattern;error;") != std::string::npos);
        CHECK(test::render("csv", {test::judged(test::deflecting_chat)}).rfind("file,id,", 0) == 0);    // no BOM by default
    }
    SUBCASE("RFC 4180 quoting, and formulas kept as text") {
        CHECK(report::csv_field("plain") == "plain");
        CHECK(report::csv_field("a,b") == "\"a,b\"");
        CHECK(report::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
        CHECK(report::csv_field("two\nlines") == "\"two\nlines\"");
        CHECK(report::csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
        CHECK(report::csv_field("@sum") == "'@sum");
        core::Verdict verdict;
        verdict.conversation.file = "a,\"b\".txt";
        verdict.conversation.id = "x";
        const auto rows = parse_csv(test::render("csv", {verdict}));
        CHECK(rows[1][0] == "a,\"b\".txt");
    }
}
