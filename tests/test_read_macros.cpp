#include <doctest/doctest.h>

#include "read/html.hpp"
#include "read/macros.hpp"
#include "read_fixtures.hpp"
#include "util/utf8.hpp"

using namespace qalint;

namespace {
uint32_t char_offset(const std::string& text, const std::string& part) {
    return static_cast<uint32_t>(util::count_chars(text.substr(0, text.find(part))));
}
}  // namespace

TEST_CASE("read::parse_markdown_macro") {
    SUBCASE("front matter, headings, code fences and comments are not reply text; lines are kept") {
        const auto result = test::read_fixture_input("macro.md");
        REQUIRE(result.conversations.size() == 1);
        const auto& macro = result.conversations[0];
        CHECK(macro.source == core::Source::macro);
        CHECK(macro.id == "macro");
        REQUIRE(macro.turns.size() == 1);
        const auto& reply = macro.turns[0];
        CHECK(reply.role == core::Role::agent);
        CHECK(reply.text ==
              "Здравствуйте, {{ticket.requester.first_name}}!\nПриносим извинения за задержку.\n"
              "Я лично прослежу за заказом и напишу вам до 18:00.\nС уважением,  служба поддержки");
        CHECK(reply.line() == 8);
        CHECK(macro.first_line == 8);
        const auto personally = core::source_position(reply, char_offset(reply.text, "Я лично"));
        CHECK(personally.line == 11);
        CHECK(personally.column == 3);
        const auto team = core::source_position(reply, char_offset(reply.text, "служба"));
        CHECK(test::source_text("macro.md", team.line, team.column, 6) == "служба");
        CHECK(result.problems.empty());  // a macro's speaker is the agent
    }
}

TEST_CASE("read::parse_html_macro") {
    SUBCASE("tags stripped, head/script/style hidden, entities decoded, <br>/<p> as line breaks") {
        const auto result = test::read_fixture_input("macro.html");
        REQUIRE(result.conversations.size() == 1);
        const auto& reply = result.conversations[0].turns.at(0);
        CHECK(result.conversations[0].source == core::Source::macro);
        CHECK(reply.text ==
              "Здравствуйте!\nЭто не моя компетенция — обратитесь\nв бухгалтерию.\nСпасибо за обращение "
              "🙂");
        const auto competence = core::source_position(reply, char_offset(reply.text, "не моя"));
        CHECK(competence.line == 6);
        CHECK(test::source_text("macro.html", competence.line, competence.column, 18) == "не моя компетенция");
        const auto accounting = core::source_position(reply, char_offset(reply.text, "бухгалтерию"));
        CHECK(test::source_text("macro.html", accounting.line, accounting.column, 11) == "бухгалтерию");
    }
    SUBCASE("entities") {
        CHECK(read::decode_entity("&amp;x")->text == "&");
        CHECK(read::decode_entity("&amp;x")->length == 5);
        CHECK(read::decode_entity("&#1078;")->text == "ж");
        CHECK(read::decode_entity("&#x41;")->text == "A");
        CHECK(read::decode_entity("&nbsp;")->text == " ");
        CHECK(read::decode_entity("&#9999999;")->text == "\xEF\xBF\xBD");
        CHECK_FALSE(read::decode_entity("&unknown;"));
        CHECK_FALSE(read::decode_entity("& b"));
        CHECK_FALSE(read::decode_entity("&#99999999999999;"));  // no ';' close enough: text
    }
    SUBCASE("broken markup does not crash") {
        for (const char* html :
             {"<p", "<!-- open", "a < b > c", "<script>never closed", "<<<&&&>>>", "<p title=\"x>y\">t</p>"}) {
            const auto turn = read::html_to_text(read::turn_of_file(html));
            REQUIRE(turn);
            CHECK(turn->pieces.size() >= 1);
        }
        CHECK(read::html_to_text(read::turn_of_file("<p title=\"x>y\">t</p>"))->text == "t");
        CHECK(read::html_to_text(read::turn_of_file("a < b"))->text == "a < b");
    }
}

namespace {
// The text at (line, column) of `text`, `length` characters long.
std::string text_at(std::string_view text, core::Position at, size_t length) {
    size_t start = 0;
    for (uint32_t line = 1; line < at.line; ++line) start = text.find('\n', start) + 1;
    const std::string_view rest = text.substr(start);
    const size_t begin = util::prefix_chars(rest, at.column - 1).size();
    return std::string(util::prefix_chars(rest.substr(begin), length));
}

core::Turn visible_text(std::string_view html) {
    auto turn = read::html_to_text(read::turn_of_file(html));
    REQUIRE(turn);
    return std::move(*turn);
}
}  // namespace

TEST_CASE("read::html_to_text reads HTML as a browser does") {
    SUBCASE("every named and numeric entity; positions of the words after them are kept") {
        const std::string html =
            "<p>A&ccaron;i&#363;, kad palauk&euml;te &ndash; u&zcaron; kantryb&#x119;!</p>\n"
            "<p>&#1057;&#1087;&#1072;&#1089;&#1080;&#1073;&#1086; &Scaron;iandien &laquo;ok&raquo; AT&T &copy 2024</p>";
        const auto turn = visible_text(html);
        CHECK(turn.text == "Ačiū, kad palaukëte – už kantrybę!\nСпасибо Šiandien «ok» AT&T © 2024");
        for (const char* word : {"kad", "kantryb", "AT&T", "2024"}) {
            const auto at = core::source_position(turn, char_offset(turn.text, word));
            CHECK_MESSAGE(text_at(html, at, util::count_chars(word)) == word, word);
        }
        // A character from an entity points at the entity.
        const auto thanks = core::source_position(turn, char_offset(turn.text, "č"));
        CHECK(text_at(html, thanks, 8) == "&ccaron;");
        const auto spasibo = core::source_position(turn, char_offset(turn.text, "Спасибо"));
        CHECK(spasibo.line == 2);
        CHECK(spasibo.column == 4);
    }
    SUBCASE("broken markup, block elements and <br> as line breaks, script and style dropped") {
        const std::string html =
            "<div>Hello<br/>there<ul><li>one<li>two</ul><h2>Title</h2><table><tr><td>a<td>b</table>"
            "<SCRIPT>var x = '<p>no</p>';</SCRIPT><style>p{}</style><!-- note --><p>We <b>will <i>help</b> you</i>"
            "</span></div></p>tail";
        CHECK(visible_text(html).text == "Hello\nthere\none\ntwo\nTitle\na\nb\nWe will help you\ntail");
        CHECK(visible_text("<p>spaced   \n  out&nbsp;text</p>").text == "spaced out text");
        CHECK(visible_text("no&shy;where").text == "nowhere");
    }
    SUBCASE("HTML nested deeper than any reply is refused, quickly") {
        std::string deep;
        for (int i = 0; i < 200000; ++i) deep += "<div>";
        const auto turn = read::html_to_text(read::turn_of_file(deep));
        REQUIRE_FALSE(turn);
        CHECK(turn.error().find("nested") != std::string::npos);
        std::string wide;
        for (int i = 0; i < 2000; ++i) wide += "<p>line<br>";
        CHECK(read::html_to_text(read::turn_of_file(wide)));
    }
    SUBCASE("every entity HTML names, in WebVTT cues too") {
        CHECK(read::decode_entity("&ccaron;x")->text == "č");
        CHECK(read::decode_entity("&ccaron;x")->length == 8);
        CHECK(read::decode_entity("&eogon;")->text == "ę");
        CHECK(read::decode_entity("&semi;")->text == ";");
        CHECK(read::decode_entity("&notin;")->text == "∉");
    }
}

TEST_CASE("read::parse_zendesk_macros") {
    SUBCASE("one macro per entry; HTML stripped; placeholders kept; macros without a comment dropped") {
        const auto result = test::read_fixture_input("macros_zendesk.json");
        REQUIRE(result.conversations.size() == 2);
        const auto& refund = result.conversations[0];
        CHECK(refund.id == "360001");
        CHECK(refund.source == core::Source::macro);
        const auto& reply = refund.turns.at(0);
        CHECK(
            reply.text ==
            "Hi {{ticket.requester.first_name}},\nThank you for your patience & sorry for the wait. I've refunded the "
            "order myself.\nIs there anything else I can help with?");
        const auto sorry = core::source_position(reply, char_offset(reply.text, "sorry"));
        CHECK(sorry.line == 8);
        CHECK(test::source_text("macros_zendesk.json", sorry.line, sorry.column, 5) == "sorry");
        // ["channel:all", "text"] values; the \n escape is a line break in the reply.
        const auto& department = result.conversations[1].turns.at(0);
        CHECK(department.text == "Hello,\nThat's not our department, please contact the courier.");
        const auto courier = core::source_position(department, char_offset(department.text, "courier"));
        CHECK(test::source_text("macros_zendesk.json", courier.line, courier.column, 7) == "courier");
    }
    SUBCASE("a single {\"macro\": …} named by its title") {
        const auto result = test::read_fixture_input("macro_single_zendesk.json");
        REQUIRE(result.conversations.size() == 1);
        CHECK(result.conversations[0].id == "Sveikinimas");
        CHECK(result.conversations[0].turns.at(0).text ==
              "Laba diena, {{ticket.requester.first_name}}! Ačiū, kad kreipėtės.");
    }
    SUBCASE("forced format on the wrong shape is an error") {
        read::ReadOptions options;
        options.format = "zendesk";
        const auto result = read::read_input("x.json", "{\"a\": 1}", options);
        CHECK(test::has_problem(result, "not a Zendesk macro export", false));
    }
}

TEST_CASE("core::char_offset finds the piece of a position among many, in or out of source order") {
    core::Turn turn;
    for (uint32_t line = 1; line <= 1000; ++line) turn.pieces.push_back({(line - 1) * 10, line, line % 3 + 1});
    CHECK(core::char_offset(turn, {1, 2}) == 0u);
    CHECK(core::char_offset(turn, {500, 500 % 3 + 1 + 4}) == 4994u);
    CHECK(core::char_offset(turn, {1000, 1}) == std::nullopt);    // before the piece's column
    CHECK(core::char_offset(turn, {1001, 1}) == std::nullopt);
    for (uint32_t offset : {0u, 123u, 9999u})
        CHECK(core::char_offset(turn, core::source_position(turn, offset)) == offset);
    // A piece out of source order is still found.
    core::Turn shuffled;
    for (uint32_t line = 10; line <= 20; ++line) shuffled.pieces.push_back({(line - 10) * 10, line, 1});
    shuffled.pieces.push_back({200, 3, 40});
    CHECK(core::char_offset(shuffled, {3, 45}) == 205u);
    CHECK(core::char_offset(shuffled, {15, 3}) == 52u);
}
