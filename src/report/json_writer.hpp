#pragma once
// A verdict as compact JSON, written straight into a buffer: the same text as
// verdict_to_json(v).dump(), without building a JSON tree for every conversation.

#include <functional>
#include <string>

#include "core/model.hpp"

namespace qalint::report {

void append_json_string(std::string& out, std::string_view text);
// `drain`, when given, is called with the buffer between findings once it holds `drain_at` bytes
// or more, to write it out and empty it: a conversation with a hundred thousand findings is not
// held whole as JSON.
void append_verdict_json(std::string& out, const core::Verdict& verdict,
                         const std::function<void(std::string&)>& drain = {}, size_t drain_at = 1 << 16);

}  // namespace qalint::report
