// Baselines: fingerprints without lines, multiset semantics, the file round trip.

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "config/baseline.hpp"
#include "util/files.hpp"

using namespace qalint;
namespace fs = std::filesystem;

namespace {

core::Finding finding(const std::string& rule, const std::string& match, uint32_t line,
                      core::Category category = core::Category::anti_pattern) {
    core::Finding f;
    f.rule = rule;
    f.match = match;
    f.line = line;
    f.category = category;
    f.level = core::Level::error;
    return f;
}

core::Verdict verdict_of(const std::string& file, std::vector<core::Finding> findings) {
    core::Verdict verdict;
    verdict.conversation.file = file;
    verdict.findings = std::move(findings);
    return verdict;
}

}  // namespace

TEST_CASE("config::Baseline") {
    char pattern[] = "/tmp/qalint-baseline-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path root = pattern;
    const struct Cleanup {
        fs::path path;
        ~Cleanup() { fs::remove_all(path); }
    } cleanup{root};
    const std::string file = (root / "macros" / "a.md").string();

    SUBCASE("the fingerprint is file (relative to the baseline), rule and text, not line") {
        config::Baseline baseline(root);
        const auto a = baseline.fingerprint(file, finding("rudeness", "calm  down", 3));
        const auto b = baseline.fingerprint(file, finding("rudeness", "calm down", 40));
        CHECK(a == b);
        CHECK(a.file == "macros/a.md");
        CHECK(a.match == "calm down");
        CHECK(baseline.fingerprint("-", finding("x", "", 1)).file == "-");
    }
    SUBCASE("a multiset: one accepted, a second is new; good practice never hidden") {
        config::Baseline baseline(root);
        baseline.add(file, finding("rudeness", "calm down", 3));
        baseline.add(file, finding("thanks", "thank you", 4, core::Category::good_practice));
        baseline.add(file, finding("missing-greeting", "", 1));
        CHECK(baseline.size() == 2);

        config::BaselineFilter filter(baseline);
        auto verdict = verdict_of(file, {finding("missing-greeting", "", 9), finding("rudeness", "calm down", 10),
                                         finding("thanks", "thank you", 11, core::Category::good_practice),
                                         finding("rudeness", "calm down", 12)});
        CHECK(filter.apply(verdict) == 2);
        REQUIRE(verdict.findings.size() == 2);
        CHECK(verdict.findings[0].rule == "thanks");
        CHECK(verdict.findings[1].line == 12);  // the second "calm down" is new
        CHECK(verdict.level == core::Ladder::disappointment);

        // Another file with the same text is not covered.
        auto other = verdict_of((root / "b.md").string(), {finding("rudeness", "calm down", 1)});
        CHECK(filter.apply(other) == 0);
    }
    SUBCASE("write and load round trip; relative to the baseline's own folder") {
        config::Baseline baseline(root);
        baseline.add(file, finding("rudeness", "calm down", 3));
        baseline.add(file, finding("rudeness", "calm down", 7));
        const std::string path = (root / "qalint-baseline.json").string();
        REQUIRE(util::write_file_atomically(path, baseline.to_json()));
        const auto loaded = config::Baseline::load(path);
        REQUIRE(loaded);
        CHECK(loaded->size() == 2);
        CHECK(loaded->counts() == baseline.counts());
    }
    SUBCASE("a bare list is read; bad files are refused with a reason") {
        const std::string path = (root / "b.json").string();
        std::ofstream(path) << R"([{"file": "macros/a.md", "rule": "rudeness", "match": "calm down"}])";
        const auto loaded = config::Baseline::load(path);
        REQUIRE(loaded);
        CHECK(loaded->size() == 1);
        std::ofstream(path) << R"({"findings": [{"file": "x", "rule": "y", "count": 0}]})";
        const auto bad = config::Baseline::load(path);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().find("positive") != std::string::npos);
        CHECK_FALSE(config::Baseline::load((root / "missing.json").string()));
    }
}
