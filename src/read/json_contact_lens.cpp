// Amazon Connect Contact Lens output: Transcript[] of chat messages (with EVENT entries for
// joins and leaves) or voice segments (BeginOffsetMillis), participants AGENT and CUSTOMER.

#include <map>
#include <nlohmann/json.hpp>

#include "read/detect.hpp"
#include "read/json_input.hpp"
#include "read/json_transcripts.hpp"

namespace qalint::read {
namespace {

core::Role role_of_participant(std::string_view role) {
    if (role == "AGENT") return core::Role::agent;
    if (role == "CUSTOMER") return core::Role::customer;
    return core::Role::unknown;
}

std::string string_of(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool claims_contact_lens(std::string_view, std::string_view head) {
    const std::string_view start = skip_leading_space(head);
    if (start.empty() || start.front() != '{') return false;
    return head.find("\"ParticipantRole\"") != std::string_view::npos ||
           head.find("\"ChatTranscriptVersion\"") != std::string_view::npos ||
           (head.find("\"Channel\"") != std::string_view::npos &&
            head.find("\"ContentMetadata\"") != std::string_view::npos);
}

bool read_contact_lens_document(const nlohmann::json& document, JsonSource& source) {
    if (!document.is_object()) return false;
    const auto transcript = document.find("Transcript");
    if (transcript == document.end() || !transcript->is_array()) return false;
    std::map<std::string, std::string> roles;  // ParticipantId → ParticipantRole
    if (const auto participants = document.find("Participants");
        participants != document.end() && participants->is_array())
        for (const auto& participant : *participants)
            if (participant.is_object())
                roles[string_of(participant, "ParticipantId")] = string_of(participant, "ParticipantRole");

    core::Conversation conversation;
    conversation.id = conversation_id(source.path, 0, 1);
    if (const auto metadata = document.find("CustomerMetadata"); metadata != document.end() && metadata->is_object())
        if (const std::string contact = string_of(*metadata, "ContactId"); !contact.empty()) conversation.id = contact;
    std::optional<double> first_time;
    for (const auto& item : *transcript) {
        if (!item.is_object()) continue;
        if (string_of(item, "Type") == "EVENT") continue;  // joined, left, typing …
        const auto content = item.find("Content");
        if (content == item.end() || !content->is_string()) continue;
        const std::string participant = string_of(item, "ParticipantId");
        std::string role = string_of(item, "ParticipantRole");
        if (role.empty() && roles.count(participant)) role = roles[participant];
        if (role.empty()) role = participant;
        // Queue and bot announcements are neither the agent nor the customer speaking.
        if (role == "SYSTEM" || role == "CUSTOM_BOT") continue;
        core::Turn turn;
        turn.speaker = string_of(item, "DisplayName");
        if (turn.speaker.empty()) turn.speaker = role;
        turn.role = role_of_participant(role);
        if (const auto begin = item.find("BeginOffsetMillis"); begin != item.end() && begin->is_number()) {
            turn.seconds = begin->get<double>() / 1000.0;
        } else if (const auto absolute = item.find("AbsoluteTime"); absolute != item.end()) {
            if (const auto clock = parse_time_value(*absolute)) {
                if (!first_time) first_time = clock;
                turn.seconds = *clock - *first_time;
            }
        }
        TurnText text;
        source.locator.append(content->get<std::string>(), text);
        text.move_into(turn);
        if (turn.text.empty()) continue;
        if (conversation.turns.empty()) conversation.first_line = turn.line();
        conversation.turns.push_back(std::move(turn));
    }
    source.out.add(std::move(conversation));
    return true;
}

void parse_contact_lens(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out) {
    const auto document = parse_json_document(path, text, out);
    if (!document) return;
    JsonSource source{path, text, options, out, JsonStringLocator(text)};
    if (!read_contact_lens_document(*document, source))
        out.problems.push_back({path, "not an Amazon Connect Contact Lens file: no \"Transcript\" list", false});
}

}  // namespace qalint::read
