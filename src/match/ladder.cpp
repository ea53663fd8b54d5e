#include "match/ladder.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace qalint::match {

core::Ladder ladder_level(const std::vector<core::Finding>& findings) {
    std::set<std::string> wow;
    bool warning = false;
    for (const auto& finding : findings) {
        if (finding.category == core::Category::anti_pattern) {
            if (finding.level == core::Level::error) return core::Ladder::disappointment;
            if (finding.level == core::Level::warning) warning = true;
        } else if (finding.category == core::Category::good_practice && finding.ladder == core::Ladder::wow) {
            wow.insert(finding.rule);
        }
    }
    return !warning && wow.size() >= 2 ? core::Ladder::wow : core::Ladder::neutral;
}

int ladder_score(const std::vector<core::Finding>& findings) {
    std::set<std::string> neutral_practices, wow_practices;
    int score = 50;
    for (const auto& finding : findings) {
        if (finding.category == core::Category::good_practice) {
            (finding.ladder == core::Ladder::wow ? wow_practices : neutral_practices).insert(finding.rule);
        } else if (finding.category == core::Category::anti_pattern) {
            score -= finding.level == core::Level::error ? 25 : finding.level == core::Level::warning ? 10 : 3;
        }
    }
    score += 5 * static_cast<int>(neutral_practices.size()) + 10 * static_cast<int>(wow_practices.size());
    return std::clamp(score, 0, 100);
}

}  // namespace qalint::match
