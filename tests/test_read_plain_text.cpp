#include <doctest/doctest.h>

#include "read/plain_text.hpp"
#include "read/reader.hpp"
#include "util/utf8.hpp"

using namespace qalint;

namespace {
read::ReadResult read_text(const std::string& text, const std::string& path = "chat.txt") {
    read::ReadOptions options;
    return read::read_input(path, text, options);
}
}  // namespace

TEST_CASE("read::parse_plain_text") {
    SUBCASE("speaker lines, roles from built-in names, source positions") {
        const auto result = read_text("Оператор Ольга: Здравствуйте!\nКлиент: Где мой заказ?\n");
        REQUIRE(result.conversations.size() == 1);
        const auto& turns = result.conversations[0].turns;
        REQUIRE(turns.size() == 2);
        CHECK(turns[0].speaker == "Оператор Ольга");
        CHECK(turns[0].role == core::Role::agent);
        CHECK(turns[0].text == "Здравствуйте!");
        CHECK(turns[0].pieces[0].line == 1);
        CHECK(turns[0].pieces[0].column == 17);    // characters, not bytes
        CHECK(turns[1].role == core::Role::customer);
        CHECK(turns[1].line() == 2);
        CHECK(result.conversations[0].id == "chat");
        CHECK(result.conversations[0].agent_name() == "Оператор Ольга");
    }
    SUBCASE("timestamps in brackets, bare, and with a date") {
        const auto result = read_text("[00:01:23] Agent: Hi\n12:04 Customer: Hello\n[2024-05-01 10:00:05] Agent: Bye\n");
        const auto& turns = result.conversations.at(0).turns;
        REQUIRE(turns.size() == 3);
        CHECK(turns[0].seconds == doctest::Approx(83));
        CHECK(turns[1].seconds == doctest::Approx(12 * 3600 + 4 * 60));
        CHECK(turns[2].seconds == doctest::Approx(36005));
        CHECK(turns[0].pieces[0].column == 19);
    }
    SUBCASE("a line without a speaker continues the previous turn") {
        const auto result = read_text("Agent: first line\n  second line\nCustomer: ok");
        const auto& turns = result.conversations.at(0).turns;
        REQUIRE(turns.size() == 2);
        CHECK(turns[0].text == "first line\nsecond line");
        REQUIRE(turns[0].pieces.size() == 2);
        CHECK(turns[0].pieces[1].line == 2);
        CHECK(turns[0].pieces[1].column == 3);
        CHECK(core::source_position(turns[0], 11).line == 2);
        CHECK(core::source_position(turns[0], 13).column == 5);
    }
    SUBCASE("a turn continued over thousands of lines keeps every line's position") {
        // A pasted log: each continuation line's piece starts where the text so far ends.
        std::string text = "Агент: журнал ниже\n";
        for (int i = 0; i < 3000; ++i) text += "  строка " + std::to_string(i) + "\n";
        text += "Клиент: спасибо\n";
        const auto result = read_text(text);
        const auto& turns = result.conversations.at(0).turns;
        REQUIRE(turns.size() == 2);
        REQUIRE(turns[0].pieces.size() == 3001);
        const auto& last = turns[0].pieces.back();
        CHECK(last.line == 3001);
        CHECK(last.column == 3);
        const std::string_view before_last = std::string_view(turns[0].text).substr(0, turns[0].text.rfind('\n') + 1);
        CHECK(last.text_offset == util::count_chars(before_last));
        const auto at = core::source_position(turns[0], last.text_offset + 7);    // "строка 2999": the 2
        CHECK(at.line == 3001);
        CHECK(at.column == 10);
        CHECK(turns[1].line() == 3002);
    }
    SUBCASE("speakers without a role are named in one warning, the first ten of many") {
        std::string text;
        for (int i = 0; i < 15; ++i) text += "Person" + std::to_string(i) + ": hello\n";
        const auto result = read_text(text);
        REQUIRE(result.conversations.size() == 1);
        CHECK(result.conversations[0].turns.size() == 15);
        REQUIRE(result.problems.size() == 1);
        const std::string& message = result.problems[0].message;
        CHECK(result.problems[0].warning);
        CHECK(message.find("'Person0', 'Person1'") != std::string::npos);
        CHECK(message.find("'Person9' and 5 more") != std::string::npos);
        CHECK(message.find("Person10") == std::string::npos);
    }
    SUBCASE("--- separates conversations, ids are numbered") {
        const auto result = read_text("Agent: a\nCustomer: b\n---\nAgent: c\nCustomer: d\n");
        REQUIRE(result.conversations.size() == 2);
        CHECK(result.conversations[0].id == "chat#1");
        CHECK(result.conversations[1].id == "chat#2");
        CHECK(result.conversations[1].first_line == 4);
    }
    SUBCASE("conversations are handed to `each` in order, finished, with ids that count the whole file") {
        const auto ids = [](const std::string& text) {
            std::vector<std::string> seen;
            const auto result = read::read_input("log/chat.txt", text, {}, [&](core::Conversation&& conversation) {
                CHECK(conversation.file == "log/chat.txt");
                CHECK(conversation.turns.front().role == core::Role::agent);    // roles assigned
                seen.push_back(conversation.id);
            });
            CHECK(result.conversations.empty());
            return seen;
        };
        CHECK(ids("Agent: a\n---\nAgent: b\n---\nAgent: c\n") == std::vector<std::string>{"chat#1", "chat#2", "chat#3"});
        // Separators with nothing between or after them do not count.
        CHECK(ids("---\nAgent: a\n---\n---\n\n---\n") == std::vector<std::string>{"chat"});
        CHECK(ids("Agent: a\n---\n---\nAgent: b\n---\n") == std::vector<std::string>{"chat#1", "chat#2"});
        CHECK(ids("").empty());
        std::string many;
        for (int i = 0; i < 1000; ++i) many += "Agent: hello " + std::to_string(i) + "\n---\n";
        const auto thousand = ids(many);
        REQUIRE(thousand.size() == 1000);
        CHECK(thousand.back() == "chat#1000");
    }
    SUBCASE("BOM and CRLF") {
        const auto result = read_text("\xEF\xBB\xBF" "Agent: Labas\r\nKlientas: Sveiki\r\n");
        const auto& turns = result.conversations.at(0).turns;
        REQUIRE(turns.size() == 2);
        CHECK(turns[0].speaker == "Agent");
        CHECK(turns[0].text == "Labas");
        CHECK(turns[1].role == core::Role::customer);
    }
    SUBCASE("two personal names: the one who opens is the agent") {
        const auto result = read_text("Ольга: Добрый день!\nИван: Здравствуйте\nОльга: Слушаю вас");
        const auto& turns = result.conversations.at(0).turns;
        CHECK(turns[0].role == core::Role::agent);
        CHECK(turns[1].role == core::Role::customer);
        CHECK(turns[2].role == core::Role::agent);
    }
    SUBCASE("one known role names the other speaker") {
        const auto result = read_text("Rūta: Laba diena\nKlientas: Sveiki\n");
        CHECK(result.conversations.at(0).turns[0].role == core::Role::agent);
    }
    SUBCASE("URLs and sentences with colons are not speakers") {
        CHECK_FALSE(read::parse_speaker_prefix("https://example.com/help"));
        CHECK_FALSE(read::parse_speaker_prefix("Well, here is the thing: no"));
        CHECK(read::parse_speaker_prefix("Agent Sarah: hi")->speaker == "Agent Sarah");
    }
    SUBCASE("a binary file is an error naming the reason; invalid UTF-8 is a warning with its line") {
        const auto binary = read_text(std::string("Agent: hi\0\x01\x02", 12));
        REQUIRE(binary.problems.size() == 1);
        CHECK_FALSE(binary.problems[0].warning);
        CHECK(binary.problems[0].message.find("binary") != std::string::npos);
        const auto invalid = read_text("Agent: ok\nCustomer: bad \xC3\x28 byte\n");
        REQUIRE(invalid.problems.size() == 1);
        CHECK(invalid.problems[0].warning);
        CHECK(invalid.problems[0].message.find("line 2") != std::string::npos);
        CHECK(invalid.conversations.at(0).turns.size() == 2);
    }
    SUBCASE("UTF-16 with a BOM is converted") {
        const std::string utf16("\xFF\xFE" "A\0g\0:\0 \0h\0i\0", 14);
        const auto result = read_text(utf16);
        REQUIRE(result.conversations.size() == 1);
        CHECK(result.conversations[0].turns.at(0).speaker == "Ag");
        CHECK(result.conversations[0].turns.at(0).text == "hi");
    }
    SUBCASE("an empty file yields a warning, not a conversation") {
        const auto result = read_text("\n\n");
        CHECK(result.conversations.empty());
        REQUIRE(result.problems.size() == 1);
        CHECK(result.problems[0].warning);
    }
}

TEST_CASE("read::parse_plain_text warns once per file of a line of megabytes, read as one turn") {
    std::string text = "Agent: Hello!\nCustomer: ";
    for (int i = 0; text.size() < (3u << 20); ++i) text += "where is my parcel ";
    text += "\nAgent: " + std::string(2u << 20, 'x') + "\n";
    const auto result = read_text(text);
    REQUIRE(result.conversations.size() == 1);
    CHECK(result.conversations[0].turns.size() == 3);
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].warning);
    CHECK(result.problems[0].message == "line 2: one line of 3.0 MB: read as one turn");
    CHECK(read_text("Agent: " + std::string(1000, 'x') + "\n").problems.empty());
}
