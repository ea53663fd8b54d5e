#pragma once
// Inline suppressions, found on the raw lines of an input file in whatever comment its
// format allows (<!-- --> in Markdown and HTML, # or // elsewhere):
//
//   qalint-disable-next-line ID[,ID] -- reason    drops those findings on the next non-empty line
//   qalint-disable-file ID[,ID] -- reason         drops them in the whole file
//
// A filter stage after judging: it only removes findings and adds findings about itself.

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace qalint::config {

// Findings about suppressions themselves (not rules of the pack; configurable like rules).
inline constexpr const char* unused_suppression = "unused-suppression";    // info: suppresses nothing
inline constexpr const char* invalid_suppression = "invalid-suppression";  // warning: no reason, no or unknown id
inline bool is_suppression_rule(std::string_view id) { return id == unused_suppression || id == invalid_suppression; }

struct Suppression {
    enum class Scope { next_line, file };
    Scope scope = Scope::next_line;
    std::vector<std::string> rules;
    std::string reason;
    std::string text;     // the directive as written, from the marker to the reason's end
    uint32_t line = 0;    // the comment's line (1-based)
    uint32_t column = 0;  // the marker's column (1-based, Unicode characters)
    uint32_t target = 0;  // next_line: the line it covers (0: none follows)
};

// Every directive in `text`, in line order. Cheap when the text holds none.
std::vector<Suppression> find_suppressions(std::string_view text);

struct SuppressionOptions {
    std::function<bool(const std::string&)> known;     // the rule id exists
    std::function<bool(const std::string&)> reported;  // the rule can produce findings in this run
    std::set<std::string> disabled;                    // meta finding ids switched off
    std::map<std::string, core::Level> levels;         // meta finding level overrides
};

// Drops suppressed findings from the verdicts of one file, recomputes their ladder level and
// score, and adds the meta findings (unused or invalid suppressions) to the verdict that holds
// their line. Meta findings with no verdict to go to are returned.
std::vector<core::Finding> apply_suppressions(const std::vector<Suppression>& suppressions,
                                              std::vector<core::Verdict>& verdicts, const SuppressionOptions& options);

// Recomputes a verdict's ladder level and score from its findings, meta findings aside.
void rejudge_ladder(core::Verdict& verdict);

}  // namespace qalint::config
