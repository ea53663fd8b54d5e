#pragma once
// CSV and TSV exports of chats: one row per turn, a header naming the fields.

#include <string>
#include <string_view>
#include <vector>

#include "read/reader.hpp"
#include "read/turn_text.hpp"

namespace qalint::read {

bool claims_csv(std::string_view path, std::string_view head);

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. The delimiter is
// a tab for .tsv, else ',' or ';' (whichever the header has more of). Columns are found by
// name: conversation_id, speaker/author/name, role, text/message/content, timestamp/time.
void parse_csv(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

struct CsvField {
    TurnText value;  // the unquoted value, mapped to the file
    uint32_t line = 1;
};
using CsvRecord = std::vector<CsvField>;

// Splits `text` into records. On an unterminated quote sets `error` and returns what it read.
std::vector<CsvRecord> split_csv(std::string_view text, char delimiter, std::string& error);

}  // namespace qalint::read
