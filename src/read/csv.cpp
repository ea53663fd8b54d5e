#include "read/csv.hpp"

#include <fmt/format.h>

#include <array>
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

char delimiter_of(std::string_view path, std::string_view text) {
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

}  // namespace

bool claims_csv(std::string_view path, std::string_view) {
    return has_extension(path, {".csv", ".tsv"});
}

std::vector<CsvRecord> split_csv(std::string_view text, char delimiter, std::string& error) {
    std::vector<CsvRecord> records;
    LineCounter lines(text);
    size_t pos = 0;
    CsvRecord record;
    while (pos <= text.size()) {
        CsvField field;
        const auto start = lines.advance_to(pos);
        field.line = start.line;
        if (pos < text.size() && text[pos] == '"') {
            size_t run = pos + 1;
            size_t i = run;
            bool closed = false;
            while (i < text.size()) {
                if (text[i] != '"') {
                    ++i;
                    continue;
                }
                const auto at = lines.advance_to(run);
                field.value.append_source(text.substr(run, i - run), at.line, at.column);
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
                error = fmt::format("line {}: unterminated quoted field", start.line);
                break;
            }
            // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
            size_t end = i;
            while (end < text.size() && text[end] != delimiter && text[end] != '\n') ++end;
            if (end > i) {
                const auto at = lines.advance_to(i);
                field.value.append_source(text.substr(i, end - i), at.line, at.column);
            }
            pos = end;
        } else {
            size_t end = pos;
            while (end < text.size() && text[end] != delimiter && text[end] != '\n') ++end;
            if (end > pos) field.value.append_source(text.substr(pos, end - pos), start.line, start.column);
            pos = end;
        }
        record.push_back(std::move(field));
        if (pos < text.size() && text[pos] == delimiter) {
            ++pos;
            continue;
        }
        // End of the record: a line break or the end of the text.
        const bool blank = record.size() == 1 && record[0].value.empty();
        if (!blank) records.push_back(std::move(record));
        record = CsvRecord{};
        if (pos >= text.size()) break;
        ++pos;
    }
    if (!record.empty() && !(record.size() == 1 && record[0].value.empty())) records.push_back(std::move(record));
    return records;
}

void parse_csv(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out) {
    std::string error;
    auto records = split_csv(text, delimiter_of(path, text), error);
    if (!error.empty()) out.problems.push_back({path, error, false});
    if (records.empty()) return;
    std::vector<std::string> header;
    for (const auto& field : records[0]) header.push_back(fold_name(field.value.text()));
    const int text_column = column_of(header, text_columns);
    if (text_column < 0) {
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
    std::vector<core::Conversation> conversations;
    std::map<std::string, size_t> by_id;
    for (size_t r = 1; r < records.size(); ++r) {
        auto& record = records[r];
        CsvField* text_field = cell(record, text_column);
        if (!text_field || text_field->value.empty()) continue;
        const CsvField* id_field = cell(record, id_column);
        const std::string id = id_field ? id_field->value.text() : std::string();
        auto found = by_id.find(id);
        if (found == by_id.end()) {
            found = by_id.emplace(id, conversations.size()).first;
            conversations.emplace_back().id = id;
        }
        core::Conversation& conversation = conversations[found->second];
        core::Turn turn;
        if (const CsvField* speaker = cell(record, speaker_column)) turn.speaker = speaker->value.text();
        if (const CsvField* role = cell(record, role_column); role && !role->value.empty()) {
            turn.role = options.roles.role_of(role->value.text());
            if (turn.speaker.empty()) turn.speaker = role->value.text();
        }
        if (const CsvField* time = cell(record, time_column); time && !time->value.empty())
            turn.seconds = parse_time_value(nlohmann::json(time->value.text()));
        text_field->value.move_into(turn);
        if (conversation.turns.empty()) conversation.first_line = turn.line();
        conversation.turns.push_back(std::move(turn));
    }
    for (size_t i = 0; i < conversations.size(); ++i) {
        if (conversations[i].id.empty()) conversations[i].id = conversation_id(path, i, conversations.size());
        out.add(std::move(conversations[i]));
    }
}

}  // namespace qalint::read
