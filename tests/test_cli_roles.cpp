// Roles that no name gives: `qalint check` guesses them from what the speakers say and says so once
// per file, on stderr and in the JSON report's warnings; --agent settles them.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"

namespace {

const std::string fixtures = std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/read";

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
