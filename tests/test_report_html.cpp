#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

#include "report/agent_names.hpp"
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
    // Both conversations are in chats/chat.txt, their agent called by a role word.
    CHECK(totals.agents.size() == 1);
    CHECK(totals.agents.at("file:chats/chat.txt").conversations == 2);
    CHECK(totals.agents.at("file:chats/chat.txt").anti_patterns.at("not-my-competence").findings == 1);
    CHECK(totals.agents.at("file:chats/chat.txt").anti_patterns.at("not-my-competence").conversations == 1);
    CHECK(totals.languages.at("en").conversations == 2);
    size_t histogram = 0;
    for (auto n : totals.scores) histogram += n;
    CHECK(histogram == 2);
    // Ranked by level, then findings, then id: "b" and "d" tie.
    totals.rules["a"].level = core::Level::error;
    for (const char* id : {"b", "c", "d"}) totals.rules[id].level = core::Level::warning;
    const auto top = report::ranked_rules({{"a", {1, 1}}, {"b", {3, 1}}, {"c", {2, 1}}, {"d", {3, 2}}}, totals, 3);
    REQUIRE(top.size() == 3);
    CHECK(top[0].first == "a");
    CHECK(top[1].first == "b");
    CHECK(top[2].first == "d");
}

namespace {

core::Verdict with_agent(std::string speaker, const std::string& file) {
    core::Verdict verdict = test::judged(test::deflecting_chat, file);
    for (auto& turn : verdict.conversation.turns)
        if (turn.role == core::Role::agent) turn.speaker = speaker;
    return verdict;
}

}  // namespace

TEST_CASE("report::agent_names") {
    SUBCASE("role words and diarisation labels name nobody") {
        for (const char* label : {"agent",
                                  "Agent",
                                  "AGENT",
                                  "operator",
                                  "Оператор",
                                  "оператор",
                                  "Konsultantė",
                                  "konsultantas",
                                  "Support",
                                  "Customer Support",
                                  "служба поддержки",
                                  "spk_0",
                                  "SPK1",
                                  "speaker 1",
                                  "Speaker A",
                                  "SPEAKER_00",
                                  "S1",
                                  "s2",
                                  "ch_0",
                                  "Channel 1",
                                  "Agent 2",
                                  "Спикер 1",
                                  "Kalbėtojas 2",
                                  "",
                                  "  "})
            CHECK_MESSAGE(!report::is_agent_name(label), label);
    }
    SUBCASE("names are names, a role word before them or not") {
        for (const char* name : {"Anna", "Tomas", "Ольга", "Оператор Ольга", "Agent Smith", "Jūratė", "Li"})
            CHECK_MESSAGE(report::is_agent_name(name), name);
    }
    SUBCASE("the scorecard: an unnamed agent per file, never merged across files; names case-insensitively") {
        report::Aggregates totals;
        totals.add(with_agent("Agent", "acme/export.txt"));
        totals.add(with_agent("Agent", "acme/export.txt"));
        totals.add(with_agent("AGENT", "globex/calls.txt"));
        totals.add(with_agent("spk_0", "globex/call1.txt"));
        totals.add(with_agent("Anna Petrova", "acme/export.txt"));
        totals.add(with_agent("ANNA  PETROVA", "globex/calls.txt"));
        REQUIRE(totals.agents.size() == 4);
        CHECK(totals.agents.at("file:acme/export.txt").conversations == 2);
        CHECK(totals.agents.at("file:acme/export.txt").name.empty());
        CHECK(totals.agents.at("file:globex/calls.txt").conversations == 1);
        CHECK(totals.agents.at("file:globex/call1.txt").conversations == 1);
        CHECK(totals.agents.at("name:anna petrova").conversations == 2);
        CHECK(totals.agents.at("name:anna petrova").name == "Anna Petrova");
        CHECK(totals.agents.count("name:agent") == 0);
        CHECK(totals.agents.count("name:spk_0") == 0);
    }
    SUBCASE("the HTML agents table says (unnamed agent) and the file, not the label") {
        const std::string html =
            test::render("html", {with_agent("spk_0", "calls/one.txt"), with_agent("Operator", "calls/two.txt")});
        const std::string table = html.substr(html.find("<h2>Agents</h2>"), html.find("<h2>Agents</h2>") + 2000);
        CHECK(count_of(table.substr(0, table.find("</table>")), "(unnamed agent)") == 2);
        CHECK(table.find("calls/one.txt") < table.find("</table>"));
        CHECK(table.find("calls/two.txt") < table.find("</table>"));
        CHECK(table.substr(0, table.find("</table>")).find("spk_0") == std::string::npos);
    }
}
