#include "read/decode.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/utf8.hpp"

namespace qalint::read {
namespace {

std::string from_utf16(std::string_view bytes, bool little_endian) {
    std::string out;
    out.reserve(bytes.size());
    const auto unit = [&](size_t i) {
        const auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
        const auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
        return static_cast<char32_t>(lo | (hi << 8));
    };
    for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
        char32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
            const char32_t low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            } else {
                cp = util::replacement_char;
            }
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = util::replacement_char;
        }
        util::append_utf8(out, cp);
    }
    return out;
}

std::string normalize_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

}  // namespace

util::Expected<std::string_view> decode_text(std::string_view bytes, std::string& converted,
                                             std::vector<std::string>& warnings) {
    std::string_view text;
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
        converted = from_utf16(bytes.substr(2), true);
        text = converted;
    } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
               static_cast<unsigned char>(bytes[1]) == 0xFF) {
        converted = from_utf16(bytes.substr(2), false);
        text = converted;
    } else {
        if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
        const std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 8192));
        if (head.find('\0') != std::string_view::npos)
            return util::Error{"binary file (it contains NUL bytes), skipped"};
        text = bytes;
        if (const size_t bad = util::find_invalid_utf8(text); bad != std::string_view::npos) {
            const size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n'));
            converted.assign(text);
            const size_t replaced = util::repair_utf8(converted);
            text = converted;
            warnings.push_back(fmt::format("line {}: invalid UTF-8 ({} byte{} replaced by U+FFFD)", line, replaced,
                                           replaced == 1 ? "" : "s"));
        }
    }
    if (text.find('\r') != std::string_view::npos) {
        converted = normalize_line_ends(text);
        text = converted;
    }
    return text;
}

}  // namespace qalint::read
