#include "read/webvtt.hpp"

#include "read/cues.hpp"
#include "read/detect.hpp"

namespace qalint::read {
namespace {

bool starts_block(std::string_view line, std::string_view keyword) {
    return line.substr(0, keyword.size()) == keyword &&
           (line.size() == keyword.size() || line[keyword.size()] == ' ' || line[keyword.size()] == '\t');
}

bool is_comment_block(std::string_view first_line) {
    return starts_block(first_line, "NOTE") || starts_block(first_line, "STYLE") || starts_block(first_line, "REGION");
}

}  // namespace

bool claims_webvtt(std::string_view path, std::string_view head) {
    return has_extension(path, {".vtt"}) || head.substr(0, 6) == "WEBVTT";
}

void parse_webvtt(const std::string& path, std::string_view text, const ReadOptions&, ReadResult& out) {
    const auto blocks = split_blocks(text);
    const bool has_header = !blocks.empty() && blocks[0][0].text.substr(0, 6) == "WEBVTT";
    if (!has_header) out.problems.push_back({path, "line 1: no WEBVTT header, read as WebVTT anyway", true});
    read_cue_blocks(path, blocks, CueFormat{has_header, is_comment_block}, out);
}

}  // namespace qalint::read
