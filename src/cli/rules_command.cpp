// `qalint rules list | show | test`.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "config/suppress.hpp"
#include "match/engine.hpp"
#include "read/reader.hpp"
#include "rules/bank.hpp"
#include "rules/load.hpp"
#include "util/files.hpp"

namespace qalint::cli {
namespace {

std::string kind_name(core::RuleKind kind) {
    switch (kind) {
    case core::RuleKind::phrase: return "phrase";
    case core::RuleKind::missing: return "missing";
    case core::RuleKind::response: return "response";
    case core::RuleKind::vocabulary: return "vocabulary";
    }
    return "phrase";
}

// Multi-line text (a conversation example, a long message) with its later lines under its first.
std::string indented(std::string_view text, size_t indent) {
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '\n') out.append(indent, ' ');
    }
    return out;
}

std::string languages_of(const core::Rule& rule) {
    std::string out;
    for (size_t l = 0; l < core::language_count; ++l) {
        const bool has = !rule.patterns[l].empty() || !rule.match_examples[l].empty();
        if (has) out += (out.empty() ? "" : ",") + std::string(core::to_string(core::all_languages[l]));
    }
    return out;
}

// Does `rule` fire on this example? Phrase examples are one turn by the rule's speaker;
// conversation examples, and those of a phrase rule read only after another rule's turn
// (only_after), are plain-text transcripts.
bool example_fires(const match::Engine& engine, const core::Rule& rule, core::Language language,
                   const std::string& example) {
    core::Conversation conversation;
    conversation.file = rule.file;
    if (!rule.only_after.empty()) {
        read::ReadOptions options;
        options.format = "text";
        auto read = read::read_input(rule.file, example, options);
        const size_t index = engine.rules().index_of(rule.id);
        for (const auto& parsed : read.conversations)
            for (const auto& turn : engine.analyse_turns(parsed))
                for (const auto& hit : turn.hits)
                    if (hit.rule == index) return true;
        return false;
    }
    if (rule.kind == core::RuleKind::phrase || rule.kind == core::RuleKind::vocabulary) {
        core::Turn turn;
        turn.role = rule.speaker.value_or(core::Role::agent);
        turn.speaker = std::string(core::to_string(turn.role));
        turn.text = example;
        turn.pieces.push_back({0, 1, 1});
        if (rule.only_in_reply) {
            // A rule read only in replies gets its example as one: the speaker said something, the
            // other party answered, and this is what the speaker says back.
            for (const core::Role role : {turn.role, turn.role == core::Role::agent ? core::Role::customer : core::Role::agent}) {
                core::Turn before;
                before.role = role;
                before.speaker = std::string(core::to_string(role));
                before.pieces.push_back({0, 1, 1});
                conversation.turns.push_back(std::move(before));
            }
        }
        conversation.turns.push_back(std::move(turn));
        const auto turns = engine.analyse_turns(conversation);
        const size_t index = engine.rules().index_of(rule.id);
        for (const auto& hit : turns.back().hits)
            if (hit.rule == index) return true;
        return false;
    }
    read::ReadOptions options;
    options.format = "text";
    auto read = read::read_input(rule.file, example, options);
    for (auto& parsed : read.conversations) {
        const core::Verdict verdict = engine.judge(std::move(parsed));
        for (const auto& finding : verdict.findings)
            if (finding.rule == rule.id) return true;
    }
    (void)language;
    return false;
}

// Findings about inline suppressions (config/suppress): not in the pack, but disabled and
// levelled like rules, so listed with them.
struct SuppressionRule {
    const char* id;
    const char* level;
    const char* title;
    const char* detail;
};
constexpr SuppressionRule suppression_rules[] = {
    {config::unused_suppression, "info", "A suppression that suppresses nothing",
     "A qalint-disable-next-line or qalint-disable-file comment whose rules found nothing where it applies: remove it."},
    {config::invalid_suppression, "warning", "A suppression without a reason or with no or an unknown rule id",
     "Write qalint-disable-next-line RULE -- reason: the rule must exist and the reason is required."},
};

}  // namespace

int run_rules_list(const std::vector<std::string>& rule_paths) {
    const auto compiled = load_compiled_rules(rule_paths, true);
    if (!compiled) return exit_error;
    std::cout << fmt::format("{:<30} {:<9} {:<8} {:<15} {:<9} {}\n", "ID", "KIND", "LEVEL", "LADDER", "LANGS", "TITLE");
    for (const auto& rule : compiled->rules()) {
        std::cout << fmt::format("{:<30} {:<9} {:<8} {:<15} {:<9} {}\n", rule.id, kind_name(rule.kind),
                                 rule.category == core::Category::good_practice ? "good" : core::to_string(rule.level),
                                 core::to_string(rule.ladder), languages_of(rule), rule.title);
    }
    for (const auto& rule : suppression_rules)
        std::cout << fmt::format("{:<30} {:<9} {:<8} {:<15} {:<9} {}\n", rule.id, "suppress", rule.level, "-", "any",
                                 rule.title);
    return exit_clean;
}

int run_rules_show(const std::string& id, const std::vector<std::string>& rule_paths) {
    const auto compiled = load_compiled_rules(rule_paths, true);
    if (!compiled) return exit_error;
    const core::Rule* rule = compiled->find(id);
    for (const auto& meta : suppression_rules)
        if (!rule && id == meta.id) {
            std::cout << fmt::format("{}  (built in)\n  {}\n\n  kind: suppress   level: {}\n  {}\n", meta.id, meta.title,
                                     meta.level, meta.detail);
            return exit_clean;
        }
    if (!rule) return print_error("no rule '" + id + "' (see qalint rules list)"), exit_error;
    std::cout << fmt::format("{}  ({})\n  {}\n\n", rule->id, rule->file, rule->title);
    std::cout << fmt::format("  kind: {}   category: {}   level: {}   ladder: {}   speaker: {}\n", kind_name(rule->kind),
                             core::to_string(rule->category),
                             rule->category == core::Category::good_practice ? "good" : core::to_string(rule->level),
                             core::to_string(rule->ladder), rule->speaker ? core::to_string(*rule->speaker) : "any");
    std::cout << fmt::format("  applies to: {}{}\n", rule->for_conversations ? "conversations " : "",
                             rule->for_macros ? "macros" : "");
    std::cout << "  message: " << indented(rule->message, 11) << "\n";
    // Where a phrase rule's hits count, when not on every turn of its speaker.
    if (rule->only_in_first > 0)
        std::cout << fmt::format("  read only in: the speaker's first {} turn(s)\n", rule->only_in_first);
    if (rule->only_in_reply) std::cout << "  read only in: a turn that answers the other party's answer\n";
    if (rule->only_at_end) std::cout << "  read only in: a turn the other party never answers (the last word)\n";
    if (!rule->only_after.empty())
        std::cout << fmt::format("  read only in: a turn that answers the other party's {}\n", fmt::join(rule->only_after, ", "));
    if (rule->kind == core::RuleKind::missing) {
        std::string ids;
        for (const auto& r : rule->missing.rules) ids += (ids.empty() ? "" : ", ") + r;
        const char* window = rule->missing.window == core::TurnWindow::first  ? "first"
                             : rule->missing.window == core::TurnWindow::last ? "last"
                                                                              : "any";
        std::cout << fmt::format("  missing: none of [{}] in the agent's {} {} turn(s)\n", ids, window,
                                 rule->missing.window == core::TurnWindow::any ? 0 : rule->missing.turns);
    }
    if (rule->kind == core::RuleKind::response) {
        const auto& spec = rule->response;
        std::string ids;
        for (const auto& r : spec.reply_has.empty() ? spec.expect : spec.reply_has) ids += (ids.empty() ? "" : ", ") + r;
        const char* asker = spec.by_agent ? "agent" : "customer";
        const char* replier = spec.by_agent ? "customer" : "agent";
        std::string triggers;
        for (const auto& r : spec.trigger) triggers += (triggers.empty() ? "" : " or ") + r;
        std::cout << fmt::format("  response: after {} ({} {} turn), {} within {} {} turn(s)\n", triggers,
                                 spec.last_only ? "last" : spec.first_only ? "first" : "every", asker,
                                 spec.reply_repeats        ? std::string("fires on a reply that repeats an earlier one")
                                 : !spec.reply_has.empty() ? "fires on a reply with " + ids
                                 : ids.empty()           ? std::string("expect any reply")
                                                         : "expect " + ids,
                                 spec.within, replier);
        if (rule->response.max_first_reply_seconds)
            std::cout << fmt::format("  a reply later than {} s counts as none (needs timestamps)\n",
                                     *rule->response.max_first_reply_seconds);
        if (!rule->response.except.empty()) {
            std::string except;
            for (const auto& r : rule->response.except) except += (except.empty() ? "" : ", ") + r;
            std::cout << "  except customer turns with: " << except << "\n";
        }
    }
    const auto& skip = rule->kind == core::RuleKind::missing ? rule->missing.skip : rule->response.skip;
    if (!skip.empty()) {
        std::string ids;
        for (const auto& r : skip) ids += (ids.empty() ? "" : ", ") + r;
        std::cout << "  turns left out (skip): " << ids << "\n";
    }
    for (size_t l = 0; l < core::language_count; ++l) {
        const auto language = core::to_string(core::all_languages[l]);
        if (rule->patterns[l].empty() && rule->match_examples[l].empty() && rule->advice[l].empty()) continue;
        std::cout << "\n  [" << language << "]\n";
        if (!rule->advice[l].empty()) std::cout << "  advice: " << indented(rule->advice[l], 10) << "\n";
        for (const auto& pattern : rule->patterns[l]) {
            std::cout << fmt::format("  {}: {}\n", pattern.type == core::PatternType::phrase ? "phrase" : "regex ",
                                     pattern.text);
            if (!pattern.unless.empty())
                std::cout << fmt::format("    unless in its sentence: {}\n", pattern.unless);
        }
        if (rule->unless_in_sentence && !rule->unless[l].empty()) std::cout << "  unless: in the same sentence only\n";
        if (rule->unless_previous > 0 && !rule->unless[l].empty())
            std::cout << fmt::format("  unless: also in the speaker's {} previous turn(s)\n", rule->unless_previous);
        for (const auto& pattern : rule->unless[l])
            std::cout << fmt::format("  unless {}: {}\n", pattern.type == core::PatternType::phrase ? "phrase" : "regex",
                                     pattern.text);
        for (const auto& example : rule->match_examples[l]) std::cout << "  + " << indented(example, 4) << "\n";
        for (const auto& example : rule->no_match_examples[l]) std::cout << "  - " << indented(example, 4) << "\n";
    }
    return exit_clean;
}

int run_rules_test(const std::vector<std::string>& paths, std::vector<std::string> bank_paths, bool update_banks) {
    // The pack under test, plus the built-in pack when testing extra files (they may refer to it).
    rules::LoadResult loaded;
    if (paths.empty()) rules::load_builtin_rules(loaded);
    rules::load_rule_paths(paths, loaded);
    std::vector<std::string> under_test;
    for (const auto& rule : loaded.rules) under_test.push_back(rule.id);
    if (!paths.empty()) {
        rules::LoadResult builtin;
        rules::load_builtin_rules(builtin);
        for (auto& rule : builtin.rules)
            if (std::find(under_test.begin(), under_test.end(), rule.id) == under_test.end())
                loaded.rules.push_back(std::move(rule));
    }
    rules::check_rule_references(loaded);
    // A vocabulary's examples are run like a phrase rule's: its terms on their own.
    for (auto& rule : loaded.rules)
        if (rule.kind == core::RuleKind::vocabulary) {
            rule.kind = core::RuleKind::phrase;
            rule.category = core::Category::good_practice;    // a signal would be skipped where no rule reads it
        }
    std::vector<std::string> errors = std::move(loaded.errors);
    auto compiled = rules::CompiledRules::compile(std::move(loaded.rules), errors);
    for (const auto& error : errors) print_error(error);
    if (!errors.empty()) return exit_error;

    size_t passed = 0, failed = 0;
    for (const auto& id : under_test) {
        const core::Rule& rule = *compiled.find(id);
        for (size_t l = 0; l < core::language_count; ++l) {
            const core::Language language = core::all_languages[l];
            match::EngineOptions options;
            options.forced_language = language;
            options.lazy_expect = false;    // an example is one turn: no trigger before it
            const match::Engine engine(compiled, options);
            if (!rule.patterns[l].empty() && rule.match_examples[l].empty()) {
                ++failed;
                std::cout << fmt::format("FAIL {}:{}: rule {}: has {} patterns but no {} match example\n", rule.file,
                                         rule.line, rule.id, core::to_string(language), core::to_string(language));
            }
            const auto run = [&](const std::vector<std::string>& examples, bool expected, const char* what) {
                for (size_t i = 0; i < examples.size(); ++i) {
                    if (example_fires(engine, rule, language, examples[i]) == expected) {
                        ++passed;
                        continue;
                    }
                    ++failed;
                    std::cout << fmt::format("FAIL {}:{}: rule {}: {} {} example {} {}: {}\n", rule.file, rule.line,
                                             rule.id, core::to_string(language), what, i + 1,
                                             expected ? "did not match" : "matched", examples[i]);
                }
            };
            run(rule.match_examples[l], true, "match");
            run(rule.no_match_examples[l], false, "no_match");
        }
    }
    std::cout << fmt::format("{} rules tested\nexamples: {} passed, {} failed\n", under_test.size(), passed, failed);

    // The banks: a rules folder's banks/ unless named, and any --banks.
    namespace fs = std::filesystem;
    for (const auto& path : paths) {
        std::error_code ec;
        const fs::path banks = fs::path(path) / "banks";
        if (fs::is_directory(banks, ec)) bank_paths.push_back(banks.string());
    }
    if (bank_paths.empty()) return failed ? exit_findings : exit_clean;
    rules::BankLoad banks;
    rules::load_bank_paths(bank_paths, banks);
    for (const auto& error : banks.errors) print_error(error);
    if (!banks.errors.empty()) return exit_error;
    size_t bank_passed = 0, bank_failed = 0, todo = 0, todo_passing = 0;
    for (const auto& bank : banks.banks) {
        const core::Rule* rule = compiled.find(bank.rule);
        if (!rule) {
            print_error(fmt::format("{}: bank of rule '{}', which is not in the pack", bank.file, bank.rule));
            return exit_error;
        }
        match::EngineOptions options;
        options.forced_language = bank.language;
        options.lazy_expect = false;
        const match::Engine engine(compiled, options);
        size_t ok[2] = {0, 0}, fixed[2] = {0, 0};
        const auto run = [&](const std::vector<std::string>& items, bool expected, const char* what, bool is_todo) {
            for (const auto& item : items) {
                const bool right = example_fires(engine, *rule, bank.language, item) == expected;
                if (is_todo) {
                    ++todo;
                    if (right) {
                        ++todo_passing, ++fixed[expected ? 0 : 1];
                        std::cout << fmt::format("NOW PASSES {}: {} {}: move it from todo_{} to {}: {}\n", bank.file,
                                                 bank.rule, what, what, what, indented(item, 4));
                    }
                    continue;
                }
                if (right) {
                    ++bank_passed, ++ok[expected ? 0 : 1];
                    continue;
                }
                ++bank_failed;
                std::cout << fmt::format("FAIL {}: bank of {}: {} {} {}: {}\n", bank.file, bank.rule,
                                         core::to_string(bank.language), what, expected ? "did not match" : "matched",
                                         indented(item, 4));
            }
        };
        if (update_banks) {
            // What the pack gets right goes to match/no_match, the rest to todo_*, each in its order.
            rules::Bank updated = bank;
            updated.match.clear(), updated.no_match.clear(), updated.todo_match.clear(), updated.todo_no_match.clear();
            for (bool expected : {true, false})
                for (const auto* items : expected ? std::array{&bank.match, &bank.todo_match}
                                                  : std::array{&bank.no_match, &bank.todo_no_match})
                    for (const auto& item : *items) {
                        const bool right = example_fires(engine, *rule, bank.language, item) == expected;
                        (expected ? (right ? updated.match : updated.todo_match)
                                  : (right ? updated.no_match : updated.todo_no_match))
                            .push_back(item);
                    }
            if (auto written = util::write_file_atomically(bank.file, rules::bank_yaml(updated)); !written) {
                print_error(fmt::format("{}: {}", bank.file, written.error()));
                return exit_error;
            }
            std::cout << fmt::format("bank {} {}: match {}/{}, no_match {}/{} (updated {})\n", bank.rule,
                                     core::to_string(bank.language), updated.match.size(),
                                     updated.match.size() + updated.todo_match.size(), updated.no_match.size(),
                                     updated.no_match.size() + updated.todo_no_match.size(), bank.file);
            continue;
        }
        run(bank.match, true, "match", false);
        run(bank.no_match, false, "no_match", false);
        run(bank.todo_match, true, "match", true);
        run(bank.todo_no_match, false, "no_match", true);
        // Found: what the pack gets right of the whole bank, todo included.
        const size_t positives = bank.match.size() + bank.todo_match.size();
        const size_t negatives = bank.no_match.size() + bank.todo_no_match.size();
        std::cout << fmt::format("bank {} {}: match {}/{}, no_match {}/{}\n", bank.rule, core::to_string(bank.language),
                                 ok[0] + fixed[0], positives, ok[1] + fixed[1], negatives);
    }
    std::cout << fmt::format("banks: {} passed, {} failed; {} todo ({} now pass)\n", bank_passed, bank_failed, todo,
                             todo_passing);
    return failed || bank_failed ? exit_findings : exit_clean;
}

}  // namespace qalint::cli
