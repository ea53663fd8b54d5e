#pragma once
// CSV and TSV exports of chats: one row per turn, a header naming the fields.

#include <functional>
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

// The delimiter of a CSV or TSV file: a tab for .tsv, else whichever of tab, ';' and ',' the
// first line has most of (',' on a tie).
char csv_delimiter(std::string_view path, std::string_view text);

struct CsvField {
    TurnText value;  // the unquoted value, mapped to the file
    uint32_t line = 1;
};
using CsvRecord = std::vector<CsvField>;

// Hands `each` the records of `text` in order, until it returns false; blank lines are not records,
// unless `blank_lines` asks for them (one empty field each): a spreadsheet numbers them as rows.
// With `keep`, only the fields of the columns it accepts get their values (the others are empty).
// On an unterminated quote sets `error` and stops.
void for_each_csv_record(std::string_view text, char delimiter, std::string& error,
                         const std::function<bool(CsvRecord&&)>& each,
                         const std::function<bool(size_t)>& keep = nullptr, bool blank_lines = false);

}  // namespace qalint::read
