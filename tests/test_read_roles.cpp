#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "read/reader.hpp"
#include "read_fixtures.hpp"
#include "support.hpp"
#include "rules/load.hpp"
#include "rules/role_cues.hpp"

using namespace qalint;

namespace {

// Reading options as `qalint check` sets them: the built-in pack's role cues.
read::ReadOptions with_cues() {
    rules::LoadResult pack;
    rules::load_builtin_rules(pack);
    read::ReadOptions options;
    options.roles.set_cues(rules::role_cue_finder(pack.rules));
    REQUIRE(options.roles.cues() != nullptr);
    return options;
}

read::ReadResult read_text(const std::string& text, const read::ReadOptions& options) {
    read::ReadOptions as_text = options;
    as_text.format = "text";
    return read::read_input("call.txt", text, as_text);
}

std::vector<std::string> role_notes(const read::ReadResult& result) {
    std::vector<std::string> notes;
    for (const auto& problem : result.problems)
        if (problem.message.find("speaker roles guessed") != std::string::npos) {
            CHECK(problem.warning);
            notes.push_back(problem.message);
        }
    return notes;
}

core::Role role_of(const core::Conversation& conversation, const std::string& speaker) {
    for (const auto& turn : conversation.turns)
        if (turn.speaker == speaker) return turn.role;
    return core::Role::unknown;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("read::assign_roles guesses unnamed speakers from what they say") {
    const read::ReadOptions options = with_cues();

    SUBCASE("Transcribe: the customer speaks first, the one who thanks for calling and offers help is the agent") {
        const auto result = test::read_fixture_input("transcribe_customer_first.json", options);
        REQUIRE(result.conversations.size() == 1);
        const auto& conversation = result.conversations[0];
        CHECK(role_of(conversation, "spk_0") == core::Role::customer);
        CHECK(role_of(conversation, "spk_1") == core::Role::agent);
        CHECK(conversation.agent_name() == "spk_1");
        const auto notes = role_notes(result);
        REQUIRE(notes.size() == 1);
        CHECK(has(notes[0], "'spk_1' taken for the agent (says \"Thank you for calling Acme\")"));
        CHECK(has(notes[0], "'spk_0' for the customer (says \"I lost my card\")"));
        CHECK(has(notes[0], "--agent NAME"));
    }
    SUBCASE("a plain-text file of four conversations (en, ru, lt without diacritics, nothing said): one note") {
        const auto result = test::read_fixture_input("roles_guessed.txt", options);
        REQUIRE(result.conversations.size() == 4);
        CHECK(role_of(result.conversations[0], "Anna") == core::Role::agent);
        CHECK(role_of(result.conversations[0], "Dave") == core::Role::customer);
        CHECK(role_of(result.conversations[1], "Ольга") == core::Role::agent);
        CHECK(role_of(result.conversations[1], "Иван") == core::Role::customer);
        CHECK(role_of(result.conversations[2], "Rasa") == core::Role::agent);
        CHECK(role_of(result.conversations[2], "Jonas") == core::Role::customer);
        // Nothing either says tells: the one who opens is the agent.
        CHECK(role_of(result.conversations[3], "Tom") == core::Role::agent);
        CHECK(role_of(result.conversations[3], "Kate") == core::Role::customer);
        const auto notes = role_notes(result);
        REQUIRE(notes.size() == 1);
        CHECK(has(notes[0], "guessed in 4 of 4 conversations (3 from what the speakers say, 1 from who speaks first)"));
        CHECK(has(notes[0], "'Anna' taken for the agent"));
    }
    SUBCASE("Russian, with ё and without") {
        for (const char* text :
             {"Клиент Пётр: Здравствуйте\nСветлана: Здравствуйте, чем могу помочь?\n",
              "Пётр: Здравствуйте, хочу вернуть заказ, он мне не подошёл\nСветлана: Да, конечно.\n",
              "Петр: добрый день\nСветлана: вас приветствует служба поддержки, оставайтесь на линии\n",
              "Петр: ало\nСветлана: Компания Ёлка, здравствуйте! Назовите, пожалуйста, ваш номер заказа\n"}) {
            CAPTURE(text);
            const auto result = read_text(text, options);
            REQUIRE(result.conversations.size() == 1);
            CHECK(result.conversations[0].agent_name() == "Светлана");
        }
    }
    SUBCASE("Lithuanian, with diacritics and without") {
        for (const char* text : {"Jonas: Laba diena\nRūta: Sveiki, kuo galiu padėti?\n",
                                 "Jonas: Laba diena, norėčiau atšaukti užsakymą\nRūta: Gerai.\n",
                                 "Jonas: labas\nRūta: Dėkojame, kad paskambinote, Jus aptarnauja Rūta\n",
                                 "Jonas: sveiki, mano kortele neveikia\nRūta: ar galiu dar kuo padeti?\n"}) {
            CAPTURE(text);
            const auto result = read_text(text, options);
            REQUIRE(result.conversations.size() == 1);
            CHECK(result.conversations[0].agent_name() == "Rūta");
        }
    }
    SUBCASE("a bare «Алло?» / „Alio?“ / \"hello?\" tells only before the other speaker has spoken") {
        // The caller's into the silence: the one who answers in the bank's name is the agent.
        const std::vector<std::pair<const char*, const char*>> callers = {
            {"Пётр: Алло?\nАнна: Банк «Северный», Анна, здравствуйте.\nПётр: Это по карте.\n", "Анна"},
            {"Jonas: alio\nRasa: banko siaure klientu aptarnavimas rasa laba diena\nJonas: ta prasme\n", "Rasa"},
            {"Dave: hello?\nAnna: northern bank anna speaking\nDave: right\n", "Anna"}};
        for (const auto& [caller_first, agent] : callers) {
            const std::string text = caller_first;
            CAPTURE(text);
            const auto result = read_text(text, options);
            CHECK(result.conversations.at(0).agent_name() == agent);
            CHECK_FALSE(result.conversations.at(0).roles_by_order);
        }
        // The agent's line check after the customer has answered is no customer's word: the greeting in
        // the bank's name still tells, and it is not cancelled out.
        for (const std::string text : {"spk_0: банк северный здравствуйте\nspk_1: да\nspk_0: алло?\nspk_1: да да\n",
                                       "spk_0: banko siaure klientu aptarnavimas laba diena\nspk_1: taip\nspk_0: alio?\n",
                                       "spk_0: northern bank anna speaking\nspk_1: yes\nspk_0: hello?\nspk_1: yes yes\n"}) {
            CAPTURE(text);
            const auto result = read_text(text, options);
            CHECK(result.conversations.at(0).agent_name() == "spk_0");
            CHECK_FALSE(result.conversations.at(0).roles_by_order);
            const auto notes = role_notes(result);
            REQUIRE(notes.size() == 1);
            CHECK(has(notes[0], "guessed from what they say"));
        }
        // Nothing else said: a line check late in the call does not make its speaker the customer.
        const auto late = read_text("spk_0: добрый день\nspk_1: да\nspk_0: алло?\nspk_1: да да\n", options);
        CHECK(late.conversations.at(0).agent_name() == "spk_0");
        CHECK(late.conversations.at(0).roles_by_order);
    }
    SUBCASE("cues both ways as many times: who speaks first, and the note says so") {
        const auto result = read_text("Tom: how can I help?\nKate: how can I help you?\n", options);
        CHECK(result.conversations.at(0).agent_name() == "Tom");
        const auto notes = role_notes(result);
        REQUIRE(notes.size() == 1);
        CHECK(has(notes[0], "guessed from who speaks first: 'Tom' taken for the agent"));
        CHECK(has(notes[0], "as much like the agent as like the customer"));
    }
    SUBCASE("without cues the order decides, and it is still a guess") {
        const auto result = test::read_fixture_input("transcribe_customer_first.json");
        CHECK(role_of(result.conversations.at(0), "spk_0") == core::Role::agent);
        const auto notes = role_notes(result);
        REQUIRE(notes.size() == 1);
        CHECK(has(notes[0], "'spk_0' speaks first; neither says"));
        // A coin toss is not judged at the conversation level: the note says so, the conversation is marked.
        CHECK(result.conversations.at(0).roles_by_order);
        CHECK(has(notes[0], "conversation-level rules (missing-*, replies) are not applied"));
    }
}

TEST_CASE("match: roles taken only from who speaks first get no conversation-level findings") {
    const auto& compiled = test::builtin_rules();
    const match::Engine engine(compiled, {});
    core::Conversation interview = test::conversation_from("Agent: So where are we going?\nCustomer: Down the hall.\n");
    const auto judged = engine.judge(interview);
    CHECK(test::has_rule(judged, "missing-greeting"));
    interview.roles_by_order = true;
    const auto guessed = engine.judge(interview);
    CHECK_FALSE(test::has_rule(guessed, "missing-greeting"));
    CHECK_FALSE(test::has_rule(guessed, "missing-thanks"));
    CHECK_FALSE(test::has_rule(guessed, "unanswered-customer"));
}

TEST_CASE("read::assign_roles: explicit roles win over what is said") {
    read::ReadOptions options = with_cues();

    SUBCASE("--agent names the agent: no guess, no note") {
        options.roles.set("spk_0", core::Role::agent);
        const auto result = test::read_fixture_input("transcribe_customer_first.json", options);
        CHECK(role_of(result.conversations.at(0), "spk_0") == core::Role::agent);
        CHECK(role_of(result.conversations.at(0), "spk_1") == core::Role::customer);
        CHECK(role_notes(result).empty());
    }
    SUBCASE("--customer names the customer") {
        options.roles.set("Anna", core::Role::customer);
        const auto result =
            read_text("Dave: hi, I lost my card\nAnna: thank you for calling Acme, how can I help?\n", options);
        CHECK(role_of(result.conversations.at(0), "Dave") == core::Role::agent);
        CHECK(role_notes(result).empty());
    }
    SUBCASE("a role word in a name") {
        const auto result =
            read_text("Customer: thank you for calling, how can I help?\nDave: I lost my card\n", options);
        CHECK(role_of(result.conversations.at(0), "Customer") == core::Role::customer);
        CHECK(role_of(result.conversations.at(0), "Dave") == core::Role::agent);
        CHECK(role_notes(result).empty());
    }
}
