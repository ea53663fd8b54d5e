#include "read/plain_text.hpp"

#include <cctype>

#include <fmt/format.h>

#include "text/normalize.hpp"
#include "util/data_file.hpp"
#include "util/utf8.hpp"
#include "util/strings.hpp"

namespace qalint::read {
namespace {

constexpr size_t max_speaker_chars = 40;
constexpr size_t long_line_bytes = 1 << 20;
constexpr size_t max_speaker_words = 4;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t skip_spaces(std::string_view line, size_t pos) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    return pos;
}

// Reads up to `max` digits at pos.
std::optional<int> read_number(std::string_view line, size_t& pos, size_t min, size_t max) {
    size_t count = 0;
    int value = 0;
    while (pos < line.size() && is_digit(line[pos]) && count < max) {
        value = value * 10 + (line[pos] - '0');
        ++pos, ++count;
    }
    if (count < min) return std::nullopt;
    return value;
}

bool is_separator(std::string_view line) {
    line = util::trim_blanks(line);
    return line.size() >= 3 && line.find_first_not_of('-') == std::string_view::npos;
}

}  // namespace

std::optional<LeadingTimestamp> parse_leading_timestamp(std::string_view line) {
    size_t pos = skip_spaces(line, 0);
    const bool bracket = pos < line.size() && line[pos] == '[';
    if (bracket) ++pos;
    // An optional date: 2024-05-01 or 2024-05-01T
    if (pos + 10 < line.size() && is_digit(line[pos]) && line[pos + 4] == '-' && line[pos + 7] == '-') {
        size_t date = pos;
        if (read_number(line, date, 4, 4) && line[date] == '-' && (++date, read_number(line, date, 2, 2)) &&
            line[date] == '-' && (++date, read_number(line, date, 2, 2)) && date < line.size() &&
            (line[date] == ' ' || line[date] == 'T')) {
            pos = date + 1;
        }
    }
    const auto hours = read_number(line, pos, 1, 2);
    if (!hours || pos >= line.size() || line[pos] != ':') return std::nullopt;
    ++pos;
    const auto minutes = read_number(line, pos, 2, 2);
    if (!minutes) return std::nullopt;
    double seconds = *hours * 3600.0 + *minutes * 60.0;
    if (pos < line.size() && line[pos] == ':') {
        ++pos;
        const auto secs = read_number(line, pos, 2, 2);
        if (!secs) return std::nullopt;
        seconds += *secs;
        if (pos < line.size() && (line[pos] == '.' || line[pos] == ',')) {
            size_t fraction_start = ++pos;
            const auto fraction = read_number(line, pos, 1, 6);
            if (!fraction) return std::nullopt;
            double scale = 1;
            for (size_t i = fraction_start; i < pos; ++i) scale *= 10;
            seconds += *fraction / scale;
        }
    }
    if (bracket) {
        if (pos >= line.size() || line[pos] != ']') return std::nullopt;
        ++pos;
    } else if (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') {
        return std::nullopt;    // "12:04pm:" or "10:30:" is text, not a timestamp
    }
    pos = skip_spaces(line, pos);
    if (pos + 1 < line.size() && line[pos] == '-' && line[pos + 1] == ' ') pos = skip_spaces(line, pos + 1);
    return LeadingTimestamp{seconds, pos};
}

std::optional<SpeakerPrefix> parse_speaker_prefix(std::string_view line) {
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    if (line.substr(colon + 1, 2) == "//") return std::nullopt;    // a URL
    const std::string_view name = util::trim_blanks(line.substr(0, colon));
    if (name.empty()) return std::nullopt;
    if (util::count_chars(name) > max_speaker_chars) return std::nullopt;
    size_t words = 1;
    for (char c : name) words += c == ' ';
    if (words > max_speaker_words) return std::nullopt;
    size_t pos = 0;
    if (!text::is_word_char(util::decode_utf8(name, pos)) || is_digit(name.front())) return std::nullopt;
    for (char c : name)
        if (c == '.' || c == '?' || c == '!' || c == ',' || c == '"' || c == ';') return std::nullopt;
    size_t text_offset = colon + 1;
    if (text_offset < line.size() && line[text_offset] == ' ') ++text_offset;
    text_offset = skip_spaces(line, text_offset);
    return SpeakerPrefix{std::string(name), text_offset};
}

void parse_plain_text(const std::string& path, std::string_view text, const ReadOptions&, ReadResult& out) {
    // Conversations are handed over as the file is read, one behind: a conversation's id says
    // whether the file holds more than one, known once the next one has a turn.
    core::Conversation conversation;
    std::optional<core::Conversation> previous;
    size_t handed = 0;
    const auto hand_over = [&](core::Conversation& done, bool more) {
        done.id = conversation_id(path, handed, more || handed > 0 ? handed + 2 : 1);
        ++handed;
        out.add(std::move(done));
    };
    uint32_t line_number = 0;
    // Characters in the last turn's text so far: a turn continued over thousands of lines (a pasted
    // log) is not counted again for each of them.
    size_t last_turn_chars = std::string::npos;
    size_t start = 0;
    bool warned_long_line = false;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        ++line_number;
        start = end + 1;
        // A line of megabytes is no chat line (a dump, an export without line ends): it is read,
        // as one turn, and said once per file.
        if (line.size() >= long_line_bytes && !warned_long_line) {
            warned_long_line = true;
            out.problems.push_back({path, fmt::format("line {}: one line of {}: read as one turn", line_number,
                                                      util::describe_size(line.size())),
                                    true});
        }
        if (util::trim_blanks(line).empty()) {
            if (end == text.size()) break;
            continue;
        }
        if (is_separator(line)) {
            if (!conversation.turns.empty()) {
                previous = std::move(conversation);
                conversation = {};
            }
            continue;
        }
        size_t offset = 0;
        std::optional<double> seconds;
        if (const auto stamp = parse_leading_timestamp(line)) {
            seconds = stamp->seconds;
            offset = stamp->length;
        }
        const auto speaker = parse_speaker_prefix(line.substr(offset));
        if (!speaker && !seconds && !conversation.turns.empty()) {
            // A continuation of the previous turn.
            core::Turn& turn = conversation.turns.back();
            if (last_turn_chars == std::string::npos) last_turn_chars = util::count_chars(turn.text);
            const size_t text_start = skip_spaces(line, 0);
            turn.text += '\n';
            ++last_turn_chars;
            turn.pieces.push_back({static_cast<uint32_t>(last_turn_chars), line_number,
                                   static_cast<uint32_t>(util::count_chars(line.substr(0, text_start)) + 1)});
            turn.text.append(line.substr(text_start));
            last_turn_chars += util::count_chars(line.substr(text_start));
            continue;
        }
        core::Turn turn;
        size_t text_start = skip_spaces(line, offset);
        if (speaker) {
            turn.speaker = speaker->speaker;
            text_start = offset + speaker->text_offset;
        }
        turn.seconds = seconds;
        turn.text.assign(line.substr(text_start));
        last_turn_chars = std::string::npos;    // counted if a continuation line comes
        turn.pieces.push_back({0, line_number, static_cast<uint32_t>(util::count_chars(line.substr(0, text_start)) + 1)});
        if (conversation.turns.empty()) {
            conversation.first_line = line_number;
            if (previous) {
                hand_over(*previous, true);
                previous.reset();
            }
        }
        conversation.turns.push_back(std::move(turn));
        if (end == text.size()) break;
    }
    if (previous) hand_over(*previous, false);
    if (!conversation.turns.empty() || handed == 0) hand_over(conversation, false);
}

}  // namespace qalint::read
