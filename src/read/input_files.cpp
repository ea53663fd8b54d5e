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

// A project's documentation by its name: a word no reply is named by, first or last in the name
// ("abcd_LICENSE.txt", "LICENSE-MIT", "README.ru.md"), or a whole name ("NOTICE", "AUTHORS": a
// "delivery-notice.md" macro is read); or a tool's JSON (package.json) or YAML (docker-compose.yml).
bool is_project_file(const std::filesystem::path& file) {
    const std::string name = lower_ascii(file.filename().string());
    for (const char* tooling : {"package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig.json",
                                "jsconfig.json", "renovate.json", ".eslintrc.json", ".prettierrc.json", "lerna.json",
                                "manifest.json", "bower.json", "deno.json", "nx.json", "turbo.json"})
        if (name == tooling) return true;
    const std::string extension = lower_ascii(file.extension().string());
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
    std::vector<std::string> words;
    std::string word;
    for (char c : lower_ascii(file.stem().string())) {
        if (c == '_' || c == '-' || c == '.' || c == ' ') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    if (words.empty()) return false;
    for (const char* documentation :
         {"readme", "changelog", "license", "licence", "licenses", "licences", "contributing"})
        if (words.front() == documentation || words.back() == documentation) return true;
    std::string whole;
    for (const auto& w : words) whole += (whole.empty() ? "" : "_") + w;
    for (const char* documentation :
         {"notice", "notices", "third_party_notices", "authors", "contributors", "maintainers", "copying", "copyright",
          "codeowners", "code_of_conduct", "history", "news"})
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
