#pragma once
// Which literal strings a regex cannot match without: the prefilter's atoms. A turn runs a
// pattern only when the Aho–Corasick scan found one of its atoms in it.

#include <string>
#include <vector>

#include "rules/regex_tree.hpp"

namespace qalint::rules {

// Sets of strings (of at least `min_length` bytes each) such that every match of the tree's body
// contains a string of each set: the clauses of an AND of ORs, best first (the longer the
// shortest string, the rarer; then the fewer strings), at most four. Empty when no set will do:
// the pattern must run on every turn.
using Clauses = std::vector<std::vector<std::string>>;
Clauses required_literals(const RegexTree& tree, size_t min_length);

}  // namespace qalint::rules
