#pragma once
// The built-in rule pack as bytes: rules/*.yaml are read at build time (cmake/pack_rules.cpp)
// and compiled into qalint already loaded, so start-up does not parse YAML.

#include <string>
#include <string_view>

#include "rules/load.hpp"

namespace qalint::rules {

// Every field of every rule, and the loader's errors.
std::string pack_rules(const LoadResult& loaded);
// The inverse; false (and `into` unchanged) when the bytes are cut short or not a pack.
bool unpack_rules(std::string_view bytes, LoadResult& into);

}  // namespace qalint::rules
