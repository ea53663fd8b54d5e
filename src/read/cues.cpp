#include "read/cues.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "read/html.hpp"
#include "read/plain_text.hpp"
#include "util/utf8.hpp"
#include "util/strings.hpp"

namespace qalint::read {
namespace {

}  // namespace

std::optional<double> parse_cue_time(std::string_view text) {
    double parts[3] = {0, 0, 0};
    size_t count = 0;
    size_t pos = 0;
    double fraction = 0;
    while (true) {
        if (count == 3) return std::nullopt;
        size_t digits = 0;
        double value = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < 9) {
            value = value * 10 + (text[pos] - '0');
            ++pos, ++digits;
        }
        if (digits == 0) return std::nullopt;
        parts[count++] = value;
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            continue;
        }
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            ++pos;
            double scale = 0.1;
            size_t fraction_digits = 0;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && fraction_digits < 9) {
                fraction += (text[pos] - '0') * scale;
                scale /= 10;
                ++pos, ++fraction_digits;
            }
            if (fraction_digits == 0) return std::nullopt;
        }
        break;
    }
    if (pos != text.size() || count < 2) return std::nullopt;
    if (count == 2) return parts[0] * 60 + parts[1] + fraction;
    return parts[0] * 3600 + parts[1] * 60 + parts[2] + fraction;
}

std::optional<double> parse_cue_timing(std::string_view line, bool& malformed) {
    malformed = false;
    const size_t arrow = line.find("-->");
    if (arrow == std::string_view::npos) return std::nullopt;
    const auto start = parse_cue_time(util::trim_blanks(line.substr(0, arrow)));
    std::string_view rest = util::trim_blanks(line.substr(arrow + 3));
    rest = rest.substr(0, rest.find_first_of(" \t"));
    if (!start || !parse_cue_time(rest)) {
        malformed = true;
        return std::nullopt;
    }
    return start;
}

void append_cue_line(std::string_view line, uint32_t line_number, uint32_t column, TurnText& out, std::string& voice) {
    size_t run_start = 0;
    size_t pos = 0;
    const auto flush = [&](size_t end) {
        if (end > run_start) out.append_source(line.substr(run_start, end - run_start), line_number, column);
        for (size_t i = run_start; i < end; ++i)
            if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
    };
    const auto skip = [&](size_t length) {
        for (size_t i = pos; i < pos + length; ++i)
            if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
        pos += length;
        run_start = pos;
    };
    while (pos < line.size()) {
        if (line[pos] == '<') {
            const size_t close = line.find('>', pos);
            if (close == std::string_view::npos) {
                ++pos;
                continue;
            }
            flush(pos);
            const std::string_view tag = line.substr(pos + 1, close - pos - 1);
            if (voice.empty() && tag.size() > 1 && tag[0] == 'v' && (tag[1] == ' ' || tag[1] == '.')) {
                const size_t space = tag.find(' ');
                if (space != std::string_view::npos) voice = std::string(util::trim_blanks(tag.substr(space + 1)));
            }
            skip(close - pos + 1);
        } else if (line[pos] == '&') {
            if (const auto entity = decode_entity(line.substr(pos))) {
                flush(pos);
                out.append_mapped(entity->text, line_number, column);
                skip(entity->length);
            } else {
                ++pos;
            }
        } else {
            ++pos;
        }
    }
    flush(pos);
}

std::vector<std::vector<CueLine>> split_blocks(std::string_view text) {
    std::vector<std::vector<CueLine>> blocks;
    bool in_block = false;
    uint32_t number = 0;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        ++number;
        start = end + 1;
        if (util::trim_blanks(line).empty()) {
            in_block = false;
            continue;
        }
        if (!in_block) blocks.emplace_back();
        in_block = true;
        blocks.back().push_back({line, number});
    }
    return blocks;
}

namespace {

// Teams' "metadataContent" transcripts carry a JSON object per cue.
bool add_teams_json(const CueLine& line, TurnText& text, std::string& speaker) {
    const std::string_view raw = util::trim_blanks(line.text);
    if (raw.empty() || raw.front() != '{' || raw.find("\"spokenText\"") == std::string_view::npos) return false;
    const auto payload = nlohmann::json::parse(raw, nullptr, false);
    if (!payload.is_object() || !payload.contains("spokenText") || !payload["spokenText"].is_string()) return false;
    const auto& spoken = payload["spokenText"].get_ref<const std::string&>();
    if (payload.contains("speakerName") && payload["speakerName"].is_string())
        speaker = payload["speakerName"].get<std::string>();
    const size_t key = line.text.find("\"spokenText\"");
    const size_t at = line.text.find(spoken, key);
    if (!spoken.empty() && at != std::string_view::npos) {
        const auto column = static_cast<uint32_t>(util::count_chars(line.text.substr(0, at)) + 1);
        text.append_source(spoken, line.number, column);
    } else {
        text.append_mapped(spoken, line.number, 1);
    }
    return true;
}

}  // namespace

void CueTurns::add_payload(const std::vector<CueLine>& lines, size_t first, std::optional<double> seconds) {
    if (first >= lines.size()) return;
    TurnText text;
    std::string speaker;
    if (first + 1 == lines.size() && add_teams_json(lines[first], text, speaker)) {
        const bool has_speaker = !speaker.empty();
        add(std::move(speaker), has_speaker, std::move(text), seconds);
        return;
    }
    for (size_t i = first; i < lines.size(); ++i) {
        std::string_view line = lines[i].text;
        uint32_t column = 1;
        if (i == first && !line.empty() && line.front() != '<') {
            if (const auto prefix = parse_speaker_prefix(line)) {
                speaker = prefix->speaker;
                column += static_cast<uint32_t>(util::count_chars(line.substr(0, prefix->text_offset)));
                line.remove_prefix(prefix->text_offset);
            }
        }
        if (i > first && !text.empty()) text.append_separator("\n");
        std::string voice;
        append_cue_line(line, lines[i].number, column, text, voice);
        if (speaker.empty() && !voice.empty()) speaker = std::move(voice);
    }
    const bool has_speaker = !speaker.empty();
    add(std::move(speaker), has_speaker, std::move(text), seconds);
}

void CueTurns::add(std::string speaker, bool has_speaker, TurnText&& text, std::optional<double> seconds) {
    if (text.empty()) return;
    auto& turns = m_conversation.turns;
    const bool continues = !turns.empty() && (!has_speaker || (m_has_speaker && turns.back().speaker == speaker));
    core::Turn turn;
    text.move_into(turn);
    if (continues) {
        core::Turn& last = turns.back();
        const auto offset = static_cast<uint32_t>(m_last_chars + 1);
        last.text += '\n';
        last.text += turn.text;
        m_last_chars += 1 + util::count_chars(turn.text);
        for (auto piece : turn.pieces) {
            piece.text_offset += offset;
            last.pieces.push_back(piece);
        }
        return;
    }
    turn.speaker = std::move(speaker);
    turn.seconds = seconds;
    m_has_speaker = has_speaker;
    m_last_chars = util::count_chars(turn.text);
    if (turns.empty()) m_conversation.first_line = turn.line();
    turns.push_back(std::move(turn));
}

core::Conversation CueTurns::take(const std::string& id) {
    m_conversation.id = id;
    core::Conversation out = std::move(m_conversation);
    m_conversation = core::Conversation{};
    m_has_speaker = false;
    m_last_chars = 0;
    return out;
}

void read_cue_blocks(const std::string& path, const std::vector<std::vector<CueLine>>& blocks,
                     const CueFormat& format, ReadResult& out) {
    CueTurns turns;
    size_t stray_blocks = 0;
    uint32_t first_stray_line = 0;
    for (size_t b = 0; b < blocks.size(); ++b) {
        const auto& block = blocks[b];
        if (format.is_comment && format.is_comment(block[0].text)) continue;
        const bool header = b == 0 && format.header;
        const size_t search = header ? block.size() : std::min<size_t>(block.size(), 2);
        size_t timing = block.size();
        for (size_t i = 0; i < search; ++i) {
            if (block[i].text.find("-->") != std::string_view::npos) {
                timing = i;
                break;
            }
        }
        if (timing == block.size()) {
            if (header) continue;
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
    out.add(turns.take(conversation_id(path, 0, 1)));
}

}  // namespace qalint::read
