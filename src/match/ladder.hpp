#pragma once
// SPEC §3a: a conversation's rung on the ladder and its score.

#include <vector>

#include "core/model.hpp"

namespace qalint::match {

// disappointment: an error-level finding; wow: no error or warning and at least two different
// wow-rung good practices; neutral: everything else.
core::Ladder ladder_level(const std::vector<core::Finding>& findings);

// 0–100: the rung's band (disappointment 0–39, neutral 40–69, wow 70–100), and within it the
// points scaled into the band. The points start at 50; +5 for each different neutral-rung good
// practice, +10 for each different wow-rung one; −25 for each error-level, −10 for each
// warning-level and −3 for each info-level anti-pattern finding; clamped to 0–100. An added
// anti-pattern lowers the points and never raises the rung, an added good practice the other way
// round, so the first never raises the score and the second never lowers it.
int ladder_score(const std::vector<core::Finding>& findings);

}  // namespace qalint::match
