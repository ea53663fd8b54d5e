// `qalint merge`: JSON reports of shards (SPEC §3) read back into verdicts and written
// again as one report in any format, the summary recomputed. Turn texts are not in the
// JSON, so the verdicts carry turn counts and the agent but no transcript; every reporter
// copes with that. A malformed report is named and skipped, and the exit status is 2.

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>
#include <functional>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "read/json_input.hpp"
#include "cli/report_output.hpp"
#include "report/reporter.hpp"
#include "util/files.hpp"

namespace qalint::cli {
namespace {

using json = nlohmann::json;

template <typename Enum>
Enum enum_from(const json& value, std::initializer_list<std::pair<const char*, Enum>> names, const char* field) {
    const std::string text = value.get<std::string>();
    for (const auto& [name, result] : names)
        if (text == name) return result;
    throw std::runtime_error(std::string("unknown ") + field + " '" + text + "'");
}

// A number a shard gives, checked before it is used: a whole number in [low, high], or the
// shard is malformed and the field is named. JSON's 1e300 or -1.5 must not be cast.
uint64_t whole_number(const json& value, const char* field, uint64_t low, uint64_t high) {
    const auto out_of_range = [&](const std::string& what) {
        return std::runtime_error(std::string("\"") + field + "\" " + what + ", not a whole number in [" +
                                  std::to_string(low) + ", " + std::to_string(high) + "]");
    };
    if (value.is_number_unsigned()) {
        const auto number = value.get<uint64_t>();
        if (number < low || number > high) throw out_of_range("is " + std::to_string(number));
        return number;
    }
    if (value.is_number_integer()) throw out_of_range("is " + std::to_string(value.get<int64_t>()));
    throw out_of_range("is " + value.dump());
}

uint64_t whole_number(const json& object, const char* field, uint64_t low, uint64_t high, uint64_t fallback) {
    return object.contains(field) ? whole_number(object[field], field, low, high) : fallback;
}

constexpr uint64_t uint32_max = UINT32_MAX;

core::Ladder ladder_from(const json& value) {
    return enum_from<core::Ladder>(value,
                                   {{"disappointment", core::Ladder::disappointment},
                                    {"neutral", core::Ladder::neutral},
                                    {"wow", core::Ladder::wow}},
                                   "ladder level");
}

core::Finding finding_from(const json& in) {
    core::Finding finding;
    finding.rule = in.at("rule").get<std::string>();
    finding.category = enum_from<core::Category>(in.at("category"),
                                                 {{"anti-pattern", core::Category::anti_pattern},
                                                  {"good-practice", core::Category::good_practice},
                                                  {"signal", core::Category::signal}},
                                                 "category");
    const auto level = core::level_from_string(in.at("level").get<std::string>());
    if (!level) throw std::runtime_error("unknown finding level '" + in.at("level").get<std::string>() + "'");
    finding.level = *level;
    if (in.contains("ladder")) finding.ladder = ladder_from(in["ladder"]);
    finding.line = static_cast<uint32_t>(whole_number(in.at("line"), "line", 1, uint32_max));
    finding.column = static_cast<uint32_t>(whole_number(in.at("column"), "column", 1, uint32_max));
    finding.turn = static_cast<uint32_t>(whole_number(in, "turn", 0, uint32_max, 0));
    const std::string speaker = in.value("speaker", "");
    finding.role = core::role_from_string(speaker).value_or(core::Role::unknown);
    finding.speaker = in.value("speaker_name", speaker);
    finding.language = core::language_from_string(in.value("language", "")).value_or(core::Language::unknown);
    finding.match = in.value("match", "");
    finding.message = in.value("message", "");
    finding.advice = in.value("advice", "");
    return finding;
}

core::Verdict verdict_from(const json& in) {
    core::Verdict verdict;
    core::Conversation& conversation = verdict.conversation;
    conversation.file = in.at("file").get<std::string>();
    conversation.id = in.at("id").get<std::string>();
    conversation.source =
        in.value("source", "conversation") == "macro" ? core::Source::macro : core::Source::conversation;
    for (const auto& language : in.at("languages"))
        if (auto code = core::language_from_string(language.get<std::string>())) verdict.languages.push_back(*code);
    if (verdict.ranked()) {
        verdict.level = ladder_from(in.at("level"));
        verdict.score = static_cast<int>(whole_number(in.at("score"), "score", 0, 100));
    }
    for (const auto& finding : in.at("findings")) verdict.findings.push_back(finding_from(finding));
    // Turns without text or source pieces: counted, and the agent named, nothing more. The
    // count is a number, never the size of a vector: a shard saying 4000000000 costs nothing.
    uint64_t turns = whole_number(in, "turns", 0, uint32_max, 0);
    for (const auto& finding : verdict.findings) turns = std::max<uint64_t>(turns, finding.turn);
    // "agent": "" is an agent with no name, who has a scorecard row all the same.
    if (in.contains("agent")) {
        core::Turn turn;
        turn.speaker = in["agent"].get<std::string>();
        turn.role = core::Role::agent;
        conversation.turns.push_back(std::move(turn));
    }
    conversation.textless_turns = turns - std::min<uint64_t>(turns, conversation.turns.size());
    return verdict;
}

// A count of files a shard gives: far above any real run, far below where sums could wrap.
constexpr uint64_t max_count = uint64_t{1} << 40;

// a + b, or the largest count when that is past it (a sum of many shards at their limit).
size_t add_counts(size_t a, size_t b) {
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

struct Shard {
    size_t content = 0;    // a hash of its bytes: the same report given twice is read once
    std::vector<core::Verdict> verdicts;
    std::vector<core::InputError> problems;
    size_t files = 0;
    size_t ignored = 0;                      // files the shard's configuration skipped
    std::optional<size_t> without_agent;     // as the shard counted it (its verdicts keep no roles)
};

Shard read_shard(const std::string& path) {
    std::string bytes;
    if (path == "-") {
        bytes = util::read_stdin();
    } else {
        auto content = util::read_file(path);
        if (!content) throw std::runtime_error("cannot read: " + content.error());
        bytes = std::move(*content);
    }
    // Each conversation becomes a verdict as soon as it is parsed, and leaves no JSON tree behind:
    // a report of a million conversations is not held twice. The shard is still read whole before
    // any of it is reported, so a malformed one is left out entirely.
    Shard shard;
    shard.content = std::hash<std::string>{}(bytes) ^ bytes.size();
    std::set<std::string> files;
    bool in_conversations = false;
    const json::parser_callback_t take_conversation = [&](int depth, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::key && depth == 1) in_conversations = parsed == "conversations";
        if (event != json::parse_event_t::object_end || depth != 2 || !in_conversations) return true;
        shard.verdicts.push_back(verdict_from(parsed));
        files.insert(shard.verdicts.back().conversation.file);
        return false;    // not kept in the tree
    };
    const json report = read::parse_json_with(bytes, take_conversation);  // throws on malformed JSON
    if (!report.is_object() || !report.contains("conversations") || !report["conversations"].is_array())
        throw std::runtime_error("not a qalint JSON report (no \"conversations\" array)");
    if (!report["conversations"].empty())    // what is left there was not a conversation object
        throw std::runtime_error("a conversation that is not a JSON object");
    for (const char* key : {"errors", "warnings"})
        if (report.contains(key))
            for (const auto& problem : report[key])
                shard.problems.push_back({problem.at("file").get<std::string>(),
                                          problem.at("message").get<std::string>(), std::string(key) == "warnings"});
    shard.files = files.size();
    if (report.contains("summary") && report["summary"].contains("files"))
        shard.files = whole_number(report["summary"]["files"], "files", 0, max_count);
    if (report.contains("summary") && report["summary"].is_object()) {
        const json& totals = report["summary"];
        shard.ignored = whole_number(totals, "ignored", 0, max_count, 0);
        if (totals.contains("without_agent"))
            shard.without_agent = whole_number(totals["without_agent"], "without_agent", 0, shard.verdicts.size());
    }
    return shard;
}

}  // namespace

int run_merge(const MergeOptions& options) {
    // SARIF describes the rules: the built-in pack plus any --rules.
    std::optional<rules::CompiledRules> compiled;
    if (options.format == "sarif") {
        compiled = load_compiled_rules(options.rule_paths, true);
        if (!compiled) return exit_error;
    }
    const auto output = ReportOutput::open(options.format, options.output, options.color, options.redact,
                                           compiled ? &compiled->rules() : nullptr, false, options.layout);
    if (!output) return exit_error;
    report::Reporter* reporter = &output->reporter();

    report::Summary summary;
    std::vector<core::InputError> problems;
    bool failed = false, malformed = false;
    reporter->begin();
    std::map<size_t, std::string> read_before;    // content hash → the path it was first read from
    for (const auto& path : options.reports) {
        Shard shard;
        try {
            shard = read_shard(path);
        } catch (const std::exception& e) {
            print_error(path + ": malformed report: " + e.what());
            problems.push_back({path, std::string("malformed report: ") + e.what(), false});
            malformed = true;
            continue;
        }
        // The same report twice (a path given twice, a glob that overlaps, an artifact uploaded
        // twice) would count every conversation twice: it is read once, and said so.
        if (const auto [first, added] = read_before.emplace(shard.content, path); !added) {
            problems.push_back({path, first->second == path ? std::string("given twice: read once")
                                                           : "the same report as " + first->second + ": read once",
                                true});
            continue;
        }
        summary.files = add_counts(summary.files, shard.files);
        summary.ignored = add_counts(summary.ignored, shard.ignored);
        const size_t without_agent = summary.without_agent;
        for (const auto& verdict : shard.verdicts) {
            summary.add(verdict);
            failed = failed || std::any_of(verdict.findings.begin(), verdict.findings.end(),
                                           [&](const core::Finding& f) { return fails(f, options.fail_level); });
            reporter->conversation(verdict);
        }
        if (shard.without_agent) summary.without_agent = without_agent + *shard.without_agent;
        problems.insert(problems.end(), shard.problems.begin(), shard.problems.end());
    }
    reporter->finish(problems, summary);
    if (!output->commit()) return exit_error;
    const bool input_error = std::any_of(problems.begin(), problems.end(), [](const auto& p) { return !p.warning; });
    if (malformed || input_error) return exit_error;
    return failed ? exit_findings : exit_clean;
}

}  // namespace qalint::cli
