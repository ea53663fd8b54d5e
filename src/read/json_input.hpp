#pragma once
// What the JSON readers share: parsing with a nesting guard and errors that name the line
// and byte, finding a string value's place in the file, and the usual field names.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "read/reader.hpp"
#include "read/turn_text.hpp"

namespace qalint::read {

// Documents nested deeper than this are refused before parsing (nlohmann recurses on them).
inline constexpr size_t max_json_depth = 200;

// Parses `text` (which starts at byte `base` and line `first_line` of the file). On failure
// adds an InputError "line L, byte B: reason" to out and returns nullopt. `callback` sees the
// values as they are parsed, as nlohmann's parser callback does (false from an array element's
// object_end or array_end leaves that element out of the document; elsewhere it is kept).
std::optional<nlohmann::json> parse_json_document(const std::string& path, std::string_view text, ReadResult& out,
                                                  size_t base = 0, uint32_t first_line = 1,
                                                  const nlohmann::json::parser_callback_t& callback = nullptr);

// nlohmann::json::parse(text, callback), throwing as it does, but linear however long an array
// is (see parse_json_document for what the callback can leave out).
nlohmann::json parse_json_with(std::string_view text, const nlohmann::json::parser_callback_t& callback);

// Finds string values in the file, in document order: each call searches forward from the
// previous match, so a file is scanned once however many turns it has.
class JsonStringLocator {
public:
    explicit JsonStringLocator(std::string_view text) : m_text(text), m_lines(text) {}
    // Appends `value` to out, mapped to its place in the file when found (true); else to
    // the line where the search stands (false).
    bool append(const std::string& value, TurnText& out);
    // Moves the search forward to byte `offset` (the start of a JSONL line).
    void skip_to(size_t offset);
    // The line where the search stands.
    uint32_t line();

private:
    size_t find(const std::string& value, size_t& end);

    std::string_view m_text;
    LineCounter m_lines;
    size_t m_cursor = 0;
    size_t m_misses = 0;
};

// One file being read as JSON.
struct JsonSource {
    const std::string& path;
    std::string_view text;
    const ReadOptions& options;
    ReadResult& out;
    JsonStringLocator locator;
};

// A member whose name is one of `names` (case-insensitive; '_', '-' and ' ' ignored).
const nlohmann::json* find_field(const nlohmann::json& object, std::span<const std::string_view> names);
// The member as text (strings as they are, numbers printed); "" when absent or not scalar.
std::string field_text(const nlohmann::json& object, std::span<const std::string_view> names);

// "12:04:05", "2024-05-01T12:04:05.123Z", 83.5, "83.5": seconds (since midnight for clock times).
std::optional<double> parse_time_value(const nlohmann::json& value);

// Document-level readers; each returns false when the document is not its shape.
bool read_contact_lens_document(const nlohmann::json& document, JsonSource& source);
bool read_transcribe_document(const nlohmann::json& document, JsonSource& source);
bool read_zendesk_document(const nlohmann::json& document, JsonSource& source);
// Conversation-per-object JSON with the usual field names.
void read_generic_document(const nlohmann::json& document, JsonSource& source);

}  // namespace qalint::read
