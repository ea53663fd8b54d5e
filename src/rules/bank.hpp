#pragma once
// A rule's bank: sentences (or short conversations) of the rule's family, written by someone who
// did not write its patterns, that `qalint rules test` runs like the rule's own examples.

#include <string>
#include <vector>

#include "core/model.hpp"

namespace qalint::rules {

struct Bank {
    std::string file;
    std::string rule;
    core::Language language = core::Language::en;
    // What the pack must get right: a regression when one fails.
    std::vector<std::string> match, no_match;
    // What the pack gets wrong today, kept so that the gap stays visible: not failures.
    std::vector<std::string> todo_match, todo_no_match;
};

struct BankLoad {
    std::vector<Bank> banks;
    std::vector<std::string> errors;    // "file: reason"
};

// Reads one bank file (`rule`, `language`, `match`, `no_match`, `todo_match`, `todo_no_match`).
void load_bank_yaml(std::string_view yaml, const std::string& file, BankLoad& into);

// The bank as YAML, as load_bank_yaml reads it (what `rules test --update-banks` writes).
std::string bank_yaml(const Bank& bank);

// Every *.yaml under the folders (sorted), or the files named.
void load_bank_paths(const std::vector<std::string>& paths, BankLoad& into);

}  // namespace qalint::rules
