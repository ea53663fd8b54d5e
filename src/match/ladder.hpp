#pragma once
// SPEC §3a: a conversation's rung on the ladder and its score.

#include <vector>

#include "core/model.hpp"

namespace qalint::match {

// disappointment: an error-level finding; wow: no error or warning and at least two different
// wow-rung good practices; neutral: everything else.
core::Ladder ladder_level(const std::vector<core::Finding>& findings);

// 0–100. Starts at 50; +5 for each different neutral-rung good practice, +10 for each different
// wow-rung one; −25 for each error-level, −10 for each warning-level and −3 for each info-level
// anti-pattern finding; clamped to 0–100. Adding an anti-pattern never raises it, adding a good
// practice never lowers it.
int ladder_score(const std::vector<core::Finding>& findings);

}  // namespace qalint::match
