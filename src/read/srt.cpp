#include "read/srt.hpp"

#include <fmt/format.h>

#include "read/cues.hpp"
#include "read/detect.hpp"

namespace qalint::read {

bool claims_srt(std::string_view path, std::string_view head) {
    if (has_extension(path, {".srt"})) return true;
    // "1\n00:00:01,000 --> 00:00:02,000" at the very start.
    const size_t first_end = head.find('\n');
    if (first_end == std::string_view::npos || first_end == 0 || first_end > 8) return false;
    for (size_t i = 0; i < first_end; ++i)
        if (head[i] < '0' || head[i] > '9') return false;
    const std::string_view second = head.substr(first_end + 1, head.find('\n', first_end + 1) - first_end - 1);
    bool malformed = false;
    return second.find(',') != std::string_view::npos && parse_cue_timing(second, malformed).has_value();
}

void parse_srt(const std::string& path, std::string_view text, const ReadOptions&, ReadResult& out) {
    CueTurns turns;
    size_t stray_blocks = 0;
    uint32_t first_stray_line = 0;
    for (const auto& block : split_blocks(text)) {
        // "12" then "00:00:33,843 --> 00:00:38,097"; some exporters leave the number out.
        size_t timing = block.size();
        for (size_t i = 0; i < block.size() && i < 2; ++i) {
            if (block[i].text.find("-->") != std::string_view::npos) {
                timing = i;
                break;
            }
        }
        if (timing == block.size()) {
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
