#include "report/github_report.hpp"

#include <fmt/format.h>

#include <ostream>

#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace qalint::report {

std::string github_escape_data(std::string_view text) {
    // A report is UTF-8, whatever bytes a file name has: U+FFFD for a byte that is not (as in JSON).
    if (util::find_invalid_utf8(text) != std::string_view::npos) return github_escape_data(util::valid_utf8(text));
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%':
                out += "%25";
                break;
            case '\r':
                out += "%0D";
                break;
            case '\n':
                out += "%0A";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string github_escape_property(std::string_view text) {
    std::string out;
    for (char c : github_escape_data(text)) {
        if (c == ':')
            out += "%3A";
        else if (c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

void GithubReporter::conversation(const core::Verdict& verdict) {
    for (const auto& finding : verdict.findings) {
        if (finding.category == core::Category::good_practice) continue;
        const char* command = finding.level == core::Level::error     ? "error"
                              : finding.level == core::Level::warning ? "warning"
                                                                      : "notice";
        std::string properties = fmt::format("file={},line={},col={}",
                                             github_escape_property(util::without_dot_slash(verdict.conversation.file)),
                                             finding.line, finding.column);
        if (!finding.match.empty() && finding.match.find('\n') == std::string::npos)
            properties += fmt::format(",endColumn={}", finding.column + util::count_chars(finding.match));
        properties += ",title=" + github_escape_property(finding.rule);
        std::string message = finding.message;
        if (!finding.match.empty()) message += " «" + finding.match + "»";
        if (!finding.advice.empty()) message += "\n→ " + finding.advice;
        m_out << "::" << command << " " << properties << "::" << github_escape_data(message) << "\n";
    }
}

void GithubReporter::finish(const std::vector<core::InputError>& problems, const Summary& summary) {
    for (const auto& problem : problems)
        m_out << "::" << (problem.warning ? "warning" : "error")
              << " file=" << github_escape_property(util::without_dot_slash(problem.file))
              << ",title=qalint::" << github_escape_data(problem.message) << "\n";
    using util::plural;
    m_out << fmt::format("qalint: {} ({}) in {}: {}, {}, {} info, {} good; {} disappointment, {} neutral, {} wow\n",
                         plural(summary.conversations, "conversation"), plural(summary.macros, "macro"),
                         plural(summary.files, "file"), plural(summary.findings[2], "error"),
                         plural(summary.findings[1], "warning"), summary.findings[0], summary.good, summary.ladder[0],
                         summary.ladder[1], summary.ladder[2]);
    if (summary.ignored > 0)
        m_out << fmt::format("qalint: {} ignored by the configuration\n", plural(summary.ignored, "file"));
    if (summary.without_agent > 0)
        m_out << fmt::format("qalint: {} without an agent turn (see --agent)\n",
                             plural(summary.without_agent, "conversation"));
}

}  // namespace qalint::report
