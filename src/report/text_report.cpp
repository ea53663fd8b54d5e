#include "report/text_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <ostream>

#include "report/agent_names.hpp"
#include "util/utf8.hpp"

namespace qalint::report {
namespace {

constexpr const char* bold = "1";
constexpr const char* red = "31";
constexpr const char* green = "32";
constexpr const char* yellow = "33";
constexpr const char* blue = "34";
constexpr const char* dim = "2";
constexpr const char* highlight = "1;4";
constexpr size_t context_chars = 60;

const char* level_color(const core::Finding& finding) {
    if (finding.category == core::Category::good_practice) return green;
    switch (finding.level) {
    case core::Level::error: return red;
    case core::Level::warning: return yellow;
    case core::Level::info: return blue;
    }
    return blue;
}

const char* ladder_color(core::Ladder ladder) {
    return ladder == core::Ladder::disappointment ? red : ladder == core::Ladder::wow ? green : blue;
}

}  // namespace

// `cursor` walks the text of the turn of the findings before, if it is the same turn.
Excerpt excerpt_of(const core::Verdict& verdict, const core::Finding& finding, std::optional<util::CharCursor>& cursor,
                   uint32_t& cursor_turn) {
    Excerpt out;
    if (finding.turn == 0 || finding.turn > verdict.conversation.turns.size() || finding.match.empty()) return out;
    const core::Turn& turn = verdict.conversation.turns[finding.turn - 1];
    const std::string& text = turn.text;
    if (!cursor || cursor_turn != finding.turn) {
        cursor.emplace(text);
        cursor_turn = finding.turn;
    }
    // Where the finding points, the same words may come earlier in the turn too (a macro's every
    // occurrence is a finding); without a position, the first place they occur.
    size_t at = std::string::npos;
    if (const auto offset = core::char_offset(turn, {finding.line, finding.column})) {
        const size_t bytes = cursor->byte_of(*offset);
        if (std::string_view(text).substr(bytes).starts_with(finding.match)) at = bytes;
    }
    if (at == std::string::npos) at = text.find(finding.match);
    if (at == std::string::npos) return out;
    // Only the context is looked at, never the whole line: a macro of one long line has a
    // finding every few words, and each must not cost the line.
    size_t start = at, chars = 0;
    bool cut_before = false;
    while (start > 0 && text[start - 1] != '\n') {
        if (chars == context_chars) {
            cut_before = true;
            break;
        }
        size_t previous = start - 1;
        while (previous > 0 && (static_cast<unsigned char>(text[previous]) & 0xC0) == 0x80) --previous;
        start = previous;
        ++chars;
    }
    out.before = std::string(cut_before ? "…" : "") + text.substr(start, at - start);
    const std::string_view rest = std::string_view(text).substr(at + finding.match.size());
    std::string_view kept_after = util::prefix_chars(rest, context_chars);
    bool cut_after = kept_after.size() < rest.size() && rest[kept_after.size()] != '\n';
    if (const auto newline = kept_after.find('\n'); newline != std::string_view::npos) {
        kept_after = kept_after.substr(0, newline);
        cut_after = false;
    }
    out.after = std::string(kept_after) + (cut_after ? "…" : "");
    out.match = finding.match;
    return out;
}

// Names come from file names, which need not be UTF-8: each is written through util::valid_utf8,
// as every report does (U+FFFD for a byte that is not).
std::string TextReporter::paint(std::string_view text, const char* code) const {
    if (!m_options.color) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

void TextReporter::conversation(const core::Verdict& verdict) {
    if (m_options.agent_summary) {    // only counted: the report is the scorecard
        m_totals.add(verdict);
        return;
    }
    const core::Conversation& conversation = verdict.conversation;
    const auto to_fix = [](const core::Finding& f) { return f.category != core::Category::good_practice; };
    if (m_options.quiet && std::none_of(verdict.findings.begin(), verdict.findings.end(), to_fix)) return;
    if (conversation.file != m_last_file) {
        m_out << (m_last_file.empty() ? "" : "\n") << paint(util::valid_utf8(conversation.file), bold) << "\n";
        m_last_file = conversation.file;
    }
    std::string languages;
    for (auto language : verdict.languages) languages += (languages.empty() ? "" : ",") + std::string(core::to_string(language));
    const std::string agent = util::valid_utf8(conversation.agent_name());
    m_out << "  " << paint(util::valid_utf8(conversation.id), bold) << "  "
          << (verdict.ranked() ? paint(fmt::format("{} {}", core::to_string(verdict.level), verdict.score),
                                       ladder_color(verdict.level))
                                 : paint("macro", dim))
          << paint(fmt::format("  {} turn{}{}{}{}", conversation.turn_count(), conversation.turn_count() == 1 ? "" : "s",
                               languages.empty() ? "" : ", ", languages,
                               agent.empty() ? "" : ", agent " + agent),
                   dim)
          << "\n";
    std::optional<util::CharCursor> cursor;
    uint32_t cursor_turn = 0;
    for (const auto& finding : verdict.findings) {
        const bool good = finding.category == core::Category::good_practice;
        if (good && m_options.quiet) continue;
        const std::string label(severity_of(finding.category, finding.level));
        m_out << fmt::format("    {:>4}:{:<3} ", finding.line, finding.column)
              << paint(fmt::format("{:<7}", label), level_color(finding)) << " " << paint(finding.rule, bold);
        const Excerpt excerpt = excerpt_of(verdict, finding, cursor, cursor_turn);
        if (!excerpt.match.empty()) {
            // Without colour the match is set off by » «, so it still stands out.
            const std::string match = m_options.color ? paint(excerpt.match, highlight) : "»" + excerpt.match + "«";
            m_out << "  " << paint(excerpt.before, dim) << match << paint(excerpt.after, dim);
        }
        m_out << "\n";
        if (!good) {
            m_out << "              " << finding.message << "\n";
            if (!finding.advice.empty()) m_out << "              " << paint("→ " + finding.advice, green) << "\n";
        }
    }
}

// --summary agents: per agent its conversations, average score and levels, then every rule found
// in its conversations, the higher level first, then the more frequent.
void TextReporter::agent_scorecard() {
    const std::vector<const AgentCard*> agents = ranked_agents(m_totals);
    if (agents.empty()) {
        m_out << "No agent served any of the conversations.\n";
        return;
    }
    size_t width = 0;    // rule ids line up
    for (const auto& [rule, counted] : m_totals.rules) width = std::max(width, util::count_chars(rule));
    m_out << paint(fmt::format("Agents: {}", agents.size()), bold) << "\n";
    for (const AgentCard* card : agents) {
        const std::string who =
            util::valid_utf8(card->name.empty() ? fmt::format("{} {}", unnamed_agent, card->file) : card->name);
        m_out << "\n  " << paint(who, bold) << "  "
              << paint(fmt::format("{} conversation{}, average score {:.0f}: ", card->conversations,
                                   card->conversations == 1 ? "" : "s", card->average_score()),
                       dim)
              << paint(fmt::format("{} disappointment", card->ladder[0]), red) << ", "
              << paint(fmt::format("{} neutral", card->ladder[1]), blue) << ", "
              << paint(fmt::format("{} wow", card->ladder[2]), green) << "\n";
        const auto line = [&](const std::string& rule, const RuleTally& tally, const std::string& label,
                              const char* color) {
            m_out << "    " << paint(fmt::format("{:<7}", label), color) << " "
                  << paint(rule + std::string(width - std::min(width, util::count_chars(rule)), ' '), bold)
                  << fmt::format("  {} finding{} in {} conversation{}\n", tally.findings,
                                 tally.findings == 1 ? "" : "s", tally.conversations,
                                 tally.conversations == 1 ? "" : "s");
        };
        for (const auto& [rule, tally] : ranked_rules(card->anti_patterns, m_totals)) {
            const auto found = m_totals.rules.find(rule);
            const core::Level level = found == m_totals.rules.end() ? core::Level::info : found->second.level;
            line(rule, tally, std::string(core::to_string(level)),
                 level == core::Level::error ? red : level == core::Level::warning ? yellow : blue);
        }
        if (!m_options.quiet)
            for (const auto& [rule, tally] : ranked_rules(card->good_practices, m_totals)) line(rule, tally, "good", green);
    }
}

void TextReporter::finish(const std::vector<core::InputError>& problems, const Summary& summary) {
    if (m_options.agent_summary) agent_scorecard();
    if (!problems.empty()) m_out << "\n";
    for (const auto& problem : problems)
        m_out << paint(problem.warning ? "warning" : "error", problem.warning ? yellow : red) << ": "
              << util::valid_utf8(problem.file) << ": " << util::valid_utf8(problem.message) << "\n";
    // Macros are counted apart: the ladder does not rank them.
    const size_t talks = summary.conversations - summary.macros;
    std::string checked;
    if (talks > 0 || summary.macros == 0) checked = fmt::format("{} conversation{}", talks, talks == 1 ? "" : "s");
    if (summary.macros > 0)
        checked += fmt::format("{}{} macro{}", checked.empty() ? "" : " and ", summary.macros, summary.macros == 1 ? "" : "s");
    m_out << "\n"
          << fmt::format("{} in {} file{}: {} error{}, {} warning{}, {} info, {} good", checked, summary.files,
                         summary.files == 1 ? "" : "s", summary.findings[2], summary.findings[2] == 1 ? "" : "s",
                         summary.findings[1], summary.findings[1] == 1 ? "" : "s", summary.findings[0], summary.good);
    if (talks > 0 || summary.macros == 0)
        m_out << "; " << paint(fmt::format("{} disappointment", summary.ladder[0]), red) << ", "
              << paint(fmt::format("{} neutral", summary.ladder[1]), blue) << ", "
              << paint(fmt::format("{} wow", summary.ladder[2]), green);
    m_out << "\n";
    // What the counts above do not say: files not read at all, and conversations nobody served.
    if (summary.ignored > 0)
        m_out << fmt::format("{} file{} named or found {} ignored by the configuration (ignore: in .qalint.yaml)\n",
                             summary.ignored, summary.ignored == 1 ? "" : "s", summary.ignored == 1 ? "was" : "were");
    if (summary.without_agent > 0)
        m_out << fmt::format(
            "{} conversation{} had no agent turn (no speaker taken for an agent: name one with --agent NAME), so {} "
            "score{} judge{} nobody's service\n",
            summary.without_agent, summary.without_agent == 1 ? "" : "s", summary.without_agent == 1 ? "its" : "their",
            summary.without_agent == 1 ? "" : "s", summary.without_agent == 1 ? "s" : "");
}

Excerpt excerpt_of(const core::Verdict& verdict, const core::Finding& finding) {
    std::optional<util::CharCursor> cursor;
    uint32_t cursor_turn = 0;
    return excerpt_of(verdict, finding, cursor, cursor_turn);
}

}  // namespace qalint::report
