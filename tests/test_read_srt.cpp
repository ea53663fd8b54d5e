#include <doctest/doctest.h>

#include "read/srt.hpp"
#include "read_fixtures.hpp"

using namespace qalint;

TEST_CASE("read::parse_srt") {
    SUBCASE("numbered cues, Name: prefixes, a cue without a name continues the speaker") {
        const auto result = test::read_fixture_input("call.srt");
        CHECK(result.problems.empty());
        REQUIRE(result.conversations.size() == 1);
        const auto& turns = result.conversations[0].turns;
        REQUIRE(turns.size() == 3);
        CHECK(turns[0].speaker == "Konsultantė Rūta");
        CHECK(turns[0].role == core::Role::agent);
        CHECK(turns[0].text == "Laba diena, čia Rūta. Kuo galiu Jums padėti?");
        CHECK(turns[0].line() == 3);
        CHECK(turns[0].pieces[0].column == 19);
        CHECK(turns[0].seconds == doctest::Approx(1.0));
        CHECK(turns[1].role == core::Role::customer);
        CHECK(turns[2].text ==
              "Tai ne mano kompetencija,\nkreipkitės į techninį skyrių.\nir daugiau nieko negaliu padaryti.");
        CHECK(core::source_position(turns[2], 26).line == 12);
        CHECK(core::source_position(turns[2], 56).line == 16);
    }
    SUBCASE("detected by content; blocks without a timing are reported, not dropped silently") {
        const auto result =
            read::read_input("call.txt", "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi\n\nstray text\n", {});
        REQUIRE(result.conversations.size() == 1);
        CHECK(result.conversations[0].turns.at(0).text == "Hi");
        CHECK(test::has_problem(result, "line 5: 1 block without a cue timing", true));
    }
    SUBCASE("subtitles without speakers: one turn, the unknown speaker reported once") {
        const auto result = read::read_input(
            "film.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n", {});
        REQUIRE(result.conversations.at(0).turns.size() == 1);
        CHECK(test::has_problem(result, "turns without a speaker", true));
    }
}
