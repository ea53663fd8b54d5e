#pragma once
// qalint's own outputs, found in a folder it checks (`--output bank/report.html`, then
// `qalint check bank/`): recognised by their content, whatever they are named, and not read.

#include <optional>
#include <string_view>

namespace qalint::read {

// "a qalint JSON report", "a qalint SARIF report" … when `text` is one of qalint's reports (JSON,
// SARIF, HTML, CSV, Markdown, text, GitHub annotations) or baselines; nullopt otherwise.
std::optional<std::string_view> own_report_kind(std::string_view text);

}  // namespace qalint::read
