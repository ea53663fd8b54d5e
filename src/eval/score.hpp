#pragma once
// Agreement between qalint and a coach: per-rule counts, and the ladder's confusion table.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

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

// Whether the score ranks conversations as the coach's rungs do: of every pair the coach put on
// different rungs, how many the score puts the same way round, the other way, or level.
struct ScoreOrder {
    size_t concordant = 0, discordant = 0, tied = 0;

    size_t pairs() const { return concordant + discordant + tied; }
    // Goodman and Kruskal's gamma, (C - D) / (C + D): 1 = never the wrong way round, 0 = no better
    // than chance, -1 = always reversed; ties count for neither.
    std::optional<double> gamma() const;
};

// confusion[coach][qalint], indexed by core::Ladder; scores[coach rung] the scores qalint gave.
struct LadderAgreement {
    std::array<std::array<size_t, 3>, 3> confusion{};
    std::array<std::vector<int>, 3> scores;

    void add(core::Ladder coach, core::Ladder qalint) { ++confusion[size_t(coach)][size_t(qalint)]; }
    void add(core::Ladder coach, core::Ladder qalint, int score) {
        add(coach, qalint);
        scores[size_t(coach)].push_back(score);
    }
    void add(const LadderAgreement& other);
    size_t judged() const;
    std::optional<double> accuracy() const;
    // Cohen's kappa: agreement beyond what the two marginal distributions give by chance.
    std::optional<double> kappa() const;
    // Over the conversations added with a score; O(n log n), so a million rows are fine.
    ScoreOrder score_order() const;
};

}  // namespace qalint::eval
