// A repository's own files: .qalint.yaml, a baseline, and inline suppressions in a macro. The
// bytes are each of them in turn; errors are expected, crashes and hangs are not.

#include "config/baseline.hpp"
#include "config/config.hpp"
#include "config/suppress.hpp"
#include "fuzz_support.hpp"
#include "read/reader.hpp"

using namespace qalint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const config::LoadedConfig loaded = config::parse_config(bytes, ".qalint.yaml", "/repo");
    if (loaded.errors.empty())
        (void)config::unknown_rule_errors(loaded.config, [](const std::string& id) { return id == "thanks"; });

    const std::string baseline_path = fuzz::write_scratch("baseline.json", bytes);
    if (auto baseline = config::Baseline::load(baseline_path)) {
        (void)baseline->to_json();
        config::BaselineFilter filter(std::move(*baseline));
        core::Verdict verdict;
        verdict.conversation.file = fuzz::scratch().string() + "/a.md";
        core::Finding finding;
        finding.rule = "rudeness";
        finding.match = "calm down";
        verdict.findings.push_back(finding);
        filter.apply(verdict);
        (void)filter.unmatched();
    }

    // The bytes as a macro with its suppressions, judged and filtered.
    const auto suppressions = config::find_suppressions(bytes);
    qalint::read::ReadOptions options;
    options.as_macro = true;
    std::vector<core::Verdict> verdicts;
    for (auto& conversation : qalint::read::read_input("macro.md", bytes, options).conversations)
        verdicts.push_back(fuzz::builtin_engine().judge(std::move(conversation)));
    config::SuppressionOptions suppression_options;
    suppression_options.known = [](const std::string& id) { return fuzz::builtin_rules().find(id) != nullptr; };
    suppression_options.reported = suppression_options.known;
    (void)config::apply_suppressions(suppressions, verdicts, suppression_options);
    return 0;
}
