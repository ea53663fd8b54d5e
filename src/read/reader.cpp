#include "read/reader.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "read/decode.hpp"
#include "read/plain_text.hpp"

namespace qalint::read {

namespace {

bool claims_anything(std::string_view, std::string_view) { return true; }

const FormatReader readers[] = {
    {"text", "plain text, one turn per line: [timestamp] Speaker: text", claims_anything, parse_plain_text},
};

}  // namespace

std::span<const FormatReader> format_readers() { return readers; }

const FormatReader* find_format(std::string_view name) {
    for (const auto& reader : format_readers())
        if (name == reader.name) return &reader;
    return nullptr;
}

std::string conversation_id(const std::string& path, size_t index, size_t count) {
    std::string stem = path == "-" ? "stdin" : std::filesystem::path(path).stem().string();
    if (count <= 1) return stem;
    return fmt::format("{}#{}", stem, index + 1);
}

ReadResult read_input(const std::string& path, std::string_view bytes, const ReadOptions& options) {
    ReadResult result;
    std::vector<std::string> warnings;
    auto text = decode_text(bytes, warnings);
    for (auto& warning : warnings) result.problems.push_back({path, std::move(warning), true});
    if (!text) {
        result.problems.push_back({path, text.error(), false});
        return result;
    }
    const FormatReader* reader = nullptr;
    if (options.format != "auto") {
        reader = find_format(options.format);
    } else {
        const std::string_view head = std::string_view(*text).substr(0, 4096);
        for (const auto& candidate : format_readers()) {
            if (candidate.claims(path, head)) {
                reader = &candidate;
                break;
            }
        }
    }
    if (!reader) {
        result.problems.push_back({path, fmt::format("unknown input format '{}'", options.format), false});
        return result;
    }
    reader->parse(path, *text, options, result);
    std::erase_if(result.conversations, [](const core::Conversation& c) { return c.turns.empty(); });
    if (result.conversations.empty() && result.problems.empty())
        result.problems.push_back({path, fmt::format("no conversation found (read as {})", reader->name), true});
    for (auto& conversation : result.conversations) {
        conversation.file = path;
        if (options.as_macro) conversation.source = core::Source::macro;
        assign_roles(conversation, options.roles);
    }
    return result;
}

}  // namespace qalint::read
