#pragma once
// SubRip (.srt) transcripts.

#include <string>
#include <string_view>

#include "read/reader.hpp"

namespace qalint::read {

bool claims_srt(std::string_view path, std::string_view head);

// Numbered cues, "00:00:33,843 --> 00:00:38,097" timings; the speaker from a "Name:"
// prefix or a voice span; a cue without one continues the previous speaker.
void parse_srt(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

}  // namespace qalint::read
