#include "eval/score.hpp"

#include <algorithm>

namespace qalint::eval {

std::optional<double> RuleCounts::precision() const {
    if (tp + fp == 0) return std::nullopt;
    return double(tp) / double(tp + fp);
}

std::optional<double> RuleCounts::recall() const {
    if (tp + fn == 0) return std::nullopt;
    return double(tp) / double(tp + fn);
}

std::optional<double> RuleCounts::f1() const {
    if (tp + fp + fn == 0) return std::nullopt;
    return 2.0 * double(tp) / double(2 * tp + fp + fn);
}

std::optional<double> ScoreOrder::gamma() const {
    if (concordant + discordant == 0) return std::nullopt;
    return (double(concordant) - double(discordant)) / double(concordant + discordant);
}

void LadderAgreement::add(const LadderAgreement& other) {
    for (size_t i = 0; i < 3; ++i) {
        for (size_t j = 0; j < 3; ++j) confusion[i][j] += other.confusion[i][j];
        scores[i].insert(scores[i].end(), other.scores[i].begin(), other.scores[i].end());
    }
}

ScoreOrder LadderAgreement::score_order() const {
    ScoreOrder order;
    std::array<std::vector<int>, 3> sorted = scores;
    for (auto& rung : sorted) std::sort(rung.begin(), rung.end());
    // For each lower rung's score, the higher rung's scores above it are pairs ranked as the coach did.
    for (size_t low = 0; low < 3; ++low)
        for (size_t high = low + 1; high < 3; ++high)
            for (int score : sorted[low]) {
                const auto& above = sorted[high];
                const auto equal = std::equal_range(above.begin(), above.end(), score);
                order.discordant += size_t(equal.first - above.begin());
                order.tied += size_t(equal.second - equal.first);
                order.concordant += size_t(above.end() - equal.second);
            }
    return order;
}

size_t LadderAgreement::judged() const {
    size_t n = 0;
    for (const auto& row : confusion)
        for (size_t cell : row) n += cell;
    return n;
}

std::optional<double> LadderAgreement::accuracy() const {
    const size_t n = judged();
    if (n == 0) return std::nullopt;
    size_t agreed = 0;
    for (size_t i = 0; i < 3; ++i) agreed += confusion[i][i];
    return double(agreed) / double(n);
}

std::optional<double> LadderAgreement::kappa() const {
    const size_t n = judged();
    if (n == 0) return std::nullopt;
    double chance = 0;
    for (size_t k = 0; k < 3; ++k) {
        double coach = 0, qalint = 0;
        for (size_t j = 0; j < 3; ++j) coach += double(confusion[k][j]), qalint += double(confusion[j][k]);
        chance += (coach / double(n)) * (qalint / double(n));
    }
    if (chance >= 1.0) return std::nullopt;    // both always said the same one rung: kappa is undefined
    return (*accuracy() - chance) / (1.0 - chance);
}

}  // namespace qalint::eval
