#include <doctest/doctest.h>

#include "report/markdown_report.hpp"
#include "report_support.hpp"

using namespace qalint;

TEST_CASE("report::markdown") {
    const core::Verdict bad = test::judged(test::deflecting_chat, "chats/bad.txt");
    const core::Verdict good = test::judged(test::wow_chat, "chats/good.txt");
    const std::string out = test::render("markdown", {bad, good});

    SUBCASE("summary tables first: levels, then counts per rule") {
        CHECK(out.rfind("## qalint report", 0) == 0);
        CHECK(out.find("| 🔴 disappointment | 1 |") != std::string::npos);
        CHECK(out.find("| 🟢 wow | 1 |") != std::string::npos);
        CHECK(out.find("| not-my-competence | anti-pattern | error | 1 | 1 |") != std::string::npos);
        CHECK(out.find("| Rule |") < out.find("### Findings"));
    }
    SUBCASE("the findings, with where, match and advice; good practice only counted") {
        CHECK(out.find("| chats/bad.txt:3:15 | bad | error | not-my-competence | «not my department» |") !=
              std::string::npos);
        CHECK(out.find("<br>→ ") != std::string::npos);
        CHECK(out.find("| chats/good.txt:") == std::string::npos);
    }
    SUBCASE("table cells are escaped") {
        CHECK(report::markdown_cell("a|b") == "a\\|b");
        CHECK(report::markdown_cell("<script>") == "&lt;script&gt;");
        CHECK(report::markdown_cell("one\ntwo") == "one<br>two");
        CHECK(report::markdown_cell("*bold*") == "\\*bold\\*");
    }
    SUBCASE("input problems are listed; no findings says so") {
        const std::string clean = test::render("markdown", {}, {{"x.txt", "binary file", false}});
        CHECK(clean.find("### Input problems") != std::string::npos);
        CHECK(clean.find("x.txt: binary file") != std::string::npos);
        CHECK(clean.find("No anti-patterns found.") != std::string::npos);
    }
}
