#include "read/webvtt.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "read/cues.hpp"
#include "read/detect.hpp"

namespace qalint::read {
namespace {

bool starts_block(std::string_view line, std::string_view keyword) {
    return line.substr(0, keyword.size()) == keyword &&
           (line.size() == keyword.size() || line[keyword.size()] == ' ' || line[keyword.size()] == '\t');
}

}  // namespace

bool claims_webvtt(std::string_view path, std::string_view head) {
    return has_extension(path, {".vtt"}) || head.substr(0, 6) == "WEBVTT";
}

void parse_webvtt(const std::string& path, std::string_view text, const ReadOptions&, ReadResult& out) {
    const auto blocks = split_blocks(text);
    const bool has_header = !blocks.empty() && blocks[0][0].text.substr(0, 6) == "WEBVTT";
    if (!has_header) out.problems.push_back({path, "line 1: no WEBVTT header, read as WebVTT anyway", true});
    CueTurns turns;
    size_t stray_blocks = 0;
    uint32_t first_stray_line = 0;
    for (size_t b = 0; b < blocks.size(); ++b) {
        const auto& block = blocks[b];
        const std::string_view head = block[0].text;
        if (starts_block(head, "NOTE") || starts_block(head, "STYLE") || starts_block(head, "REGION")) continue;
        // The timing line is the first or, after a cue identifier, the second; the header
        // block may run straight into a cue.
        const size_t search = b == 0 && has_header ? block.size() : std::min<size_t>(block.size(), 2);
        size_t timing = block.size();
        for (size_t i = 0; i < search; ++i) {
            if (block[i].text.find("-->") != std::string_view::npos) {
                timing = i;
                break;
            }
        }
        if (timing == block.size()) {
            if (b == 0 && has_header) continue;
            if (stray_blocks++ == 0) first_stray_line = block[0].number;
            continue;
        }
        bool malformed = false;
        const auto seconds = parse_cue_timing(block[timing].text, malformed);
        if (!seconds) {
            out.problems.push_back({path,
                                    fmt::format("line {}: malformed cue timing '{}'", block[timing].number,
                                                block[timing].text.substr(0, 80)),
                                    false});
            continue;
        }
        turns.add_payload(block, timing + 1, seconds);
    }
    if (stray_blocks)
        out.problems.push_back({path,
                                fmt::format("line {}: {} block{} without a cue timing skipped", first_stray_line,
                                            stray_blocks, stray_blocks == 1 ? "" : "s"),
                                true});
    out.conversations.push_back(turns.take(conversation_id(path, 0, 1)));
}

}  // namespace qalint::read
