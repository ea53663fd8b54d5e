#pragma once
// Transcripts exported as JSON: Amazon Connect Contact Lens (chat and voice), Amazon
// Transcribe with speaker labels, and generic JSON / JSONL with the usual field names.

#include <string>
#include <string_view>

#include "read/reader.hpp"

namespace qalint::read {

bool claims_contact_lens(std::string_view path, std::string_view head);
bool claims_transcribe(std::string_view path, std::string_view head);
bool claims_json(std::string_view path, std::string_view head);

// Transcript[] with ParticipantId / ParticipantRole; EVENT entries and SYSTEM messages skipped.
void parse_contact_lens(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);
// results.items words grouped into turns by speaker label (spk_0, spk_1 …) or channel.
void parse_transcribe(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);
// Any JSON: the shapes above when recognised, else conversations found by field names;
// JSON Lines (one value per line) by extension .jsonl/.ndjson or by content.
void parse_json(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

}  // namespace qalint::read
