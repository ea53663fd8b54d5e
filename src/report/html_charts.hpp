#pragma once
// The dashboard of the HTML report: inline SVG charts and tables drawn from Aggregates.

#include <string>

#include "report/aggregate.hpp"

namespace qalint::report {

std::string ladder_chart(const Aggregates& totals);
std::string score_chart(const Aggregates& totals);
std::string rule_chart(const Aggregates& totals);
std::string agent_table(const Aggregates& totals);
std::string language_table(const Aggregates& totals);

}  // namespace qalint::report
