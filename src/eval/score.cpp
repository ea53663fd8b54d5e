#include "eval/score.hpp"

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

void LadderAgreement::add(const LadderAgreement& other) {
    for (size_t i = 0; i < 3; ++i)
        for (size_t j = 0; j < 3; ++j) confusion[i][j] += other.confusion[i][j];
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
