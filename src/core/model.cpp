#include "core/model.hpp"

#include <algorithm>

namespace qalint::core {

std::string_view to_string(Role role) {
    switch (role) {
    case Role::agent: return "agent";
    case Role::customer: return "customer";
    case Role::unknown: return "unknown";
    }
    return "unknown";
}

std::string_view to_string(Language language) {
    switch (language) {
    case Language::ru: return "ru";
    case Language::lt: return "lt";
    case Language::en: return "en";
    case Language::unknown: return "unknown";
    }
    return "unknown";
}

std::string_view to_string(Level level) {
    switch (level) {
    case Level::info: return "info";
    case Level::warning: return "warning";
    case Level::error: return "error";
    }
    return "info";
}

std::string_view to_string(Category category) {
    switch (category) {
    case Category::anti_pattern: return "anti-pattern";
    case Category::good_practice: return "good-practice";
    case Category::signal: return "signal";
    }
    return "signal";
}

std::string_view to_string(Ladder ladder) {
    switch (ladder) {
    case Ladder::disappointment: return "disappointment";
    case Ladder::neutral: return "neutral";
    case Ladder::wow: return "wow";
    }
    return "neutral";
}

std::optional<Role> role_from_string(std::string_view text) {
    if (text == "agent") return Role::agent;
    if (text == "customer") return Role::customer;
    if (text == "unknown") return Role::unknown;
    return std::nullopt;
}

std::optional<Language> language_from_string(std::string_view text) {
    if (text == "ru") return Language::ru;
    if (text == "lt") return Language::lt;
    if (text == "en") return Language::en;
    return std::nullopt;
}

std::optional<Level> level_from_string(std::string_view text) {
    if (text == "info") return Level::info;
    if (text == "warning") return Level::warning;
    if (text == "error") return Level::error;
    return std::nullopt;
}

Position source_position(const Turn& turn, uint32_t char_offset) {
    if (turn.pieces.empty()) return {1, 1 + char_offset};
    auto after = std::upper_bound(turn.pieces.begin(), turn.pieces.end(), char_offset,
                                  [](uint32_t offset, const SourcePiece& piece) { return offset < piece.text_offset; });
    const SourcePiece& piece = after == turn.pieces.begin() ? turn.pieces.front() : *(after - 1);
    return {piece.line, piece.column + (char_offset - piece.text_offset)};
}

std::optional<uint32_t> char_offset(const Turn& turn, Position position) {
    // Pieces come in source order, so the last one at or before the position is found by
    // halving (a macro of 32 000 lines has as many pieces, and a finding on each of them).
    const auto after = std::upper_bound(turn.pieces.begin(), turn.pieces.end(), position,
                                        [](Position at, const SourcePiece& piece) {
                                            return at.line < piece.line ||
                                                   (at.line == piece.line && at.column < piece.column);
                                        });
    if (after != turn.pieces.begin()) {
        const SourcePiece& piece = *(after - 1);
        if (piece.line == position.line) return piece.text_offset + (position.column - piece.column);
    }
    // A reader that gave pieces out of source order: every one looked at.
    for (auto piece = turn.pieces.rbegin(); piece != turn.pieces.rend(); ++piece)
        if (piece->line == position.line && piece->column <= position.column)
            return piece->text_offset + (position.column - piece->column);
    return std::nullopt;
}

bool Conversation::has_agent() const {
    return std::any_of(turns.begin(), turns.end(), [](const Turn& turn) { return turn.role == Role::agent; });
}

std::string Conversation::agent_name() const {
    for (const Turn& turn : turns)
        if (turn.role == Role::agent) return turn.speaker;
    return "";
}

}  // namespace qalint::core
