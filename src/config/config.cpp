#include "config/config.hpp"

#include <fmt/format.h>
#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

#include "util/data_file.hpp"
#include "util/files.hpp"
#include "util/yaml_documents.hpp"

namespace qalint::config {

namespace fs = std::filesystem;

namespace {

// A configuration is a few keys; its rule paths name files of their own.
constexpr size_t max_config_bytes = util::mebibyte;
constexpr size_t max_config_documents = 16;

int line_of(const YAML::Node& node) {
    return node.Mark().line + 1;
}

class ConfigReader {
public:
    ConfigReader(const std::string& shown, LoadedConfig& into) : m_shown(shown), m_into(into) {}

    void read(const YAML::Node& root) {
        if (root.IsNull()) return;  // an empty file is a valid, empty configuration
        if (!root.IsMap()) return error(root, "the configuration must be a mapping of keys (disable, levels, ...)");
        Config& config = m_into.config;
        std::map<std::string, int> seen;
        for (const auto& entry : root) {
            const std::string key = entry.first.Scalar();
            if (!first_time(seen, entry.first, key)) continue;
            const YAML::Node& value = entry.second;
            if (key == "disable") {
                for (const auto& [id, line] : scalars(value, key)) config.disabled.push_back({id, line});
            } else if (key == "levels") {
                read_levels(value);
            } else if (key == "rules") {
                for (const auto& [path, line] : scalars(value, key))
                    config.rule_paths.push_back((config.folder / path).lexically_normal().string());
            } else if (key == "roles") {
                read_roles(value);
            } else if (key == "macros") {
                for (const auto& [glob, line] : scalars(value, key)) config.macros.push_back(glob);
            } else if (key == "ignore") {
                for (const auto& [glob, line] : scalars(value, key)) config.ignore.push_back(glob);
            } else if (key == "fail_level") {
                config.fail_level = choice(value, key, {"error", "warning", "info", "none"});
            } else if (key == "lang") {
                config.language = choice(value, key, {"auto", "ru", "lt", "en"});
            } else {
                error(entry.first, fmt::format("unknown key '{}' (known: disable, levels, rules, roles, macros, "
                                               "ignore, fail_level, lang)",
                                               key));
            }
        }
    }

private:
    // YAML keeps both values of a key written twice, and which one counted was anybody's guess:
    // the second is an error naming both lines.
    bool first_time(std::map<std::string, int>& seen, const YAML::Node& key, const std::string& name) {
        const auto [it, added] = seen.emplace(name, line_of(key));
        if (!added)
            error(key, fmt::format("'{}' is given twice (lines {} and {}); give it once", name, it->second, line_of(key)));
        return added;
    }

    void error(const YAML::Node& node, const std::string& message) {
        m_into.errors.push_back(fmt::format("{}:{}: {}", m_shown, line_of(node), message));
    }

    // A list of strings; a single string is taken as a list of one.
    std::vector<std::pair<std::string, int>> scalars(const YAML::Node& node, const std::string& key) {
        std::vector<std::pair<std::string, int>> out;
        if (node.IsNull()) return out;
        if (node.IsScalar()) {
            out.emplace_back(node.Scalar(), line_of(node));
            return out;
        }
        if (!node.IsSequence()) {
            error(node, fmt::format("'{}' must be a list of strings", key));
            return out;
        }
        for (const auto& item : node) {
            if (!item.IsScalar() || item.Scalar().empty())
                error(item, fmt::format("'{}' entries must be non-empty strings", key));
            else
                out.emplace_back(item.Scalar(), line_of(item));
        }
        return out;
    }

    std::optional<std::string> choice(const YAML::Node& node, const std::string& key,
                                      std::initializer_list<const char*> allowed) {
        std::string names;
        for (const char* name : allowed) names += std::string(names.empty() ? "" : " | ") + name;
        if (node.IsScalar())
            for (const char* name : allowed)
                if (node.Scalar() == name) return node.Scalar();
        error(node, fmt::format("'{}' must be {}, not '{}'", key, names,
                                node.IsScalar() ? node.Scalar() : "a " + kind(node)));
        return std::nullopt;
    }

    static std::string kind(const YAML::Node& node) {
        return node.IsSequence() ? "list" : node.IsMap() ? "mapping" : "null";
    }

    void read_levels(const YAML::Node& node) {
        if (node.IsNull()) return;
        if (!node.IsMap()) return error(node, "'levels' must be a mapping of rule id to error | warning | info");
        std::map<std::string, int> seen;
        for (const auto& entry : node) {
            if (!first_time(seen, entry.first, "levels: " + entry.first.Scalar())) continue;
            const auto level = choice(entry.second, "levels: " + entry.first.Scalar(), {"error", "warning", "info"});
            if (level)
                m_into.config.levels.push_back(
                    {{entry.first.Scalar(), line_of(entry.first)}, *core::level_from_string(*level)});
        }
    }

    void read_roles(const YAML::Node& node) {
        if (node.IsNull()) return;
        if (!node.IsMap()) return error(node, "'roles' must be a mapping: agent: [names], customer: [names]");
        std::map<std::string, int> seen;
        for (const auto& entry : node) {
            const std::string role = entry.first.Scalar();
            if (!first_time(seen, entry.first, "roles: " + role)) continue;
            auto* names = role == "agent"      ? &m_into.config.agents
                          : role == "customer" ? &m_into.config.customers
                                               : nullptr;
            if (!names) {
                error(entry.first, fmt::format("unknown key 'roles: {}' (known: agent, customer)", role));
                continue;
            }
            for (const auto& [name, line] : scalars(entry.second, "roles: " + role)) names->push_back(name);
        }
    }

    const std::string& m_shown;
    LoadedConfig& m_into;
};

}  // namespace

bool Config::matches_any(const std::vector<std::string>& globs, const std::string& path) const {
    for (const auto& glob : globs)
        if (glob_matches(glob, folder, path)) return true;
    return false;
}

bool glob_matches(const std::string& glob, const fs::path& root, const std::string& path) {
    if (path == "-") return false;
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec).lexically_normal();
    if (ec) return false;
    const std::string relative = absolute.lexically_relative(root).generic_string();
    if (relative.empty() || relative.starts_with("..")) return false;  // outside the configured tree

    std::string pattern = glob;
    if (pattern.starts_with("./")) pattern.erase(0, 2);
    if (pattern.ends_with('/')) pattern += '*';
    if (::fnmatch(pattern.c_str(), relative.c_str(), 0) == 0) return true;
    return pattern.starts_with("**/") && ::fnmatch(pattern.c_str() + 3, relative.c_str(), 0) == 0;
}

std::optional<fs::path> find_config(const fs::path& start) {
    std::error_code ec;
    fs::path folder = fs::absolute(start, ec).lexically_normal();
    if (ec) return std::nullopt;
    while (true) {
        const fs::path candidate = folder / config_file_name;
        if (fs::is_regular_file(candidate, ec)) return candidate;
        if (!folder.has_relative_path()) return std::nullopt;  // reached the root
        folder = folder.parent_path();
    }
}

LoadedConfig parse_config(std::string_view text, const std::string& shown, const fs::path& folder) {
    LoadedConfig loaded;
    loaded.config.file = shown;
    loaded.config.folder = folder;
    if (text.size() > max_config_bytes) {
        loaded.errors.push_back(fmt::format("{}: a configuration of {}: it is a few keys (at most {})", shown,
                                            util::describe_size(text.size()), util::describe_size(max_config_bytes)));
        return loaded;
    }
    // A configuration is one mapping. A text that starts with ',' used to read as empty documents
    // without end (yaml-cpp), or as an empty configuration when only the first was read.
    const util::YamlDocuments documents = util::load_yaml_documents(text, max_config_documents);
    if (!documents.error.empty()) {
        loaded.errors.push_back(documents.line ? fmt::format("{}:{}: {}", shown, documents.line, documents.error)
                                               : fmt::format("{}: {}", shown, documents.error));
        return loaded;
    }
    YAML::Node root;
    for (const YAML::Node& document : documents.documents) {
        if (document.IsNull()) continue;
        if (root.IsDefined() && !root.IsNull()) {
            loaded.errors.push_back(fmt::format("{}:{}: a second YAML document: a configuration is one mapping", shown,
                                                line_of(document)));
            return loaded;
        }
        root = document;
    }
    ConfigReader(shown, loaded).read(root);
    return loaded;
}

LoadedConfig load_config(const fs::path& path) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec).lexically_normal();
    // Shown relative to the current folder when it is near, as users typed it.
    std::string shown = path.string();
    if (path.is_absolute()) {
        const fs::path relative = absolute.lexically_relative(fs::current_path(ec));
        if (!ec && !relative.empty()) shown = relative.string();
    }
    const auto text = util::read_data_file(path.string(), max_config_bytes);
    if (!text) {
        LoadedConfig loaded;
        loaded.config.file = shown;
        loaded.errors.push_back(fmt::format("{}: cannot read the configuration: {}", shown, text.error()));
        return loaded;
    }
    return parse_config(*text, shown, absolute.parent_path());
}

std::vector<std::string> unknown_rule_errors(const Config& config,
                                             const std::function<bool(const std::string&)>& known) {
    std::vector<std::string> errors;
    for (const auto& ref : config.disabled)
        if (!known(ref.id))
            errors.push_back(fmt::format("{}:{}: 'disable' names an unknown rule '{}'", config.file, ref.line, ref.id));
    for (const auto& [ref, level] : config.levels)
        if (!known(ref.id))
            errors.push_back(fmt::format("{}:{}: 'levels' names an unknown rule '{}'", config.file, ref.line, ref.id));
    return errors;
}

std::string_view starter_config() {
    return R"(# qalint configuration (README, section "Use in CI").
# qalint looks for this file in the current folder and its parents (or use --config FILE).
# Every key is optional; an unknown key is an error. Flags on the command line win.

# Rules to switch off (ids from `qalint rules list`).
disable: []
#  - formal-cliche

# Per-rule levels: error | warning | info. Error-level anti-patterns fail the check.
levels: {}
#  vague-promise: error
#  hold-without-time: info

# Extra rule files or folders, relative to this file. A rule with a built-in id replaces it.
rules: []
#  - qalint-rules/

# Speaker names (case-insensitive) that are agents or customers in transcripts.
roles: {}
#  agent: [Helpdesk, "Kasa 2"]
#  customer: [Visitor]

# Files read as support macros (one agent reply: no greeting/thanks-missing rules).
# Globs are relative to this file and matched with fnmatch(3): '*' also crosses '/',
# so "macros/*" covers every file under macros/, and "*.md" every Markdown file.
macros:
  - "macros/*"

# Files never checked, even when named on the command line (as pre-commit does).
ignore: []
#  - "drafts/*"

# Exit 1 when an anti-pattern at or above this level is found: error | warning | info | none.
fail_level: error

# Language of the text: auto | ru | lt | en.
lang: auto
)";
}

}  // namespace qalint::config
