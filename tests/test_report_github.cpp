#include <doctest/doctest.h>

#include <sstream>

#include "report/github_report.hpp"
#include "report_support.hpp"

using namespace qalint;

TEST_CASE("report::github") {
    SUBCASE("one annotation per anti-pattern: error, warning or notice; good practice is not annotated") {
        const core::Verdict verdict = test::judged(test::deflecting_chat);
        const std::string out = test::render("github", {verdict}, {{"chats/bad.txt", "binary file", false}});
        CHECK(out.find("::error file=chats/chat.txt,line=3,col=15,endColumn=32,title=not-my-competence::") !=
              std::string::npos);
        CHECK(out.find("::warning file=chats/chat.txt,line=3,") != std::string::npos);
        CHECK(out.find("title=greeting") == std::string::npos);
        CHECK(out.find("::error file=chats/bad.txt,title=qalint::binary file") != std::string::npos);
        std::istringstream lines(out);
        std::string line;
        size_t annotations = 0;
        while (std::getline(lines, line)) annotations += line.rfind("::", 0) == 0;
        size_t expected = 1;  // the input problem
        for (const auto& finding : verdict.findings) expected += finding.category != core::Category::good_practice;
        CHECK(annotations == expected);
        // One of each, in the singular.
        CHECK(out.find("qalint: 1 conversation (0 macros) in 1 file: ") != std::string::npos);
    }
    SUBCASE("paths as from the repository root: no ./ prefix, in annotations and input problems") {
        const core::Verdict verdict = test::judged(test::deflecting_chat, "./macros/./refund.txt");
        const std::string out = test::render("github", {verdict}, {{"./macros/bad.txt", "binary file", false}});
        CHECK(out.find("file=./") == std::string::npos);
        CHECK(out.find("::error file=macros/./refund.txt,line=3,") != std::string::npos);
        CHECK(out.find("::error file=macros/bad.txt,title=qalint::binary file") != std::string::npos);
    }
    SUBCASE("escaping as the workflow commands require") {
        CHECK(report::github_escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext");
        CHECK(report::github_escape_data("a: b, c") == "a: b, c");
        CHECK(report::github_escape_property("C:\\x,y.txt") == "C%3A\\x%2Cy.txt");
        CHECK(report::github_escape_property("50%\n") == "50%25%0A");
    }
    SUBCASE("the advice follows the message on its own line, still one physical line") {
        const core::Verdict verdict = test::judged(test::deflecting_chat);
        const std::string out = test::render("github", {verdict});
        const size_t at = out.find("title=not-my-competence::");
        REQUIRE(at != std::string::npos);
        const std::string line = out.substr(at, out.find('\n', at) - at);
        CHECK(line.find("%0A→ ") != std::string::npos);
    }
}
