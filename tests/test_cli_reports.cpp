// The report formats, `qalint merge` and --redact, run through the built binary; the HTML
// report in headless Chromium and the GNU parallel recipe of the README when installed.

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;

using cli_test::Run;

const std::string cli_fixtures = std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/cli/";
const std::string report_fixtures = std::string(QALINT_SOURCE_DIR) + "/tests/fixtures/report/";

Run shell(const std::string& command) { return cli_test::run_shell(command); }

// stderr is dropped unless `with_stderr`, then it is mixed into out.
Run qalint(const std::string& args, bool with_stderr = false) { return cli_test::run_qalint(args, with_stderr); }

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

fs::path scratch(const std::string& name) {
    const fs::path dir = cli_test::temp_path("qalint-test-reports-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

bool installed(const char* program) {
    return shell(std::string("command -v ") + program + " >/dev/null 2>&1").status == 0;
}

}  // namespace

TEST_CASE("cli::report formats") {
    const std::string input = cli_fixtures + "ru-deflect.txt";
    SUBCASE("every format is accepted, keeps the exit status and writes something") {
        for (const char* format : {"sarif", "csv", "html", "markdown", "github"}) {
            const Run run = qalint(std::string("check --format ") + format + " " + input);
            CHECK_MESSAGE(run.status == 1, format);
            CHECK_MESSAGE(run.out.find("not-my-competence") != std::string::npos, format);
        }
        CHECK(qalint("check --format yaml " + input).status == 2);
    }
    SUBCASE("SARIF parses and has results with locations") {
        const auto sarif = nlohmann::json::parse(qalint("check --format sarif " + input).out);
        CHECK(sarif["version"] == "2.1.0");
        CHECK_FALSE(sarif["runs"][0]["results"].empty());
        CHECK(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
              "file://" + input);
    }
    SUBCASE("--output writes the HTML report atomically, nothing on stdout") {
        const fs::path dir = scratch("output");
        const Run run = qalint("check --format html --output " + (dir / "r.html").string() + " " + input);
        CHECK(run.status == 1);
        CHECK(run.out.empty());
        CHECK(read_all(dir / "r.html").rfind("<!DOCTYPE html>", 0) == 0);
        size_t entries = 0;
        for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
        CHECK(entries == 1);  // no temporary file left behind
        fs::remove_all(dir);
    }
    SUBCASE("no progress line when stderr is not a terminal") {
        const Run run = qalint("check --format json " + cli_fixtures + " 2>&1 >/dev/null", false);
        CHECK(run.out.find(" files\r") == std::string::npos);
        CHECK(run.out.find("\rqalint:") == std::string::npos);
    }
}

TEST_CASE("cli::redact") {
    const std::string input = report_fixtures + "pii.txt";
    for (const char* format : {"text", "json", "csv", "sarif", "html", "markdown", "github"}) {
        const Run plain = qalint(std::string("check --format ") + format + " " + input);
        const Run redacted = qalint(std::string("check --redact --format ") + format + " " + input);
        CHECK_MESSAGE(redacted.status == plain.status, format);
        for (const char* secret :
             {"jonas.petraitis@example.lt", "612 34567", "4111 1111 1111 1111", "LT12 1000", "38703181745"})
            CHECK_MESSAGE(redacted.out.find(secret) == std::string::npos, format << " leaks " << secret);
    }
    const Run html = qalint("check --redact --format html " + input);
    CHECK(html.out.find("**** **** **** 1111") != std::string::npos);
    CHECK(html.out.find("4111 1111 1111 1112") != std::string::npos);  // fails the Luhn check: not a card
    CHECK(html.out.find("2024-05-01") != std::string::npos);
    CHECK(qalint("check --format html " + input).out.find("jonas.petraitis@example.lt") != std::string::npos);
}

TEST_CASE("cli::merge") {
    const fs::path dir = scratch("merge");
    const std::string a = (dir / "a.json").string(), b = (dir / "b.json").string();
    qalint("check --format json " + cli_fixtures + "ru-deflect.txt > " + a);
    qalint("check --format json " + cli_fixtures + "en-good.txt " + cli_fixtures + "broken.txt > " + b);

    SUBCASE("merged JSON is the JSON of one run over all the inputs") {
        const Run direct = qalint("check --format json " + cli_fixtures + "ru-deflect.txt " + cli_fixtures +
                                  "en-good.txt " + cli_fixtures + "broken.txt");
        const Run merged = qalint("merge " + a + " " + b);
        CHECK(merged.status == 2);  // broken.txt is an input error in shard b
        CHECK(merged.out == direct.out);
        const auto report = nlohmann::json::parse(merged.out);
        CHECK(report["summary"]["conversations"] == 2);
        CHECK(report["summary"]["files"] == 3);
        CHECK(report["errors"].size() == 1);
    }
    SUBCASE("merge re-emits in any format; exit 1 on error-level findings like check") {
        CHECK(qalint("merge " + a).status == 1);
        CHECK(qalint("merge --fail-level none " + a).status == 0);
        for (const char* format : {"text", "sarif", "csv", "html", "markdown", "github"}) {
            const Run run = qalint(std::string("merge --format ") + format + " " + a);
            CHECK_MESSAGE(run.status == 1, format);
            CHECK_MESSAGE(run.out.find("not-my-competence") != std::string::npos, format);
        }
        const auto sarif = nlohmann::json::parse(qalint("merge --format sarif " + a).out);
        CHECK_FALSE(sarif["runs"][0]["tool"]["driver"]["rules"].empty());
        CHECK(sarif["runs"][0]["results"][0].contains("ruleIndex"));
        const Run html = qalint("merge --format html " + a);
        CHECK(html.out.find("«не моя компетенция»") != std::string::npos);
        CHECK(html.out.find("Оператор Ольга") != std::string::npos);
    }
    SUBCASE("a malformed report: exit 2, the file named, the others still merged") {
        const std::string bad = (dir / "bad.json").string(), wrong = (dir / "wrong.json").string();
        std::ofstream(bad) << "{\"conversations\": [";
        std::ofstream(wrong) << "{\"conversations\": [{\"file\": \"x.txt\"}]}";
        const Run run = qalint("merge " + a + " " + bad, true);
        CHECK(run.status == 2);
        CHECK(run.out.find("bad.json") != std::string::npos);
        CHECK(run.out.find("malformed report") != std::string::npos);
        const Run json = qalint("merge " + a + " " + wrong);
        CHECK(json.status == 2);
        const auto report = nlohmann::json::parse(json.out);
        CHECK(report["conversations"].size() == 1);
        CHECK(report["errors"][0]["file"].get<std::string>().find("wrong.json") != std::string::npos);
        CHECK(qalint("merge " + (dir / "missing.json").string()).status == 2);
        // Cut off after whole conversations: none of them is merged, the shard is left out entirely.
        const std::string cut = (dir / "cut.json").string(), number = (dir / "number.json").string();
        const std::string whole = qalint("merge --format json " + a).out;
        std::ofstream(cut) << whole.substr(0, whole.find("\"errors\""));
        const Run cut_run = qalint("merge " + a + " " + cut);
        CHECK(cut_run.status == 2);
        CHECK(nlohmann::json::parse(cut_run.out)["conversations"].size() == 1);
        std::ofstream(number) << "{\"conversations\": [1]}";
        const Run number_run = qalint("merge " + number, true);
        CHECK(number_run.status == 2);
        CHECK(number_run.out.find("not a JSON object") != std::string::npos);
    }
    SUBCASE("merge reads - and writes --output") {
        const std::string out = (dir / "m.html").string();
        CHECK(shell(std::string(QALINT_BINARY) + " merge --format html -o " + out + " - < " + a).status == 1);
        CHECK(read_all(out).find("<svg") != std::string::npos);
    }
    fs::remove_all(dir);
}

TEST_CASE("cli::merge numbers a shard gives") {
    const fs::path dir = scratch("merge-numbers");
    const std::string good = (dir / "good.json").string();
    qalint("check --format json " + cli_fixtures + "ru-deflect.txt > " + good);
    const auto shard = nlohmann::json::parse(read_all(good));
    REQUIRE_FALSE(shard["conversations"][0]["findings"].empty());
    // One field of the first conversation (or of its first finding) set to `value` as JSON text.
    const auto merged_with = [&](const std::string& field, const std::string& value, bool in_finding) {
        auto changed = shard;
        auto& object = in_finding ? changed["conversations"][0]["findings"][0] : changed["conversations"][0];
        object[field] = nlohmann::json::parse(value);
        const std::string path = (dir / ("shard-" + field + ".json")).string();
        std::ofstream(path) << changed.dump();
        return qalint("merge --format json " + path, true);
    };
    SUBCASE("out of range or not whole: a malformed shard, the field named") {
        for (const auto& [field, value, in_finding] :
             std::initializer_list<std::tuple<const char*, const char*, bool>>{{"score", "1e300", false},
                                                                               {"score", "-3", false},
                                                                               {"score", "101", false},
                                                                               {"line", "1e300", true},
                                                                               {"line", "0", true},
                                                                               {"column", "-1.5", true},
                                                                               {"turn", "4294967296", true},
                                                                               {"turns", "-1", false}}) {
            const Run run = merged_with(field, value, in_finding);
            CHECK_MESSAGE(run.status == 2, field, " ", value);
            CHECK_MESSAGE(run.out.find("malformed report: \"" + std::string(field) + "\" is ") != std::string::npos,
                          field, " ", value, ": ", run.out);
        }
    }
    SUBCASE("a turn count is a number, not an allocation") {
        const Run run = merged_with("turns", "4000000000", false);
        CHECK(run.status == 1);
        const auto report = nlohmann::json::parse(run.out.substr(run.out.find('{')));
        CHECK(report["conversations"][0]["turns"] == 4000000000u);
        const Run text = qalint("merge --format text " + (dir / "shard-turns.json").string());
        CHECK(text.out.find("4000000000 turns") != std::string::npos);
    }
    fs::remove_all(dir);
}

TEST_CASE("cli::merge the GNU parallel recipe of the README") {
    if (!installed("parallel")) {
        MESSAGE("skipped: GNU parallel is not installed (Debian package parallel)");
        return;
    }
    const fs::path dir = scratch("parallel");
    const std::string binary = QALINT_BINARY;
    const Run shards = shell("cd " + dir.string() + " && find " + cli_fixtures +
                             " -name '*.txt' | sort | parallel --will-cite -j2 -N2 '" + binary +
                             " check --format json --fail-level none {} > shard-{#}.json' 2>/dev/null");
    CHECK(shards.status == 1);  // the shard with broken.txt exits 2; parallel counts failed jobs
    const Run merged = shell("cd " + dir.string() + " && " + binary + " merge shard-*.json --format json 2>/dev/null");
    const Run direct = qalint("check --format json " + cli_fixtures);
    const auto m = nlohmann::json::parse(merged.out), d = nlohmann::json::parse(direct.out);
    CHECK(m["summary"] == d["summary"]);
    CHECK(m["conversations"].size() == d["conversations"].size());
    CHECK(m["errors"].size() == 1);
    CHECK(merged.status == 2);
    const Run html =
        shell("cd " + dir.string() + " && " + binary + " merge shard-*.json --format html -o report.html 2>/dev/null");
    CHECK(read_all(dir / "report.html").find("Findings per rule") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("cli::html in headless Chromium") {
    const char* chromium = "/usr/bin/chromium";
    if (!fs::exists(chromium)) {
        MESSAGE("skipped: /usr/bin/chromium is not installed (Debian package chromium)");
        return;
    }
    const fs::path dir = scratch("chromium");
    const std::string report = (dir / "inject.html").string();
    REQUIRE(qalint("check --format html -o " + report + " " + report_fixtures + "inject.txt " + cli_fixtures +
                   "ru-deflect.txt")
                .status == 1);
    const std::string flags =
        " --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
        " --disable-sync --no-first-run --user-data-dir=" +
        (dir / "profile").string() + " ";
    const Run dom =
        shell(std::string("timeout 120 ") + chromium + flags + "--dump-dom file://" + report + " 2>/dev/null");
    REQUIRE(dom.status == 0);
    CHECK(dom.out.find("qalint report") != std::string::npos);
    CHECK(dom.out.find("<svg") != std::string::npos);
    CHECK(dom.out.find("<mark class=\"anti\"") != std::string::npos);
    // The customer's <script> and onerror stayed text: no element, no attribute set, no title change.
    CHECK(dom.out.find("<script") == std::string::npos);
    CHECK(dom.out.find("<img") == std::string::npos);
    CHECK(dom.out.find("data-pwned=\"yes\"") == std::string::npos);
    CHECK(dom.out.find("<title>qalint report</title>") != std::string::npos);
    CHECK(dom.out.find("&lt;script&gt;document.body.setAttribute") != std::string::npos);
    const std::string png = (dir / "shot.png").string();
    shell(std::string("timeout 120 ") + chromium + flags + "--screenshot=" + png + " --window-size=1280,1600 file://" +
          report + " >/dev/null 2>&1");
    CHECK(fs::exists(png));
    CHECK(fs::file_size(png) > 10000);
    fs::remove_all(dir);
}

TEST_CASE("cli::macros are not ranked on the ladder") {
    // SPEC §6: a macro is one agent turn with no customer; the ladder judges conversations.
    const std::string macros = std::string(QALINT_SOURCE_DIR) + "/samples/macros";
    const std::string chat = std::string(QALINT_SOURCE_DIR) + "/samples/en";
    const Run run = qalint("check --format json " + macros + " " + chat);
    REQUIRE(run.status == 1);
    const auto report = nlohmann::json::parse(run.out);
    size_t macro_count = 0, ranked = 0;
    for (const auto& conversation : report["conversations"]) {
        if (conversation["source"] == "macro") {
            ++macro_count;
            CHECK(conversation["level"].is_null());
            CHECK(conversation["score"].is_null());
        } else {
            ++ranked;
            CHECK(conversation["level"].is_string());
            CHECK(conversation["score"].is_number());
        }
    }
    CHECK(macro_count == 4);
    REQUIRE(ranked > 0);
    const auto& summary = report["summary"];
    CHECK(summary["macros"] == macro_count);
    CHECK(summary["conversations"] == macro_count + ranked);
    const auto& levels = summary["levels"];
    CHECK(levels["disappointment"].get<size_t>() + levels["neutral"].get<size_t>() + levels["wow"].get<size_t>() == ranked);

    SUBCASE("merge keeps them unranked") {
        const fs::path shard = scratch("macro-merge") / "shard.json";
        { std::ofstream(shard) << run.out; }
        const Run merged = qalint("merge --format json " + shard.string());
        CHECK(merged.status == run.status);    // the same findings fail the same way
        CHECK(nlohmann::json::parse(merged.out) == report);
    }
    SUBCASE("the text report names them macros, with no level") {
        const Run text = qalint("check --color never " + macros);
        CHECK(text.out.find("4 macros in 4 files") != std::string::npos);
        CHECK(text.out.find("wow") == std::string::npos);
        CHECK(text.out.find("disappointment") == std::string::npos);
    }
}
