// Roles that no name gives: `qalint check` guesses them from what the speakers say and says so once
// per file, on stderr and in the JSON report's warnings; --agent settles them.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"

namespace {

const std::string fixtures = std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/read";

std::string write_call(const std::string& name, const std::string& text) {
    const auto folder = cli_test::temp_path("qalint-roles-calls");
    std::filesystem::create_directories(folder);
    const auto path = folder / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

size_t count(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("cli::check guessed roles") {
    SUBCASE("a file of four conversations: one warning on stderr, the agent's findings on the agent") {
        const auto run = cli_test::run_shell(std::string(QALINT_BINARY) + " check --format json " + fixtures +
                                             "/roles_guessed.txt 2>&1 >/dev/null");
        CHECK(count(run.out, "speaker roles guessed") == 1);
        CHECK(count(run.out, "qalint: warning: ") == 1);
        const auto report =
            nlohmann::json::parse(cli_test::run_qalint("check --format json " + fixtures + "/roles_guessed.txt").out);
        REQUIRE(report["warnings"].size() == 1);
        CHECK(report["warnings"][0]["message"].get<std::string>().find("4 of 4 conversations") != std::string::npos);
        CHECK(report["conversations"][0]["agent"] == "Anna");
        for (const auto& finding : report["conversations"][0]["findings"])
            if (finding["rule"] == "open-question") CHECK(finding["speaker_name"] == "Anna");
    }
    SUBCASE("Transcribe, customer first: spk_1 is the agent; --agent spk_0 wins and silences the note") {
        const std::string file = fixtures + "/transcribe_customer_first.json";
        const auto guessed = nlohmann::json::parse(cli_test::run_qalint("check --format json " + file).out);
        CHECK(guessed["conversations"][0]["agent"] == "spk_1");
        REQUIRE(guessed["warnings"].size() == 1);
        CHECK(guessed["warnings"][0]["message"].get<std::string>().find("'spk_1' taken for the agent") !=
              std::string::npos);
        const auto named =
            nlohmann::json::parse(cli_test::run_qalint("check --format json " + file + " --agent spk_0").out);
        CHECK(named["conversations"][0]["agent"] == "spk_0");
        CHECK(named["warnings"].empty());
    }
}

TEST_CASE("cli::check a customer who speaks first in a Russian or Lithuanian call") {
    // The caller's «Алло?» / „Alio?“ comes first; the agent answers in the bank's name and then deflects.
    // Taken for the customer, the agent's «Это не ко мне» would be lost.
    struct Call {
        const char* name;
        const char* text;
        const char* deflection;
    };
    const Call calls[] = {
        {"ru-call.txt",
         "spk_0: Алло?\n"
         "spk_1: Банк «Северный», Анна, здравствуйте.\n"
         "spk_0: Здравствуйте, мне нужно перевыпустить карту, её съел банкомат.\n"
         "spk_1: Это не ко мне, обратитесь в отделение.\n",
         "Это не ко мне"},
        {"ru-transcript.txt",
         "spk_0: алло\n"
         "spk_1: банк северный анна здравствуйте\n"
         "spk_0: я хочу узнать почему мне не пришёл перевод\n"
         "spk_1: это не ко мне\n",
         "это не ко мне"},
        {"lt-call.txt",
         "spk_0: Alio?\n"
         "spk_1: Banko „Šiaurė“ klientų aptarnavimas, Rasa, laba diena.\n"
         "spk_0: Man reikia pakeisti kortelės limitą.\n"
         "spk_1: Čia ne pas mane, kreipkitės į skyrių.\n",
         "Čia ne pas mane"},
        {"lt-transcript.txt",
         "spk_0: alio\n"
         "spk_1: banko siaure klientu aptarnavimas rasa laba diena\n"
         "spk_0: noreciau suzinoti kodel man nuskaiciavo du kartus\n"
         "spk_1: cia ne pas mane\n",
         "cia ne pas mane"},
    };
    for (const auto& call : calls) {
        CAPTURE(call.name);
        const std::string file = write_call(call.name, call.text);
        const auto run = cli_test::run_qalint("check --format json " + file);
        CHECK(run.status == 1);
        const auto report = nlohmann::json::parse(run.out);
        const auto& conversation = report["conversations"][0];
        CHECK(conversation["agent"] == "spk_1");
        bool deflected = false;
        for (const auto& finding : conversation["findings"])
            if (finding["rule"] == "not-my-competence") {
                deflected = true;
                CHECK(finding["speaker"] == "agent");
                CHECK(finding["line"] == 4);
                CHECK(finding["match"].get<std::string>().find(call.deflection) != std::string::npos);
            }
        CHECK(deflected);
        REQUIRE(report["warnings"].size() == 1);
        CHECK(report["warnings"][0]["message"].get<std::string>().find("'spk_1' taken for the agent") !=
              std::string::npos);
    }
    std::filesystem::remove_all(cli_test::temp_path("qalint-roles-calls"));
}
