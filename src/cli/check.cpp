// `qalint check`: inputs are read and judged in parallel, and handed to the
// reporter in input order, so output is the same whatever --jobs is and memory stays flat.

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <cstdlib>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "cli/ci_stage.hpp"
#include "cli/report_output.hpp"
#include "cli/commands.hpp"
#include "cli/judge_pool.hpp"
#include "cli/progress.hpp"
#include "match/engine.hpp"
#include "read/decode.hpp"
#include "read/input_files.hpp"
#include "read/reader.hpp"
#include "report/redact.hpp"
#include "report/reporter.hpp"
#include "rules/load.hpp"
#include "rules/role_cues.hpp"
#include "util/files.hpp"
#include "util/utf8.hpp"

namespace qalint::cli {
namespace {

struct FileOutcome {
    std::vector<core::Verdict> verdicts;
    std::vector<core::InputError> problems;
};

// Reads and judges one file. Each verdict goes to `deliver` as soon as it is judged, unless the file
// holds inline suppressions: those apply to the file's verdicts together, which are returned.
FileOutcome check_file(const std::string& path, const read::ReadOptions& read_options, const match::Engine& engine,
                       JudgePool& pool, const CiStage& ci, const std::function<void(core::Verdict&&)>& deliver) {
    FileOutcome outcome;
    std::string bytes;
    if (path == "-") {
        bytes = util::read_stdin();
    } else {
        auto content = util::read_file(path);
        if (!content) {
            outcome.problems.push_back({path, "cannot read: " + content.error(), false});
            return outcome;
        }
        bytes = std::move(*content);
    }
    std::optional<read::ReadOptions> as_macro;    // the configuration's macro globs
    if (!read_options.as_macro && ci.is_macro(path)) as_macro.emplace(read_options).as_macro = true;
    const std::vector<config::Suppression> suppressions = config::find_suppressions(bytes);
    // Each conversation is judged as soon as it is read (here, or by a worker with no file left).
    JudgePool::File judged(pool, [&](core::Verdict&& verdict) {
        if (suppressions.empty()) deliver(std::move(verdict));
        else outcome.verdicts.push_back(std::move(verdict));
    });
    read::ReadResult read = read::read_input(path, bytes, as_macro ? *as_macro : read_options,
                                             [&](core::Conversation&& conversation) { judged.add(std::move(conversation)); });
    // The file's bytes are read: freed before its last conversation is judged, so a one-line file
    // of 100 MB is not held twice while its one turn is.
    std::string().swap(bytes);
    judged.finish();
    outcome.problems = std::move(read.problems);
    if (!suppressions.empty() && !read.skipped) ci.filter_file(suppressions, engine, outcome.verdicts, outcome.problems, path);
    return outcome;
}

// Whether two descriptors write to the same terminal, pipe or file.
bool same_destination(int first, int second) {
    struct stat a {}, b {};
    if (::fstat(first, &a) != 0 || ::fstat(second, &b) != 0) return false;
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_rdev == b.st_rdev;
}

}  // namespace

bool fails(const core::Finding& finding, FailLevel level) {
    if (finding.category != core::Category::anti_pattern || level == FailLevel::none) return false;
    switch (level) {
    case FailLevel::error: return finding.level == core::Level::error;
    case FailLevel::warning: return finding.level != core::Level::info;
    default: return true;
    }
}

bool use_color(const std::string& color, const std::string& output) {
    if (color == "always") return true;
    if (color == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return output.empty() && ::isatty(STDOUT_FILENO);
}

std::optional<rules::CompiledRules> load_compiled_rules(const std::vector<std::string>& paths, bool builtin) {
    // A rule given with --rules replaces the built-in rule of the same id.
    rules::LoadResult loaded;
    rules::load_rule_paths(paths, loaded);
    if (builtin) {
        rules::LoadResult pack;
        rules::load_builtin_rules(pack);
        for (auto& rule : pack.rules) {
            const bool overridden = std::any_of(loaded.rules.begin(), loaded.rules.end(),
                                                [&](const core::Rule& extra) { return extra.id == rule.id; });
            if (!overridden) loaded.rules.push_back(std::move(rule));
        }
        loaded.errors.insert(loaded.errors.begin(), pack.errors.begin(), pack.errors.end());
    }
    rules::check_rule_references(loaded);
    std::vector<std::string> errors = std::move(loaded.errors);
    auto compiled = rules::CompiledRules::compile(std::move(loaded.rules), errors);
    for (const auto& error : errors) print_error(error);
    if (!errors.empty()) return std::nullopt;
    return compiled;
}

bool validate_selection(const CheckOptions& options, const rules::CompiledRules& compiled) {
    for (const auto& id : options.only)
        if (!compiled.find(id)) return print_error("--only names an unknown rule '" + id + "'"), false;
    for (const auto& id : options.disabled)
        if (!compiled.find(id) && !config::is_suppression_rule(id))
            return print_error("--disable names an unknown rule '" + id + "'"), false;
    if (!options.encoding.empty() && !read::known_encoding(options.encoding))
        return print_error("unknown --encoding '" + options.encoding + "' (an iconv name: windows-1251, koi8-r, …)"), false;
    if (options.input_format != "auto" && !read::find_format(options.input_format)) {
        std::string names;
        for (const auto& reader : read::format_readers()) names += std::string(names.empty() ? "" : ", ") + reader.name;
        print_error("unknown --input-format '" + options.input_format + "' (auto, " + names + ")");
        return false;
    }
    return true;
}

match::EngineOptions engine_options_of(const CheckOptions& options) {
    match::EngineOptions engine_options;
    engine_options.forced_language = options.language;
    engine_options.only.insert(options.only.begin(), options.only.end());
    engine_options.disabled.insert(options.disabled.begin(), options.disabled.end());
    return engine_options;
}

read::ReadOptions read_options_of(const CheckOptions& options, const rules::CompiledRules& rules) {
    read::ReadOptions read_options;
    read_options.roles.set_cues(rules::role_cue_finder(rules.rules()));
    read_options.format = options.input_format;
    read_options.encoding = options.encoding;
    for (const auto& name : options.agents) read_options.roles.set(name, core::Role::agent);
    for (const auto& name : options.customers) read_options.roles.set(name, core::Role::customer);
    return read_options;
}

int run_check(const CheckOptions& options) {
    auto compiled = load_compiled_rules(options.rule_paths, true);
    if (!compiled || !validate_selection(options, *compiled)) return exit_error;
    match::EngineOptions engine_options = engine_options_of(options);
    auto ci = CiStage::make(options, *compiled, engine_options);
    if (!ci) return exit_error;
    const match::Engine engine(*compiled, engine_options);
    const read::ReadOptions read_options = read_options_of(options, *compiled);
    // A file found by a walk that holds nothing to read is skipped with a note; named, it is an error.
    read::ReadOptions walked_options = read_options;
    walked_options.walked = true;
    const std::set<std::string> named(options.paths.begin(), options.paths.end());

    util::WalkResult inputs = util::collect_inputs(options.paths, read::is_input_file, {options.include, options.exclude});
    const size_t found = inputs.files.size();
    std::erase_if(inputs.files, [&](const std::string& path) { return ci->skips(path); });
    std::vector<core::InputError> problems;
    for (auto& [path, reason] : inputs.problems) problems.push_back({path, reason, false});
    for (const auto& folder : inputs.empty_folders)
        problems.push_back({folder, "no transcript or macro files found in this folder (see --include)", true});

    const auto output = ReportOutput::open(options.format, options.output, options.color, options.redact, &compiled->rules(),
                                           options.quiet, options.layout);
    if (!output) return exit_error;
    report::Reporter* reporter = &output->reporter();

    const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    report::Summary summary;
    summary.files = inputs.files.size();
    summary.ignored = found - inputs.files.size();
    bool failed = false;
    reporter->begin();
    Progress progress(inputs.files.size());
    const auto report_verdict = [&](core::Verdict& verdict) {
        ci->filter_in_order(verdict);
        summary.add(verdict);
        failed = failed || std::any_of(verdict.findings.begin(), verdict.findings.end(),
                                       [&](const core::Finding& f) { return fails(f, options.fail_level); });
        reporter->conversation(verdict);
    };
    const auto report_outcome = [&](FileOutcome& outcome) {
        for (auto& verdict : outcome.verdicts) report_verdict(verdict);
        for (auto& problem : outcome.problems) problems.push_back(std::move(problem));
    };

    // Workers judge files and report them in input order: whoever finishes the next file to report
    // reports it and every finished file after it, while the others go on judging. A window of
    // slots bounds how far workers run ahead, so memory stays flat however many files there are.
    // The worker on the file next in line reports its conversations as it judges them, so one
    // export holding thousands of conversations is not held whole either.
    const size_t window = std::max<size_t>(std::min<size_t>(jobs, inputs.files.size()), 1) * 16;
    std::vector<FileOutcome> slots(window);
    std::vector<char> ready(window, 0);
    std::mutex mutex;
    std::condition_variable slot_free;
    size_t next_file = 0, reported = 0, waiting_workers = 0;
    bool reporting = false;
    const size_t total = inputs.files.size();
    // A worker with no file left helps judge the conversations of those still being read.
    JudgePool pool(engine);
    std::atomic<size_t> files_left{total};    // taken or not, until judged
    const auto work = [&] {
        for (;;) {
            size_t index;
            {
                std::unique_lock lock(mutex);
                const auto may_take = [&] { return next_file >= total || next_file < reported + window; };
                if (!may_take()) {
                    ++waiting_workers;
                    slot_free.wait(lock, may_take);
                    --waiting_workers;
                }
                if (next_file >= total) {
                    lock.unlock();
                    pool.help([&] { return files_left.load() == 0; });
                    return;
                }
                index = next_file++;
            }
            bool streaming = false;    // this worker reports this file's conversations as they come
            std::vector<core::Verdict> held;    // judged before the file's turn to be reported came
            const auto deliver = [&](core::Verdict&& verdict) {
                if (!streaming) {
                    std::lock_guard guard(mutex);
                    streaming = !reporting && reported == index;
                    if (streaming) reporting = true;
                }
                if (!streaming) {
                    held.push_back(std::move(verdict));
                    return;
                }
                for (auto& earlier : held) report_verdict(earlier);
                held.clear();
                report_verdict(verdict);
            };
            const std::string& path = inputs.files[index];
            FileOutcome outcome = check_file(path, named.count(path) ? read_options : walked_options, engine, pool, *ci, deliver);
            if (files_left.fetch_sub(1) == 1) pool.wake_helpers();
            if (!held.empty())
                outcome.verdicts.insert(outcome.verdicts.begin(), std::make_move_iterator(held.begin()),
                                        std::make_move_iterator(held.end()));
            std::unique_lock lock(mutex);
            if (streaming) {
                // The file's conversations are out; its problems follow them, then whatever other
                // files are ready, as below.
                lock.unlock();
                report_outcome(outcome);
                lock.lock();
                const size_t done = ++reported;
                const bool wake = waiting_workers > 0;
                lock.unlock();
                if (wake) slot_free.notify_all();
                progress.update(done);
                lock.lock();
            } else {
                slots[index % window] = std::move(outcome);
                ready[index % window] = 1;
                if (reporting || index != reported) continue;    // reported by whoever reports, in turn
                reporting = true;
            }
            while (reported < total && ready[reported % window]) {
                FileOutcome next = std::move(slots[reported % window]);
                slots[reported % window] = FileOutcome{};
                ready[reported % window] = 0;
                const size_t done = ++reported;
                const bool wake = waiting_workers > 0;    // nobody to wake: no system call
                lock.unlock();
                if (wake) slot_free.notify_all();
                report_outcome(next);
                progress.update(done);
                lock.lock();
            }
            reporting = false;
        }
    };
    std::vector<std::thread> workers;
    // A worker per file up to --jobs, and spare ones (as many as there are cores) to help judge.
    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t started = total == 0 ? 0 : std::min<size_t>(jobs, std::max(total, cores));
    for (size_t t = 0; t < started; ++t) workers.emplace_back(work);
    for (auto& worker : workers) worker.join();
    progress.clear();
    reporter->finish(problems, summary);
    if (!ci->finish()) return exit_error;

    if (!output->commit()) return exit_error;
    // Problems go to stderr too, so they are seen whatever the report format and wherever stdout
    // is redirected; but not when the report already shows them where stderr goes (a terminal,
    // or a log taking both, as `2>&1` makes), or they would be read twice. CSV has no place for them.
    const bool shown_already = options.output.empty() && options.format != "csv" && same_destination(STDOUT_FILENO, STDERR_FILENO);
    if (!shown_already)
        for (const auto& problem : problems)
            std::cerr << "qalint: " << (problem.warning ? "warning" : "error") << ": " << util::valid_utf8(problem.file)
                      << ": " << util::valid_utf8(options.redact ? report::redact(problem.message) : problem.message)
                      << "\n";
    const bool input_error = std::any_of(problems.begin(), problems.end(), [](const auto& p) { return !p.warning; });
    if (input_error) return exit_error;
    return failed && !ci->writes_baseline() ? exit_findings : exit_clean;
}

}  // namespace qalint::cli
