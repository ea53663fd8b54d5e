#pragma once
// A verdict as compact JSON, written straight into a buffer: the same text as
// verdict_to_json(v).dump(), without building a JSON tree for every conversation.

#include <string>

#include "core/model.hpp"

namespace qalint::report {

void append_json_string(std::string& out, std::string_view text);
void append_verdict_json(std::string& out, const core::Verdict& verdict);

}  // namespace qalint::report
