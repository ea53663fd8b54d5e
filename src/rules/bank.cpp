#include "rules/bank.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "util/files.hpp"
#include "util/yaml_documents.hpp"

namespace qalint::rules {
namespace {

bool read_list(const YAML::Node& doc, const char* key, std::vector<std::string>& into, std::string& error) {
    const YAML::Node node = doc[key];
    if (!node) return true;
    if (!node.IsSequence()) {
        error = fmt::format("line {}: `{}` must be a list of strings", node.Mark().line + 1, key);
        return false;
    }
    for (const auto& item : node) {
        if (!item.IsScalar()) {
            error = fmt::format("line {}: `{}` must be a list of strings", item.Mark().line + 1, key);
            return false;
        }
        into.push_back(item.as<std::string>());
    }
    return true;
}

}  // namespace

void load_bank_yaml(std::string_view yaml, const std::string& file, BankLoad& into) {
    YAML::Node doc;
    try {
        doc = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        into.errors.push_back(fmt::format("{}: line {}: not valid YAML: {}", file, e.mark.line + 1, e.msg));
        return;
    }
    if (const auto duplicate = util::find_duplicate_key(doc)) {
        into.errors.push_back(fmt::format("{}: line {}: `{}` is given twice in one mapping (lines {} and {}); give it once",
                                          file, duplicate->line, duplicate->key, duplicate->first_line, duplicate->line));
        return;
    }
    if (!doc.IsMap()) {
        into.errors.push_back(fmt::format("{}: a bank is a mapping (rule, language, match, no_match)", file));
        return;
    }
    static const char* const known[] = {"rule", "language", "match", "no_match", "todo_match", "todo_no_match"};
    for (const auto& entry : doc) {
        const auto key = entry.first.as<std::string>();
        if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return key == k; }) == std::end(known)) {
            into.errors.push_back(fmt::format("{}: line {}: unknown key `{}`", file, entry.first.Mark().line + 1, key));
            return;
        }
    }
    Bank bank;
    bank.file = file;
    if (!doc["rule"] || !doc["rule"].IsScalar()) {
        into.errors.push_back(fmt::format("{}: a bank names its `rule`", file));
        return;
    }
    bank.rule = doc["rule"].as<std::string>();
    const auto language = doc["language"] && doc["language"].IsScalar()
                              ? core::language_from_string(doc["language"].as<std::string>())
                              : std::nullopt;
    if (!language || *language == core::Language::unknown) {
        into.errors.push_back(fmt::format("{}: a bank names its `language`: ru, lt or en", file));
        return;
    }
    bank.language = *language;
    std::string error;
    if (!read_list(doc, "match", bank.match, error) || !read_list(doc, "no_match", bank.no_match, error) ||
        !read_list(doc, "todo_match", bank.todo_match, error) ||
        !read_list(doc, "todo_no_match", bank.todo_no_match, error)) {
        into.errors.push_back(fmt::format("{}: {}", file, error));
        return;
    }
    into.banks.push_back(std::move(bank));
}

namespace {

void write_list(std::string& out, const char* key, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += key;
    out += ":\n";
    for (const auto& item : items) {
        if (item.find('\n') != std::string::npos) {
            out += "  - |\n";
            size_t begin = 0;
            while (begin < item.size()) {
                size_t end = item.find('\n', begin);
                if (end == std::string::npos) end = item.size();
                out += "    " + item.substr(begin, end - begin) + "\n";
                begin = end + 1;
            }
            continue;
        }
        out += "  - \"";
        for (char c : item) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += "\"\n";
    }
}

}  // namespace

std::string bank_yaml(const Bank& bank) {
    std::string out = fmt::format("rule: {}\nlanguage: {}\n", bank.rule, core::to_string(bank.language));
    write_list(out, "match", bank.match);
    write_list(out, "no_match", bank.no_match);
    write_list(out, "todo_match", bank.todo_match);
    write_list(out, "todo_no_match", bank.todo_no_match);
    return out;
}

void load_bank_paths(const std::vector<std::string>& paths, BankLoad& into) {
    namespace fs = std::filesystem;
    for (const auto& path : paths) {
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(path, ec)) {
            for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec))
                if (it->is_regular_file(ec) && (it->path().extension() == ".yaml" || it->path().extension() == ".yml"))
                    files.push_back(it->path());
            std::sort(files.begin(), files.end());
        } else if (fs::is_regular_file(path, ec)) {
            files.emplace_back(path);
        } else {
            into.errors.push_back(fmt::format("{}: no such bank file or folder", path));
            continue;
        }
        for (const auto& file : files) {
            auto text = util::read_file(file.string());
            if (!text) {
                into.errors.push_back(fmt::format("{}: {}", file.string(), text.error()));
                continue;
            }
            load_bank_yaml(*text, file.string(), into);
        }
    }
}

}  // namespace qalint::rules
