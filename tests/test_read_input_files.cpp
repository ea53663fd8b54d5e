// Which files are inputs: the folder walk's filter and the pre-commit hook's patterns agree.

#include <doctest/doctest.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "read/input_files.hpp"

using namespace qalint;

TEST_CASE("read::is_input_file and the pre-commit hook: YAML macros taken, documentation left out by whole name only") {
    const YAML::Node hooks = YAML::LoadFile(std::string(QALINT_SOURCE_DIR) + "/.pre-commit-hooks.yaml");
    REQUIRE(hooks.size() == 1);
    // pre-commit applies these with Python's re.search; they use nothing RE2 reads otherwise.
    const RE2 files(hooks[0]["files"].as<std::string>());
    const RE2 exclude(hooks[0]["exclude"].as<std::string>());
    REQUIRE(files.ok());
    REQUIRE(exclude.ok());
    const auto taken = [&](const std::string& path) {
        return RE2::PartialMatch(path, files) && !RE2::PartialMatch(path, exclude);
    };
    // A word of a documentation name in a macro's name is not the name.
    const std::vector<std::string> macros_and_chats = {"macros/fees.yaml",
                                                       "macros/fees.yml",
                                                       "FEES.YAML",
                                                       "macros/driving-licence-update.md",
                                                       "macros/driving-licence.md",
                                                       "Driving_Licence.txt",
                                                       "licence-renewal.md",
                                                       "replies/readme-first-steps.md",
                                                       "changelog-of-fees.txt",
                                                       "macros/contributing-to-a-claim.html",
                                                       "macros/refund.md",
                                                       "macros/refund.html",
                                                       "replies/hold.txt",
                                                       "exports/chats.json",
                                                       "exports/chats.jsonl",
                                                       "calls/2024-05-01.vtt",
                                                       "calls/a.srt",
                                                       "graded.csv",
                                                       "macros/delivery-notice.md",
                                                       "copying-a-receipt.md",
                                                       "replies/new-licenses.html"};
    for (const auto& path : macros_and_chats) CHECK_MESSAGE(taken(path), path);
    const std::vector<std::string> documentation_and_tooling = {"README.md",
                                                                "docs/README.ru.md",
                                                                "readme",
                                                                "LICENSE",
                                                                "LICENCE.txt",
                                                                "licenses.md",
                                                                "CHANGELOG.md",
                                                                "CONTRIBUTING.md",
                                                                "NOTICE",
                                                                ".qalint.yaml",
                                                                ".pre-commit-config.yaml",
                                                                ".pre-commit-hooks.yaml",
                                                                ".github/workflows/ci.yml",
                                                                ".gitlab-ci.yml",
                                                                "docker-compose.yml",
                                                                "docker-compose.prod.yaml",
                                                                "compose.yaml",
                                                                "mkdocs.yml",
                                                                "action.yml",
                                                                "package.json",
                                                                "web/package-lock.json",
                                                                "tsconfig.json",
                                                                "tsconfig.build.json",
                                                                ".eslintrc.json",
                                                                "NOTICE.txt",
                                                                "src/main.cpp",
                                                                "logo.png",
                                                                "Makefile",
                                                                ".qalint-baseline.json",
                                                                "LICENSE.md",
                                                                "docs/license.txt",
                                                                "Licence.MD",
                                                                "COPYING.txt",
                                                                "copying",
                                                                "Notice.html",
                                                                "NOTICES.md"};
    for (const auto& path : documentation_and_tooling) CHECK_MESSAGE(!taken(path), path);
    // A folder walk reads what the hook takes (hidden paths it skips before asking).
    for (const auto& list : {macros_and_chats, documentation_and_tooling})
        for (const auto& path : list)
            if (path[0] != '.' && path.find("/.") == std::string::npos)
                CHECK_MESSAGE(read::is_input_file(path) == taken(path), path);
    // A folder walk takes the same YAML files by name.
    for (const char* name : {"fees.yaml", "docker-compose.yml", "compose.yaml", "mkdocs.yml", "action.yml",
                             "openapi.yaml", "pnpm-lock.yaml", "replies.yml"})
        CHECK_MESSAGE(read::is_input_file(name) == taken(name), name);
}
