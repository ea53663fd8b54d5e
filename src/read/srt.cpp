#include "read/srt.hpp"

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
    // "12" then "00:00:33,843 --> 00:00:38,097"; some exporters leave the number out.
    read_cue_blocks(path, split_blocks(text), CueFormat{}, out);
}

}  // namespace qalint::read
