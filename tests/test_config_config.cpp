// .qalint.yaml: parsing, validation with lines, discovery, globs.

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "config/config.hpp"

namespace fs = std::filesystem;
using qalint::config::parse_config;

TEST_CASE("config::parse_config") {
    const fs::path folder = "/repo";
    SUBCASE("every key") {
        const auto loaded = parse_config(R"(disable: [formal-cliche, thanks]
levels:
  vague-promise: error
rules: [extra/, one.yaml]
roles:
  agent: [Helpdesk]
  customer: Visitor
macros: ["macros/*"]
ignore: ["drafts/*"]
fail_level: warning
lang: lt
)",
                                         ".qalint.yaml", folder);
        REQUIRE(loaded.errors.empty());
        const auto& config = loaded.config;
        REQUIRE(config.disabled.size() == 2);
        CHECK(config.disabled[1].id == "thanks");
        CHECK(config.disabled[1].line == 1);
        REQUIRE(config.levels.size() == 1);
        CHECK(config.levels[0].first.id == "vague-promise");
        CHECK(config.levels[0].first.line == 3);
        CHECK(config.levels[0].second == qalint::core::Level::error);
        CHECK(config.rule_paths == std::vector<std::string>{"/repo/extra/", "/repo/one.yaml"});
        CHECK(config.agents == std::vector<std::string>{"Helpdesk"});
        CHECK(config.customers == std::vector<std::string>{"Visitor"});
        CHECK(config.fail_level == "warning");
        CHECK(config.language == "lt");
        CHECK(config.is_macro("/repo/macros/deep/a.md"));
        CHECK_FALSE(config.is_macro("/repo/other/a.md"));
        CHECK(config.is_ignored("/repo/drafts/x.md"));
    }
    SUBCASE("an empty file is an empty configuration") {
        const auto loaded = parse_config("", ".qalint.yaml", folder);
        CHECK(loaded.errors.empty());
        CHECK(loaded.config.disabled.empty());
    }
    SUBCASE("an unknown key names the key and its line") {
        const auto loaded = parse_config("disable: []\nfail-level: error\n", ".qalint.yaml", folder);
        REQUIRE(loaded.errors.size() == 1);
        CHECK(loaded.errors[0].starts_with(".qalint.yaml:2: unknown key 'fail-level'"));
    }
    SUBCASE("bad values name the key and the value") {
        const auto loaded = parse_config(
            "fail_level: fatal\nlevels:\n  rudeness: loud\nroles:\n  boss: [X]\ndisable: {a: b}\n", "cfg.yaml", folder);
        REQUIRE(loaded.errors.size() == 4);
        CHECK(loaded.errors[0] == "cfg.yaml:1: 'fail_level' must be error | warning | info | none, not 'fatal'");
        CHECK(loaded.errors[1].starts_with("cfg.yaml:3: 'levels: rudeness' must be error | warning | info"));
        CHECK(loaded.errors[2].starts_with("cfg.yaml:5: unknown key 'roles: boss'"));
        CHECK(loaded.errors[3] == "cfg.yaml:6: 'disable' must be a list of strings");
    }
    SUBCASE("broken YAML and a non-mapping") {
        CHECK(parse_config("disable: [a\n", "c.yaml", folder).errors.at(0).starts_with("c.yaml:"));
        CHECK(parse_config("- a\n", "c.yaml", folder)
                  .errors.at(0)
                  .starts_with("c.yaml:1: the configuration must be a mapping"));
    }
    SUBCASE("unknown rule ids in disable and levels") {
        const auto loaded =
            parse_config("disable: [rudeness, no-such-rule]\nlevels: {also-none: info}\n", ".qalint.yaml", folder);
        REQUIRE(loaded.errors.empty());
        const auto errors =
            qalint::config::unknown_rule_errors(loaded.config, [](const std::string& id) { return id == "rudeness"; });
        REQUIRE(errors.size() == 2);
        CHECK(errors[0] == ".qalint.yaml:1: 'disable' names an unknown rule 'no-such-rule'");
        CHECK(errors[1] == ".qalint.yaml:2: 'levels' names an unknown rule 'also-none'");
    }
    SUBCASE("the starter parses cleanly") {
        CHECK(parse_config(qalint::config::starter_config(), ".qalint.yaml", folder).errors.empty());
    }
}

TEST_CASE("config::glob_matches") {
    using qalint::config::glob_matches;
    const fs::path root = "/repo";
    CHECK(glob_matches("*.md", root, "/repo/a/b/c.md"));            // '*' crosses '/'
    CHECK(glob_matches("macros/", root, "/repo/macros/x/y.html"));  // a folder
    CHECK(glob_matches("**/*.md", root, "/repo/top.md"));           // "**/" may match nothing
    CHECK(glob_matches("./macros/*", root, "/repo/macros/a.txt"));
    CHECK_FALSE(glob_matches("*.md", root, "/elsewhere/a.md"));  // outside the tree
    CHECK_FALSE(glob_matches("macros/*", root, "/repo/other/macros.md"));
    CHECK_FALSE(glob_matches("*", root, "-"));  // stdin
}

TEST_CASE("config::find_config") {
    char pattern[] = "/tmp/qalint-config-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path root = pattern;
    fs::create_directories(root / "a" / "b");
    CHECK_FALSE(qalint::config::find_config(root / "a" / "b").has_value());
    std::ofstream(root / ".qalint.yaml") << "disable: []\n";
    const auto found = qalint::config::find_config(root / "a" / "b");
    REQUIRE(found.has_value());
    CHECK(*found == root / ".qalint.yaml");
    std::ofstream(root / "a" / ".qalint.yaml") << "";
    CHECK(*qalint::config::find_config(root / "a" / "b") == root / "a" / ".qalint.yaml");
    fs::remove_all(root);
}

TEST_CASE("config::parse_config refuses a key given twice, naming both lines") {
    const fs::path folder = "/repo";
    const auto twice = parse_config("disable: [thanks]\nfail_level: warning\ndisable: [apology]\n", ".qalint.yaml", folder);
    REQUIRE(twice.errors.size() == 1);
    CHECK(twice.errors[0] == ".qalint.yaml:3: 'disable' is given twice (lines 1 and 3); give it once");
    const auto levels = parse_config("levels:\n  thanks: info\n  thanks: warning\n", ".qalint.yaml", folder);
    REQUIRE(levels.errors.size() == 1);
    CHECK(levels.errors[0] == ".qalint.yaml:3: 'levels: thanks' is given twice (lines 2 and 3); give it once");
    const auto roles = parse_config("roles:\n  agent: [Ann]\n  agent: [Bob]\n", ".qalint.yaml", folder);
    REQUIRE(roles.errors.size() == 1);
    CHECK(roles.errors[0].find("'roles: agent' is given twice (lines 2 and 3)") != std::string::npos);
}

TEST_CASE("config::parse_config refuses what is not one mapping") {
    const fs::path folder = "/repo";
    // yaml-cpp read ",\n" as an empty configuration (the first of endless empty documents).
    const auto comma = parse_config(",\n", ".qalint.yaml", folder);
    REQUIRE(comma.errors.size() == 1);
    CHECK(comma.errors[0].starts_with(".qalint.yaml: more than 16 YAML documents"));
    const auto two = parse_config("disable: [thanks]\n---\nlang: en\n", ".qalint.yaml", folder);
    REQUIRE(two.errors.size() == 1);
    CHECK(two.errors[0] == ".qalint.yaml:3: a second YAML document: a configuration is one mapping");
    CHECK(parse_config("# nothing yet\n", ".qalint.yaml", folder).errors.empty());
    CHECK(parse_config("", ".qalint.yaml", folder).errors.empty());
}
