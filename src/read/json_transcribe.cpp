// Amazon Transcribe batch output: results.items are words and punctuation; speaker
// diarization labels them spk_0, spk_1 … (on the item, or through speaker_labels.segments),
// channel identification ch_0, ch_1. Which label is the agent is not in the file: roles
// come from --agent/--customer, configuration, or the two-speaker heuristic.

#include <map>
#include <nlohmann/json.hpp>

#include "read/detect.hpp"
#include "read/json_input.hpp"
#include "read/json_transcripts.hpp"

namespace qalint::read {
namespace {

std::string string_of(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// start_time → label, from speaker_labels.segments[].items or channel_labels.channels[].items.
std::map<std::string, std::string> labels_by_start(const nlohmann::json& results) {
    std::map<std::string, std::string> labels;
    if (const auto speakers = results.find("speaker_labels"); speakers != results.end() && speakers->is_object()) {
        if (const auto segments = speakers->find("segments"); segments != speakers->end() && segments->is_array())
            for (const auto& segment : *segments)
                if (const auto items = segment.find("items");
                    segment.is_object() && items != segment.end() && items->is_array())
                    for (const auto& item : *items)
                        if (item.is_object()) labels[string_of(item, "start_time")] = string_of(item, "speaker_label");
    }
    if (const auto channels = results.find("channel_labels");
        labels.empty() && channels != results.end() && channels->is_object()) {
        if (const auto list = channels->find("channels"); list != channels->end() && list->is_array())
            for (const auto& channel : *list) {
                if (!channel.is_object()) continue;
                const std::string label = string_of(channel, "channel_label");
                if (const auto items = channel.find("items"); items != channel.end() && items->is_array())
                    for (const auto& item : *items)
                        if (item.is_object()) labels[string_of(item, "start_time")] = label;
            }
    }
    return labels;
}

std::string content_of(const nlohmann::json& item) {
    const auto alternatives = item.find("alternatives");
    if (alternatives == item.end() || !alternatives->is_array() || alternatives->empty()) return {};
    const auto& best = (*alternatives)[0];
    return best.is_object() ? string_of(best, "content") : std::string();
}

}  // namespace

bool claims_transcribe(std::string_view, std::string_view head) {
    const std::string_view start = skip_leading_space(head);
    if (start.empty() || start.front() != '{') return false;
    return head.find("\"results\"") != std::string_view::npos &&
           (head.find("\"speaker_labels\"") != std::string_view::npos ||
            head.find("\"transcripts\"") != std::string_view::npos ||
            head.find("\"jobName\"") != std::string_view::npos);
}

bool read_transcribe_document(const nlohmann::json& document, JsonSource& source) {
    if (!document.is_object()) return false;
    const auto results = document.find("results");
    if (results == document.end() || !results->is_object()) return false;
    const auto items = results->find("items");
    const auto transcripts = results->find("transcripts");
    if ((items == results->end() || !items->is_array()) && (transcripts == results->end() || !transcripts->is_array()))
        return false;

    core::Conversation conversation;
    conversation.id = conversation_id(source.path, 0, 1);
    const auto labels = labels_by_start(*results);
    TurnText text;
    core::Turn turn;
    const auto finish_turn = [&] {
        if (text.empty()) return;
        text.move_into(turn);
        if (conversation.turns.empty()) conversation.first_line = turn.line();
        conversation.turns.push_back(std::move(turn));
        turn = core::Turn{};
    };
    if (items != results->end() && items->is_array() && !items->empty()) {
        for (const auto& item : *items) {
            if (!item.is_object()) continue;
            const std::string word = content_of(item);
            if (word.empty()) continue;
            if (string_of(item, "type") == "punctuation") {
                source.locator.append(word, text);
                continue;
            }
            std::string label = string_of(item, "speaker_label");
            if (label.empty()) label = string_of(item, "channel_label");
            const std::string start = string_of(item, "start_time");
            if (label.empty())
                if (const auto found = labels.find(start); found != labels.end()) label = found->second;
            if (text.empty() || label != turn.speaker) {
                finish_turn();
                turn.speaker = label;
                if (!start.empty()) turn.seconds = parse_time_value(nlohmann::json(start));
            } else {
                text.append_separator(" ");
            }
            source.locator.append(word, text);
        }
        finish_turn();
    } else {
        for (const auto& entry : *transcripts) {
            if (!entry.is_object() || !entry.contains("transcript") || !entry["transcript"].is_string()) continue;
            source.locator.append(entry["transcript"].get<std::string>(), text);
            finish_turn();
        }
    }
    source.out.add(std::move(conversation));
    return true;
}

void parse_transcribe(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out) {
    const auto document = parse_json_document(path, text, out);
    if (!document) return;
    JsonSource source{path, text, options, out, JsonStringLocator(text)};
    if (!read_transcribe_document(*document, source))
        out.problems.push_back({path, "not an Amazon Transcribe file: no \"results\" with \"items\"", false});
}

}  // namespace qalint::read
