#include <doctest/doctest.h>


#include "read/json_input.hpp"
#include "read/json_transcripts.hpp"
#include "read_fixtures.hpp"

using namespace qalint;

TEST_CASE("read::parse_contact_lens") {
    SUBCASE("chat: EVENT entries and SYSTEM messages skipped, roles from ParticipantRole") {
        const auto result = test::read_fixture_input("contact_lens_chat.json");
        CHECK(result.problems.empty());
        REQUIRE(result.conversations.size() == 1);
        const auto& turns = result.conversations[0].turns;
        REQUIRE(turns.size() == 3);
        CHECK(turns[0].speaker == "Sarah");
        CHECK(turns[0].role == core::Role::agent);
        CHECK(turns[0].text == "Hi, this is Sarah. How can I help you today?");
        CHECK(turns[0].line() == 17);
        CHECK(turns[0].pieces[0].column == 66);
        CHECK(test::source_text("contact_lens_chat.json", 17, 66, 2) == "Hi");
        CHECK(turns[1].role == core::Role::customer);
        CHECK(turns[1].text == "My card was charged twice, \"order 1234\".");
        CHECK(turns[1].seconds == doctest::Approx(25.5));
        // After the escaped quote the position is still exact.
        const auto at = core::source_position(turns[1], 28);
        CHECK(test::source_text("contact_lens_chat.json", at.line, at.column, 5) == "order");
        CHECK(result.conversations[0].agent_name() == "Sarah");
    }
    SUBCASE("voice: ParticipantId through Participants, offsets in milliseconds") {
        const auto result = test::read_fixture_input("contact_lens_voice.json");
        const auto& turns = result.conversations.at(0).turns;
        REQUIRE(turns.size() == 3);
        CHECK(turns[0].role == core::Role::agent);
        CHECK(turns[1].role == core::Role::customer);
        CHECK(turns[1].seconds == doctest::Approx(2.5));
        CHECK(turns[2].text == "Please hold.");
        CHECK(turns[2].line() == 15);
    }
}

TEST_CASE("read::parse_transcribe") {
    SUBCASE("words grouped by speaker label, punctuation attached, positions per word") {
        const auto result = test::read_fixture_input("transcribe.json");
        REQUIRE(result.conversations.size() == 1);
        const auto& turns = result.conversations[0].turns;
        REQUIRE(turns.size() == 2);
        CHECK(turns[0].speaker == "spk_0");
        CHECK(turns[0].text == "Hello, how can I help?");
        CHECK(turns[1].speaker == "spk_1");
        CHECK(turns[1].text == "My parcel is late.");
        CHECK(turns[1].seconds == doctest::Approx(2.5));
        // Two unnamed speakers: the one who opens is the agent.
        CHECK(turns[0].role == core::Role::agent);
        CHECK(turns[1].role == core::Role::customer);
        const auto parcel = core::source_position(turns[1], 3);
        CHECK(test::source_text("transcribe.json", parcel.line, parcel.column, 6) == "parcel");
    }
    SUBCASE("--customer spk_0 overrides the heuristic") {
        read::ReadOptions options;
        options.roles.set("spk_0", core::Role::customer);
        const auto result = test::read_fixture_input("transcribe.json", options);
        CHECK(result.conversations.at(0).turns[0].role == core::Role::customer);
        CHECK(result.conversations.at(0).turns[1].role == core::Role::agent);
    }
}

TEST_CASE("read::parse_json") {
    SUBCASE("conversation per object: messages/author{name,role}/body, ABCD pairs, TweetSumm is_agent") {
        const auto result = test::read_fixture_input("conversations.json");
        REQUIRE(result.conversations.size() == 3);
        const auto& ticket = result.conversations[0];
        CHECK(ticket.id == "ticket-17");
        REQUIRE(ticket.turns.size() == 3);
        CHECK(ticket.turns[0].speaker == "Marta");
        CHECK(ticket.turns[0].role == core::Role::agent);
        CHECK(ticket.turns[1].text == "The app crashes.\nEvery time I log in.");
        const auto every = core::source_position(ticket.turns[1], 17);
        CHECK(test::source_text("conversations.json", every.line, every.column, 5) == "Every");
        const auto& abcd = result.conversations[1];
        CHECK(abcd.id == "3592");
        REQUIRE(abcd.turns.size() == 2);  // the "action" entry is not speech
        CHECK(abcd.turns[1].role == core::Role::customer);
        const auto& tweets = result.conversations[2];
        CHECK(tweets.id == "tw-1");
        REQUIRE(tweets.turns.size() == 2);
        CHECK(tweets.turns[0].role == core::Role::customer);
        CHECK(tweets.turns[1].text == "Sorry to hear that — let's check. What is your order number?");
        const auto what = core::source_position(tweets.turns[1], 34);
        CHECK(test::source_text("conversations.json", what.line, what.column, 4) == "What");
    }
    SUBCASE("JSON Lines, turn per line, grouped by conversation_id in order of appearance") {
        const auto result = test::read_fixture_input("chats.jsonl");
        CHECK(result.problems.empty());
        REQUIRE(result.conversations.size() == 2);
        const auto& first = result.conversations[0];
        CHECK(first.id == "c-1");
        REQUIRE(first.turns.size() == 3);
        CHECK(first.turns[2].line() == 6);
        CHECK(first.turns[0].seconds == doctest::Approx(9 * 3600 + 5));
        CHECK(first.turns[1].role == core::Role::customer);
        const auto& second = result.conversations[1];
        CHECK(second.turns[0].role == core::Role::agent);     // role "agent"
        CHECK(second.turns[1].role == core::Role::customer);  // role "user"
        CHECK(second.turns[1].seconds == doctest::Approx(7));
    }
    SUBCASE("JSON Lines of whole conversations are handed over one by one, loose turns at the end") {
        const auto ids = [](const std::string& jsonl) {
            std::vector<std::string> seen;
            read::read_input("log.jsonl", jsonl, {}, [&](core::Conversation&& conversation) {
                seen.push_back(conversation.id + ":" + std::to_string(conversation.turns.size()) + "@" +
                               std::to_string(conversation.first_line));
            });
            return seen;
        };
        const std::string whole = R"({"messages": [{"role": "agent", "text": "Hi"}, {"role": "user", "text": "Yo"}]})";
        // Without ids a conversation is numbered by its place, counting the whole file.
        CHECK(ids(whole + "\n" + whole + "\n" + whole + "\n") ==
              std::vector<std::string>{"log#1:2@1", "log#2:2@2", "log#3:2@3"});
        CHECK(ids(whole + "\n") == std::vector<std::string>{"log:2@1"});
        // Turns of a conversation given one per line may come until the end; those after it wait.
        const std::string loose = R"({"conversation_id": "L", "speaker": "Agent", "text": "x"})";
        CHECK(ids(whole + "\n" + loose + "\n" + whole + "\n" + loose + "\n") ==
              std::vector<std::string>{"log#1:2@1", "L:2@2", "log#3:2@3"});
    }
    SUBCASE("an export's conversations are read one at a time, and the file means what it meant whole") {
        const auto ids = [](const std::string& json) {
            std::vector<std::string> seen;
            const auto result = read::read_input("export.json", json, {}, [&](core::Conversation&& conversation) {
                seen.push_back(conversation.id + ":" + std::to_string(conversation.turns.size()) + "@" +
                               std::to_string(conversation.turns.at(0).line()));
            });
            seen.push_back(std::to_string(result.problems.size()) + " problems");
            return seen;
        };
        const auto conversation = [](const std::string& id, const std::string& text) {
            return R"({"id": ")" + id + R"(", "messages": [{"role": "agent", "text": ")" + text +
                   R"("}, {"role": "user", "text": "ok"}]})";
        };
        const std::string a = conversation("a", "Hello"), b = conversation("b", "Not my department");
        using Seen = std::vector<std::string>;
        CHECK(ids("[\n" + a + ",\n" + b + "\n]") == Seen{"a:2@2", "b:2@3", "0 problems"});
        // Cut short: the conversations before the break, and the error.
        CHECK(ids("[\n" + a + ",\n" + b + ",\n" + a.substr(0, 30)) == Seen{"a:2@2", "b:2@3", "1 problems"});
        CHECK(ids("{\"conversations\": [\n" + a + ",\n" + b + "\n], \"count\": 2}") ==
              Seen{"a:2@2", "b:2@3", "0 problems"});
        // Under a field, cut short: nothing, as a document that does not parse gives nothing.
        CHECK(ids("{\"conversations\": [\n" + a + ",\n" + b) == Seen{"1 problems"});
        // An object with turns of its own is one conversation, whatever arrays it also holds.
        CHECK(ids("{\"conversations\": [\n" + a + "\n], \"id\": \"top\", \"messages\": [{\"role\": \"agent\", \"text\": \"hi\"}]}") ==
              Seen{"top:1@3", "0 problems"});
        // A Zendesk macro export that also holds conversations is read as macros, at their own lines.
        CHECK(ids("{\"data\": [\n" + a + "],\n \"macros\": [\n{\"title\": \"Hi\", \"actions\": "
                  "[{\"field\": \"comment_value\", \"value\": \"Not my job\"}]}]}") == Seen{"Hi:1@4", "0 problems"});
        // Of two container fields the one GenericReader prefers ("conversations" before "data") counts.
        CHECK(ids("{\"data\": [\n" + a + "\n], \"conversations\": [\n" + b + "\n]}") == Seen{"b:2@4", "0 problems"});
    }
    SUBCASE("a bad JSON Lines line is an error naming it; the other lines are read") {
        const auto result =
            read::read_input("x.jsonl", "{\"speaker\":\"Agent\",\"text\":\"Hi\"}\n{\"speaker\": oops}\n", {});
        CHECK(test::has_problem(result, "line 2, byte 45: invalid JSON", false));
        CHECK(result.conversations.at(0).turns.size() == 1);
    }
    SUBCASE("truncated and garbage JSON are errors with the line and byte") {
        const auto truncated = test::read_fixture_input("truncated.json");
        CHECK(truncated.conversations.empty());
        CHECK(test::has_problem(truncated, "line 1, byte 62: invalid JSON", false));
        const auto garbage = read::read_input("g.json", "{\n  \"a\": [1, 2,,]\n}", {});
        CHECK(test::has_problem(garbage, "line 2, byte", false));
        const auto empty = read::read_input("e.json", "", {});
        CHECK(empty.conversations.empty());
    }
    SUBCASE("deep nesting is refused before parsing") {
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        const auto result = read::read_input("deep.json", deep, {});
        CHECK(test::has_problem(result, "nested deeper than 200", false));
        const auto objects = read::read_input("deep.json", "{\"turns\": " + std::string(5000, '{'), {});
        CHECK(test::has_problem(objects, "byte 210", false));
    }
    SUBCASE("a 20 MB line is read whole (its speed is the bench's business, not a test's)") {
        std::string big =
            "{\"messages\": [{\"role\": \"agent\", \"text\": \"Hello, how can I help?\"}, {\"role\": \"customer\", "
            "\"text\": \"";
        big.append(20u << 20, 'a');
        big += "\"}]}";
        const auto result = read::read_input("big.json", big, {});
        REQUIRE(result.conversations.size() == 1);
        CHECK(result.conversations[0].turns.at(1).text.size() == (20u << 20));
    }
    SUBCASE("plain text that starts with a bracketed timestamp is not JSON") {
        CHECK_FALSE(read::claims_json("chat.txt", "[00:01:23] Agent: hi"));
        CHECK(read::claims_json("chat.txt", "[{\"text\": \"hi\"}]"));
        CHECK(read::claims_json("x.JSON", ""));
    }
}

TEST_CASE("read::parse_json_with builds what nlohmann's parser would, leaving out the elements the callback drops") {
    using json = nlohmann::json;
    const std::string text =
        R"({"a": [1, {"drop": true, "x": [1, 2]}, {"keep": {"y": null}}, [3, {"drop": true}]], "b": {"drop": true},)"
        R"( "c": "text", "d": -2.5e3, "e": [true, false, 18446744073709551615]})";
    // Drops every object marked "drop" that is an element of an array, as nlohmann's callback would.
    const json::parser_callback_t drop = [](int, json::parse_event_t event, json& parsed) {
        return !(event == json::parse_event_t::object_end && parsed.is_object() && parsed.contains("drop"));
    };
    json expected = json::parse(text, drop);
    // An object member the callback drops is kept: only array elements can be left out.
    REQUIRE_FALSE(expected.contains("b"));
    expected["b"] = json::parse(R"({"drop": true})");
    CHECK(read::parse_json_with(text, drop) == expected);
    CHECK(read::parse_json_with(text, nullptr) == json::parse(text));
    // Errors are thrown as nlohmann::json::parse throws them, with the same byte.
    for (const std::string& broken : std::vector<std::string>{R"([{"a": 1}, {"b": )", "[1, 2,, 3]", "[1] x"}) {
        size_t expected_byte = 0, byte = 0;
        try {
            [[maybe_unused]] const json parsed = json::parse(broken);
        } catch (const json::parse_error& error) {
            expected_byte = error.byte;
        }
        try {
            [[maybe_unused]] const json parsed = read::parse_json_with(broken, drop);
        } catch (const json::parse_error& error) {
            byte = error.byte;
        }
        CHECK(expected_byte > 0);
        CHECK(byte == expected_byte);
    }
}
