#include <doctest/doctest.h>

#include "read/cues.hpp"
#include "read/webvtt.hpp"
#include "read_fixtures.hpp"
#include "util/utf8.hpp"

using namespace qalint;

TEST_CASE("read::parse_webvtt") {
    SUBCASE("Teams export: unpadded timestamps, voice spans, cue ids, NOTE and STYLE skipped") {
        const auto result = test::read_fixture_input("teams.vtt");
        CHECK(result.problems.empty());
        REQUIRE(result.conversations.size() == 1);
        const auto& conversation = result.conversations[0];
        CHECK(conversation.id == "teams");
        REQUIRE(conversation.turns.size() == 4);
        const auto& first = conversation.turns[0];
        CHECK(first.speaker == "Оператор Ольга");
        CHECK(first.role == core::Role::agent);
        CHECK(first.text == "Добрый день! Меня зовут Ольга. Чем могу помочь?");
        CHECK(first.seconds == doctest::Approx(0));
        CHECK(first.line() == 12);
        CHECK(first.pieces[0].column == 19);  // after "<v Оператор Ольга>"
        CHECK(conversation.turns[1].speaker == "Иван Петров");
        CHECK(conversation.turns[1].role == core::Role::customer);
        CHECK(conversation.turns[1].seconds == doctest::Approx(5.1));
        // Two cues of one speaker in a row are one turn; the entity is decoded.
        const auto& merged = conversation.turns[2];
        CHECK(merged.text == "Понимаю, как это неприятно.\nЯ проверю & перезвоню вам\nсегодня до 15:00.");
        const auto today = static_cast<uint32_t>(util::count_chars(merged.text.substr(0, merged.text.find("сегодня"))));
        CHECK(core::source_position(merged, today).line == 24);
        CHECK(core::source_position(merged, today).column == 1);
        const auto call_back =
            static_cast<uint32_t>(util::count_chars(merged.text.substr(0, merged.text.find("перезвоню"))));
        CHECK(core::source_position(merged, call_back).column == 35);  // after "&amp; "
        CHECK(test::source_text("teams.vtt", 23, 35, 9) == "перезвоню");
        // A voice span without </v>.
        CHECK(conversation.turns[3].text == "Спасибо.");
    }
    SUBCASE("thousands of cues of one speaker are one turn, every cue's position kept") {
        std::string vtt = "WEBVTT\n\n";
        for (int i = 0; i < 2000; ++i)
            vtt += "00:00:" + std::string(i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + ".000 --> 00:00:59.000\n<v Агент>часть " +
                   std::to_string(i) + "</v>\n\n";
        read::ReadOptions options;
        const auto result = read::read_input("mono.vtt", vtt, options);
        REQUIRE(result.conversations.size() == 1);
        const auto& turns = result.conversations[0].turns;
        REQUIRE(turns.size() == 1);
        const auto& turn = turns[0];
        const size_t last_line = turn.text.rfind('\n') + 1;
        CHECK(turn.text.substr(last_line) == "часть 1999");
        const auto last = static_cast<uint32_t>(util::count_chars(std::string_view(turn.text).substr(0, last_line)));
        CHECK(core::source_position(turn, last).line == 4 + 3 * 1999);    // the last cue's text line
        CHECK(core::source_position(turn, last).column == 10);             // after "<v Агент>"
    }
    SUBCASE("timestamps: padded, unpadded, minutes only") {
        CHECK(read::parse_cue_time("0:0:5.320") == doctest::Approx(5.32));
        CHECK(read::parse_cue_time("01:02:03.456") == doctest::Approx(3723.456));
        CHECK(read::parse_cue_time("02:03.5") == doctest::Approx(123.5));
        CHECK(read::parse_cue_time("00:00:33,843") == doctest::Approx(33.843));
        CHECK_FALSE(read::parse_cue_time("abc"));
        CHECK_FALSE(read::parse_cue_time("1:2:3:4"));
    }
    SUBCASE("Name: prefixes and Teams JSON payloads name the speaker") {
        const std::string vtt =
            "WEBVTT\n\n00:01.000 --> 00:02.000\nAgent: Hello\n\n"
            "00:00:16.246 --> 00:00:17.726\n{\"speakerName\":\"Customer Jo\",\"spokenText\":\"Hi there\"}\n";
        const auto result = read::read_input("call.vtt", vtt, {});
        const auto& turns = result.conversations.at(0).turns;
        REQUIRE(turns.size() == 2);
        CHECK(turns[0].speaker == "Agent");
        CHECK(turns[0].text == "Hello");
        CHECK(turns[0].pieces[0].column == 8);
        CHECK(turns[1].speaker == "Customer Jo");
        CHECK(turns[1].text == "Hi there");
        CHECK(turns[1].pieces[0].column == 44);
    }
    SUBCASE("detected by content without the extension; UTF-16 LE with BOM and CRLF") {
        const auto result = test::read_fixture_input("utf16le.vtt");
        REQUIRE(result.conversations.size() == 1);
        const auto& turns = result.conversations[0].turns;
        REQUIRE(turns.size() == 2);
        CHECK(turns[0].text == "Labas, kuo galiu padėti?");
        CHECK(turns[1].role == core::Role::customer);
        const auto by_content =
            read::read_input("transcript.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hi\n", {});
        CHECK(by_content.conversations.at(0).turns.at(0).text == "Hi");
    }
    SUBCASE("a malformed timing is an error naming the line; other cues are read") {
        const auto result = read::read_input(
            "bad.vtt", "WEBVTT\n\n00:01.000 --> xx\n<v Agent>Lost\n\n00:03.000 --> 00:04.000\n<v Agent>Kept\n", {});
        CHECK(test::has_problem(result, "line 3: malformed cue timing", false));
        CHECK(result.conversations.at(0).turns.at(0).text == "Kept");
    }
    SUBCASE("garbage and a missing header do not crash") {
        const auto result = read::read_input("x.vtt", "<v\n-->\n\n<<<>>>&#99999999999;&;\n", {});
        CHECK(test::has_problem(result, "no WEBVTT header", true));
        const auto empty = read::read_input("x.vtt", "WEBVTT\n", {});
        CHECK(empty.conversations.empty());
    }
}
