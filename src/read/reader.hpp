#pragma once
// Every input format yields the same model: conversations of turns. A reader knows
// nothing of rules; it only reads.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "read/roles.hpp"

namespace qalint::read {

struct ReadOptions {
    std::string format = "auto";    // "auto" or a FormatReader name
    SpeakerRoles roles;
    bool as_macro = false;          // configuration named this file a macro
};

struct ReadResult {
    std::vector<core::Conversation> conversations;
    std::vector<core::InputError> problems;    // errors make the run exit 2; warnings do not
};

// One input format. `claims` looks at the file name and the first bytes of its text.
struct FormatReader {
    const char* name;
    const char* description;
    bool (*claims)(std::string_view path, std::string_view head);
    // Parses decoded UTF-8 text ('\n' line ends). Errors name the line or byte offset.
    void (*parse)(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);
};

// All formats, most specific first; the last one ("text") claims everything.
std::span<const FormatReader> format_readers();
const FormatReader* find_format(std::string_view name);

// Decodes and parses one input. `path` is what reports show ("-" for stdin).
ReadResult read_input(const std::string& path, std::string_view bytes, const ReadOptions& options);

// The conversation id for the n-th (0-based) of `count` conversations in a file.
std::string conversation_id(const std::string& path, size_t index, size_t count);

}  // namespace qalint::read
