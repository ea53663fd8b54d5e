#pragma once
// Every output format is a Reporter: it sees verdicts in input order, then the run's
// problems and summary. A reporter knows nothing of how findings were made.

#include <array>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/rule.hpp"

namespace qalint::report {

struct Summary {
    size_t files = 0;
    size_t conversations = 0;
    std::array<size_t, 3> findings{};    // by core::Level: anti-patterns and signals
    size_t good = 0;                     // good practices, counted apart from any level
    std::array<size_t, 3> ladder{};      // by core::Ladder, conversations only
    size_t macros = 0;                   // of the conversations: macros, which have no level
    size_t without_agent = 0;            // conversations (not macros) in which no turn is an agent's
    size_t ignored = 0;                  // files named or found but skipped by the configuration's ignore:

    void add(const core::Verdict& verdict);
};

struct ReportOptions {
    bool color = false;
    const std::vector<core::Rule>* rules = nullptr;    // for formats that describe the rules (SARIF)
    bool redact = false;                               // --redact: personal data masked (report/redact.hpp)
    bool quiet = false;                                // --quiet: the text report lists only what needs fixing
    bool agent_summary = false;                        // --summary agents: text, CSV, Markdown report per agent
    char csv_delimiter = ',';                          // --csv-delimiter: ';' for Excel in ru/lt locales
    bool csv_bom = false;                              // --csv-bom: a UTF-8 BOM first, so that Excel reads UTF-8
};

// What the text report and `rules list` call a finding or a rule: "good" for good practice, else its
// level. JSON and CSV write it as `severity`.
std::string_view severity_of(core::Category category, core::Level level);

// The formats that have a per-agent summary (--summary agents); HTML always shows one.
bool has_agent_summary(std::string_view format);

class Reporter {
public:
    virtual ~Reporter() = default;
    virtual void begin() {}
    virtual void conversation(const core::Verdict& verdict) = 0;
    virtual void finish(const std::vector<core::InputError>& problems, const Summary& summary) = 0;
};

// nullptr when the format is unknown.
std::unique_ptr<Reporter> make_reporter(std::string_view format, std::ostream& out, const ReportOptions& options);
std::vector<std::string> report_formats();

}  // namespace qalint::report
