// A coach's labels file for `qalint eval`: the bytes as CSV (or TSV), loaded against the built-in
// pack's ids; its rows may name files (/dev/zero, a FIFO, the labels file itself). Errors are
// expected; crashes, hangs, memory without end and work that grows faster than the file are not.

#include "eval/labels.hpp"
#include "fuzz_support.hpp"
#include "rules/role_cues.hpp"

using namespace qalint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::string path = fuzz::write_scratch(data[0] & 1 ? "labels.tsv" : "labels.csv", bytes);
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> out;
        for (const auto& rule : fuzz::builtin_rules().rules()) out.push_back(rule.id);
        return out;
    }();
    // Made once: the role cues are compiled from the pack.
    static const qalint::read::ReadOptions base = [] {
        qalint::read::ReadOptions made;
        made.roles.set_cues(rules::role_cue_finder(fuzz::builtin_rules().rules()));
        return made;
    }();
    qalint::read::ReadOptions options = base;
    auto set = eval::load_labels(path, ids, options);
    if (set)
        for (auto& row : set->rows) (void)fuzz::builtin_engine().judge(std::move(row.conversation));
    return 0;
}
