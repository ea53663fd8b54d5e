#pragma once
// WebVTT transcripts (Microsoft Teams, Zoom, meeting recorders).

#include <string>
#include <string_view>

#include "read/reader.hpp"

namespace qalint::read {

bool claims_webvtt(std::string_view path, std::string_view head);

// Cues with optional identifiers; speakers from <v Name> voice spans (closed or not), a
// "Name:" prefix, or Teams' JSON cue payload {"speakerName", "spokenText"}; NOTE, STYLE and
// REGION blocks skipped; timestamps padded or not (Teams writes 0:0:0.0).
void parse_webvtt(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

}  // namespace qalint::read
