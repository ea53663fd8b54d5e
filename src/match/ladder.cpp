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
    int points = 50;
    for (const auto& finding : findings) {
        if (finding.category == core::Category::good_practice) {
            (finding.ladder == core::Ladder::wow ? wow_practices : neutral_practices).insert(finding.rule);
        } else if (finding.category == core::Category::anti_pattern) {
            points -= finding.level == core::Level::error ? 25 : finding.level == core::Level::warning ? 10 : 3;
        }
    }
    points += 5 * static_cast<int>(neutral_practices.size()) + 10 * static_cast<int>(wow_practices.size());
    points = std::clamp(points, 0, 100);
    // The rung's band first, the points within it: a conversation that failed the customer scores
    // below every one that did not, however many practices it ticked.
    constexpr int low[] = {0, 40, 70}, high[] = {39, 69, 100};
    const size_t rung = size_t(ladder_level(findings));
    return low[rung] + points * (high[rung] - low[rung]) / 100;
}

}  // namespace qalint::match
