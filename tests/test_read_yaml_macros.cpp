#include <doctest/doctest.h>

#include <string>

#include "read/macros.hpp"
#include "read_fixtures.hpp"
#include "util/utf8.hpp"

using namespace qalint;

namespace {

uint32_t char_offset(const std::string& text, const std::string& part) {
    return static_cast<uint32_t>(util::count_chars(text.substr(0, text.find(part))));
}

// Where `part` of the reply is in the file, read back from the file.
std::string found_at(const std::string& file, const core::Turn& reply, const std::string& part) {
    const auto at = core::source_position(reply, char_offset(reply.text, part));
    return test::source_text(file, at.line, at.column, util::count_chars(part));
}

read::ReadResult read_yaml(const std::string& name, const std::string& text, bool walked = false) {
    read::ReadOptions options;
    options.walked = walked;
    return read::read_input(name, text, options);
}

}  // namespace

TEST_CASE("read::parse_yaml_macros") {
    SUBCASE("a list of macros: each one macro; block, folded, quoted and plain bodies keep their places") {
        const auto result = test::read_fixture_input("macros.yaml");
        CHECK(result.problems.empty());
        REQUIRE(result.conversations.size() == 5);
        for (const auto& macro : result.conversations) {
            CHECK(macro.source == core::Source::macro);
            REQUIRE(macro.turns.size() == 1);
            CHECK(macro.turns[0].role == core::Role::agent);
        }
        const auto& fees = result.conversations[0];
        CHECK(fees.id == "Card fees");
        CHECK(fees.turns[0].text ==
              "Hello {{customer.first_name}},\nI'm sorry, that's not my department — please ask the branch.");
        CHECK(fees.first_line == 4);
        CHECK(found_at("macros.yaml", fees.turns[0], "not my department") == "not my department");
        const auto department = core::source_position(fees.turns[0], char_offset(fees.turns[0].text, "not my"));
        CHECK(department.line == 5);
        CHECK(department.column == 23);

        const auto& late = result.conversations[1];
        CHECK(late.id == "Pavėluotas grąžinimas");
        CHECK(late.turns[0].text == "Laba diena! Atsiprašome už vėlavimą, ačiū už kantrybę.\nPasirūpinsiu tuo pati.");
        for (const char* part : {"ačiū už kantrybę", "Pasirūpinsiu"})
            CHECK(found_at("macros.yaml", late.turns[0], part) == part);

        const auto& card = result.conversations[2];
        CHECK(card.id == "Блокировка карты");
        CHECK(card.turns[0].text == "Здравствуйте! Это не ко мне,\n\"обратитесь\" в отделение. Спасибо за обращение.");
        for (const char* part : {"Это не ко мне", "в отделение", "Спасибо"})
            CHECK(found_at("macros.yaml", card.turns[0], part) == part);

        const auto& hold = result.conversations[3];
        CHECK(hold.turns[0].text == "Please hold, it's busy right now.");
        CHECK(found_at("macros.yaml", hold.turns[0], "busy right now") == "busy right now");

        const auto& plain = result.conversations[4];
        CHECK(plain.turns[0].text == "We will get back to you later, thanks for waiting.");
        CHECK(found_at("macros.yaml", plain.turns[0], "later, thanks") == "later, thanks");
    }
    SUBCASE("a Freshdesk export: the HTML body is read, entities and all, and points into the YAML") {
        const auto result = test::read_fixture_input("macros_freshdesk.yml");
        CHECK(result.problems.empty());
        REQUIRE(result.conversations.size() == 2);
        const auto& refund = result.conversations[0];
        CHECK(refund.id == "4101");
        CHECK(refund.turns.at(0).text == "Your refund is late. Ačiū for waiting — not my department, sorry.");
        CHECK(found_at("macros_freshdesk.yml", refund.turns[0], "not my department") == "not my department");
        CHECK(found_at("macros_freshdesk.yml", refund.turns[0], "č") == "&");  // the entity's place
        CHECK(result.conversations[1].turns.at(0).text == "We’ve passed it on.\nIt's being handled.");
    }
    SUBCASE("a map of macros by name, Zendesk's export, one macro per file, several documents") {
        const auto by_name = read_yaml("replies.yaml",
                                       "refund-late:\n  title: Refund late\n  body: Not my department.\n"
                                       "greeting:\n  text: Hello!\n");
        REQUIRE(by_name.conversations.size() == 2);
        CHECK(by_name.conversations[0].id == "refund-late");
        CHECK(by_name.conversations[1].turns.at(0).text == "Hello!");

        const auto zendesk =
            read_yaml("zendesk.yml",
                      "macros:\n"
                      "  - id: 360001\n    title: Close\n    actions:\n"
                      "      - {field: status, value: solved}\n"
                      "      - field: comment_value_html\n        value: \"<p>Thanks &amp; bye</p>\"\n"
                      "  - id: 360002\n    title: Only sets fields\n    actions: [{field: status, value: open}]\n");
        CHECK(zendesk.problems.empty());
        REQUIRE(zendesk.conversations.size() == 1);
        CHECK(zendesk.conversations[0].id == "360001");
        CHECK(zendesk.conversations[0].turns.at(0).text == "Thanks & bye");
        CHECK(zendesk.conversations[0].first_line == 7);

        const auto single = read_yaml("fees.yaml", "title: Fees\nbody: \"That's our policy.\"\n");
        REQUIRE(single.conversations.size() == 1);
        CHECK(single.conversations[0].id == "Fees");

        const auto documents = read_yaml("two.yaml", "title: A\nbody: First.\n---\ntitle: B\nbody: |\n  Second.\n");
        REQUIRE(documents.conversations.size() == 2);
        const auto& second = documents.conversations[1].turns.at(0);
        CHECK(second.text == "Second.");
        CHECK(core::source_position(second, 0).line == 6);
        CHECK(core::source_position(second, 0).column == 3);
    }
    SUBCASE("a macro with no body is named; the others are read") {
        const auto result = read_yaml("m.yaml", "- title: a\n  bdy: x\n- title: b\n  body: Thanks.\n");
        REQUIRE(result.conversations.size() == 1);
        CHECK(test::has_problem(result, "line 1: macro 'a' has no body", true));
    }
    SUBCASE("YAML with no macro in it: a warning when a walk found it, an error when named") {
        const std::string notes = "site: example\nitems:\n  - one\n";
        const auto walked = read_yaml("notes.yaml", notes, true);
        CHECK(walked.skipped);
        CHECK(walked.conversations.empty());
        CHECK(test::has_problem(walked, "not a macro file", true));
        const auto named = read_yaml("notes.yaml", notes);
        CHECK(named.skipped);
        CHECK(test::has_problem(named, "not a macro file", false));
        // Other tools' files and qalint's own rules are known: skipped with a warning even when named.
        for (const char* other :
             {"services:\n  web:\n    image: nginx\n", "on: push\njobs:\n  a: {}\n", "repos: []\n",
              "id: r\nkind: phrase\ntitle: T\nmessage: M\npatterns: {}\n", "apiVersion: v1\nkind: ConfigMap\n"}) {
            const auto tool = read_yaml("x.yaml", other);
            const std::string said = tool.problems.empty() ? std::string() : tool.problems[0].message;
            CHECK_MESSAGE(tool.skipped, other);
            CHECK_MESSAGE(test::has_problem(tool, "not macros: skipped", true), said);
        }
    }
    SUBCASE("broken YAML: an error with its place; found by a walk and saying nothing of a body, a warning") {
        const auto broken = read_yaml("m.yaml", "- title: a\n  body: [unclosed\n");
        CHECK(test::has_problem(broken, "line 3, column 1: not valid YAML", false));
        const auto helm = read_yaml("templates/deploy.yaml", "{{- if .Values.x }}\nkind: [\n", true);
        CHECK(test::has_problem(helm, "not valid YAML", true));
        CHECK(helm.skipped);
        // Junk that yaml-cpp's LoadAll would loop on is one document here.
        CHECK(read_yaml("j.yaml", ",\n", true).skipped);
    }
}
