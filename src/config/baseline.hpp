#pragma once
// Baselines: the anti-pattern findings a repository has accepted for now. A finding's
// fingerprint is its file, rule and matched text, never its line, so edits elsewhere in a
// file do not resurrect old findings. The baseline is a multiset: with one accepted "X" in
// a file, a second "X" is new.
//
// File format (JSON): {"version": 1, "findings": [{"file", "rule", "match", "count"}, ...]};
// a bare list of those entries is read too. Paths are relative to the baseline's folder, so
// the same baseline works whatever folder qalint runs from.

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "util/expected.hpp"

namespace qalint::config {

struct Fingerprint {
    std::string file;  // relative to the baseline's folder, '/'-separated
    std::string rule;
    std::string match;  // whitespace runs collapsed; "" for a missing practice
    auto operator<=>(const Fingerprint&) const = default;
};

class Baseline {
public:
    explicit Baseline(std::filesystem::path folder);

    // Reads a baseline file; the error names the file and what is wrong.
    static util::Expected<Baseline> load(const std::string& path);

    // Only anti-pattern findings are baselined; good practice is never hidden.
    static bool is_baselined_kind(const core::Finding& finding);

    Fingerprint fingerprint(const std::string& file, const core::Finding& finding) const;
    void add(const std::string& file, const core::Finding& finding);
    size_t size() const;
    std::string to_json() const;

    const std::map<Fingerprint, size_t>& counts() const { return m_counts; }

private:
    std::filesystem::path m_folder;  // absolute
    std::map<Fingerprint, size_t> m_counts;
};

// Drops the findings a baseline holds, each entry at most `count` times over the run;
// earlier findings (in input order) take the baseline's places first.
class BaselineFilter {
public:
    explicit BaselineFilter(Baseline baseline) : m_baseline(std::move(baseline)) {}

    // Returns how many findings of the verdict were dropped; recomputes its ladder if any.
    size_t apply(core::Verdict& verdict);

    // How many findings it has dropped so far.
    size_t hidden() const { return m_hidden; }
    // The entries, of the files it has seen, that hid fewer findings than they accept (the count
    // left over): fixed since, or reworded. Entries of files not checked in this run are not
    // among them (pre-commit checks a few files).
    std::vector<std::pair<Fingerprint, size_t>> unmatched() const;

private:
    Baseline m_baseline;
    std::map<Fingerprint, size_t> m_used;
    std::set<std::string> m_seen_files;  // as fingerprints name them
    size_t m_hidden = 0;
};

}  // namespace qalint::config
