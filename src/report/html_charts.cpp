#include "report/html_charts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/agent_names.hpp"
#include "report/html_report.hpp"

namespace qalint::report {
namespace {

constexpr std::array<const char*, 3> ladder_names = {"disappointment", "neutral", "wow"};
constexpr std::array<const char*, 3> ladder_colors = {"#d64545", "#8a94a6", "#2e9d5b"};

const char* rule_color(const RuleCount& rule) {
    if (rule.category == core::Category::good_practice) return "#2e9d5b";
    return rule.level == core::Level::error ? "#d64545" : rule.level == core::Level::warning ? "#e0a030" : "#4a7fd6";
}

// Red at 0, amber at 50, green at 100.
std::string score_color(double score) {
    const double t = std::clamp(score / 100.0, 0.0, 1.0);
    const int red = t < 0.5 ? 214 : static_cast<int>(214 - (214 - 46) * (t - 0.5) * 2);
    const int green =
        t < 0.5 ? static_cast<int>(69 + (160 - 69) * t * 2) : static_cast<int>(160 - (160 - 157) * (t - 0.5) * 2);
    const int blue = t < 0.5 ? 69 : static_cast<int>(69 + (91 - 69) * (t - 0.5) * 2);
    return fmt::format("#{:02x}{:02x}{:02x}", red, green, blue);
}

// A horizontal bar split by ladder level, `width` pixels wide.
std::string ladder_bar(const std::array<size_t, 3>& ladder, int width) {
    const size_t total = ladder[0] + ladder[1] + ladder[2];
    std::string out = fmt::format(
        R"(<svg class="mini" width="{}" height="12" role="img" aria-label="{} disappointment, {} neutral, {} wow">)",
        width, ladder[0], ladder[1], ladder[2]);
    double x = 0;
    for (size_t i = 0; i < 3 && total > 0; ++i) {
        const double w = double(width) * double(ladder[i]) / double(total);
        if (w > 0)
            out += fmt::format(
                R"(<rect x="{:.1f}" y="0" width="{:.1f}" height="12" fill="{}"><title>{} {}</title></rect>)", x, w,
                ladder_colors[i], ladder[i], ladder_names[i]);
        x += w;
    }
    return out + "</svg>";
}

std::string top_list(const std::map<std::string, RuleTally>& tallies, const Aggregates& totals, const char* css) {
    std::string out;
    for (const auto& [rule, tally] : ranked_rules(tallies, totals, 3))
        out += fmt::format(R"(<span class="chip {}">{} <b>{}</b></span> )", css, html_escape(rule), tally.findings);
    return out.empty() ? "<span class=\"muted\">—</span>" : out;
}

}  // namespace

std::string ladder_chart(const Aggregates& totals) {
    const size_t top = std::max<size_t>(1, *std::max_element(totals.ladder.begin(), totals.ladder.end()));
    constexpr int height = 150, bar = 70, gap = 30;
    std::string out =
        fmt::format(R"(<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="Conversations per ladder level">)",
                    3 * (bar + gap) + gap, height + 40);
    for (size_t i = 0; i < 3; ++i) {
        const double h = double(height - 20) * double(totals.ladder[i]) / double(top);
        const int x = gap + static_cast<int>(i) * (bar + gap);
        out += fmt::format(R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" rx="3" fill="{}"/>)", x, height - h,
                           bar, h, ladder_colors[i]);
        out += fmt::format(R"(<text x="{}" y="{:.1f}" class="value">{}</text>)", x + bar / 2, height - h - 5,
                           totals.ladder[i]);
        out += fmt::format(R"(<text x="{}" y="{}" class="label">{}</text>)", x + bar / 2, height + 18, ladder_names[i]);
    }
    return out + "</svg>";
}

std::string score_chart(const Aggregates& totals) {
    const size_t top = std::max<size_t>(1, *std::max_element(totals.scores.begin(), totals.scores.end()));
    constexpr int height = 150, bar = 28, gap = 6;
    std::string out =
        fmt::format(R"(<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="Score distribution">)",
                    10 * (bar + gap) + gap, height + 40);
    for (size_t i = 0; i < totals.scores.size(); ++i) {
        const double h = double(height - 20) * double(totals.scores[i]) / double(top);
        const int x = gap + static_cast<int>(i) * (bar + gap);
        out += fmt::format(
            R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" rx="2" fill="{}"><title>{}–{}: {}</title></rect>)", x,
            height - h, bar, h, score_color(double(i) * 10 + 5), i * 10, i == 9 ? 100 : i * 10 + 9, totals.scores[i]);
        if (totals.scores[i] > 0)
            out += fmt::format(R"(<text x="{}" y="{:.1f}" class="value">{}</text>)", x + bar / 2, height - h - 5,
                               totals.scores[i]);
        out += fmt::format(R"(<text x="{}" y="{}" class="label">{}</text>)", x + bar / 2, height + 18, i * 10);
    }
    return out + "</svg>";
}

std::string rule_chart(const Aggregates& totals) {
    if (totals.rules.empty()) return "<p class=\"muted\">No findings.</p>";
    std::vector<std::pair<std::string, const RuleCount*>> rules;
    for (const auto& [id, rule] : totals.rules) rules.emplace_back(id, &rule);
    std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
        const bool a_good = a.second->category == core::Category::good_practice;
        const bool b_good = b.second->category == core::Category::good_practice;
        if (a_good != b_good) return !a_good;  // anti-patterns first
        return a.second->findings > b.second->findings;
    });
    size_t top = 1;
    for (const auto& rule : rules) top = std::max(top, rule.second->findings);
    constexpr int row = 22, label = 230, width = 420;
    std::string out =
        fmt::format(R"(<svg class="chart rules" viewBox="0 0 {} {}" role="img" aria-label="Findings per rule">)",
                    label + width + 60, row * static_cast<int>(rules.size()) + 4);
    int y = 2;
    for (const auto& [id, rule] : rules) {
        const double w = std::max(2.0, double(width) * double(rule->findings) / double(top));
        out += fmt::format(R"(<text x="{}" y="{}" class="rule">{}</text>)", label - 8, y + 15, html_escape(id));
        out += fmt::format(
            R"(<rect x="{}" y="{}" width="{:.1f}" height="{}" rx="2" fill="{}"><title>{}: {} findings in {} conversations</title></rect>)",
            label, y + 3, w, row - 6, rule_color(*rule), html_escape(id), rule->findings, rule->conversations);
        out += fmt::format(R"(<text x="{:.1f}" y="{}" class="count">{}</text>)", label + w + 6, y + 15, rule->findings);
        y += row;
    }
    return out + "</svg>";
}

std::string agent_table(const Aggregates& totals) {
    std::string out =
        "<table class=\"grid\"><thead><tr><th>Agent</th><th>Conversations</th><th>Average score</th>"
        "<th>Levels</th><th>Top anti-patterns</th><th>Top good practices</th></tr></thead><tbody>";
    for (const AgentCard* card : ranked_agents(totals)) {
        const double average = card->average_score();
        out += fmt::format(
            R"(<tr><td>{}</td><td class="num">{}</td><td class="num"><span class="score" style="background:{}">{:.0f}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>)",
            card->name.empty() ? fmt::format(R"(<span class="muted">{}</span> <span class="file">{}</span>)",
                                             unnamed_agent, html_escape(card->file))
                               : html_escape(card->name),
            card->conversations, score_color(average), average, ladder_bar(card->ladder, 120),
            top_list(card->anti_patterns, totals, "anti"), top_list(card->good_practices, totals, "good"));
    }
    return out + "</tbody></table>";
}

std::string language_table(const Aggregates& totals) {
    std::string out =
        "<table class=\"grid\"><thead><tr><th>Language</th><th>Conversations</th><th>Average score</th>"
        "<th>Levels</th></tr></thead><tbody>";
    for (const auto& [code, language] : totals.languages) {
        const double average =
            language.conversations ? double(language.score_total) / double(language.conversations) : 0.0;
        out += fmt::format(
            R"(<tr><td>{}</td><td class="num">{}</td><td class="num"><span class="score" style="background:{}">{:.0f}</span></td><td>{}</td></tr>)",
            html_escape(code), language.conversations, score_color(average), average, ladder_bar(language.ladder, 90));
    }
    return out + "</tbody></table>";
}

}  // namespace qalint::report
