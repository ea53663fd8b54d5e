#include <doctest/doctest.h>

#include <functional>

#include "read/csv.hpp"
#include "read_fixtures.hpp"

using namespace qalint;

TEST_CASE("read::parse_csv") {
    SUBCASE("RFC 4180: quoted commas, doubled quotes and line breaks; grouped by conversation_id") {
        const auto result = test::read_fixture_input("chat.csv");
        REQUIRE(result.conversations.size() == 2);
        const auto& first = result.conversations[0];
        CHECK(first.id == "A1");
        REQUIRE(first.turns.size() == 3);
        CHECK(first.turns[0].speaker == "Olga");
        CHECK(first.turns[0].role == core::Role::agent);
        CHECK(first.turns[0].text == "Добрый день, меня зовут Ольга. Чем могу помочь?");
        CHECK(first.turns[0].line() == 2);
        CHECK(first.turns[0].pieces[0].column == 25);
        CHECK(first.turns[0].seconds == doctest::Approx(36001));
        CHECK(first.turns[1].text == "Здравствуйте, \"заказ 55\" не пришёл, а обещали\nвчера");
        const auto order = core::source_position(first.turns[1], 15);
        CHECK(test::source_text("chat.csv", order.line, order.column, 5) == "заказ");
        const auto yesterday = core::source_position(first.turns[1], 46);
        CHECK(yesterday.line == 4);
        CHECK(yesterday.column == 1);
        CHECK(first.turns[2].line() == 5);
        // A lone speaker with no role value and no role word stays unknown, reported once.
        CHECK(result.conversations[1].turns.at(0).role == core::Role::unknown);
        CHECK(test::has_problem(result, "'Jonas'", true));
    }
    SUBCASE("TSV by extension, without an id column") {
        const auto result = test::read_fixture_input("chat.tsv");
        REQUIRE(result.conversations.size() == 1);
        CHECK(result.conversations[0].id == "chat");
        REQUIRE(result.conversations[0].turns.size() == 2);
        CHECK(result.conversations[0].turns[1].text == "My bill, again");
        CHECK(result.conversations[0].turns[1].role == core::Role::customer);
    }
    SUBCASE("an unterminated quote and a header without a text column are errors") {
        const auto open = read::read_input("x.csv", "speaker,text\nAgent,\"Hello\nCustomer,hi\n", {});
        CHECK(test::has_problem(open, "line 2: unterminated quoted field", false));
        const auto no_text = read::read_input("x.csv", "a,b\n1,2\n", {});
        CHECK(test::has_problem(no_text, "no text column", false));
    }
    SUBCASE("interleaved ids: each conversation whole, in the order the ids first appear, handed over in turn") {
        const std::string csv =
            "chat_id,role,text\n"
            "b,agent,b1\n"
            "a,agent,a1\n"
            "b,customer,b2\n"
            "c,agent,c1\n"
            "a,customer,\n"    // no text: not a turn, and not a's last row
            "c,customer,c2\n"
            "b,agent,b3\n";
        std::vector<std::string> seen;
        const auto result = read::read_input("x.csv", csv, {}, [&](core::Conversation&& conversation) {
            std::string turns;
            for (const auto& turn : conversation.turns) turns += turn.text + " ";
            seen.push_back(conversation.id + ": " + turns);
        });
        CHECK(result.problems.empty());
        CHECK(seen == std::vector<std::string>{"b: b1 b2 b3 ", "a: a1 ", "c: c1 c2 "});
        // Without an id column the file is one conversation; rows without text are left out.
        const auto one = read::read_input("x.csv", "role,text\nagent,hi\ncustomer,\ncustomer,yo\n", {});
        REQUIRE(one.conversations.size() == 1);
        CHECK(one.conversations[0].turns.size() == 2);
    }
    SUBCASE("a quote left open: the conversations before it are read, the error names its line") {
        const auto result = read::read_input(
            "x.csv", "chat_id,role,text\na,agent,hi\na,customer,thanks\nb,agent,\"hello\nb,customer,x\n", {});
        CHECK(test::has_problem(result, "line 4: unterminated quoted field", false));
        REQUIRE(result.conversations.size() == 1);
        CHECK(result.conversations[0].id == "a");
        CHECK(result.conversations[0].turns.size() == 2);
        // A header without a text column still names the broken quote further down.
        const auto both = read::read_input("x.csv", "a,b\n1,\"2\n", {});
        CHECK(test::has_problem(both, "line 2: unterminated quoted field", false));
        CHECK(test::has_problem(both, "no text column", false));
    }
    SUBCASE("for_each_csv_record keeps empty fields and semicolon files; `keep` reads only some cells") {
        const auto records = [](std::string_view text, const std::function<bool(size_t)>& keep) {
            std::string error;
            std::vector<read::CsvRecord> out;
            read::for_each_csv_record(text, ';', error, [&](read::CsvRecord&& record) {
                out.push_back(std::move(record));
                return true;
            }, keep);
            CHECK(error.empty());
            return out;
        };
        const auto all = records("a;;\"c;d\"\n", nullptr);
        REQUIRE(all.size() == 1);
        REQUIRE(all[0].size() == 3);
        CHECK(all[0][1].value.empty());
        CHECK(all[0][2].value.text() == "c;d");
        // Only the second column read: the first stays empty, yet a line with text in it alone is
        // still a record, and a blank line still is not.
        const auto second = records("x\n\n\"q\";y\n", [](size_t column) { return column == 1; });
        REQUIRE(second.size() == 2);
        CHECK(second[0].size() == 1);
        CHECK(second[0][0].value.empty());
        CHECK(second[1][0].value.empty());
        CHECK(second[1][1].value.text() == "y");
        CHECK(second[1][1].line == 3);
    }
    SUBCASE("for_each_csv_record with blank_lines hands a blank line over as a row, but not the end of the text") {
        std::string error;
        std::vector<read::CsvRecord> rows;
        read::for_each_csv_record("a\n\n\"b\nc\"\n\nd\n", ',', error, [&](read::CsvRecord&& record) {
            rows.push_back(std::move(record));
            return true;
        }, nullptr, true);
        CHECK(error.empty());
        REQUIRE(rows.size() == 5);
        CHECK(rows[1].size() == 1);
        CHECK(rows[1][0].value.empty());
        CHECK(rows[2][0].value.text() == "b\nc");
        CHECK(rows[3][0].value.empty());
        CHECK(rows[4][0].value.text() == "d");
    }
}
