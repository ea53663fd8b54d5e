#pragma once
// HTML to plain text for macros, read by an HTML5 parser (gumbo): every named and numeric
// entity, broken markup as browsers read it, block elements and <br> as line breaks, script
// and style dropped, every character still pointing at its place in the file.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "util/expected.hpp"

namespace qalint::read {

// The character reference at the start of `text` ("&amp;", "&#1234;", "&#x41;", "&ccaron;" …):
// its UTF-8 and how many bytes it took; nullopt when `text` does not start with one HTML knows.
// A no-break space is a space; a soft hyphen or zero-width non-joiner is nothing.
struct DecodedEntity {
    std::string text;
    size_t length = 0;
};
std::optional<DecodedEntity> decode_entity(std::string_view text);

// `html` is a turn whose text is HTML (with pieces into the file); the result is the visible
// text, with pieces still into the file. An error when the markup nests so deep that parsing
// it would take minutes (a hostile file, not a macro).
util::Expected<core::Turn> html_to_text(const core::Turn& html);

// The whole of `text` as one turn whose pieces are its lines.
core::Turn turn_of_file(std::string_view text);

}  // namespace qalint::read
