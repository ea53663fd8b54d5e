#pragma once
// The default transcript format (SPEC §4): "[00:01:23] Speaker: text" per line,
// continuation lines, "---" between conversations.

#include <optional>
#include <string>
#include <string_view>

#include "read/reader.hpp"

namespace qalint::read {

void parse_plain_text(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

// A leading "[00:01:23]", "00:01:23", "12:04" or "[2024-05-01 12:04:05]": seconds since midnight
// or the call's start, and how many bytes it took (with the spaces after it).
struct LeadingTimestamp {
    double seconds = 0;
    size_t length = 0;
};
std::optional<LeadingTimestamp> parse_leading_timestamp(std::string_view line);

// "Speaker: text" → the speaker and the byte offset of the text; nullopt when the line has no speaker.
struct SpeakerPrefix {
    std::string speaker;
    size_t text_offset = 0;
};
std::optional<SpeakerPrefix> parse_speaker_prefix(std::string_view line);

}  // namespace qalint::read
