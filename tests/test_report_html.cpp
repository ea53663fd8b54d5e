#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

#include "report/aggregate.hpp"
#include "report/html_report.hpp"
#include "report_support.hpp"

using namespace qalint;

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

const char* injecting_chat =
    "Agent: Hello, my name is Tom. How can I help you?\n"
    "Customer: <script>document.body.setAttribute('data-pwned','yes')</script> <img src=x onerror=\"alert(1)\">\n"
    "Agent: That's not my department. </td></table><script>alert(2)</script>\n";

}  // namespace

TEST_CASE("report::html") {
    const core::Verdict bad = test::judged(test::deflecting_chat, "chats/bad.txt");
    const core::Verdict good = test::judged(test::wow_chat, "chats/good.txt");
    const std::string html = test::render("html", {bad, good}, {{"chats/broken.txt", "binary file", false}});

    SUBCASE("one self-contained document: no script, no external resource, a CSP that forbids both") {
        CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(html.find("</html>") != std::string::npos);
        CHECK(lower(html).find("<script") == std::string::npos);
        CHECK(html.find("http://") == std::string::npos);
        CHECK(html.find("src=") == std::string::npos);
        CHECK(html.find("<link") == std::string::npos);
        CHECK(html.find("Content-Security-Policy") != std::string::npos);
        CHECK(html.find("default-src 'none'") != std::string::npos);
    }
    SUBCASE("the dashboard comes first: levels, scores, rules, agents, languages as inline SVG and tables") {
        const size_t conversations = html.find("<section class=\"conversations\">");
        REQUIRE(conversations != std::string::npos);
        for (const char* part :
             {"Conversations per level", "Score distribution", "Findings per rule", "Agents", "Languages"})
            CHECK_MESSAGE(html.find(part) < conversations, part);
        CHECK(count_of(html.substr(0, conversations), "<svg") >= 3);
        CHECK(html.find("not-my-competence") < conversations);
        CHECK(html.find("Input problems") < conversations);
    }
    SUBCASE("each conversation with its turns, the matched words marked and the advice beside them") {
        CHECK(count_of(html, "<details class=\"conv") == 2);
        CHECK(html.find("<mark class=\"anti\" title=\"not-my-competence\">not my department</mark>") !=
              std::string::npos);
        CHECK(html.find("<mark class=\"good\" title=\"greeting\">Hello</mark>") != std::string::npos);
        CHECK(html.find("class=\"advice\">→ ") != std::string::npos);
    }
    SUBCASE("every piece of transcript text is escaped") {
        const std::string injected = test::render("html", {test::judged(injecting_chat, "<b>file</b>.txt")});
        CHECK(lower(injected).find("<script") == std::string::npos);
        CHECK(injected.find("<img") == std::string::npos);
        CHECK(injected.find("<b>file") == std::string::npos);
        CHECK(injected.find(
                  "&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;yes&#39;)&lt;/script&gt;") !=
              std::string::npos);
        CHECK(injected.find("&lt;/td&gt;&lt;/table&gt;") != std::string::npos);
        CHECK(report::html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
    SUBCASE("without turn texts (a merged report) the findings are listed instead of the transcript") {
        core::Verdict merged = bad;
        for (auto& turn : merged.conversation.turns) turn = core::Turn{turn.speaker, turn.role, "", {}, std::nullopt};
        const std::string out = test::render("html", {merged});
        CHECK(out.find("<table class=\"turns\">") == std::string::npos);
        CHECK(out.find("«not my department»") != std::string::npos);
    }
}

TEST_CASE("report::aggregate") {
    report::Aggregates totals;
    totals.add(test::judged(test::deflecting_chat));
    totals.add(test::judged(test::wow_chat));
    CHECK(totals.conversations == 2);
    CHECK(totals.ladder[0] == 1);
    CHECK(totals.ladder[2] == 1);
    CHECK(totals.rules.at("not-my-competence").findings == 1);
    CHECK(totals.agents.at("Agent").conversations == 2);
    CHECK(totals.agents.at("Agent").anti_patterns.at("not-my-competence") == 1);
    CHECK(totals.languages.at("en").conversations == 2);
    size_t histogram = 0;
    for (auto n : totals.scores) histogram += n;
    CHECK(histogram == 2);
    const auto top = report::top_counts({{"a", 1}, {"b", 3}, {"c", 2}, {"d", 3}}, 2);
    REQUIRE(top.size() == 2);
    CHECK(top[0].first == "b");
    CHECK(top[1].first == "d");
}
