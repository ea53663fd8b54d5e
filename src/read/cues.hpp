#pragma once
// What WebVTT and SRT share: cue timings, cue text with tags and entities, and cues
// merged into turns (consecutive cues of one speaker are one turn).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "read/reader.hpp"
#include "read/turn_text.hpp"

namespace qalint::read {

// "01:02:03.456", "02:03.456", Teams' unpadded "0:0:5.320", SRT's "00:00:33,843".
std::optional<double> parse_cue_time(std::string_view text);

// The start of "start --> end [settings]"; nullopt when the line is not a timing line.
// `malformed` is set when the line has "-->" but its start time cannot be read.
std::optional<double> parse_cue_timing(std::string_view line, bool& malformed);

// Appends one line of cue text without its tags (<v Name>, <i>, <c.x>, <00:01.000>),
// entities decoded. A voice span's name goes to `voice` when it is still empty.
void append_cue_line(std::string_view line, uint32_t line_number, uint32_t column, TurnText& out, std::string& voice);

struct CueLine {
    std::string_view text;
    uint32_t number = 0;
};
// The blocks of a cue file: runs of non-blank lines.
std::vector<std::vector<CueLine>> split_blocks(std::string_view text);

// What differs between WebVTT and SRT when their blocks are read.
struct CueFormat {
    bool header = false;    // the first block is a header (WEBVTT), which may run straight into a cue
    bool (*is_comment)(std::string_view first_line) = nullptr;    // NOTE, STYLE, REGION blocks
};

// Reads the cue blocks of one file into one conversation: the timing line is the first or,
// after a cue identifier, the second of a block; blocks without one are counted and reported
// once as a warning, a timing that cannot be read is an error naming its line.
void read_cue_blocks(const std::string& path, const std::vector<std::vector<CueLine>>& blocks,
                     const CueFormat& format, ReadResult& out);

class CueTurns {
public:
    // A cue without a speaker continues the previous turn.
    void add(std::string speaker, bool has_speaker, TurnText&& text, std::optional<double> seconds);
    // A cue's text lines: the speaker from a voice span, a "Name:" prefix or a Teams JSON payload.
    void add_payload(const std::vector<CueLine>& lines, size_t first, std::optional<double> seconds);
    core::Conversation take(const std::string& id);

private:
    core::Conversation m_conversation;
    bool m_has_speaker = false;
    size_t m_last_chars = 0;    // characters in the last turn's text: merging cues does not count them again
};

}  // namespace qalint::read
