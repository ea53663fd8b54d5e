#pragma once
// Every input format yields the same model: conversations of turns. A reader knows
// nothing of rules; it only reads.

#include <functional>
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
    std::string encoding;           // --encoding: what bytes that are not UTF-8 are in ("" detects it)
    // Found by a folder walk, not named: a file that is not of the shape its name promises (a YAML
    // file holding no macros) is skipped with a warning instead of being an error.
    bool walked = false;
};

struct ReadResult {
    std::vector<core::Conversation> conversations;
    std::vector<core::InputError> problems;    // errors make the run exit 2; warnings do not
    // The file was not read (binary, qalint's own report, YAML that holds no macros): the problem
    // saying so is all there is to report of it, its inline suppressions included.
    bool skipped = false;
    // Where readers hand each conversation as it is complete (read_input sets it); without one,
    // it goes into `conversations`.
    std::function<void(core::Conversation&&)> sink;
    void add(core::Conversation&& conversation) {
        if (sink) sink(std::move(conversation));
        else conversations.push_back(std::move(conversation));
    }
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

// Decodes and parses one input. `path` is what reports show ("-" for stdin). With `each`, every
// conversation goes there, in file order, as soon as it is read (the plain-text reader hands them
// over one by one, so an export of thousands is never held whole) and the result holds only the
// problems; an error found later in the file does not take back what was handed over, so readers
// that can fail part-way collect first.
ReadResult read_input(const std::string& path, std::string_view bytes, const ReadOptions& options,
                      const std::function<void(core::Conversation&&)>& each = nullptr);

// The conversation id for the n-th (0-based) of `count` conversations in a file.
std::string conversation_id(const std::string& path, size_t index, size_t count);

}  // namespace qalint::read
