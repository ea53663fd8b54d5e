#pragma once
// Shared by the report tests: conversations judged with the built-in pack, and a report
// rendered to a string in any format.

#include <sstream>
#include <string>
#include <vector>

#include "match/engine.hpp"
#include "report/reporter.hpp"
#include "rules/compiled.hpp"
#include "rules/load.hpp"
#include "support.hpp"

namespace qalint::test {

inline core::Verdict judged(const std::string& text, const std::string& file = "chats/chat.txt") {
    static const match::Engine engine(builtin_rules(), match::EngineOptions{});
    read::ReadOptions options;
    auto result = read::read_input(file, text, options);
    return engine.judge(std::move(result.conversations.front()));
}

// With report options of the caller's (the rules are the built-in pack's).
inline std::string render_with(const std::string& format, const std::vector<core::Verdict>& verdicts,
                               report::ReportOptions options, const std::vector<core::InputError>& problems = {}) {
    std::ostringstream out;
    options.rules = &builtin_rules().rules();
    auto reporter = report::make_reporter(format, out, options);
    report::Summary summary;
    reporter->begin();
    for (const auto& verdict : verdicts) {
        summary.add(verdict);
        reporter->conversation(verdict);
    }
    summary.files = verdicts.size();
    reporter->finish(problems, summary);
    return out.str();
}

inline std::string render(const std::string& format, const std::vector<core::Verdict>& verdicts,
                          const std::vector<core::InputError>& problems = {}, bool redact = false) {
    report::ReportOptions options;
    options.redact = redact;
    return render_with(format, verdicts, options, problems);
}

inline const char* deflecting_chat =
    "Agent: Hello, my name is Tom. How can I help you?\n"
    "Customer: I was charged twice, my email is ann@example.com\n"
    "Agent: That's not my department, call the billing team.\n"
    "Customer: Thanks for nothing.\n";

inline const char* wow_chat =
    "Agent: Hello, my name is Anna, how can I help you?\n"
    "Customer: My parcel is late again.\n"
    "Agent: I understand how frustrating this is. I will take care of it personally and call you back by 3 pm today.\n"
    "Customer: Thank you.\n"
    "Agent: Thank you for contacting us. Is there anything else I can help with?\n";

}  // namespace qalint::test
