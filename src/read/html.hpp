#pragma once
// HTML to plain text for macros: tags stripped, entities decoded, block tags as line
// breaks, every character still pointing at its place in the file.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace qalint::read {

// The entity at the start of `text` ("&amp;", "&#1234;", "&#x41;", "&nbsp;" …): its UTF-8
// and how many bytes it took; nullopt when `text` does not start with a known entity.
struct DecodedEntity {
    std::string text;
    size_t length = 0;
};
std::optional<DecodedEntity> decode_entity(std::string_view text);

// `html` is a turn whose text is HTML (with pieces into the file); the result is the
// visible text, with pieces still into the file.
core::Turn html_to_text(const core::Turn& html);

// The whole of `text` as one turn whose pieces are its lines.
core::Turn turn_of_file(std::string_view text);

}  // namespace qalint::read
