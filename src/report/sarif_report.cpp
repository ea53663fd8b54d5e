#include "report/sarif_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace qalint::report {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* schema_uri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// FNV-1a: stable across builds and platforms, unlike std::hash.
uint64_t fingerprint(std::string_view text) {
    uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

const char* sarif_level(core::Category category, core::Level level) {
    if (category == core::Category::good_practice) return "none";
    return level == core::Level::error ? "error" : level == core::Level::warning ? "warning" : "note";
}

// SARIF's convention for reportingDescriptor.name: "not-my-competence" → "NotMyCompetence".
std::string pascal_case(std::string_view id) {
    std::string out;
    bool upper = true;
    for (char c : id) {
        if (c == '-' || c == '_' || c == ' ') {
            upper = true;
            continue;
        }
        out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return out;
}

json rule_to_sarif(const core::Rule& rule) {
    json out;
    out["id"] = rule.id;
    out["name"] = pascal_case(rule.id);
    out["shortDescription"] = {{"text", rule.title.empty() ? rule.id : rule.title}};
    out["fullDescription"] = {{"text", rule.message.empty() ? rule.title : rule.message}};
    std::string text, markdown;
    for (auto language : core::all_languages) {
        const std::string& advice = rule.advice[core::language_index(language)];
        if (advice.empty()) continue;
        text += fmt::format("{}{}: {}", text.empty() ? "" : "\n", core::to_string(language), advice);
        markdown += fmt::format("- **{}**: {}\n", core::to_string(language), advice);
    }
    if (text.empty()) text = rule.message;
    out["help"] = {{"text", text}, {"markdown", markdown.empty() ? text : markdown}};
    out["defaultConfiguration"] = {{"level", sarif_level(rule.category, rule.level)}};
    out["properties"] = {{"category", core::to_string(rule.category)},
                         {"ladder", core::to_string(rule.ladder)},
                         {"tags", json::array({core::to_string(rule.category), core::to_string(rule.ladder)})}};
    return out;
}

json location_of(const std::string& file) {
    return {{"physicalLocation", {{"artifactLocation", {{"uri", path_to_uri(file)}}}}}};
}

}  // namespace

std::string path_to_uri(std::string_view path) {
    path = util::without_dot_slash(path);
    std::string out;
    if (!path.empty() && path.front() == '/') out = "file://";
    for (unsigned char c : path) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        out += unreserved ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }
    return out;
}

void SarifReporter::begin() {
    json driver;
    driver["name"] = "qalint";
    driver["version"] = QALINT_VERSION;
    driver["semanticVersion"] = QALINT_VERSION;
    json rules = json::array();
    if (m_options.rules)
        for (const auto& rule : *m_options.rules) {
            m_rule_index.emplace(rule.id, rules.size());
            rules.push_back(rule_to_sarif(rule));
        }
    driver["rules"] = rules;
    m_out << "{\n  \"$schema\": \"" << schema_uri << "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
          << "      \"tool\": " << dump(json{{"driver", driver}}) << ",\n"
          << "      \"columnKind\": \"unicodeCodePoints\",\n"
          << "      \"results\": [";
}

void SarifReporter::conversation(const core::Verdict& verdict) {
    for (const auto& finding : verdict.findings) {
        json result;
        result["ruleId"] = finding.rule;
        if (const auto index = m_rule_index.find(finding.rule); index != m_rule_index.end())
            result["ruleIndex"] = index->second;
        const bool good = finding.category == core::Category::good_practice;
        result["kind"] = good ? "pass" : "fail";
        result["level"] = sarif_level(finding.category, finding.level);
        std::string message = finding.message;
        if (!finding.match.empty()) message += " «" + finding.match + "»";
        if (!good && !finding.advice.empty()) message += " → " + finding.advice;
        result["message"] = {{"text", message}};
        json region;
        region["startLine"] = finding.line;
        region["startColumn"] = finding.column;
        if (!finding.match.empty()) {
            if (finding.match.find('\n') == std::string::npos)
                region["endColumn"] = finding.column + util::count_chars(finding.match);
            region["snippet"] = {{"text", finding.match}};
        }
        json location = location_of(verdict.conversation.file);
        location["physicalLocation"]["region"] = region;
        result["locations"] = json::array({location});
        // Fingerprint as the baseline defines it: file, rule and matched text, not the line.
        result["partialFingerprints"] = {
            {"qalint/v1", fmt::format("{:016x}", fingerprint(std::string(util::without_dot_slash(verdict.conversation.file)) + '\0' + finding.rule + '\0' +
                                                             finding.match))}};
        result["properties"] = {{"conversation", verdict.conversation.id},
                                {"category", core::to_string(finding.category)},
                                {"ladder", core::to_string(finding.ladder)},
                                {"turn", finding.turn},
                                {"speaker", core::to_string(finding.role)},
                                {"language", core::to_string(finding.language)}};
        if (verdict.ranked()) {    // a macro has no level (SPEC §6)
            result["properties"]["conversationLevel"] = core::to_string(verdict.level);
            result["properties"]["score"] = verdict.score;
        }
        if (!finding.advice.empty()) result["properties"]["advice"] = finding.advice;
        m_out << (m_first ? "\n        " : ",\n        ") << dump(result);
        m_first = false;
    }
}

void SarifReporter::finish(const std::vector<core::InputError>& problems, const Summary& summary) {
    m_out << (m_first ? "],\n" : "\n      ],\n");
    json invocation;
    bool success = true;
    json notifications = json::array();
    for (const auto& problem : problems) {
        success = success && problem.warning;
        json notification;
        notification["level"] = problem.warning ? "warning" : "error";
        notification["message"] = {{"text", problem.message}};
        notification["locations"] = json::array({location_of(problem.file)});
        notifications.push_back(notification);
    }
    invocation["executionSuccessful"] = success;
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
    json totals;
    totals["conversations"] = summary.conversations;
    totals["files"] = summary.files;
    totals["findings"] = {
        {"error", summary.findings[2]}, {"warning", summary.findings[1]}, {"info", summary.findings[0]},
        {"good", summary.good}};
    totals["levels"] = {
        {"disappointment", summary.ladder[0]}, {"neutral", summary.ladder[1]}, {"wow", summary.ladder[2]}};
    totals["macros"] = summary.macros;
    totals["without_agent"] = summary.without_agent;
    totals["ignored"] = summary.ignored;
    m_out << "      \"invocations\": " << dump(json::array({invocation})) << ",\n"
          << "      \"properties\": " << dump(json{{"summary", totals}}) << "\n    }\n  ]\n}\n";
}

}  // namespace qalint::report
