#include "read/csv.hpp"

#include <fmt/format.h>

#include <array>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "read/detect.hpp"
#include "read/json_input.hpp"

namespace qalint::read {
namespace {

constexpr std::array<std::string_view, 9> id_columns = {"conversation_id", "conversation", "convo_id",
                                                        "dialog_id",       "chat_id",      "session_id",
                                                        "ticket_id",       "call_id",      "thread_id"};
constexpr std::array<std::string_view, 9> speaker_columns = {
    "speaker", "author", "name", "participant", "from", "sender", "speaker_name", "display_name", "user"};
constexpr std::array<std::string_view, 4> role_columns = {"role", "speaker_role", "participant_role", "sender_type"};
constexpr std::array<std::string_view, 8> text_columns = {"text", "message",    "content", "utterance",
                                                          "body", "transcript", "msg",     "comment"};
constexpr std::array<std::string_view, 7> time_columns = {"timestamp", "time",       "start",   "start_time",
                                                          "ts",        "created_at", "datetime"};

std::string fold_name(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '_' || c == '-' || c == ' ' || c == '"') continue;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

// The header column with one of `names` (in order of preference); -1 when none.
int column_of(const std::vector<std::string>& header, std::span<const std::string_view> names) {
    for (auto name : names) {
        const std::string wanted = fold_name(name);
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == wanted) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace

char csv_delimiter(std::string_view path, std::string_view text) {
    if (has_extension(path, {".tsv"})) return '\t';
    const std::string_view header = text.substr(0, text.find('\n'));
    size_t commas = 0, semicolons = 0, tabs = 0;
    for (char c : header) {
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    if (tabs > commas && tabs > semicolons) return '\t';
    return semicolons > commas ? ';' : ',';
}

bool claims_csv(std::string_view path, std::string_view) {
    return has_extension(path, {".csv", ".tsv"});
}

void for_each_csv_record(std::string_view text, char delimiter, std::string& error,
                         const std::function<bool(CsvRecord&&)>& each, const std::function<bool(size_t)>& keep,
                         bool blank_lines) {
    LineCounter lines(text);
    size_t pos = 0;
    CsvRecord record;
    bool record_blank = true;    // one field and nothing in it: a blank line
    while (pos <= text.size()) {
        CsvField field;
        const bool kept = !keep || keep(record.size());
        bool field_empty = true;
        const auto append = [&](size_t from, size_t to) {
            if (to == from) return;
            field_empty = false;
            if (!kept) return;
            const auto at = lines.advance_to(from);
            field.value.append_source(text.substr(from, to - from), at.line, at.column);
        };
        field.line = lines.advance_to(pos).line;
        if (pos < text.size() && text[pos] == '"') {
            size_t run = pos + 1;
            size_t i = run;
            bool closed = false;
            while (i < text.size()) {
                if (text[i] != '"') {
                    ++i;
                    continue;
                }
                append(run, i);
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    run = i + 1;  // "" is one quote: keep the second
                    i += 2;
                    continue;
                }
                closed = true;
                ++i;
                break;
            }
            if (!closed) {
                error = fmt::format("line {}: unterminated quoted field", field.line);
                break;
            }
            // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
            size_t end = i;
            while (end < text.size() && text[end] != delimiter && text[end] != '\n') ++end;
            append(i, end);
            pos = end;
        } else {
            size_t end = pos;
            while (end < text.size() && text[end] != delimiter && text[end] != '\n') ++end;
            append(pos, end);
            pos = end;
        }
        record_blank = record.empty() && field_empty;
        record.push_back(std::move(field));
        if (pos < text.size() && text[pos] == delimiter) {
            ++pos;
            continue;
        }
        // End of the record: a line break or the end of the text (after the last line break, no line).
        const bool handed = !record_blank || (blank_lines && pos < text.size());
        if (handed && !each(std::move(record))) return;
        record = CsvRecord{};
        if (pos >= text.size()) return;
        ++pos;
    }
    if (!record.empty() && !record_blank) each(std::move(record));
}

// Rows are grouped into conversations by their id, in the order each id first appears, and an
// export may interleave them; so a first, light pass over the rows (only the id and text cells
// read) finds each conversation's last row, and the second hands a conversation over as soon as
// its last row and every conversation before it are in. An export sorted by conversation is then
// never held whole.
void parse_csv(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out) {
    const char delimiter = csv_delimiter(path, text);
    std::string error;
    std::vector<std::string> header;
    for_each_csv_record(text, delimiter, error, [&](CsvRecord&& record) {
        for (const auto& field : record) header.push_back(fold_name(field.value.text()));
        return false;
    });
    if (header.empty()) {
        if (!error.empty()) out.problems.push_back({path, error, false});
        return;
    }
    const int text_column = column_of(header, text_columns);
    if (text_column < 0) {
        // The file is still read through, so a broken quote further down is named too.
        for_each_csv_record(text, delimiter, error, [](CsvRecord&&) { return true; }, [](size_t) { return false; });
        if (!error.empty()) out.problems.push_back({path, error, false});
        out.problems.push_back(
            {path, "line 1: no text column in the header (text, message, content, utterance, body …)", false});
        return;
    }
    const int id_column = column_of(header, id_columns);
    const int speaker_column = column_of(header, speaker_columns);
    const int role_column = column_of(header, role_columns);
    const int time_column = column_of(header, time_columns);
    const auto cell = [](CsvRecord& record, int column) -> CsvField* {
        return column >= 0 && static_cast<size_t>(column) < record.size() ? &record[static_cast<size_t>(column)]
                                                                          : nullptr;
    };

    // First pass: which conversation each row with text belongs to, and each one's last row.
    std::map<std::string, size_t> by_id;
    std::vector<size_t> row_conversation;    // per record (0 = the header); npos = no text
    std::vector<size_t> last_row;            // per conversation
    std::vector<std::string> ids;            // per conversation
    size_t row = 0;
    std::string first_error;
    for_each_csv_record(
        text, delimiter, first_error,
        [&](CsvRecord&& record) {
            const size_t r = row++;
            row_conversation.push_back(std::string::npos);
            if (r == 0) return true;
            const CsvField* text_field = cell(record, text_column);
            if (!text_field || text_field->value.empty()) return true;
            const CsvField* id_field = cell(record, id_column);
            std::string id = id_field ? id_field->value.text() : std::string();
            auto found = by_id.find(id);
            if (found == by_id.end()) {
                found = by_id.emplace(id, ids.size()).first;
                ids.push_back(std::move(id));
                last_row.push_back(r);
            }
            row_conversation.back() = found->second;
            last_row[found->second] = r;
            return true;
        },
        [&](size_t column) { return static_cast<int>(column) == id_column || static_cast<int>(column) == text_column; });
    by_id.clear();

    // Second pass: the turns.
    std::vector<core::Conversation> conversations(ids.size());
    std::vector<uint8_t> complete(ids.size(), 0);
    size_t next = 0;    // the next conversation to hand over
    row = 0;
    for_each_csv_record(text, delimiter, error, [&](CsvRecord&& record) {
        const size_t r = row++;
        if (r >= row_conversation.size() || row_conversation[r] == std::string::npos) return true;
        const size_t c = row_conversation[r];
        core::Conversation& conversation = conversations[c];
        core::Turn turn;
        if (const CsvField* speaker = cell(record, speaker_column)) turn.speaker = speaker->value.text();
        if (const CsvField* role = cell(record, role_column); role && !role->value.empty()) {
            turn.role = options.roles.role_of(role->value.text());
            if (turn.speaker.empty()) turn.speaker = role->value.text();
        }
        if (const CsvField* time = cell(record, time_column); time && !time->value.empty())
            turn.seconds = parse_time_value(nlohmann::json(time->value.text()));
        cell(record, text_column)->value.move_into(turn);
        if (conversation.turns.empty()) conversation.first_line = turn.line();
        conversation.turns.push_back(std::move(turn));
        if (r != last_row[c]) return true;
        complete[c] = 1;
        for (; next < conversations.size() && complete[next]; ++next) {
            conversations[next].id = ids[next].empty() ? conversation_id(path, next, ids.size()) : std::move(ids[next]);
            out.add(std::move(conversations[next]));
            conversations[next] = {};
        }
        return true;
    });
    if (!error.empty()) out.problems.push_back({path, error, false});
}

}  // namespace qalint::read
