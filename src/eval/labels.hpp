#pragma once
// A coach's labels spreadsheet (`qalint eval`): one row per conversation, a 0/1 column per rule id,
// optionally the coach's ladder level. A row names a transcript file (and the conversation's id in
// it), or holds the conversation itself as `text`.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "read/reader.hpp"
#include "util/expected.hpp"

namespace qalint::eval {

struct LabelledConversation {
    size_t row = 0;          // the row as a spreadsheet numbers it: the header is row 1
    uint32_t line = 1;       // where the row starts in the labels file
    core::Conversation conversation;
    std::vector<std::optional<bool>> labels;    // per LabelSet::rules; nullopt = not judged
    std::optional<core::Ladder> level;          // the coach's rung
};

struct LabelSet {
    std::string path;
    std::vector<std::string> rules;              // the measured rule columns, in column order
    std::vector<std::string> other_columns;      // columns that are not measured
    bool has_level = false;
    std::vector<LabelledConversation> rows;
};

// The number of single-character edits between two strings (Levenshtein), for "did you mean".
size_t edit_distance(std::string_view a, std::string_view b);

// Reads a labels file (CSV or TSV, sniffed; UTF-8 with or without BOM) and the transcripts its rows
// name, read with `read_options`. `rule_ids` are the ids a column may name. An error names the
// file, the row and the reason.
util::Expected<LabelSet> load_labels(const std::string& path, const std::vector<std::string>& rule_ids,
                                     const read::ReadOptions& read_options);

}  // namespace qalint::eval
