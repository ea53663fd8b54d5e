#include "rules/load.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "rules/embedded.hpp"
#include "rules/pack.hpp"
#include "rules/regex_syntax.hpp"
#include "util/data_file.hpp"
#include "util/yaml_documents.hpp"

namespace qalint::rules {
namespace {

// A rule file is one rule per YAML document, a few KB each (the largest built-in file is 35 KB).
constexpr size_t max_rule_file_bytes = 4 * util::mebibyte;
constexpr size_t max_rule_documents = 1000;

using core::Rule;

// The {{name}} a regex refers to a vocabulary by, each at [begin, end) of the pattern.
struct VocabularyName {
    size_t begin, end;
    std::string name;
};

std::vector<VocabularyName> vocabulary_names(std::string_view regex) {
    std::vector<VocabularyName> names;
    for (size_t at = regex.find("{{"); at != std::string_view::npos; at = regex.find("{{", at + 2)) {
        const size_t close = regex.find("}}", at + 2);
        if (close == std::string_view::npos) break;
        const std::string_view name = regex.substr(at + 2, close - at - 2);
        const bool kebab = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
        if (kebab) names.push_back({at, close + 2, std::string(name)});
    }
    return names;
}

// The regex with each {{name}} as a plain group, for the syntax check before vocabularies are known.
std::string without_vocabulary_names(const std::string& regex) {
    std::string out = regex;
    const auto names = vocabulary_names(regex);
    for (auto it = names.rbegin(); it != names.rend(); ++it) out.replace(it->begin, it->end - it->begin, "(?:x)");
    return out;
}

// RE2's error for a regex that does not parse; a program too large for this small budget is
// left to the compilation of the rules, which has the real one.
std::optional<std::string> re2_syntax_error(const std::string& regex) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(1 << 16);
    const RE2 parsed(regex, options);
    if (parsed.ok() || parsed.error_code() == RE2::ErrorPatternTooLarge) return std::nullopt;
    return parsed.error();
}

class RuleReader {
public:
    RuleReader(const std::string& file, LoadResult& into) : m_file(file), m_into(into) {}

    void read_document(const YAML::Node& doc) {
        if (!doc.IsMap()) {
            error(doc, "a rule must be a mapping of keys (id, title, kind, ...)");
            return;
        }
        Rule rule;
        rule.file = m_file;
        rule.line = line_of(doc);
        m_rule_id = doc["id"] && doc["id"].IsScalar() ? doc["id"].as<std::string>() : "?";
        const size_t errors_before = m_into.errors.size();
        m_pattern_rejected = false;

        static const std::set<std::string> known = {"id", "title", "category", "level", "ladder", "kind",
                                                    "speaker", "applies_to", "message", "advice", "patterns",
                                                    "unless", "unless_scope", "unless_previous", "only_in_first", "only_in_reply", "only_at_end", "only_after", "unless_continued", "examples", "missing", "response", "tags"};
        for (const auto& entry : doc) {
            const std::string key = entry.first.as<std::string>();
            if (!known.count(key)) error(entry.first, fmt::format("unknown key '{}'", key));
        }

        rule.id = required_scalar(doc, "id");
        if (!rule.id.empty() && !is_kebab_case(rule.id))
            error(doc["id"], fmt::format("id '{}' must be kebab-case (a-z, 0-9, '-')", rule.id));
        rule.title = required_scalar(doc, "title");
        rule.kind = choice(doc, "kind", {{"phrase", core::RuleKind::phrase}, {"missing", core::RuleKind::missing},
                                         {"response", core::RuleKind::response}, {"vocabulary", core::RuleKind::vocabulary}},
                           core::RuleKind::phrase, true);
        if (rule.kind == core::RuleKind::vocabulary) {
            read_vocabulary(doc, rule);
            if (m_into.errors.size() == errors_before) m_into.rules.push_back(std::move(rule));
            return;
        }
        rule.message = required_scalar(doc, "message");
        rule.category = choice(doc, "category", {{"anti-pattern", core::Category::anti_pattern},
                                                 {"good-practice", core::Category::good_practice},
                                                 {"signal", core::Category::signal}},
                               core::Category::anti_pattern, true);
        rule.level = choice(doc, "level", {{"error", core::Level::error}, {"warning", core::Level::warning},
                                           {"info", core::Level::info}},
                            core::Level::warning, true);
        rule.ladder = choice(doc, "ladder", {{"disappointment", core::Ladder::disappointment},
                                             {"neutral", core::Ladder::neutral}, {"wow", core::Ladder::wow}},
                             core::Ladder::neutral, true);
        const auto speaker = choice(doc, "speaker", {{"agent", 0}, {"customer", 1}, {"any", 2}}, 0, false);
        rule.speaker = speaker == 0 ? std::optional(core::Role::agent)
                       : speaker == 1 ? std::optional(core::Role::customer)
                                      : std::nullopt;
        read_applies_to(doc, rule);
        read_advice(doc, rule);
        read_patterns(doc, "patterns", rule.patterns);
        for (const auto& list : rule.patterns)
            for (const auto& pattern : list)
                if (pattern.whole_turn) error_at(pattern.line, "'scope: turn' is for unless patterns");
        read_patterns(doc, "unless", rule.unless);
        rule.unless_in_sentence = choice(doc, "unless_scope", {{"turn", false}, {"sentence", true}}, false, false);
        if (rule.unless_in_sentence && std::all_of(rule.unless.begin(), rule.unless.end(), [](const auto& l) { return l.empty(); }))
            error(doc["unless_scope"], "'unless_scope' needs 'unless' patterns");
        if (const YAML::Node first = doc["only_in_first"]) {
            if (!first.IsMap() || !first["turns"]) {
                error(first, "'only_in_first' is {turns: N, skip: [IDs]}");
            } else {
                for (const auto& entry : first)
                    if (entry.first.as<std::string>() != "turns" && entry.first.as<std::string>() != "skip")
                        error(entry.first, fmt::format("unknown key 'only_in_first.{}'", entry.first.as<std::string>()));
                rule.only_in_first = positive_int(first["turns"], "only_in_first.turns", 1);
                if (first["skip"]) rule.only_in_first_skip = id_list(first["skip"], "only_in_first.skip");
            }
        }
        rule.only_in_reply = choice(doc, "only_in_reply", {{"true", true}, {"false", false}}, false, false);
        rule.only_at_end = choice(doc, "only_at_end", {{"true", true}, {"false", false}}, false, false);
        if (doc["only_after"]) rule.only_after = id_list(doc["only_after"], "only_after");
        if (const YAML::Node continued = doc["unless_continued"]) {
            if (!continued.IsMap() || !continued["with"]) {
                error(continued, "'unless_continued' is {with: [IDs], skip: [IDs]}");
            } else {
                for (const auto& entry : continued)
                    if (entry.first.as<std::string>() != "with" && entry.first.as<std::string>() != "skip")
                        error(entry.first, fmt::format("unknown key 'unless_continued.{}'", entry.first.as<std::string>()));
                rule.unless_continued = id_list(continued["with"], "unless_continued.with");
                if (continued["skip"]) rule.unless_continued_skip = id_list(continued["skip"], "unless_continued.skip");
            }
        }
        if (doc["unless_previous"]) {
            rule.unless_previous = positive_int(doc["unless_previous"], "unless_previous", 0);
            if (std::all_of(rule.unless.begin(), rule.unless.end(), [](const auto& l) { return l.empty(); }))
                error(doc["unless_previous"], "'unless_previous' needs 'unless' patterns");
        }
        read_examples(doc, rule);

        if (rule.kind == core::RuleKind::phrase) {
            const bool any = std::any_of(rule.patterns.begin(), rule.patterns.end(),
                                         [](const auto& list) { return !list.empty(); });
            // A rule whose only patterns were just rejected needs no second error saying it has none.
            if (!any && !m_pattern_rejected) error(doc, "a phrase rule needs patterns in at least one language");
            if (doc["missing"] || doc["response"]) error(doc, "'missing' and 'response' belong to those kinds only");
        } else if (rule.kind == core::RuleKind::missing) {
            read_missing(doc, rule);
        } else {
            read_response(doc, rule);
        }
        if (rule.kind != core::RuleKind::phrase) rule.for_macros = doc["applies_to"] ? rule.for_macros : false;
        if (m_into.errors.size() == errors_before) m_into.rules.push_back(std::move(rule));
    }

private:
    // kind: vocabulary — id, title, regex terms per language under `patterns`, examples; a signal
    // that matches any speaker, so `rules test` runs its examples like a phrase rule's.
    void read_vocabulary(const YAML::Node& doc, Rule& rule) {
        for (const auto& entry : doc) {
            const std::string key = entry.first.as<std::string>();
            if (key != "id" && key != "title" && key != "kind" && key != "patterns" && key != "examples")
                error(entry.first, fmt::format("a vocabulary has id, title, kind, patterns and examples, not '{}'", key));
        }
        rule.category = core::Category::signal;
        rule.level = core::Level::info;
        rule.ladder = core::Ladder::neutral;
        rule.speaker = std::nullopt;
        rule.for_macros = true;
        rule.message = rule.title;
        // A vocabulary's terms are pieces of other patterns: what stands at their edges is the rule's to say.
        m_reading_vocabulary = true;
        read_patterns(doc, "patterns", rule.patterns);
        m_reading_vocabulary = false;
        for (const auto& list : rule.patterns)
            for (const auto& pattern : list)
                if (pattern.type != core::PatternType::regex) error_at(pattern.line, "a vocabulary's patterns are regexes");
                else if (!pattern.unless.empty()) error_at(pattern.line, "a vocabulary's terms have no 'unless'");
        read_examples(doc, rule);
    }

    static uint32_t line_of(const YAML::Node& node) {
        return node.Mark().line >= 0 ? static_cast<uint32_t>(node.Mark().line) + 1 : 1;
    }

    void error(const YAML::Node& node, const std::string& message) {
        const uint32_t line = node.IsDefined() ? line_of(node) : 1;
        m_into.errors.push_back(fmt::format("{}:{}: rule {}: {}", m_file, line, m_rule_id, message));
    }
    void error_at(uint32_t line, const std::string& message) {
        m_into.errors.push_back(fmt::format("{}:{}: rule {}: {}", m_file, line, m_rule_id, message));
    }

    static bool is_kebab_case(const std::string& id) {
        if (id.empty() || id.front() == '-' || id.back() == '-') return false;
        return std::all_of(id.begin(), id.end(),
                           [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
    }

    std::string required_scalar(const YAML::Node& doc, const char* key) {
        const YAML::Node node = doc[key];
        if (!node) {
            error(doc, fmt::format("missing required key '{}'", key));
            return "";
        }
        if (!node.IsScalar() || node.as<std::string>().empty()) {
            error(node, fmt::format("'{}' must be a non-empty string", key));
            return "";
        }
        return node.as<std::string>();
    }

    template <typename T>
    T choice(const YAML::Node& doc, const char* key, const std::vector<std::pair<std::string, T>>& options, T fallback,
             bool required) {
        const YAML::Node node = doc[key];
        if (!node) {
            if (required) error(doc, fmt::format("missing required key '{}'", key));
            return fallback;
        }
        const std::string value = node.IsScalar() ? node.as<std::string>() : "";
        for (const auto& [name, result] : options)
            if (name == value) return result;
        std::string names;
        for (const auto& option : options) names += (names.empty() ? "" : " | ") + option.first;
        error(node, fmt::format("'{}' must be one of {}, not '{}'", key, names, value));
        return fallback;
    }

    std::optional<core::Language> language_key(const YAML::Node& key_node) {
        const std::string key = key_node.as<std::string>();
        const auto language = core::language_from_string(key);
        if (!language) error(key_node, fmt::format("unknown language '{}' (ru, lt, en)", key));
        return language;
    }

    void read_applies_to(const YAML::Node& doc, Rule& rule) {
        const YAML::Node node = doc["applies_to"];
        if (!node) return;
        if (!node.IsSequence()) {
            error(node, "'applies_to' must be a list of conversation | macro");
            return;
        }
        rule.for_conversations = rule.for_macros = false;
        for (const auto& item : node) {
            const std::string value = item.IsScalar() ? item.as<std::string>() : "";
            if (value == "conversation") rule.for_conversations = true;
            else if (value == "macro") rule.for_macros = true;
            else error(item, fmt::format("'applies_to' entries are conversation | macro, not '{}'", value));
        }
    }

    void read_advice(const YAML::Node& doc, Rule& rule) {
        const YAML::Node node = doc["advice"];
        if (!node) return;
        if (node.IsScalar()) {
            for (auto& advice : rule.advice) advice = node.as<std::string>();
            return;
        }
        if (!node.IsMap()) {
            error(node, "'advice' must be a string or a mapping of language to string");
            return;
        }
        for (const auto& entry : node) {
            const auto language = language_key(entry.first);
            if (!language) continue;
            if (!entry.second.IsScalar()) {
                error(entry.second, "advice must be a string");
                continue;
            }
            rule.advice[core::language_index(*language)] = entry.second.as<std::string>();
        }
    }

    void read_patterns(const YAML::Node& doc, const char* key, core::PerLanguagePatterns& into) {
        const YAML::Node node = doc[key];
        if (!node || node.IsNull()) return;
        if (!node.IsMap()) {
            error(node, fmt::format("'{}' must map languages (ru, lt, en) to lists of patterns", key));
            return;
        }
        for (const auto& entry : node) {
            const auto language = language_key(entry.first);
            if (!language) continue;
            if (!entry.second.IsSequence()) {
                error(entry.second, "patterns must be a list of {phrase: ...} or {regex: ...}");
                continue;
            }
            for (const auto& item : entry.second)
                read_pattern(item, into[core::language_index(*language)], std::string_view(key) == "patterns");
        }
    }

    void read_pattern(const YAML::Node& item, std::vector<core::Pattern>& into, bool in_patterns) {
        // {regex: "..."}; in an unless {regex: "...", scope: turn}: that one reaches the whole turn
        // though the rule's unless_scope is sentence ("Let me see. Give me a couple of minutes.");
        // in patterns {regex: "...", unless: "..."}: the pattern's own unless, read in its match's
        // sentence ("your frustration" is empathy, "any frustration" is not).
        if (!item.IsMap()) {
            error(item, "a pattern is {phrase: \"...\"} or {regex: \"...\"}");
            m_pattern_rejected = true;
            return;
        }
        std::string type;
        for (const auto& key : item) {
            const std::string name = key.first.as<std::string>();
            if (name == "scope" || name == "unless") continue;
            if (!type.empty() || (name != "phrase" && name != "regex")) {
                error(item, type.empty() && name != "phrase" && name != "regex"
                                ? fmt::format("unknown pattern type '{}' (phrase | regex)", name)
                                : std::string("a pattern is {phrase: \"...\"} or {regex: \"...\"}"));
                m_pattern_rejected = true;
                return;
            }
            type = name;
        }
        if (type.empty()) {
            error(item, "a pattern is {phrase: \"...\"} or {regex: \"...\"}");
            m_pattern_rejected = true;
            return;
        }
        bool whole_turn = false;
        if (const YAML::Node scope = item["scope"]) {
            if (!scope.IsScalar() || (scope.as<std::string>() != "turn" && scope.as<std::string>() != "sentence")) {
                error(scope, "a pattern's 'scope' is turn or sentence");
                m_pattern_rejected = true;
                return;
            }
            whole_turn = scope.as<std::string>() == "turn";
        }
        std::string own_unless;
        if (const YAML::Node guard = item["unless"]) {
            if (!in_patterns) {
                error(guard, "a pattern's own 'unless' is for patterns, not for unless patterns");
                m_pattern_rejected = true;
                return;
            }
            if (!guard.IsScalar() || guard.as<std::string>().empty()) {
                error(guard, "a pattern's 'unless' is a non-empty regex");
                m_pattern_rejected = true;
                return;
            }
            own_unless = guard.as<std::string>();
            if (const auto problem = regex_problem("unless regex", own_unless)) {
                error_at(line_of(guard), *problem);
                m_pattern_rejected = true;
                return;
            }
        }
        const YAML::Node value = item[type];
        if (!value.IsScalar() || value.as<std::string>().empty()) {
            error(item, "a pattern must be a non-empty string");
            m_pattern_rejected = true;
            return;
        }
        core::Pattern pattern;
        pattern.text = value.as<std::string>();
        pattern.line = line_of(item);
        pattern.whole_turn = whole_turn;
        pattern.unless = std::move(own_unless);
        if (type == "phrase") {
            pattern.type = core::PatternType::phrase;
        } else {
            pattern.type = core::PatternType::regex;
            if (const auto problem = regex_problem("regex", pattern.text, "pattern", !m_reading_vocabulary)) {
                error_at(pattern.line, *problem);
                m_pattern_rejected = true;
                return;
            }
        }
        into.push_back(std::move(pattern));
    }

    // What is wrong with a regex as written, named as `what` (`compiled` when RE2 refuses it), or nullopt.
    // RE2's own syntax errors are checked now too: a rule with other errors is never compiled, and
    // every error of a file is reported at once.
    static std::optional<std::string> regex_problem(std::string_view what, const std::string& text,
                                                    std::string_view compiled = {}, bool whole = true) {
        if (const auto problem = check_regex_syntax(without_vocabulary_names(text), whole))
            return fmt::format("{} \"{}\": {}", what, text, *problem);
        if (const auto problem = re2_syntax_error(without_vocabulary_names(text)))
            return fmt::format("{} \"{}\" does not compile: {}", compiled.empty() ? what : compiled, text, *problem);
        return std::nullopt;
    }

    void read_examples(const YAML::Node& doc, Rule& rule) {
        const YAML::Node node = doc["examples"];
        if (!node) {
            error(doc, "missing required key 'examples' (match and no_match per language)");
            return;
        }
        if (!node.IsMap()) {
            error(node, "'examples' must have 'match' and 'no_match'");
            return;
        }
        for (const auto& entry : node) {
            const std::string key = entry.first.as<std::string>();
            core::PerLanguageTexts* into = key == "match" ? &rule.match_examples
                                           : key == "no_match" ? &rule.no_match_examples
                                                               : nullptr;
            if (!into) {
                error(entry.first, fmt::format("unknown key 'examples.{}' (match | no_match)", key));
                continue;
            }
            if (entry.second.IsNull()) continue;
            if (!entry.second.IsMap()) {
                error(entry.second, fmt::format("'examples.{}' must map languages to lists of texts", key));
                continue;
            }
            for (const auto& per_language : entry.second) {
                const auto language = language_key(per_language.first);
                if (!language) continue;
                if (!per_language.second.IsSequence()) {
                    error(per_language.second, "examples must be a list of texts");
                    continue;
                }
                for (const auto& text : per_language.second) {
                    if (!text.IsScalar()) {
                        error(text, "an example must be a string");
                        continue;
                    }
                    (*into)[core::language_index(*language)].push_back(text.as<std::string>());
                }
            }
        }
        const bool any_match = std::any_of(rule.match_examples.begin(), rule.match_examples.end(),
                                           [](const auto& list) { return !list.empty(); });
        if (!any_match) error(node, "a rule needs at least one 'match' example");
    }

    std::vector<std::string> id_list(const YAML::Node& node, const char* what) {
        std::vector<std::string> ids;
        if (node.IsScalar()) {
            ids.push_back(node.as<std::string>());
        } else if (node.IsSequence()) {
            for (const auto& item : node) {
                if (item.IsScalar()) ids.push_back(item.as<std::string>());
                else error(item, fmt::format("'{}' must name rule ids", what));
            }
        } else {
            error(node, fmt::format("'{}' must be a rule id or a list of rule ids", what));
        }
        return ids;
    }

    int positive_int(const YAML::Node& node, const char* what, int fallback) {
        if (!node) return fallback;
        try {
            const int value = node.as<int>();
            if (value >= 1) return value;
        } catch (const YAML::Exception&) {
        }
        error(node, fmt::format("'{}' must be a whole number of at least 1", what));
        return fallback;
    }

    void read_missing(const YAML::Node& doc, Rule& rule) {
        const YAML::Node node = doc["missing"];
        if (!node || !node.IsMap()) {
            error(doc, "a missing rule needs 'missing: {rule: ID, in: first|last|any, turns: N}'");
            return;
        }
        for (const auto& entry : node) {
            const std::string key = entry.first.as<std::string>();
            if (key != "rule" && key != "in" && key != "turns" && key != "skip")
                error(entry.first, fmt::format("unknown key 'missing.{}'", key));
        }
        if (!node["rule"]) error(node, "'missing.rule' is required");
        else rule.missing.rules = id_list(node["rule"], "missing.rule");
        rule.missing.window = choice(node, "in", {{"first", core::TurnWindow::first}, {"last", core::TurnWindow::last},
                                                  {"any", core::TurnWindow::any}},
                                     core::TurnWindow::any, false);
        rule.missing.turns = positive_int(node["turns"], "missing.turns", 1);
        if (node["skip"]) rule.missing.skip = id_list(node["skip"], "missing.skip");
    }

    void read_response(const YAML::Node& doc, Rule& rule) {
        const YAML::Node node = doc["response"];
        if (!node || !node.IsMap()) {
            error(doc, "a response rule needs 'response: {trigger: ID|any, expect: [ID...]|any, within: N}'");
            return;
        }
        for (const auto& entry : node) {
            const std::string key = entry.first.as<std::string>();
            if (key != "trigger" && key != "expect" && key != "within" && key != "scope" && key != "except" &&
                key != "max_first_reply_seconds" && key != "skip" && key != "by" && key != "reply_has" &&
                key != "reply_repeats")
                error(entry.first, fmt::format("unknown key 'response.{}'", key));
        }
        if (!node["trigger"]) error(node, "'response.trigger' must be a rule id, a list of them, or any");
        else rule.response.trigger = id_list(node["trigger"], "response.trigger");
        if (const YAML::Node repeats = node["reply_repeats"]) {
            if (!repeats.IsScalar() || (repeats.as<std::string>() != "true" && repeats.as<std::string>() != "false"))
                error(repeats, "'response.reply_repeats' must be true or false");
            else rule.response.reply_repeats = repeats.as<std::string>() == "true";
            if (rule.response.reply_repeats && (node["expect"] || node["reply_has"]))
                error(repeats, "'response.reply_repeats' excludes 'response.expect' and 'response.reply_has'");
        }
        if (rule.response.reply_repeats) {
        } else if (node["reply_has"]) {
            rule.response.reply_has = id_list(node["reply_has"], "response.reply_has");
            if (node["expect"]) error(node["expect"], "'response.expect' and 'response.reply_has' exclude each other");
        } else if (!node["expect"]) {
            error(node, "'response.expect' (or 'response.reply_has') is required");
        } else if (!(node["expect"].IsScalar() && node["expect"].as<std::string>() == "any")) {
            rule.response.expect = id_list(node["expect"], "response.expect");
        }
        if (node["except"]) rule.response.except = id_list(node["except"], "response.except");
        if (node["skip"]) rule.response.skip = id_list(node["skip"], "response.skip");
        rule.response.within = positive_int(node["within"], "response.within", 2);
        rule.response.by_agent = choice(node, "by", {{"customer", 0}, {"agent", 1}}, 0, false) == 1;
        const int scope = choice(node, "scope", {{"every", 0}, {"first", 1}, {"last", 2}}, 0, false);
        rule.response.first_only = scope == 1;
        rule.response.last_only = scope == 2;
        if (const YAML::Node seconds = node["max_first_reply_seconds"]) {
            try {
                rule.response.max_first_reply_seconds = seconds.as<double>();
            } catch (const YAML::Exception&) {
                error(seconds, "'max_first_reply_seconds' must be a number");
            }
        }
    }

    const std::string& m_file;
    LoadResult& m_into;
    bool m_pattern_rejected = false;    // in the current rule: a pattern entry was reported and dropped
    bool m_reading_vocabulary = false;  // reading a vocabulary's terms (pieces of other patterns)
    std::string m_rule_id = "?";
};

bool is_rule_file(const std::filesystem::path& path) {
    const auto extension = path.extension().string();
    return extension == ".yaml" || extension == ".yml";
}

}  // namespace

void load_rule_yaml(std::string_view yaml, const std::string& file, LoadResult& into) {
    if (yaml.size() > max_rule_file_bytes) {
        into.errors.push_back(fmt::format("{}: a rule file of {}: rule files are small (at most {})", file,
                                          util::describe_size(yaml.size()), util::describe_size(max_rule_file_bytes)));
        return;
    }
    const util::YamlDocuments loaded = util::load_yaml_documents(yaml, max_rule_documents);
    if (!loaded.error.empty()) {
        into.errors.push_back(loaded.line ? fmt::format("{}:{}: {}", file, loaded.line, loaded.error)
                                          : fmt::format("{}: {}", file, loaded.error));
        return;
    }
    RuleReader reader(file, into);
    for (const auto& doc : loaded.documents) {
        if (doc.IsNull()) continue;
        if (const auto duplicate = util::find_duplicate_key(doc)) {
            into.errors.push_back(fmt::format("{}:{}: '{}' is given twice in one mapping (lines {} and {}); give it once",
                                              file, duplicate->line, duplicate->key, duplicate->first_line,
                                              duplicate->line));
            continue;
        }
        try {
            reader.read_document(doc);
        } catch (const YAML::Exception& e) {
            into.errors.push_back(fmt::format("{}:{}: {}", file, e.mark.line + 1, e.msg));
        }
    }
}

void load_rule_paths(const std::vector<std::string>& paths, LoadResult& into) {
    namespace fs = std::filesystem;
    for (const std::string& path : paths) {
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(path, ec)) {
            for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                // rules/banks/ holds the families' test sentences (rules/bank.hpp), not rules.
                if (it->is_directory(ec) && it->path().filename() == "banks") it.disable_recursion_pending();
                else if (it->is_regular_file(ec) && is_rule_file(it->path())) files.push_back(it->path());
            }
            std::sort(files.begin(), files.end());
        } else if (fs::exists(path, ec)) {
            files.emplace_back(path);
        } else {
            into.errors.push_back(fmt::format("{}: no such rule file or folder", path));
            continue;
        }
        for (const auto& file : files) {
            // A regular file of a rule file's size: a FIFO or /dev/zero named as rules is refused.
            const auto text = util::read_data_file(file.string(), max_rule_file_bytes);
            if (!text) {
                into.errors.push_back(fmt::format("{}: cannot read the rule file: {}", file.string(), text.error()));
                continue;
            }
            load_rule_yaml(*text, file.string(), into);
        }
    }
}

void load_builtin_rules(LoadResult& into) {
    LoadResult pack;
    if (!unpack_rules(embedded_rule_pack(), pack)) {
        into.errors.push_back("the built-in rule pack compiled into qalint is damaged: rebuild qalint");
        return;
    }
    for (auto& rule : pack.rules) into.rules.push_back(std::move(rule));
    for (auto& error : pack.errors) into.errors.push_back(std::move(error));
}

void load_builtin_rule_yaml(LoadResult& into) {
    // The files are parsed on all cores, and gathered in order.
    const auto files = embedded_rule_files();
    std::vector<LoadResult> parts(files.size());
    const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
    const auto load = [&](size_t first) {
        for (size_t i = first; i < files.size(); i += threads) load_rule_yaml(files[i].yaml, files[i].path, parts[i]);
    };
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < threads && t < files.size(); ++t) helpers.emplace_back(load, t);
    load(0);
    for (auto& helper : helpers) helper.join();
    for (auto& part : parts) {
        for (auto& rule : part.rules) {
            rule.builtin = true;
            into.rules.push_back(std::move(rule));
        }
        for (auto& error : part.errors) into.errors.push_back(std::move(error));
    }
}

void expand_vocabularies(LoadResult& result) {
    std::map<std::string, const Rule*> vocabularies;
    for (const Rule& rule : result.rules)
        if (rule.kind == core::RuleKind::vocabulary) vocabularies.emplace(rule.id, &rule);
    std::vector<std::string> errors;
    for (Rule& rule : result.rules) {
        if (rule.kind == core::RuleKind::vocabulary) continue;
        for (auto* lists : {&rule.patterns, &rule.unless})
            for (size_t l = 0; l < core::language_count; ++l)
                for (core::Pattern& pattern : (*lists)[l]) {
                    const auto expand = [&](std::string& text) {
                        const auto names = vocabulary_names(text);
                        for (auto it = names.rbegin(); it != names.rend(); ++it) {
                            const auto found = vocabularies.find(it->name);
                            const auto fail = [&](const std::string& why) {
                                errors.push_back(fmt::format("{}:{}: rule {}: {{{{{}}}}}: {}", rule.file, pattern.line,
                                                             rule.id, it->name, why));
                            };
                            if (found == vocabularies.end()) {
                                fail("no vocabulary of that id");
                                continue;
                            }
                            const auto& terms = found->second->patterns[l];
                            if (terms.empty()) {
                                fail(fmt::format("the vocabulary has no {} terms", core::to_string(core::all_languages[l])));
                                continue;
                            }
                            std::string group = "(?:";
                            for (size_t t = 0; t < terms.size(); ++t) group += (t ? "|" : "") + terms[t].text;
                            text.replace(it->begin, it->end - it->begin, group + ")");
                        }
                    };
                    if (pattern.type == core::PatternType::regex) expand(pattern.text);
                    if (!pattern.unless.empty()) expand(pattern.unless);
                }
    }
    result.errors.insert(result.errors.end(), errors.begin(), errors.end());
}

void check_rule_references(LoadResult& result) {
    expand_vocabularies(result);
    std::map<std::string, const Rule*> by_id;
    std::vector<std::string> errors;
    for (const Rule& rule : result.rules) {
        auto [it, inserted] = by_id.emplace(rule.id, &rule);
        if (!inserted)
            errors.push_back(fmt::format("{}:{}: rule {}: the id is already used in {}:{}", rule.file, rule.line,
                                         rule.id, it->second->file, it->second->line));
    }
    const auto check = [&](const Rule& rule, const std::string& id, const char* what) {
        if (id == "any") return;
        const auto it = by_id.find(id);
        if (it == by_id.end())
            errors.push_back(fmt::format("{}:{}: rule {}: {} names rule '{}', which does not exist", rule.file,
                                         rule.line, rule.id, what, id));
        else if (it->second->kind != core::RuleKind::phrase)
            errors.push_back(fmt::format("{}:{}: rule {}: {} names rule '{}', which is not a phrase rule", rule.file,
                                         rule.line, rule.id, what, id));
    };
    for (const Rule& rule : result.rules) {
        for (const auto& id : rule.only_in_first_skip) check(rule, id, "only_in_first.skip");
        for (const auto& id : rule.unless_continued) check(rule, id, "unless_continued.with");
        for (const auto& id : rule.only_after) check(rule, id, "only_after");
        for (const auto& id : rule.unless_continued_skip) check(rule, id, "unless_continued.skip");
        if (rule.kind == core::RuleKind::missing)
            for (const auto& id : rule.missing.rules) check(rule, id, "missing.rule");
        if (rule.kind == core::RuleKind::missing)
            for (const auto& id : rule.missing.skip) check(rule, id, "missing.skip");
        if (rule.kind == core::RuleKind::response) {
            for (const auto& id : rule.response.trigger) check(rule, id, "response.trigger");
            for (const auto& id : rule.response.expect) check(rule, id, "response.expect");
            for (const auto& id : rule.response.except) check(rule, id, "response.except");
            for (const auto& id : rule.response.skip) check(rule, id, "response.skip");
            for (const auto& id : rule.response.reply_has) check(rule, id, "response.reply_has");
        }
    }
    result.errors.insert(result.errors.end(), errors.begin(), errors.end());
}

}  // namespace qalint::rules
