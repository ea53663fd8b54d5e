// Baselines: fingerprints without lines, multiset semantics, the file round trip.

#include <doctest/doctest.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>
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

TEST_CASE("config::BaselineFilter counts what it hides, and names the entries of checked files that match nothing now") {
    config::Baseline baseline("/repo");
    baseline.add("/repo/a.md", finding("rudeness", "calm down", 1));
    baseline.add("/repo/a.md", finding("rudeness", "calm down", 9));
    baseline.add("/repo/a.md", finding("redirection", "call the bank", 4));
    baseline.add("/repo/b.md", finding("rudeness", "calm down", 2));    // b.md is not checked in this run
    config::BaselineFilter filter(std::move(baseline));
    auto a = verdict_of("/repo/a.md", {finding("rudeness", "calm down", 3), finding("dont-know", "no idea", 5)});
    CHECK(filter.apply(a) == 1);
    CHECK(filter.hidden() == 1);
    const auto unmatched = filter.unmatched();
    REQUIRE(unmatched.size() == 2);
    CHECK(unmatched[0].first.rule == "redirection");    // fixed since: it matches nothing
    CHECK(unmatched[0].second == 1);
    CHECK(unmatched[1].first.rule == "rudeness");    // one of its two places is left over
    CHECK(unmatched[1].first.file == "a.md");
    CHECK(unmatched[1].second == 1);
}

TEST_CASE("config::Baseline::load refuses what is not a regular file") {
    const auto fifo = fs::temp_directory_path() / ("qalint-baseline-fifo-" + std::to_string(::getpid()));
    fs::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Reading a FIFO waited in open() for a writer that never comes: here one comes after a while,
    // so that a reader that waits fails this test instead of hanging it.
    std::thread writer([&] {
        for (int attempt = 0; attempt < 20; ++attempt) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
            if (fd < 0) continue;    // no reader has it open: as it should be
            (void)!::write(fd, "[]", 2);
            ::close(fd);
            return;
        }
    });
    const auto loaded = config::Baseline::load(fifo.string());
    writer.join();
    fs::remove(fifo);
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().find("not a regular file (a FIFO)") != std::string::npos);
    const auto zero = config::Baseline::load("/dev/zero");
    REQUIRE_FALSE(zero);
    CHECK(zero.error() == "/dev/zero: cannot read the baseline: not a regular file (a character device)");
}
