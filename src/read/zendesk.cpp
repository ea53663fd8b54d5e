// Zendesk macro export: {"macros": [{"id", "title", "actions": [{"field": "comment_value" |
// "comment_value_html", "value"}]}]} or one {"macro": {...}}. Placeholders such as
// {{ticket.requester.first_name}} stay in the text: they stand for the customer's name.

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>

#include "read/detect.hpp"
#include "read/html.hpp"
#include "read/json_input.hpp"
#include "read/macros.hpp"

namespace qalint::read {
namespace {

// An action's text: a string, or Zendesk's ["channel:all", "text"] form.
const nlohmann::json* action_text(const nlohmann::json& action) {
    const auto value = action.find("value");
    if (value == action.end()) return nullptr;
    if (value->is_string()) return &*value;
    if (value->is_array())
        for (auto it = value->rbegin(); it != value->rend(); ++it)
            if (it->is_string()) return &*it;
    return nullptr;
}

void read_macro(const nlohmann::json& macro, JsonSource& source, size_t index, size_t count) {
    if (!macro.is_object()) return;
    const auto actions = macro.find("actions");
    if (actions == macro.end() || !actions->is_array()) return;
    const nlohmann::json* comment = nullptr;
    bool html = false;
    for (const auto& action : *actions) {
        if (!action.is_object() || !action.contains("field") || !action["field"].is_string()) continue;
        const auto& field = action["field"].get_ref<const std::string&>();
        if (field != "comment_value" && field != "comment_value_html") continue;
        const nlohmann::json* text = action_text(action);
        if (!text) continue;
        // With both, the HTML one is what the customer sees.
        if (!comment || field == "comment_value_html") {
            comment = text;
            html = field == "comment_value_html";
        }
    }
    core::Conversation conversation;
    conversation.source = core::Source::macro;
    conversation.id = field_text(macro, std::array<std::string_view, 1>{"id"});
    if (conversation.id.empty()) conversation.id = field_text(macro, std::array<std::string_view, 1>{"title"});
    if (conversation.id.empty()) conversation.id = conversation_id(source.path, index, count);
    if (comment) {
        TurnText text;
        source.locator.append(comment->get<std::string>(), text);
        core::Turn turn;
        text.move_into(turn);
        if (html) {
            auto visible = html_to_text(turn);
            if (!visible) {
                source.out.problems.push_back({source.path, fmt::format("macro {}: {}", conversation.id, visible.error()), false});
                return;
            }
            turn = std::move(*visible);
        }
        turn.role = core::Role::agent;
        if (!turn.text.empty()) {
            conversation.first_line = turn.line();
            conversation.turns.push_back(std::move(turn));
        }
    }
    source.out.add(std::move(conversation));
}

}  // namespace

bool claims_zendesk(std::string_view, std::string_view head) {
    const std::string_view start = skip_leading_space(head);
    if (start.empty() || start.front() != '{') return false;
    const size_t key = start.find("\"macro");
    return key != std::string_view::npos && key < 64 && start.find("\"actions\"") != std::string_view::npos;
}

bool read_zendesk_document(const nlohmann::json& document, JsonSource& source) {
    if (!document.is_object()) return false;
    if (const auto macros = document.find("macros"); macros != document.end() && macros->is_array()) {
        for (size_t i = 0; i < macros->size(); ++i) read_macro((*macros)[i], source, i, macros->size());
        return true;
    }
    if (const auto macro = document.find("macro"); macro != document.end() && macro->is_object()) {
        read_macro(*macro, source, 0, 1);
        return true;
    }
    return false;
}

void parse_zendesk_macros(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out) {
    const auto document = parse_json_document(path, text, out);
    if (!document) return;
    JsonSource source{path, text, options, out, JsonStringLocator(text)};
    if (!read_zendesk_document(*document, source))
        out.problems.push_back({path, "not a Zendesk macro export: no \"macros\" list or \"macro\" object", false});
}

}  // namespace qalint::read
