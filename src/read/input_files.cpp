#include "read/input_files.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

namespace qalint::read {
namespace {

std::string lower_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// A project's documentation by its whole name, with or without an extension (LICENSE, LICENCE.txt,
// README.ru.md, THIRD-PARTY-NOTICES.txt), as the pre-commit hook leaves it out: a macro named by a
// word of it ("driving-licence.md", "licence-renewal.md", "delivery-notice.md") is read. Or a
// tool's JSON (package.json) or YAML (docker-compose.yml).
bool is_project_file(const std::filesystem::path& file) {
    const std::string name = lower_ascii(file.filename().string());
    for (const char* tooling : {"package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig.json",
                                "jsconfig.json", "renovate.json", ".eslintrc.json", ".prettierrc.json", "lerna.json",
                                "manifest.json", "bower.json", "deno.json", "nx.json", "turbo.json"})
        if (name == tooling) return true;
    const std::string extension = lower_ascii(file.extension().string());
    if (extension == ".json" && (name.starts_with("tsconfig") || name.starts_with("jsconfig"))) return true;
    if (extension == ".yaml" || extension == ".yml") {
        const std::string stem = lower_ascii(file.stem().string());
        if (stem.starts_with("docker-compose") || stem.starts_with("compose")) return true;
        for (const char* tooling :
             {"mkdocs",    "action",         "codecov", "azure-pipelines", "bitbucket-pipelines", "appveyor",
              "pnpm-lock", "pnpm-workspace", "pubspec", "chart",           "environment",         "serverless",
              "openapi",   "swagger",        "_config", "buildspec",       "cloudbuild",          "kustomization",
              "skaffold",  "taskfile",       "citation"})
            if (stem == tooling) return true;
    }
    // The name up to its first dot, its separators alike: "code-of-conduct.md" is code_of_conduct.
    std::string whole = name.substr(0, name.find('.'));
    std::replace_if(whole.begin(), whole.end(), [](char c) { return c == '-' || c == ' '; }, '_');
    for (const char* documentation :
         {"readme", "changelog", "license", "licence", "licenses", "licences", "contributing", "notice", "notices",
          "third_party_notices", "authors", "contributors", "maintainers", "copying", "copyright", "codeowners",
          "code_of_conduct", "history", "news"})
        if (whole == documentation) return true;
    return false;
}

}  // namespace

bool is_input_file(const std::string& path) {
    const std::filesystem::path file(path);
    if (is_project_file(file)) return false;
    const std::string extension = lower_ascii(file.extension().string());
    for (const char* known : {".txt", ".log", ".text", ".chat", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl",
                              ".ndjson", ".csv", ".tsv", ".vtt", ".srt", ".yaml", ".yml"})
        if (extension == known) return true;
    return false;
}

}  // namespace qalint::read
