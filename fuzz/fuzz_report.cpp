// A file's bytes through the reader into every reporter: the first byte picks the file's name
// (so its format, and a name that is not UTF-8), the rest is the file. Every conversation is
// judged by the built-in pack; the JSON and SARIF reports must parse, the sanitizers stay quiet.

#include <sstream>

#include "fuzz_support.hpp"
#include "read/reader.hpp"
#include "report/reporter.hpp"
#include "rules/role_cues.hpp"

using namespace qalint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const char* const names[] = {"chat.txt", "chat.csv", "chat.tsv", "chat.json", "chat.vtt", "chat.srt",
                                        "macro.md", "macro.html", "calls\xFF.txt", "\xC3(.md", "export.json", "x"};
    const std::string path = std::string("in/") + names[data[0] % (sizeof names / sizeof *names)];
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);

    // Made once: the role cues are compiled from the pack.
    static const qalint::read::ReadOptions base = [] {
        qalint::read::ReadOptions made;
        made.roles.set_cues(rules::role_cue_finder(fuzz::builtin_rules().rules()));
        return made;
    }();
    qalint::read::ReadOptions options = base;
    if (data[0] & 0x80) options.as_macro = true;
    qalint::read::ReadResult read = qalint::read::read_input(path, bytes, options);
    std::vector<core::Verdict> verdicts;
    for (auto& conversation : read.conversations) verdicts.push_back(fuzz::builtin_engine().judge(std::move(conversation)));

    for (const std::string& format : report::report_formats()) {
        for (const bool redact : {false, true}) {
            std::ostringstream out;
            report::ReportOptions report_options;
            report_options.rules = &fuzz::builtin_rules().rules();
            report_options.redact = redact;
            auto reporter = report::make_reporter(format, out, report_options);
            if (!reporter) fuzz::fail("no reporter for " + format, "");
            report::Summary summary;
            reporter->begin();
            for (const auto& verdict : verdicts) {
                summary.add(verdict);
                reporter->conversation(verdict);
            }
            reporter->finish(read.problems, summary);
            const std::string text = out.str();
            // JSON and SARIF are JSON, and so UTF-8. (The other formats show a file name's bytes as they are.)
            if (format == "json" || format == "sarif") fuzz::check_json(format, text);
        }
    }
    return 0;
}
