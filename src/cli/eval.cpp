// `qalint eval`: the same judging as `check`, on conversations a coach labelled, and per rule how
// often the two agree, with every disagreement to read.

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/ci_stage.hpp"
#include "cli/commands.hpp"
#include "eval/labels.hpp"
#include "eval/score.hpp"
#include "report/text_report.hpp"
#include "util/utf8.hpp"

namespace qalint::cli {
namespace {

using json = nlohmann::ordered_json;

constexpr size_t missed_turns_chars = 240;

struct Disagreement {
    std::string rule;
    bool false_alarm = false;    // fp; else a miss (fn)
    std::string file, id;
    size_t row = 0;
    uint32_t line = 0, column = 0;
    std::string excerpt;
};

struct SetResult {
    std::string labels;
    std::vector<eval::RuleCounts> rules;    // worst F1 first
    std::optional<eval::LadderAgreement> ladder;
    std::vector<Disagreement> disagreements;
    std::vector<std::string> other_columns;
    size_t conversations = 0;
};

std::string shorten(std::string text, size_t chars) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    if (util::count_chars(text) <= chars) return text;
    return std::string(util::prefix_chars(text, chars)) + "…";
}

// What a rule author reads: the finding's words marked in their turn, or what the agent said.
std::string excerpt_of_false_alarm(const core::Verdict& verdict, const core::Finding& finding) {
    const report::Excerpt excerpt = report::excerpt_of(verdict, finding);
    if (excerpt.match.empty()) return finding.message;
    return excerpt.before + "»" + excerpt.match + "«" + excerpt.after;
}

std::string agent_turns(const core::Conversation& conversation) {
    std::string out;
    for (const auto& turn : conversation.turns)
        if (turn.role == core::Role::agent) out += (out.empty() ? "" : " / ") + turn.text;
    return shorten(out.empty() ? "(no agent turn)" : out, missed_turns_chars);
}

std::vector<core::Verdict> judge_all(const match::Engine& engine, std::vector<eval::LabelledConversation>& rows,
                                     unsigned jobs) {
    std::vector<core::Verdict> verdicts(rows.size());
    std::atomic<size_t> next{0};
    const auto work = [&] {
        for (size_t i; (i = next.fetch_add(1)) < rows.size();) verdicts[i] = engine.judge(std::move(rows[i].conversation));
    };
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < std::min<size_t>(jobs, rows.size()); ++t) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();
    return verdicts;
}

SetResult measure(eval::LabelSet& set, const match::Engine& engine, const std::vector<std::string>& measured,
                  unsigned jobs) {
    SetResult result;
    result.labels = set.path;
    result.other_columns = set.other_columns;
    result.conversations = set.rows.size();
    const std::vector<core::Verdict> verdicts = judge_all(engine, set.rows, jobs);
    if (set.has_level) result.ladder.emplace();
    for (size_t k = 0; k < set.rules.size(); ++k) {
        const std::string& rule = set.rules[k];
        if (std::find(measured.begin(), measured.end(), rule) == measured.end()) {
            result.other_columns.push_back(rule + " (not reported in this run)");
            continue;
        }
        eval::RuleCounts counts;
        counts.rule = rule;
        for (size_t r = 0; r < set.rows.size(); ++r) {
            const auto& label = set.rows[r].labels[k];
            if (!label) continue;
            const core::Verdict& verdict = verdicts[r];
            const auto found = std::find_if(verdict.findings.begin(), verdict.findings.end(),
                                            [&](const core::Finding& f) { return f.rule == rule; });
            const bool fired = found != verdict.findings.end();
            counts.add(*label, fired);
            if (*label == fired) continue;
            Disagreement d;
            d.rule = rule;
            d.false_alarm = fired;
            d.file = verdict.conversation.file;
            d.id = verdict.conversation.id;
            d.row = set.rows[r].row;
            if (fired) {
                d.line = found->line, d.column = found->column;
                d.excerpt = excerpt_of_false_alarm(verdict, *found);
            } else {
                d.line = verdict.conversation.first_line;
                d.excerpt = agent_turns(verdict.conversation);
            }
            result.disagreements.push_back(std::move(d));
        }
        result.rules.push_back(std::move(counts));
    }
    for (size_t r = 0; r < set.rows.size() && result.ladder; ++r)
        if (set.rows[r].level && verdicts[r].ranked())
            result.ladder->add(*set.rows[r].level, verdicts[r].level, verdicts[r].score);
    return result;
}

// Worst F1 first; a rule with nothing to measure (no positive, no finding) last.
void sort_worst_first(std::vector<eval::RuleCounts>& rules) {
    std::stable_sort(rules.begin(), rules.end(), [](const eval::RuleCounts& a, const eval::RuleCounts& b) {
        const auto fa = a.f1(), fb = b.f1();
        if (fa.has_value() != fb.has_value()) return fa.has_value();
        if (fa && *fa != *fb) return *fa < *fb;
        return a.rule < b.rule;
    });
}

std::string ratio(std::optional<double> value) { return value ? fmt::format("{:.2f}", *value) : "–"; }
json ratio_json(std::optional<double> value) { return value ? json(std::round(*value * 10000) / 10000) : json(nullptr); }

eval::RuleCounts total_of(const std::vector<eval::RuleCounts>& rules) {
    eval::RuleCounts total;
    total.rule = "total";
    for (const auto& counts : rules) total.add(counts);
    return total;
}

constexpr const char* rung_names[] = {"disappointment", "neutral", "wow"};

void print_text(std::ostream& out, const SetResult& set, const std::string& show) {
    out << fmt::format("{}: {} conversations\n", set.labels, set.conversations);
    out << fmt::format("  {:<28} {:>6} {:>5} {:>5} {:>5} {:>5} {:>9} {:>7} {:>5}\n", "rule", "judged", "pos", "tp", "fp",
                       "fn", "precision", "recall", "f1");
    const auto line = [&](const eval::RuleCounts& c) {
        out << fmt::format("  {:<28} {:>6} {:>5} {:>5} {:>5} {:>5} {:>9} {:>7} {:>5}\n", c.rule, c.judged, c.positives,
                           c.tp, c.fp, c.fn, ratio(c.precision()), ratio(c.recall()), ratio(c.f1()));
    };
    for (const auto& counts : set.rules) line(counts);
    if (!set.rules.empty()) line(total_of(set.rules));
    if (set.ladder) {
        const auto& ladder = *set.ladder;
        out << fmt::format("  ladder: {} judged, accuracy {}, kappa {}\n", ladder.judged(), ratio(ladder.accuracy()),
                           ratio(ladder.kappa()));
        out << fmt::format("    {:<22} {:>14} {:>8} {:>5}\n", "coach \\ qalint", rung_names[0], rung_names[1], rung_names[2]);
        for (size_t i = 0; i < 3; ++i)
            out << fmt::format("    {:<22} {:>14} {:>8} {:>5}\n", rung_names[i], ladder.confusion[i][0],
                               ladder.confusion[i][1], ladder.confusion[i][2]);
        const eval::ScoreOrder order = ladder.score_order();
        if (order.pairs() > 0)
            out << fmt::format("  score order: of {} pairs on different rungs, {} ranked as the coach, {} the other way, "
                               "{} tied (gamma {})\n",
                               order.pairs(), order.concordant, order.discordant, order.tied, ratio(order.gamma()));
    }
    if (!set.other_columns.empty()) {
        std::string names;
        for (const auto& name : set.other_columns) names += (names.empty() ? "" : ", ") + name;
        out << "  not measured: " << names << "\n";
    }
    if (show.empty()) return;
    for (const auto& d : set.disagreements) {
        if ((show == "fp" && !d.false_alarm) || (show == "fn" && d.false_alarm)) continue;
        const std::string where = d.file == set.labels ? fmt::format("row {} ({})", d.row, d.id)
                                                       : fmt::format("{} {} (row {})", d.file, d.id, d.row);
        const std::string position = d.false_alarm ? fmt::format(" {}:{}", d.line, d.column) : "";
        out << fmt::format("  {} {} {}{}: {}\n", d.false_alarm ? "FP" : "FN", d.rule, where, position, d.excerpt);
    }
}

json rules_json(const std::vector<eval::RuleCounts>& rules) {
    json out = json::array();
    for (const auto& c : rules)
        out.push_back({{"rule", c.rule}, {"judged", c.judged}, {"positives", c.positives}, {"tp", c.tp}, {"fp", c.fp},
                       {"fn", c.fn}, {"precision", ratio_json(c.precision())}, {"recall", ratio_json(c.recall())},
                       {"f1", ratio_json(c.f1())}});
    return out;
}

json ladder_json(const std::optional<eval::LadderAgreement>& ladder) {
    if (!ladder) return nullptr;
    json confusion = json::object();
    for (size_t i = 0; i < 3; ++i)
        for (size_t j = 0; j < 3; ++j) confusion[rung_names[i]][rung_names[j]] = ladder->confusion[i][j];
    const eval::ScoreOrder order = ladder->score_order();
    const json score_order = {{"pairs", order.pairs()},
                              {"concordant", order.concordant},
                              {"discordant", order.discordant},
                              {"tied", order.tied},
                              {"gamma", ratio_json(order.gamma())}};
    return {{"judged", ladder->judged()}, {"accuracy", ratio_json(ladder->accuracy())},
            {"kappa", ratio_json(ladder->kappa())}, {"confusion", confusion}, {"score_order", score_order}};
}

json set_json(const SetResult& set, const std::string& show) {
    json disagreements = json::array();
    for (const auto& d : set.disagreements) {
        if ((show == "fp" && !d.false_alarm) || (show == "fn" && d.false_alarm)) continue;
        disagreements.push_back({{"rule", d.rule}, {"kind", d.false_alarm ? "fp" : "fn"}, {"file", d.file}, {"id", d.id},
                                 {"row", d.row}, {"line", d.line}, {"column", d.false_alarm ? json(d.column) : json(nullptr)},
                                 {"excerpt", d.excerpt}});
    }
    return {{"labels", set.labels},         {"conversations", set.conversations}, {"rules", rules_json(set.rules)},
            {"level", ladder_json(set.ladder)}, {"disagreements", disagreements},  {"not_measured", set.other_columns}};
}

std::string csv_cell(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void print_csv_rows(std::ostream& out, const std::string& labels, const std::vector<eval::RuleCounts>& rules) {
    for (const auto& c : rules)
        out << fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_cell(labels), c.rule, c.judged, c.positives, c.tp, c.fp,
                           c.fn, c.precision() ? ratio(c.precision()) : "", c.recall() ? ratio(c.recall()) : "",
                           c.f1() ? ratio(c.f1()) : "");
}

// The rules of all sets summed, rule by rule.
std::vector<eval::RuleCounts> combine(const std::vector<SetResult>& sets) {
    std::vector<eval::RuleCounts> combined;
    for (const auto& set : sets)
        for (const auto& counts : set.rules) {
            auto it = std::find_if(combined.begin(), combined.end(), [&](const auto& c) { return c.rule == counts.rule; });
            if (it == combined.end()) combined.push_back(counts);
            else it->add(counts);
        }
    sort_worst_first(combined);
    return combined;
}

// The rules below a --min-* gate (with enough positives to judge), named on stderr.
bool below_gates(const EvalOptions& options, const std::vector<SetResult>& sets) {
    bool below = false;
    const auto gate = [&](const SetResult& set, const eval::RuleCounts& c, const char* name, std::optional<double> value,
                          std::optional<double> minimum) {
        if (!minimum || !value || *value >= *minimum) return;
        below = true;
        std::cerr << fmt::format("qalint: eval: {}: {} {} {:.2f} is below --min-{} {:.2f} ({} positives)\n", set.labels,
                                 c.rule, name, *value, name, *minimum, c.positives);
    };
    for (const auto& set : sets)
        for (const auto& c : set.rules) {
            if (c.positives < options.min_positives) continue;
            gate(set, c, "f1", c.f1(), options.min_f1);
            gate(set, c, "precision", c.precision(), options.min_precision);
            gate(set, c, "recall", c.recall(), options.min_recall);
        }
    return below;
}

}  // namespace

int run_eval(const EvalOptions& options) {
    const CheckOptions& check = options.check;
    auto compiled = load_compiled_rules(check.rule_paths, true);
    if (!compiled || !validate_selection(check, *compiled)) return exit_error;
    match::EngineOptions engine_options = engine_options_of(check);
    if (!CiStage::make(check, *compiled, engine_options)) return exit_error;    // the configuration's levels and disabled rules
    const match::Engine engine(*compiled, engine_options);
    const read::ReadOptions read_options = read_options_of(check, *compiled);

    std::vector<std::string> rule_ids, measured;
    for (const auto& rule : compiled->rules()) {
        rule_ids.push_back(rule.id);
        if (engine.is_reported(rule) && rule.category != core::Category::signal) measured.push_back(rule.id);
    }
    const unsigned jobs = check.jobs ? check.jobs : std::max(1u, std::thread::hardware_concurrency());

    std::vector<SetResult> sets;
    bool bad_labels = false;
    for (const auto& path : check.paths) {
        auto set = eval::load_labels(path, rule_ids, read_options);
        if (!set) {
            print_error(set.error());
            bad_labels = true;
            continue;
        }
        SetResult result = measure(*set, engine, measured, jobs);
        sort_worst_first(result.rules);
        sets.push_back(std::move(result));
    }

    std::optional<eval::LadderAgreement> ladder_total;
    for (const auto& set : sets)
        if (set.ladder) (ladder_total ? *ladder_total : ladder_total.emplace()).add(*set.ladder);
    const std::vector<eval::RuleCounts> combined = combine(sets);
    std::ostream& out = std::cout;
    if (check.format == "json") {
        json doc;
        doc["tool"] = {{"name", "qalint"}, {"version", QALINT_VERSION}};
        doc["sets"] = json::array();
        for (const auto& set : sets) doc["sets"].push_back(set_json(set, options.show));
        doc["total"] = {{"rules", rules_json(combined)}, {"level", ladder_json(ladder_total)}};
        out << doc.dump(2) << "\n";
    } else if (check.format == "csv") {
        out << "labels,rule,judged,positives,tp,fp,fn,precision,recall,f1\n";
        for (const auto& set : sets) print_csv_rows(out, set.labels, set.rules);
        if (sets.size() > 1) print_csv_rows(out, "total", combined);
    } else {
        for (size_t i = 0; i < sets.size(); ++i) {
            if (i) out << "\n";
            print_text(out, sets[i], options.show);
        }
        if (sets.size() > 1) {
            SetResult total;
            total.labels = "total";
            total.rules = combined;
            total.ladder = ladder_total;
            for (const auto& set : sets) total.conversations += set.conversations;
            out << "\n";
            print_text(out, total, "");
        }
    }
    out.flush();
    if (bad_labels) return exit_error;
    return below_gates(options, sets) ? exit_findings : exit_clean;
}

}  // namespace qalint::cli
