#include <doctest/doctest.h>

#include "report/json_report.hpp"
#include "report/json_writer.hpp"
#include "report_support.hpp"

using namespace qalint;

TEST_CASE("report::append_verdict_json writes what the JSON library would") {
    core::Verdict verdict;
    verdict.conversation.file = "dir/\"odd\" name\\x.txt";
    verdict.conversation.id = "чат#2";
    core::Turn turn;
    turn.speaker = "Оператор Ольга";
    turn.role = core::Role::agent;
    verdict.conversation.turns.push_back(turn);
    verdict.languages = {core::Language::ru, core::Language::lt};
    verdict.level = core::Ladder::wow;
    verdict.score = 85;
    core::Finding finding;
    finding.rule = "not-my-competence";
    finding.level = core::Level::error;
    finding.line = 12;
    finding.column = 7;
    finding.turn = 3;
    finding.speaker = "Оператор Ольга";
    finding.role = core::Role::agent;
    finding.language = core::Language::ru;
    finding.match = "не моя\nкомпетенция\t«»\x01";
    finding.message = "say \"no\"";
    finding.advice = "ačiū už kantrybę";
    verdict.findings.push_back(finding);
    finding.role = core::Role::unknown;
    finding.speaker = "Иван";
    verdict.findings.push_back(finding);

    std::string written;
    report::append_verdict_json(written, verdict);
    const std::string expected =
        report::verdict_to_json(verdict).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    CHECK(written == expected);

    verdict.conversation.turns.clear();    // no agent: the key is left out
    written.clear();
    report::append_verdict_json(written, verdict);
    CHECK(written.find("\"agent\":") == std::string::npos);
    CHECK(written == report::verdict_to_json(verdict).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

TEST_CASE("report::append_verdict_json hands a long conversation's JSON out in pieces that add up to the whole") {
    core::Verdict verdict;
    verdict.conversation.file = "huge.txt";
    core::Finding finding;
    finding.rule = "thanks";
    finding.message = "The agent thanks the customer.";
    for (uint32_t i = 0; i < 500; ++i) {
        finding.line = i + 1;
        verdict.findings.push_back(finding);
    }
    std::string whole;
    report::append_verdict_json(whole, verdict);

    std::string buffer, drained;
    size_t drains = 0, largest = 0;
    report::append_verdict_json(
        buffer, verdict,
        [&](std::string& out) {
            ++drains;
            largest = std::max(largest, out.size());
            drained += out;
            out.clear();
        },
        1024);
    CHECK(drained + buffer == whole);
    CHECK(drains > 10);
    CHECK(largest < 2048);    // never much more than the block: the whole is never held
}

TEST_CASE("report::append_json_string escapes what JSON needs at every position of a long string") {
    // Eight bytes are checked at a time: a character to escape at each character's offset, in UTF-8 text.
    const std::string base = "Ačiū, «спасибо» — thanks for waiting!";
    for (const std::string& special : std::vector<std::string>{"\"", "\\", "\n", "\t", "\x01", "\x1f"}) {
        for (size_t at = 0; at <= base.size(); ++at) {
            if (at < base.size() && (static_cast<unsigned char>(base[at]) & 0xC0) == 0x80) continue;    // inside a letter
            std::string text = base;
            text.insert(at, special);
            std::string out;
            report::append_json_string(out, text);
            INFO("escape at " << at);
            // A quote, backslash or control character left raw would not parse, or parse to another text.
            CHECK(nlohmann::json::parse(out).get<std::string>() == text);
        }
    }
    std::string out;
    report::append_json_string(out, base);
    CHECK(out == "\"" + base + "\"");    // nothing to escape: copied as is
}

TEST_CASE("report::json says good for good practice, as the text report does, in `severity`") {
    // SPEC §3 keeps `level` to error, warning and info (and merge reads it back), so the word is a
    // field of its own.
    const auto report = nlohmann::json::parse(test::render("json", {test::judged(test::deflecting_chat)}));
    bool good = false, error = false;
    for (const auto& finding : report["conversations"][0]["findings"]) {
        if (finding["rule"] == "greeting")
            good = finding["severity"] == "good" && finding["level"] == "info" && finding["category"] == "good-practice";
        if (finding["rule"] == "not-my-competence") error = finding["severity"] == "error" && finding["level"] == "error";
    }
    CHECK(good);
    CHECK(error);
}
