// JSON and JSON Lines transcripts without a vendor schema: conversations are found by the
// field names support tools and data sets use (conversation_id/id, turns/messages,
// speaker/role/author, text/content/message, timestamp/time). ABCD's [[role, text], …],
// TweetSumm's is_agent + sentences and Harper Valley's speaker_role + human_transcript
// fall out of the same names.

#include <fmt/format.h>

#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "read/detect.hpp"
#include "read/json_input.hpp"
#include "read/json_transcripts.hpp"
#include "util/strings.hpp"

namespace qalint::read {
namespace {

constexpr std::array<std::string_view, 12> id_fields = {"conversation_id", "conversationId", "convo_id",  "dialog_id",
                                                        "dialogue_id",     "session_id",     "chat_id",   "call_id",
                                                        "contact_id",      "ticket_id",      "thread_id", "sid"};
constexpr std::array<std::string_view, 13> id_fields_or_id = {
    "conversation_id", "conversationId", "convo_id",  "dialog_id", "dialogue_id", "session_id", "chat_id",
    "call_id",         "contact_id",     "ticket_id", "thread_id", "sid",         "id"};
constexpr std::array<std::string_view, 12> turns_fields = {"turns",        "messages", "utterances", "transcript",
                                                           "conversation", "dialog",   "dialogue",   "original",
                                                           "chat",         "lines",    "entries",    "history"};
constexpr std::array<std::string_view, 12> container_fields = {"conversations", "dialogs",  "dialogues", "data",
                                                               "chats",         "records",  "calls",     "tickets",
                                                               "transcripts",   "sessions", "items",     "results"};
constexpr std::array<std::string_view, 12> speaker_fields = {"speaker", "author",         "participant",   "from",
                                                             "sender",  "speaker_name",   "display_name",  "name",
                                                             "user",    "participant_id", "speaker_label", "who"};
constexpr std::array<std::string_view, 8> role_fields = {"role",        "speaker_role", "participant_role",
                                                         "author_role", "sender_type",  "speaker_type",
                                                         "user_type",   "author_type"};
constexpr std::array<std::string_view, 12> text_fields = {
    "text",       "content",   "message", "utterance", "body",          "human_transcript",
    "transcript", "sentences", "msg",     "value",     "transcription", "comment"};
constexpr std::array<std::string_view, 10> time_fields = {"timestamp",  "time",   "start", "start_time", "ts",
                                                          "created_at", "offset", "begin", "datetime",   "date"};
constexpr std::array<std::string_view, 9> role_or_type_fields = {"role",        "speaker_role", "participant_role",
                                                                 "author_role", "sender_type",  "speaker_type",
                                                                 "user_type",   "author_type",  "type"};
constexpr std::array<std::string_view, 3> is_agent_fields = {"is_agent", "isAgent", "from_agent"};
constexpr std::array<std::string_view, 3> name_fields = {"name", "display_name", "id"};

constexpr size_t max_line_errors = 20;

// Entries that are not anyone speaking: actions, events, notes.
bool is_not_speech(std::string_view role) {
    std::string folded;
    for (char c : role) folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    return folded == "system" || folded == "action" || folded == "event" || folded == "note" || folded == "internal" ||
           folded == "log" || folded == "metadata";
}

bool is_text_value(const nlohmann::json* value) {
    if (!value) return false;
    if (value->is_string()) return true;
    return value->is_array() && !value->empty() && (*value)[0].is_string();
}

const nlohmann::json* turns_of(const nlohmann::json& object, int depth = 0) {
    if (!object.is_object()) return nullptr;
    if (const auto* turns = find_field(object, turns_fields); turns && turns->is_array()) return turns;
    if (depth > 0) return nullptr;
    // One level down: TweetSumm keeps its turns in "dialog": {"dialog_id", "turns"}.
    for (const auto& [key, value] : object.items())
        if (value.is_object())
            if (const auto* turns = turns_of(value, depth + 1)) return turns;
    return nullptr;
}

std::string id_of(const nlohmann::json& object) {
    std::string id = field_text(object, id_fields_or_id);
    if (!id.empty()) return id;
    for (const auto& [key, value] : object.items())
        if (value.is_object() && turns_of(value, 1)) return field_text(value, id_fields_or_id);
    return {};
}

class GenericReader {
public:
    explicit GenericReader(JsonSource& source) : m_source(source) {}

    void document(const nlohmann::json& value, int depth = 0) {
        if (depth > 4) return;
        if (value.is_array()) {
            if (is_turn_list(value)) {
                for (const auto& item : value) loose_turn(item);
                return;
            }
            for (const auto& item : value)
                if (item.is_object()) document(item, depth + 1);
            return;
        }
        if (!value.is_object()) return;
        if (const auto* turns = turns_of(value)) {
            conversation(id_of(value), *turns);
        } else if (const auto* container = find_field(value, container_fields);
                   container && (container->is_array() || container->is_object())) {
            document(*container, depth + 1);
        } else if (is_text_value(find_field(value, text_fields))) {
            loose_turn(value);
        }
    }

    // A JSON Lines line: a whole conversation, or one turn of one.
    void line(const nlohmann::json& value) {
        if (value.is_object() && turns_of(value))
            conversation(id_of(value), *turns_of(value));
        else
            loose_turn(value);
    }

    void finish() { hand_over(true); }

    // Hands over, in order, the conversations that are complete: one given whole (a JSON Lines line
    // of its own) is, one gathered from loose turns only at the end (more may come). The last is
    // held back until another follows, as its id says whether the file holds more than one.
    void hand_over(bool at_end) {
        const size_t count = m_conversations.size();
        for (; m_handed < count && (at_end || (m_complete[m_handed] && m_handed + 1 < count)); ++m_handed) {
            auto& conversation = m_conversations[m_handed];
            if (conversation.id.empty()) conversation.id = conversation_id(m_source.path, m_handed, count);
            if (!conversation.turns.empty()) conversation.first_line = conversation.turns.front().line();
            m_source.out.add(std::move(conversation));
            conversation = {};
        }
    }

private:
    static bool is_turn_list(const nlohmann::json& array) {
        for (const auto& item : array) {
            if (item.is_array()) return item.size() >= 2 && item[0].is_string() && item[1].is_string();
            if (item.is_object()) return !turns_of(item) && is_text_value(find_field(item, text_fields));
        }
        return false;
    }

    core::Conversation& conversation_named(const std::string& id) {
        const auto found = m_by_id.find(id);
        if (found != m_by_id.end()) return m_conversations[found->second];
        m_by_id[id] = m_conversations.size();
        m_conversations.emplace_back().id = id;
        m_complete.push_back(0);
        return m_conversations.back();
    }

    void conversation(const std::string& id, const nlohmann::json& turns) {
        // Conversations given as objects stay apart even when their ids repeat.
        m_conversations.emplace_back().id = id;
        m_complete.push_back(1);
        const size_t index = m_conversations.size() - 1;
        for (const auto& item : turns) add_turn(m_conversations[index], item);
    }

    void loose_turn(const nlohmann::json& item) {
        const std::string id = item.is_object() ? field_text(item, id_fields) : std::string();
        add_turn(conversation_named(id), item);
    }

    void add_turn(core::Conversation& conversation, const nlohmann::json& item) {
        core::Turn turn;
        std::string role;
        const nlohmann::json* text = nullptr;
        if (item.is_array() && item.size() >= 2 && item[0].is_string() && item[1].is_string()) {
            role = item[0].get<std::string>();  // ABCD: ["agent", "Hi!"]
            text = &item[1];
        } else if (item.is_object()) {
            text = find_field(item, text_fields);
            turn.speaker = speaker_of(item, role);
            if (const auto* time = find_field(item, time_fields)) turn.seconds = parse_time_value(*time);
        }
        if (!is_text_value(text)) return;
        if (is_not_speech(role) || (role.empty() && is_not_speech(turn.speaker))) return;
        if (!role.empty()) {
            turn.role = m_source.options.roles.role_of(role);
            if (turn.speaker.empty()) turn.speaker = role;
        }
        TurnText builder;
        if (text->is_string()) {
            m_source.locator.append(text->get<std::string>(), builder);
        } else {
            for (const auto& sentence : *text) {
                if (!sentence.is_string()) continue;
                if (!builder.empty()) builder.append_separator(" ");
                m_source.locator.append(sentence.get<std::string>(), builder);
            }
        }
        builder.move_into(turn);
        if (!turn.text.empty()) conversation.turns.push_back(std::move(turn));
    }

    // The speaker's name; `role` gets the role word when the format has one.
    static std::string speaker_of(const nlohmann::json& item, std::string& role) {
        if (const auto* is_agent = find_field(item, is_agent_fields); is_agent && is_agent->is_boolean())
            role = is_agent->get<bool>() ? "agent" : "customer";
        if (const auto* value = find_field(item, role_fields); value && value->is_string())
            role = value->get<std::string>();
        const nlohmann::json* speaker = find_field(item, speaker_fields);
        if (speaker && speaker->is_object()) {
            // "author": {"name": "Rūta", "role": "agent"}
            if (role.empty()) role = field_text(*speaker, role_or_type_fields);
            return field_text(*speaker, name_fields);
        }
        return speaker ? field_text(item, speaker_fields) : std::string();
    }

    JsonSource& m_source;
    std::vector<core::Conversation> m_conversations;    // those handed over are left empty
    std::vector<uint8_t> m_complete;                    // per conversation: no more turns can come
    size_t m_handed = 0;
    std::map<std::string, size_t> m_by_id;
};

// JSON Lines by extension, or a first line that is a whole value followed by another.
bool is_json_lines(std::string_view path, std::string_view text) {
    if (has_extension(path, {".jsonl", ".ndjson"})) return true;
    const size_t first_end = text.find('\n');
    if (first_end == std::string_view::npos) return false;
    const std::string_view first = util::trim_blanks(text.substr(0, first_end));
    if (first.size() < 2 || first.front() != '{' || first.back() != '}') return false;
    const size_t next = text.find_first_not_of(" \t\n", first_end);
    return next != std::string_view::npos && text[next] == '{';
}

void read_json_lines(JsonSource& source) {
    GenericReader reader(source);
    const std::string_view text = source.text;
    size_t errors = 0;
    uint32_t number = 0;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        ++number;
        const size_t line_start = start;
        start = end + 1;
        if (util::trim_blanks(line).empty()) continue;
        ReadResult line_problems;
        const auto value = parse_json_document(source.path, line, line_problems, line_start, number);
        if (!value) {
            if (errors++ < max_line_errors)
                for (auto& problem : line_problems.problems) source.out.problems.push_back(std::move(problem));
            continue;
        }
        source.locator.skip_to(line_start);
        reader.line(*value);
        reader.hand_over(false);
    }
    if (errors > max_line_errors)
        source.out.problems.push_back(
            {source.path, fmt::format("{} more invalid lines not listed", errors - max_line_errors), false});
    reader.finish();
}

}  // namespace

bool claims_json(std::string_view path, std::string_view head) {
    if (has_extension(path, {".json", ".jsonl", ".ndjson"})) return true;
    const std::string_view start = skip_leading_space(head);
    if (start.size() < 2) return false;
    const std::string_view rest = skip_leading_space(start.substr(1));
    const char next = rest.empty() ? ' ' : rest.front();
    // "[00:01:23] Agent: …" is a plain-text transcript, not a JSON array.
    if (start.front() == '{') return next == '"' || next == '}';
    if (start.front() == '[') return next == '{' || next == '[' || next == '"' || next == ']';
    return false;
}

void read_generic_document(const nlohmann::json& document, JsonSource& source) {
    GenericReader reader(source);
    reader.document(document);
    reader.finish();
}

void parse_json(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out) {
    JsonSource source{path, text, options, out, JsonStringLocator(text)};
    if (is_json_lines(path, text)) {
        read_json_lines(source);
        return;
    }
    // An export — an array of conversations, at the top or under a field such as "conversations" —
    // is read a conversation at a time: each is taken as its object closes and left out of the
    // parsed document, so the file is never held as a JSON tree. At the top, each is handed over
    // at once (a file cut short keeps the conversations before the break); under a field, at the
    // end, once the rest of the document confirms the field is where GenericReader would look.
    GenericReader streamed(source);
    enum class Layout { unknown, conversations, other };
    Layout layout = Layout::unknown;
    const bool top_array = skip_leading_space(text).starts_with('[');
    std::string key, streamed_key;    // the top object's member being parsed; the one streamed
    bool in_container = false;        // parsing the elements of an array under a container field
    const nlohmann::json::parser_callback_t take_conversation = [&](int depth, nlohmann::json::parse_event_t event,
                                                                    nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (!top_array && depth == 1) {
            if (event == Event::key) key = parsed.get<std::string>();
            if (event == Event::array_start)
                in_container = layout != Layout::conversations &&
                               find_field(nlohmann::json{{key, nullptr}}, container_fields) != nullptr;
            if (event == Event::object_start) in_container = false;
            if (event == Event::array_end) {
                in_container = false;
                if (layout == Layout::other) layout = Layout::unknown;    // another array may be one
            }
            return true;
        }
        const int element_depth = top_array ? 1 : 2;
        if (depth != element_depth || (!top_array && !in_container) || layout == Layout::other) return true;
        if (event != Event::object_end && event != Event::array_end) return true;
        // The array's first element that is an object or an array decides, as GenericReader does.
        if (layout == Layout::unknown) {
            layout = event == Event::object_end && turns_of(parsed) ? Layout::conversations : Layout::other;
            if (layout == Layout::conversations) streamed_key = key;
        }
        if (layout != Layout::conversations || event != Event::object_end) return true;
        streamed.document(parsed, element_depth);
        if (top_array) streamed.hand_over(false);
        return false;
    };
    const auto document = parse_json_document(path, text, out, 0, 1, take_conversation);
    if (layout == Layout::conversations && top_array) {
        // What is left in the array is not an object: document() passes over those too.
        streamed.finish();
        return;
    }
    if (layout == Layout::conversations && document) {
        // The streaming moved the string locator on: whoever reads the file now starts it again.
        source.locator = JsonStringLocator(text);
        if (read_contact_lens_document(*document, source) || read_transcribe_document(*document, source) ||
            read_zendesk_document(*document, source))
            return;
        // GenericReader reads the top object as a conversation when it has turns, else the first
        // container field it knows: if that is the array streamed, its conversations are the file's.
        const nlohmann::json* chosen = turns_of(*document) ? nullptr : find_field(*document, container_fields);
        if (chosen && document->contains(streamed_key) && chosen == &(*document)[streamed_key]) {
            streamed.finish();
            return;
        }
        // Anything else (rare): read the file again as a whole.
        const auto whole = parse_json_document(path, text, out);
        if (whole) read_generic_document(*whole, source);
        return;
    }
    if (!document) return;
    if (read_contact_lens_document(*document, source) || read_transcribe_document(*document, source) ||
        read_zendesk_document(*document, source))
        return;
    read_generic_document(*document, source);
}

}  // namespace qalint::read
