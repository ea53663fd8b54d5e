#include "read/decode.hpp"

#include <fmt/format.h>

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <optional>

#include "util/utf8.hpp"

namespace qalint::read {
namespace {

// UTF-16 of odd length ends with half a character: it becomes U+FFFD and a warning, not a silent loss.
void end_of_utf16(std::string_view bytes, std::string& out, std::vector<std::string>& warnings) {
    if (bytes.size() % 2 == 0) return;
    util::append_utf8(out, util::replacement_char);
    warnings.push_back(fmt::format("UTF-16 text of odd length: its last byte (0x{:02X}) is half a character, "
                                   "replaced by U+FFFD",
                                   static_cast<unsigned char>(bytes.back())));
}

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

// `bytes` in `encoding` to UTF-8; nullopt when iconv knows no such encoding or the bytes are not in it.
std::optional<std::string> from_encoding(std::string_view bytes, const std::string& encoding) {
    iconv_t cd = ::iconv_open("UTF-8", encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(bytes.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    char* to = out.data();
    size_t to_left = out.size();
    const size_t done = ::iconv(cd, &in, &in_left, &to, &to_left);
    ::iconv_close(cd);
    if (done == static_cast<size_t>(-1)) return std::nullopt;
    out.resize(out.size() - to_left);
    return out;
}

// The legacy 8-bit encoding uchardet names for `bytes`, "" when it finds none (or only UTF-8/ASCII).
std::string detect_encoding(std::string_view bytes) {
    uchardet_t detector = uchardet_new();
    std::string name;
    if (uchardet_handle_data(detector, bytes.data(), bytes.size()) == 0) {
        uchardet_data_end(detector);
        name = uchardet_get_charset(detector);
    }
    uchardet_delete(detector);
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    if (upper == "ASCII" || upper == "UTF-8" || upper.starts_with("UTF-16") || upper.starts_with("UTF-32")) return "";
    return name;
}

// UTF-16 without a BOM: every other byte of ASCII-range text is NUL. Which ones says the byte order.
std::optional<bool> utf16_without_bom(std::string_view head) {
    if (head.size() < 8) return std::nullopt;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i + 1 < head.size(); i += 2) {
        even += head[i] == '\0';
        odd += head[i + 1] == '\0';
    }
    const size_t units = head.size() / 2;
    // Spaces, digits, punctuation and line ends are ASCII in any script: an eighth of the units at least.
    if (odd >= 4 && odd * 8 >= units && even * 100 <= units) return true;     // little endian
    if (even >= 4 && even * 8 >= units && odd * 100 <= units) return false;    // big endian
    return std::nullopt;
}

// More than a few bytes, and most of the non-ASCII ones, not UTF-8: another encoding, not a
// UTF-8 file with a damaged byte (that one is repaired and reported by line).
bool mostly_not_utf8(std::string_view text) {
    if (util::find_invalid_utf8(text) == std::string_view::npos) return false;
    std::string copy(text);
    const size_t replaced = util::repair_utf8(copy);
    size_t non_ascii = 0;
    for (size_t pos = 0; pos < copy.size();)
        if (util::decode_utf8(copy, pos) >= 0x80) ++non_ascii;
    return replaced >= 3 && replaced * 2 > non_ascii;
}

}  // namespace

bool known_encoding(const std::string& encoding) {
    iconv_t cd = ::iconv_open("UTF-8", encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    ::iconv_close(cd);
    return true;
}

util::Expected<std::string_view> decode_text(std::string_view bytes, std::string& converted,
                                             std::vector<std::string>& warnings, const std::string& encoding) {
    std::string_view text;
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
        converted = from_utf16(bytes.substr(2), true);
        end_of_utf16(bytes.substr(2), converted, warnings);
        text = converted;
    } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
               static_cast<unsigned char>(bytes[1]) == 0xFF) {
        converted = from_utf16(bytes.substr(2), false);
        end_of_utf16(bytes.substr(2), converted, warnings);
        text = converted;
    } else {
        if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
        const std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 8192));
        const bool named = !encoding.empty() && encoding != "auto";
        if (head.find('\0') != std::string_view::npos && !named) {
            if (const auto little_endian = utf16_without_bom(head)) {
                converted = from_utf16(bytes, *little_endian);
                end_of_utf16(bytes, converted, warnings);
                warnings.push_back(std::string("read as UTF-16") + (*little_endian ? "LE" : "BE") + " (no byte order mark)");
                text = converted;
                bytes = converted;
            } else {
                return util::Error{"binary file (it contains NUL bytes), skipped"};
            }
        }
        text = bytes;
        // Every file is checked once here (a valid one is not checked again below).
        size_t invalid = util::find_invalid_utf8(text);
        std::string legacy;
        // A named encoding is for the files that are not UTF-8: in a folder of mixed exports the
        // UTF-8 ones stay as they are (legacy Cyrillic or Baltic text is never valid UTF-8 by chance).
        if (named) {
            if (invalid != std::string_view::npos || text.find('\0') != std::string_view::npos) legacy = encoding;
        } else if (invalid != std::string_view::npos && mostly_not_utf8(text)) {
            legacy = detect_encoding(text);
            if (!legacy.empty()) warnings.push_back("not UTF-8: read as " + legacy + " (detected; --encoding to say otherwise)");
        }
        if (!legacy.empty()) {
            auto decoded = from_encoding(text, legacy);
            if (!decoded) return util::Error{"the text is not " + legacy + " (see --encoding)"};
            converted = std::move(*decoded);
            text = converted;
            invalid = util::find_invalid_utf8(text);
        }
        if (const size_t bad = invalid; bad != std::string_view::npos) {
            const size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n'));
            if (text.data() != converted.data()) converted.assign(text);
            const size_t replaced = util::repair_utf8(converted);
            text = converted;
            // Mostly undecodable: a judgement of it would be a judgement of U+FFFD.
            size_t non_ascii = 0;
            for (size_t pos = 0; pos < converted.size();)
                if (util::decode_utf8(converted, pos) >= 0x80) ++non_ascii;
            if (replaced >= 3 && replaced * 2 > non_ascii)
                return util::Error{fmt::format("not UTF-8 and no encoding recognised ({} of {} non-ASCII characters "
                                               "undecodable); give --encoding",
                                               replaced, non_ascii)};
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
