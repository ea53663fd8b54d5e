#pragma once
// Agreement between qalint and a coach: per-rule counts, and the ladder's confusion table.

#include <array>
#include <cstddef>
#include <optional>
#include <string>

#include "core/model.hpp"

namespace qalint::eval {

struct RuleCounts {
    std::string rule;
    size_t judged = 0, positives = 0, tp = 0, fp = 0, fn = 0;

    void add(bool coach, bool qalint) {
        ++judged;
        positives += coach;
        tp += coach && qalint;
        fp += !coach && qalint;
        fn += coach && !qalint;
    }
    void add(const RuleCounts& other) {
        judged += other.judged, positives += other.positives, tp += other.tp, fp += other.fp, fn += other.fn;
    }
    // Undefined (nullopt) when there is nothing to divide: no finding, no positive, neither.
    std::optional<double> precision() const;
    std::optional<double> recall() const;
    std::optional<double> f1() const;
};

// confusion[coach][qalint], indexed by core::Ladder.
struct LadderAgreement {
    std::array<std::array<size_t, 3>, 3> confusion{};

    void add(core::Ladder coach, core::Ladder qalint) { ++confusion[size_t(coach)][size_t(qalint)]; }
    void add(const LadderAgreement& other);
    size_t judged() const;
    std::optional<double> accuracy() const;
    // Cohen's kappa: agreement beyond what the two marginal distributions give by chance.
    std::optional<double> kappa() const;
};

}  // namespace qalint::eval
