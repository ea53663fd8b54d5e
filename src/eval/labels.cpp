#include "eval/labels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "read/csv.hpp"
#include "read/decode.hpp"
#include "util/data_file.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace qalint::eval {
namespace {

namespace fs = std::filesystem;

// Limits of what a labels file and the transcripts its rows name can be.
constexpr size_t max_columns = 1000;
constexpr size_t max_transcript_bytes = 512 * util::mebibyte;

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    return out;
}

// Columns that say which conversation a row is, and the coach's level: never rule labels.
bool is_structural(std::string_view name) {
    for (std::string_view known : {"file", "id", "text", "speaker", "level"})
        if (name == known) return true;
    return false;
}

bool is_id_like(std::string_view name) {
    return name == "id" || name.ends_with("_id") || name.ends_with("-id") || name.ends_with(" id");
}

// A file's conversations, read once however many rows name it.
struct ReadFile {
    std::vector<core::Conversation> conversations;
    std::string error;    // the first error reading it, "" when none
};

// Whether a text cell is itself a transcript: two or more lines, each led by "Speaker: ".
bool is_transcript(std::string_view text) {
    size_t lines = 0, speaker_lines = 0;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = util::trim_blanks(text.substr(start, end - start));
        if (!line.empty()) {
            ++lines;
            const size_t colon = line.find(':');
            if (colon != std::string_view::npos && colon > 0 && colon <= 40 && colon + 1 < line.size() &&
                line[colon + 1] == ' ')
                ++speaker_lines;
        }
        start = end + 1;
    }
    return lines >= 2 && speaker_lines == lines;
}

class Loader {
public:
    Loader(const std::string& path, const std::vector<std::string>& rule_ids, const read::ReadOptions& read_options)
        : m_path(path), m_rule_ids(rule_ids), m_read_options(read_options) {}

    util::Expected<LabelSet> load();

private:
    util::Error error_at(size_t row, const std::string& reason) const {
        return util::Error{fmt::format("{}: row {}: {}", m_path, row, reason)};
    }
    std::string cell(const read::CsvRecord& record, int column) const {
        if (column < 0 || static_cast<size_t>(column) >= record.size()) return "";
        return std::string(util::trim_blanks(record[column].value.text()));
    }
    const ReadFile& read_file(const std::string& path);
    std::optional<util::Error> conversation_of_file(size_t row, const read::CsvRecord& record, LabelledConversation& out);
    void conversation_of_text(size_t row, read::CsvRecord& record, LabelledConversation& out);

    const std::string& m_path;
    const std::vector<std::string>& m_rule_ids;
    const read::ReadOptions& m_read_options;
    std::map<std::string, ReadFile> m_files;
    int m_file = -1, m_id = -1, m_text = -1, m_speaker = -1, m_level = -1, m_fallback_id = -1;
};

const ReadFile& Loader::read_file(const std::string& path) {
    if (auto it = m_files.find(path); it != m_files.end()) return it->second;
    ReadFile& file = m_files[path];
    // The path comes from a row: a device, a FIFO or a file no transcript is that large is refused.
    auto bytes = util::read_data_file(path, max_transcript_bytes);
    if (!bytes) {
        file.error = "cannot read file '" + path + "': " + bytes.error();
        return file;
    }
    read::ReadResult result = read::read_input(path, *bytes, m_read_options);
    for (const auto& problem : result.problems)
        if (!problem.warning) {
            file.error = "file '" + path + "': " + problem.message;
            break;
        }
    file.conversations = std::move(result.conversations);
    return file;
}

std::optional<util::Error> Loader::conversation_of_file(size_t row, const read::CsvRecord& record,
                                                        LabelledConversation& out) {
    const std::string name = cell(record, m_file);
    fs::path path(name);
    if (path.is_relative()) path = fs::path(m_path).parent_path() / path;
    const std::string resolved = path.lexically_normal().string();
    std::error_code ec;
    if (!fs::exists(resolved, ec)) return error_at(row, "file '" + name + "' not found (looked for " + resolved + ")");
    const ReadFile& file = read_file(resolved);
    if (!file.error.empty()) return error_at(row, file.error);
    const std::string id = cell(record, m_id);
    if (id.empty()) {
        if (file.conversations.size() != 1)
            return error_at(row, fmt::format("'{}' holds {} conversations; name one in the id column", name,
                                             file.conversations.size()));
        out.conversation = file.conversations.front();
        return std::nullopt;
    }
    for (const auto& conversation : file.conversations)
        if (conversation.id == id) {
            out.conversation = conversation;
            return std::nullopt;
        }
    std::string ids;
    for (size_t i = 0; i < file.conversations.size() && i < 5; ++i)
        ids += (i ? ", " : "") + file.conversations[i].id;
    if (file.conversations.size() > 5) ids += ", …";
    return error_at(row, fmt::format("no conversation '{}' in '{}' (it holds: {})", id, name, ids.empty() ? "none" : ids));
}

void Loader::conversation_of_text(size_t row, read::CsvRecord& record, LabelledConversation& out) {
    core::Conversation& conversation = out.conversation;
    conversation.file = m_path;
    conversation.first_line = out.line;
    std::string id = cell(record, m_id);
    if (id.empty()) id = cell(record, m_fallback_id);
    conversation.id = id.empty() ? fmt::format("row {}", row) : id;
    read::TurnText& text = record[m_text].value;
    const uint32_t text_line = record[m_text].line;
    if (is_transcript(text.text())) {
        // Lines "Speaker: …" in one cell: a plain-text transcript, its lines counted from the cell's.
        read::ReadOptions as_text = m_read_options;
        as_text.format = "text";
        read::ReadResult result = read::read_input(m_path, text.text(), as_text);
        for (auto& turn_of_cell : result.conversations)
            for (auto& turn : turn_of_cell.turns) {
                for (auto& piece : turn.pieces) piece.line += text_line - 1;
                conversation.turns.push_back(std::move(turn));
            }
        return;
    }
    core::Turn turn;
    const std::string speaker = cell(record, m_speaker);
    turn.speaker = speaker.empty() ? "agent" : speaker;
    turn.role = speaker.empty() ? core::Role::agent : m_read_options.roles.role_of(speaker);
    if (turn.role == core::Role::unknown) turn.role = core::Role::agent;    // a labelled reply is the agent's
    text.move_into(turn);
    conversation.turns.push_back(std::move(turn));
}

util::Expected<LabelSet> Loader::load() {
    auto bytes = util::read_file(m_path);
    if (!bytes) return util::Error{m_path + ": cannot read: " + bytes.error()};
    std::string converted;
    std::vector<std::string> warnings;
    auto decoded = read::decode_text(*bytes, converted, warnings);
    if (!decoded) return util::Error{m_path + ": " + decoded.error()};
    const std::string_view text = *decoded;

    // Every row, blank lines too: records[i] is row i + 1 as a spreadsheet numbers it, which is how
    // errors and --show name a row.
    std::vector<read::CsvRecord> records;
    std::string csv_error;
    std::optional<util::Error> too_wide;
    const auto each = [&](read::CsvRecord&& record) {
        // A column per rule and a few more: a row of thousands is not a labels file, and checking
        // each column name against every rule id would take minutes.
        if (record.size() > max_columns) {
            too_wide = error_at(records.size() + 1, fmt::format("{} columns; a labels file has one per rule and a few "
                                                                "more (at most {})",
                                                                record.size(), max_columns));
            return false;
        }
        records.push_back(std::move(record));
        return true;
    };
    read::for_each_csv_record(text, read::csv_delimiter(m_path, text), csv_error, each, nullptr, true);
    if (too_wide) return *too_wide;
    if (!csv_error.empty()) return util::Error{m_path + ": " + csv_error};
    const auto blank = [](const read::CsvRecord& record) {
        return std::all_of(record.begin(), record.end(),
                           [](const read::CsvField& f) { return util::trim_blanks(f.value.text()).empty(); });
    };
    // The header is the first row that is not blank.
    const size_t header_index = std::find_if_not(records.begin(), records.end(), blank) - records.begin();
    if (header_index == records.size()) return util::Error{m_path + ": no header row (the file is empty)"};
    const size_t header_row = header_index + 1;

    LabelSet set;
    set.path = m_path;
    std::vector<int> rule_columns;
    const read::CsvRecord& header = records[header_index];
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string name = lower_ascii(util::trim_blanks(header[i].value.text()));
        const int column = static_cast<int>(i);
        if (name.empty()) continue;
        if (name == "file") m_file = column;
        else if (name == "id") m_id = column;
        else if (name == "text") m_text = column;
        else if (name == "speaker") m_speaker = column;
        else if (name == "level") m_level = column;
        if (is_structural(name)) continue;
        if (i == 0 && is_id_like(name)) m_fallback_id = column;
        if (std::find(m_rule_ids.begin(), m_rule_ids.end(), name) != m_rule_ids.end()) {
            if (std::find(set.rules.begin(), set.rules.end(), name) != set.rules.end())
                return error_at(header_row, "the column '" + name + "' appears twice");
            set.rules.push_back(name);
            rule_columns.push_back(column);
            continue;
        }
        // A misspelt rule id must not silently drop that rule from the measurement.
        if (name.size() >= 4)
            for (const auto& id : m_rule_ids)
                if (name.size() <= id.size() + 2 && id.size() <= name.size() + 2 && edit_distance(name, id) <= 2)
                    return error_at(header_row,
                                    "the column '" + name + "' is not a rule id (did you mean " + id + "?)");
        set.other_columns.push_back(name);
    }
    if (m_file < 0 && m_text < 0)
        return error_at(header_row,
                        "no column names the conversation (a 'file' column, or a 'text' column holding it)");
    set.has_level = m_level >= 0;

    for (size_t index = header_index + 1; index < records.size(); ++index) {
        read::CsvRecord& record = records[index];
        const size_t r = index + 1;    // as a spreadsheet numbers it: blank rows are skipped but counted
        if (blank(record)) continue;
        LabelledConversation row;
        row.row = r;
        row.line = record.front().line;
        for (size_t k = 0; k < set.rules.size(); ++k) {
            const std::string value = cell(record, rule_columns[k]);
            if (value.empty()) row.labels.emplace_back();
            else if (value == "1") row.labels.emplace_back(true);
            else if (value == "0") row.labels.emplace_back(false);
            else return error_at(r, "the label of " + set.rules[k] + " is '" + value + "', not 0, 1 or blank");
        }
        if (m_level >= 0) {
            const std::string level = lower_ascii(cell(record, m_level));
            if (level == "disappointment") row.level = core::Ladder::disappointment;
            else if (level == "neutral") row.level = core::Ladder::neutral;
            else if (level == "wow") row.level = core::Ladder::wow;
            else if (!level.empty())
                return error_at(r, "unknown level '" + level + "' (disappointment, neutral or wow)");
        }
        if (m_file >= 0 && !cell(record, m_file).empty()) {
            if (auto error = conversation_of_file(r, record, row)) return *error;
        } else if (m_text >= 0 && static_cast<size_t>(m_text) < record.size() && !cell(record, m_text).empty()) {
            conversation_of_text(r, record, row);
        } else {
            return error_at(r, m_text >= 0 ? "neither a file nor a text" : "no file named");
        }
        set.rows.push_back(std::move(row));
    }
    return set;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])});
        std::swap(previous, current);
    }
    return previous[b.size()];
}

util::Expected<LabelSet> load_labels(const std::string& path, const std::vector<std::string>& rule_ids,
                                     const read::ReadOptions& read_options) {
    return Loader(path, rule_ids, read_options).load();
}

}  // namespace qalint::eval
