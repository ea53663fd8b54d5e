#include "report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <ostream>

#include "report/html_charts.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace qalint::report {
namespace {

constexpr const char* style = R"css(
:root{--bad:#d64545;--warn:#e0a030;--info:#4a7fd6;--good:#2e9d5b;--neutral:#8a94a6;--ink:#1d2433;--muted:#6b7385;--line:#e3e6ec}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f5f6f8}
header{padding:20px 28px;background:#1d2433;color:#fff}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:#c9cfdb}
main{padding:20px 28px;max-width:1400px;margin:auto}
h2{font-size:16px;margin:0 0 10px}
.dashboard{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px;margin-bottom:24px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px}.card.wide{grid-column:1/-1}
.chart{width:100%;max-height:260px}.chart.rules{max-height:none;max-width:820px}
.chart text{font-size:12px;fill:var(--ink)}.chart .value,.chart .label{text-anchor:middle}.chart .rule{text-anchor:end}
.kpis{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}.kpi{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:130px}
.kpi b{display:block;font-size:22px}.kpi.bad b{color:var(--bad)}.kpi.good b{color:var(--good)}
table.grid{border-collapse:collapse;width:100%}table.grid th,table.grid td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:middle}
table.grid th{font-weight:600;color:var(--muted);font-size:12px}.num{text-align:right}
.score{display:inline-block;min-width:34px;padding:1px 6px;border-radius:10px;color:#fff;font-weight:600;text-align:center}
.chip{display:inline-block;padding:0 6px;margin:1px 2px;border-radius:8px;font-size:12px;white-space:nowrap}
.chip.anti{background:#fbe4e4}.chip.good{background:#dff3e7}.muted{color:var(--muted)}
.problems li{margin:2px 0}
details.conv{background:#fff;border:1px solid var(--line);border-left:5px solid var(--neutral);border-radius:6px;margin:10px 0}
details.conv.disappointment{border-left-color:var(--bad)}details.conv.wow{border-left-color:var(--good)}
details.conv>summary{cursor:pointer;padding:8px 12px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.badge{padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
.badge.disappointment{background:var(--bad)}.badge.neutral{background:var(--neutral)}.badge.wow{background:var(--good)}.badge.macro{background:#b0b7c3}
.file{color:var(--muted);font-family:ui-monospace,monospace;font-size:12px}
table.turns{border-collapse:collapse;width:100%}table.turns td{border-top:1px solid var(--line);padding:6px 10px;vertical-align:top}
td.who{width:170px;color:var(--muted);font-size:12px}td.who b{color:var(--ink);display:block;font-size:13px}
tr.agent td.who b{color:#2b5fb3}td.text{white-space:pre-wrap;word-break:break-word}td.notes{width:40%}
mark{padding:0 2px;border-radius:3px}mark.anti{background:#fbd0d0;border-bottom:2px solid var(--bad)}mark.warn{background:#fbe9c4;border-bottom:2px solid var(--warn)}
mark.info{background:#dbe6fa;border-bottom:2px solid var(--info)}mark.good{background:#cfeedd;border-bottom:2px solid var(--good)}
.note{border-left:3px solid var(--neutral);padding:2px 8px;margin:0 0 6px;font-size:13px}
.note.error{border-color:var(--bad)}.note.warning{border-color:var(--warn)}.note.info{border-color:var(--info)}.note.good{border-color:var(--good)}
.note .rule{font-weight:600}.advice{color:#1f6e41;display:block}
.conv-notes{padding:6px 12px}.where{color:var(--muted);font-size:12px;font-family:ui-monospace,monospace}
footer{color:var(--muted);font-size:12px;padding:10px 28px 30px}
)css";

const char* note_class(const core::Finding& finding) {
    if (finding.category == core::Category::good_practice) return "good";
    return finding.level == core::Level::error     ? "error"
           : finding.level == core::Level::warning ? "warning"
                                                   : "info";
}

const char* mark_class(const core::Finding& finding) {
    if (finding.category == core::Category::good_practice) return "good";
    return finding.level == core::Level::error ? "anti" : finding.level == core::Level::warning ? "warn" : "info";
}

std::string note_html(const core::Finding& finding, bool with_match) {
    const bool good = finding.category == core::Category::good_practice;
    std::string out =
        fmt::format(R"(<div class="note {}"><span class="where">{}:{}</span> <span class="rule">{}</span> )",
                    note_class(finding), finding.line, finding.column, html_escape(finding.rule));
    if (with_match && !finding.match.empty()) out += "«" + html_escape(finding.match) + "» ";
    out += html_escape(finding.message);
    if (!good && !finding.advice.empty()) out += "<span class=\"advice\">→ " + html_escape(finding.advice) + "</span>";
    return out + "</div>";
}


struct Span {
    size_t begin = 0, end = 0;  // characters
    const core::Finding* finding = nullptr;
};

// The turn's text, escaped, with each match wrapped in <mark>; overlapping matches keep the first.
std::string highlighted(const core::Turn& turn, std::vector<Span> spans) {
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::string out;
    std::string_view rest = turn.text;
    size_t at = 0;
    for (const auto& span : spans) {
        if (span.begin < at) continue;
        const std::string_view before = util::prefix_chars(rest, span.begin - at);
        const std::string_view match = util::prefix_chars(rest.substr(before.size()), span.end - span.begin);
        out += html_escape(before);
        out += fmt::format(R"(<mark class="{}" title="{}">{}</mark>)", mark_class(*span.finding),
                           html_escape(span.finding->rule), html_escape(match));
        rest.remove_prefix(before.size() + match.size());
        at = span.end;
    }
    return out + html_escape(rest);
}

bool has_transcript(const core::Conversation& conversation) {
    return std::any_of(conversation.turns.begin(), conversation.turns.end(),
                       [](const core::Turn& turn) { return !turn.pieces.empty(); });
}

}  // namespace

std::string html_escape(std::string_view text) {
    // A report is UTF-8, whatever bytes a file name has: U+FFFD for a byte that is not (as in JSON).
    if (util::find_invalid_utf8(text) != std::string_view::npos) return html_escape(util::valid_utf8(text));
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

void HtmlReporter::conversation(const core::Verdict& verdict) {
    m_totals.add(verdict);
    const core::Conversation& conversation = verdict.conversation;
    const std::string level(verdict.ranked() ? core::to_string(verdict.level) : "macro");
    std::array<size_t, 3> counts{};
    size_t good = 0;
    for (const auto& finding : verdict.findings)
        finding.category == core::Category::good_practice ? ++good : ++counts[static_cast<size_t>(finding.level)];
    std::string languages;
    for (auto language : verdict.languages)
        languages += (languages.empty() ? "" : ", ") + std::string(core::to_string(language));
    const std::string agent = conversation.agent_name();
    std::string out = fmt::format(
        R"(<details class="conv {0}"{1}><summary><span class="badge {0}">{0}</span><span class="score" style="background:{2}">{3}</span><b>{4}</b><span class="file">{5}</span><span class="muted">{6}{7}{8}{9} · {10}, {11}, {12}</span></summary>)",
        level, verdict.ranked() && verdict.level == core::Ladder::disappointment ? " open" : "",
        !verdict.ranked()    ? "#b0b7c3"
        : verdict.score < 50 ? "#d64545"
        : verdict.score < 75 ? "#8a94a6"
                             : "#2e9d5b",
        verdict.ranked() ? std::to_string(verdict.score) : "–", html_escape(conversation.id), html_escape(conversation.file),
        agent.empty() ? "" : "agent " + html_escape(agent) + " · ", util::plural(conversation.turn_count(), "turn"),
        languages.empty() ? "" : " · ", html_escape(languages), util::plural(counts[2], "error"),
        util::plural(counts[1], "warning"), util::plural(good, "good practice"));

    // Findings go beside the turn they were found in; the rest (things missing, or all of
    // them when the transcript is not at hand, as after `qalint merge`) above the turns.
    const bool transcript = has_transcript(conversation);
    std::vector<std::vector<Span>> spans(conversation.turns.size());
    std::vector<std::string> notes(conversation.turns.size());
    std::string loose;
    // Each turn's length in characters, counted once, not once per finding.
    std::vector<std::optional<size_t>> turn_chars(conversation.turns.size());
    for (const auto& finding : verdict.findings) {
        if (!transcript || finding.turn == 0 || finding.turn > conversation.turns.size()) {
            loose += note_html(finding, true);
            continue;
        }
        const core::Turn& turn = conversation.turns[finding.turn - 1];
        const size_t chars = util::count_chars(finding.match);
        bool marked = false;
        auto& length = turn_chars[finding.turn - 1];
        if (!length) length = util::count_chars(turn.text);
        if (const auto at = core::char_offset(turn, {finding.line, finding.column});
            at && chars > 0 && *at + chars <= *length) {
            spans[finding.turn - 1].push_back({*at, *at + chars, &finding});
            marked = true;
        }
        notes[finding.turn - 1] += note_html(finding, !marked);
    }
    if (!loose.empty()) out += "<div class=\"conv-notes\">" + loose + "</div>";
    if (transcript) {
        out += "<table class=\"turns\">";
        for (size_t i = 0; i < conversation.turns.size(); ++i) {
            const core::Turn& turn = conversation.turns[i];
            out += fmt::format(
                R"(<tr class="{}"><td class="who"><b>{}</b>{} · line {}</td><td class="text">{}</td><td class="notes">{}</td></tr>)",
                core::to_string(turn.role), html_escape(turn.speaker), core::to_string(turn.role), turn.line(),
                highlighted(turn, spans[i]), notes[i]);
        }
        out += "</table>";
    } else if (verdict.findings.empty()) {
        out += "<div class=\"conv-notes muted\">No findings; the transcript is not in the merged report.</div>";
    }
    out += "</details>\n";
    m_sections.write(out);
}

void HtmlReporter::finish(const std::vector<core::InputError>& problems, const Summary& summary) {
    const Aggregates& t = m_totals;
    const double average = t.conversations ? double(t.score_total) / double(t.conversations) : 0.0;
    m_out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
             "img-src data:\">\n"
          << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          << "<meta name=\"generator\" content=\"qalint " << QALINT_VERSION << "\">\n"
          << "<title>qalint report</title>\n<style>" << style << "</style>\n</head>\n<body>\n"
          << fmt::format("<header><h1>qalint report</h1><p>{}{} in {} · qalint {}{}</p></header>\n",
                         util::plural(t.conversations, "conversation"),
                         t.macros ? " and " + util::plural(t.macros, "macro") : "", util::plural(summary.files, "file"),
                         QALINT_VERSION,
                         m_options.redact ? " · personal data redacted" : "")
          << "<main>\n<div class=\"kpis\">"
          << fmt::format(
                 R"(<div class="kpi"><b>{}</b>conversations</div><div class="kpi"><b>{:.0f}</b>average score</div>)"
                 R"(<div class="kpi bad"><b>{}</b>disappointment</div><div class="kpi"><b>{}</b>neutral</div>)"
                 R"(<div class="kpi good"><b>{}</b>wow</div><div class="kpi bad"><b>{}</b>errors</div>)"
                 R"(<div class="kpi"><b>{}</b>warnings</div><div class="kpi good"><b>{}</b>good practices</div>)",
                 t.conversations, average, t.ladder[0], t.ladder[1], t.ladder[2], t.findings[2], t.findings[1],
                 t.good_practices)
          << "</div>\n<section class=\"dashboard\">\n"
          << "<div class=\"card\"><h2>Conversations per level</h2>" << ladder_chart(t) << "</div>\n"
          << "<div class=\"card\"><h2>Score distribution</h2>" << score_chart(t) << "</div>\n"
          << "<div class=\"card\"><h2>Languages</h2>" << language_table(t) << "</div>\n"
          << "<div class=\"card wide\"><h2>Findings per rule</h2>" << rule_chart(t) << "</div>\n"
          << "<div class=\"card wide\"><h2>Agents</h2>" << agent_table(t) << "</div>\n"
          << "</section>\n";
    if (!problems.empty()) {
        m_out << "<section class=\"card problems\"><h2>Input problems</h2><ul>";
        for (const auto& problem : problems)
            m_out << fmt::format("<li><b>{}</b> <span class=\"file\">{}</span>: {}</li>",
                                 problem.warning ? "warning" : "error", html_escape(problem.file),
                                 html_escape(problem.message));
        m_out << "</ul></section>\n";
    }
    m_out << "<section class=\"conversations\"><h2>Conversations</h2>\n";
    m_sections.copy_to(m_out);
    m_out << "</section>\n</main>\n<footer>Generated by qalint " << QALINT_VERSION
          << ". Self-contained: no scripts, no network.</footer>\n</body>\n</html>\n";
}

}  // namespace qalint::report
