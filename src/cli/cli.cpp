#include "cli/cli.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "cli/ci_stage.hpp"
#include "cli/commands.hpp"
#include "read/reader.hpp"
#include "report/reporter.hpp"

namespace qalint::cli {

void print_error(const std::string& message) { std::cerr << "qalint: error: " << message << "\n"; }

namespace {

// A list option takes one value per flag and may be repeated: `--only ID FILE` leaves FILE a path.
CLI::Option* one_per_flag(CLI::Option* option) {
    // expected(1) alone keeps CLI11's allow_extra_args for vectors: `--rules DIR A B` took A for a rule.
    return option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

std::vector<std::string> split_ids(const std::vector<std::string>& values) {
    std::vector<std::string> ids;
    for (const auto& value : values) {
        size_t start = 0;
        while (start <= value.size()) {
            size_t comma = value.find(',', start);
            if (comma == std::string::npos) comma = value.size();
            std::string id = value.substr(start, comma - start);
            id.erase(0, id.find_first_not_of(' '));
            id.erase(id.find_last_not_of(' ') + 1);
            if (!id.empty()) ids.push_back(id);
            start = comma + 1;
        }
    }
    return ids;
}

// The flags that change what is found, shared by check and eval; resolved by `resolve`.
struct FindingFlags {
    std::vector<std::string> only, disabled;
    std::string language = "auto", config_path;

    void add_to(CLI::App* command, CheckOptions& options) {
        one_per_flag(command->add_option("--rules", options.rule_paths, "Extra rule files or folders (repeatable)"));
        one_per_flag(command->add_option("--only", only, "Report only these rule ids (comma-separated)"));
        one_per_flag(command->add_option("--disable", disabled, "Do not report these rule ids (comma-separated)"));
        command->add_option("--lang", language, "Language of the text: auto, ru, lt, en")
            ->check(CLI::IsMember({"auto", "ru", "lt", "en"}))
            ->capture_default_str();
        std::string format_names = "auto";
        for (const auto& reader : read::format_readers()) format_names += std::string(", ") + reader.name;
        command->add_option("--input-format", options.input_format, "Input format: " + format_names + " (auto: by name and content)")
            ->capture_default_str();
        command->add_option("--encoding", options.encoding, "Encoding of input that is not UTF-8 (e.g. windows-1251; default: detected)");
        command->add_option("-j,--jobs", options.jobs, "Workers checking files (and the conversations of a big one) in parallel (0: all cores)")
            ->check(CLI::Range(0, 1024))
            ->capture_default_str();
        one_per_flag(command->add_option("--agent", options.agents, "A speaker name that is an agent (repeatable)"));
        one_per_flag(command->add_option("--customer", options.customers, "A speaker name that is a customer (repeatable)"));
        command->add_option("--config", config_path, "Configuration file (default: the nearest .qalint.yaml)");
    }

    void resolve_into(CheckOptions& options) const {
        options.only = split_ids(only);
        options.disabled = split_ids(disabled);
        if (language != "auto") options.language = core::language_from_string(language);
    }
};

// How the report is laid out, shared by check and merge; resolved by `resolve_into`.
struct LayoutFlags {
    std::string summary, delimiter = ",";

    void add_to(CLI::App* command, ReportLayout& layout) {
        command->add_option("--summary", summary,
                            "agents: a scorecard per agent (conversations, score, levels, rules found) instead of "
                            "the findings; text, csv (a row per agent and rule), markdown, html")
            ->check(CLI::IsMember({"agents"}));
        command->add_option("--csv-delimiter", delimiter, "CSV delimiter: , or ; (Excel in ru/lt locales), tab, |")
            ->check(CLI::IsMember({",", ";", "tab", "\t", "|"}))
            ->capture_default_str();
        command->add_flag("--csv-bom", layout.csv_bom, "Start the CSV with a UTF-8 BOM, so that Excel reads it as UTF-8");
    }

    // False, after saying why, for a format that has no per-agent summary.
    bool resolve_into(ReportLayout& layout, const std::string& format) const {
        layout.agent_summary = summary == "agents";
        layout.csv_delimiter = delimiter == "tab" ? '\t' : delimiter.front();
        if (layout.agent_summary && !report::has_agent_summary(format)) {
            print_error("--summary agents works with --format text, csv, markdown or html, not " + format);
            return false;
        }
        return true;
    }
};

// CLI11 shows a value as its type and validators ("TEXT:{text,json,…}=text", "UINT:INT in [0 - 1024]");
// the descriptions say what is accepted, so help shows a word for the value and its default.
std::string value_word(const CLI::Option& option) {
    static const std::map<std::string, std::string> words = {
        {"paths", "PATH"},     {"reports", "FILE"},   {"labels", "FILE"},      {"id", "ID"},
        {"format", "FORMAT"},  {"output", "FILE"},    {"fail-level", "LEVEL"}, {"color", "WHEN"},
        {"include", "GLOB"},   {"exclude", "GLOB"},   {"rules", "PATH"},       {"only", "IDS"},
        {"disable", "IDS"},    {"lang", "LANG"},      {"input-format", "FORMAT"}, {"encoding", "NAME"},
        {"jobs", "N"},         {"agent", "NAME"},     {"customer", "NAME"},    {"config", "FILE"},
        {"baseline", "FILE"},  {"write-baseline", "FILE"}, {"show", "WHICH"},  {"min-f1", "X"},
        {"min-precision", "X"}, {"min-recall", "X"},  {"min-positives", "N"}, {"summary", "WHAT"},
        {"csv-delimiter", "CHAR"}};
    const std::string name = option.get_lnames().empty() ? option.get_name(true) : option.get_lnames().front();
    if (const auto found = words.find(name); found != words.end()) return found->second;
    std::string word = name;
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
    return word;
}

void tidy_help(CLI::App& app) {
    for (CLI::Option* option : app.get_options()) {
        if (option->get_expected_max() == 0) continue;    // a flag takes no value
        std::string text = value_word(*option);
        if (!option->get_default_str().empty()) text += "=" + option->get_default_str();
        if (option->get_expected_max() > 1) text += " ...";
        if (option->get_required()) text += " (required)";
        option->option_text(text);
    }
    for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) tidy_help(*command);
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{"qalint: finds service anti-patterns and good practice in support conversations (ru, lt, en)"};
    app.set_version_flag("--version", std::string("qalint ") + QALINT_VERSION);
    app.require_subcommand(1);

    CheckOptions check;
    FindingFlags check_flags;
    std::string fail_level = "error";
    auto* check_cmd = app.add_subcommand("check", "Check conversations, transcripts and macros");
    check_cmd->add_option("paths", check.paths, "Files, folders (recursed), or - for stdin")->required();
    check_cmd->add_option("-f,--format", check.format, "Report format: text, json, sarif, csv, html, markdown, github")
        ->check(CLI::IsMember(report::report_formats()))
        ->capture_default_str();
    check_cmd->add_option("-o,--output", check.output, "Write the report to FILE (atomically)");
    check_cmd->add_option("--fail-level", fail_level, "Exit 1 when an anti-pattern at or above this level is found: error, warning, info, none")
        ->check(CLI::IsMember({"error", "warning", "info", "none"}))
        ->capture_default_str();
    check_cmd->add_option("--color", check.color, "Colour the text report: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    one_per_flag(check_cmd->add_option("--include", check.include, "In folders, read only files matching GLOB (repeatable)"));
    one_per_flag(check_cmd->add_option("--exclude", check.exclude, "In folders, skip files and folders matching GLOB (repeatable)"));
    check_cmd->add_flag("-q,--quiet", check.quiet,
                        "Text report: only the findings to fix and their conversations (no good practice)");
    check_cmd->add_flag("--redact", check.redact, "Mask e-mails, phones, cards, IBANs and personal codes in the report");
    LayoutFlags check_layout;
    check_layout.add_to(check_cmd, check.layout);
    check_flags.add_to(check_cmd, check);
    check_cmd->add_option("--baseline", check.baseline, "Report only findings that are not in this baseline");
    check_cmd->add_option("--write-baseline", check.write_baseline, "Record today's findings as the baseline FILE");
    auto* init_cmd = app.add_subcommand("init", "Write a commented starter .qalint.yaml in the current folder");

    MergeOptions merge;
    std::string merge_fail_level = "error";
    auto* merge_cmd = app.add_subcommand("merge", "Combine JSON reports of shards into one report, in any format");
    merge_cmd->add_option("reports", merge.reports, "JSON reports (qalint check --format json), or - for stdin")->required();
    merge_cmd->add_option("-f,--format", merge.format, "Report format: text, json, sarif, csv, html, markdown, github")
        ->check(CLI::IsMember(report::report_formats()))
        ->capture_default_str();
    merge_cmd->add_option("-o,--output", merge.output, "Write the report to FILE (atomically)");
    one_per_flag(merge_cmd->add_option("--rules", merge.rule_paths, "Extra rule files or folders, to describe them (SARIF)"));
    merge_cmd->add_option("--fail-level", merge_fail_level, "Exit 1 when an anti-pattern at or above this level is found: error, warning, info, none")
        ->check(CLI::IsMember({"error", "warning", "info", "none"}))
        ->capture_default_str();
    merge_cmd->add_option("--color", merge.color, "Colour the text report: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    merge_cmd->add_flag("--redact", merge.redact, "Mask e-mails, phones, cards, IBANs and personal codes in the report");
    LayoutFlags merge_layout;
    merge_layout.add_to(merge_cmd, merge.layout);

    EvalOptions eval;
    FindingFlags eval_flags;
    auto* eval_cmd = app.add_subcommand("eval", "Agreement with a coach's labels, per rule (calibration)");
    eval_cmd->add_option("labels", eval.check.paths, "Labels files (CSV or TSV): a row per conversation, a 0/1 column per rule id")
        ->required();
    eval_cmd->add_option("-f,--format", eval.check.format, "Output format: text, json, csv")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    eval_cmd->add_option("--show", eval.show, "List the disagreements: fp (false alarms), fn (misses) or all")
        ->check(CLI::IsMember({"fp", "fn", "all"}));
    eval_flags.add_to(eval_cmd, eval.check);
    eval_cmd->add_option("--min-f1", eval.min_f1, "Exit 1 when a rule's F1 is below this (0-1)")->check(CLI::Range(0.0, 1.0));
    eval_cmd->add_option("--min-precision", eval.min_precision, "Exit 1 when a rule's precision is below this (0-1)")
        ->check(CLI::Range(0.0, 1.0));
    eval_cmd->add_option("--min-recall", eval.min_recall, "Exit 1 when a rule's recall is below this (0-1)")
        ->check(CLI::Range(0.0, 1.0));
    eval_cmd->add_option("--min-positives", eval.min_positives, "Gate only rules with at least this many positives")
        ->capture_default_str();

    auto* rules_cmd = app.add_subcommand("rules", "List, show and test rules");
    rules_cmd->require_subcommand(1);
    std::vector<std::string> rule_paths, test_paths, bank_paths;
    bool update_banks = false;
    std::string show_id;
    auto* list_cmd = rules_cmd->add_subcommand("list", "id, kind, level, ladder, languages, title of every rule");
    one_per_flag(list_cmd->add_option("--rules", rule_paths, "Extra rule files or folders"));
    auto* show_cmd = rules_cmd->add_subcommand("show", "A rule: its patterns, advice and examples");
    show_cmd->add_option("id", show_id, "Rule id")->required();
    one_per_flag(show_cmd->add_option("--rules", rule_paths, "Extra rule files or folders"));
    auto* test_cmd = rules_cmd->add_subcommand("test", "Run every rule's own examples; non-zero on failure");
    test_cmd->add_option("paths", test_paths, "Rule files or folders (default: the built-in pack)");
    one_per_flag(test_cmd->add_option("--banks", bank_paths,
                                      "Bank files or folders to run too (a rules folder's banks/ is run without it)"));
    test_cmd->add_flag("--update-banks", update_banks,
                       "Rewrite each bank: what the pack gets right to match/no_match, the rest to todo_match/todo_no_match");

    tidy_help(app);

    // A mistyped command ("chek") would otherwise read as "a subcommand is required".
    if (argc > 1 && argv[1][0] != '-') {
        const std::string command = argv[1];
        const auto& known = app.get_subcommands({});
        const bool found = std::any_of(known.begin(), known.end(), [&](const CLI::App* sub) { return sub->get_name() == command; });
        if (!found) {
            std::string names;
            for (const CLI::App* sub : known) names += std::string(names.empty() ? "" : ", ") + sub->get_name();
            print_error("unknown command '" + command + "' (" + names + "; see qalint --help)");
            return exit_error;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = app.exit(e);
        return status == 0 ? exit_clean : exit_error;
    }

    if (check_cmd->parsed()) {
        check_flags.resolve_into(check);
        if (!check_layout.resolve_into(check.layout, check.format)) return exit_error;
        check.fail_level = fail_level == "error"     ? FailLevel::error
                           : fail_level == "warning" ? FailLevel::warning
                           : fail_level == "info"    ? FailLevel::info
                                                     : FailLevel::none;
        if (!resolve_config(check, check_flags.config_path, check_cmd->count("--fail-level") > 0, check_cmd->count("--lang") > 0))
            return exit_error;
        return run_check(check);
    }
    if (eval_cmd->parsed()) {
        eval_flags.resolve_into(eval.check);
        if (!resolve_config(eval.check, eval_flags.config_path, false, eval_cmd->count("--lang") > 0)) return exit_error;
        return run_eval(eval);
    }
    if (init_cmd->parsed()) return run_init();
    if (merge_cmd->parsed()) {
        if (!merge_layout.resolve_into(merge.layout, merge.format)) return exit_error;
        merge.fail_level = merge_fail_level == "error"     ? FailLevel::error
                           : merge_fail_level == "warning" ? FailLevel::warning
                           : merge_fail_level == "info"    ? FailLevel::info
                                                           : FailLevel::none;
        return run_merge(merge);
    }
    if (list_cmd->parsed()) return run_rules_list(rule_paths);
    if (show_cmd->parsed()) return run_rules_show(show_id, rule_paths);
    if (test_cmd->parsed()) return run_rules_test(test_paths, bank_paths, update_banks);
    return exit_error;
}

}  // namespace qalint::cli
