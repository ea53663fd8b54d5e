#include "text/normalize.hpp"

#include <algorithm>

#include <utf8proc.h>

#include <cstdlib>

#include "util/utf8.hpp"

namespace qalint::text {
namespace {

using util::append_utf8;
using util::decode_utf8;

bool is_combining(char32_t cp) {
    if (cp < 0x300) return false;
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_ME;
}

// Lead bytes of the blocks that hold combining marks (U+0300–036F, U+0483–0489, U+1AB0–1AFF,
// U+1DC0–1DFF, U+20D0–20FF, U+FE20–FE2F); Cyrillic (0xD0, 0xD1) never needs the slow check.
bool may_start_combining_mark(unsigned char lead) {
    return lead == 0xCC || lead == 0xCD || lead == 0xD2 || lead == 0xE1 || lead == 0xE2 || lead == 0xEF;
}

bool is_letter_or_number(char32_t cp) {
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
           (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
}

bool is_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x1680 ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x85;
}

bool is_invisible(char32_t cp) {
    return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

// Returns the folded code point, or 0 to drop it. `fold_lithuanian` off keeps ą č ę … for the stemmers.
char32_t fold_char(char32_t cp, bool fold_lithuanian) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (is_invisible(cp)) return 0;
    switch (cp) {
    case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x2039: case 0x203A:
        return cp == 0x2039 || cp == 0x203A ? '\'' : '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0x02B9:
        return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return '-';
    case 0x2026:
        return '.';
    default:
        break;
    }
    // Cyrillic is most of the non-ASCII text: lower it without a table look-up.
    if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
    else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
    else if (cp < 0x430 || cp > 0x45F) {
        // Emoji, symbols and the rest of Unicode's punctuation all become one ASCII non-word
        // character: then every non-ASCII byte of a normalised text belongs to a letter or a
        // digit, and the regexes' word classes stay small (see rules::expand_letter_classes).
        if (!is_letter_or_number(cp)) return symbol_placeholder;
        cp = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
    }
    if (cp == 0x451) return 0x435;  // ё → е
    if (fold_lithuanian) {
        switch (cp) {
        case 0x105: return 'a';
        case 0x10D: return 'c';
        case 0x119: case 0x117: return 'e';
        case 0x12F: return 'i';
        case 0x161: return 's';
        case 0x173: case 0x16B: return 'u';
        case 0x17E: return 'z';
        default: break;
        }
    }
    return cp;
}

// Composes a base character with its combining marks (NFC); marks that do not compose are dropped.
std::u32string compose_cluster(std::u32string_view cluster) {
    std::string utf8;
    for (char32_t cp : cluster) append_utf8(utf8, cp);
    utf8proc_uint8_t* composed = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                     static_cast<utf8proc_ssize_t>(utf8.size()), &composed,
                                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::u32string out;
    if (length >= 0 && composed) {
        std::string_view view(reinterpret_cast<const char*>(composed), static_cast<size_t>(length));
        for (size_t pos = 0; pos < view.size();) {
            const char32_t cp = decode_utf8(view, pos);
            if (!is_combining(cp)) out.push_back(cp);
        }
    } else {
        out.push_back(cluster.front());
    }
    std::free(composed);
    return out;
}

// Walks the original text cluster by cluster and calls emit(folded_cp, original_char_index).
// Returns the number of characters in the original.
template <typename Emit>
uint32_t fold_text(std::string_view original, bool fold_lithuanian, bool keep_ascii, Emit&& emit) {
    uint32_t char_index = 0;
    bool last_was_space = false;
    std::u32string cluster;
    size_t pos = 0;
    while (pos < original.size()) {
        const uint32_t cluster_index = char_index;
        const unsigned char byte = static_cast<unsigned char>(original[pos]);
        if (byte < 0x80 && byte != ' ' && (byte < '\t' || byte > '\r')) {
            // Plain ASCII, the common case: no cluster, no table.
            ++pos, ++char_index;
            if (pos < original.size() && may_start_combining_mark(static_cast<unsigned char>(original[pos]))) {
                --pos, --char_index;    // a base letter with marks: take the slow path
            } else {
                last_was_space = false;
                emit(keep_ascii || byte < 'A' || byte > 'Z' ? char32_t(byte) : char32_t(byte + 32), cluster_index);
                continue;
            }
        }
        // A space, tab or line break with no mark after it: runs of them become one space.
        if ((byte == ' ' || (byte >= '\t' && byte <= '\r')) &&
            !(pos + 1 < original.size() && may_start_combining_mark(static_cast<unsigned char>(original[pos + 1])))) {
            ++pos, ++char_index;
            if (!last_was_space) emit(U' ', cluster_index);
            last_was_space = true;
            continue;
        }
        // Two-byte Cyrillic without marks after it, most of a Russian text: no decoder, no cluster.
        if ((byte == 0xD0 || byte == 0xD1) && pos + 1 < original.size() &&
            (static_cast<unsigned char>(original[pos + 1]) & 0xC0) == 0x80 &&
            !(pos + 2 < original.size() && may_start_combining_mark(static_cast<unsigned char>(original[pos + 2])))) {
            char32_t cp = static_cast<char32_t>(((byte & 0x1F) << 6) | (static_cast<unsigned char>(original[pos + 1]) & 0x3F));
            pos += 2, ++char_index;
            last_was_space = false;
            // The Russian alphabet lowered here, as fold_char would; the rest of the block goes to it.
            if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
            if (cp >= 0x430 && cp <= 0x44F) {
                emit(cp, cluster_index);
                continue;
            }
            const char32_t folded = fold_char(cp, fold_lithuanian);
            if (folded) emit(folded, cluster_index);
            continue;
        }
        char32_t cp = decode_utf8(original, pos);
        ++char_index;
        // Gather the combining marks that follow, if any.
        size_t peek = pos;
        if (peek < original.size() && may_start_combining_mark(static_cast<unsigned char>(original[peek]))) {
            cluster.assign(1, cp);
            while (peek < original.size()) {
                size_t next = peek;
                const char32_t mark = decode_utf8(original, next);
                if (!is_combining(mark)) break;
                cluster.push_back(mark);
                peek = next;
                ++char_index;
            }
            pos = peek;
            if (cluster.size() > 1) {
                for (char32_t composed : compose_cluster(cluster)) {
                    const char32_t folded = fold_char(composed, fold_lithuanian);
                    if (folded) emit(folded, cluster_index), last_was_space = false;
                }
                continue;
            }
        }
        if (is_space(cp)) {
            if (!last_was_space) emit(U' ', cluster_index);
            last_was_space = true;
            continue;
        }
        last_was_space = false;
        if (keep_ascii && cp < 0x80) {
            emit(cp, cluster_index);
            continue;
        }
        const char32_t folded = fold_char(cp, fold_lithuanian);
        if (folded) emit(folded, cluster_index);
    }
    return char_index;
}

}  // namespace

uint32_t NormalizedText::original_begin(size_t byte) const {
    if (jumps.empty()) return static_cast<uint32_t>(byte);
    // The last jump at or before `byte`; most turns have one or two.
    auto it = std::upper_bound(jumps.begin(), jumps.end(), byte, [](size_t b, const Jump& jump) { return b < jump.byte; });
    if (it == jumps.begin()) return static_cast<uint32_t>(byte);
    --it;
    return it->source + static_cast<uint32_t>(byte - it->byte);
}

uint32_t NormalizedText::original_end(size_t byte_end) const {
    // The end of a span is one past the original character of its last byte.
    if (byte_end == 0) return text.empty() ? source_chars : original_begin(0);
    if (byte_end >= text.size()) return source_chars;
    const uint32_t last = original_begin(byte_end - 1);
    const uint32_t next = original_begin(byte_end);
    return next > last ? next : last + 1;
}

NormalizedText normalize(std::string_view original) {
    NormalizedText out;
    normalize_into(original, out);
    return out;
}

void normalize_into(std::string_view original, NormalizedText& out) {
    // One byte per character, written through a raw pointer into a buffer sized up front.
    out.text.resize(original.size());
    out.jumps.clear();
    char* text = out.text.data();
    size_t size = 0;
    uint32_t expected = 0;    // the character the next byte comes from when nothing was dropped or joined
    const uint32_t chars = fold_text(original, true, false, [&](char32_t cp, uint32_t index) __attribute__((always_inline)) {
        // A composed cluster can emit more characters than it had bytes only in theory; stay safe.
        if (size == out.text.size()) [[unlikely]] {
            out.text.resize(out.text.size() * 2 + 8);
            text = out.text.data();
        }
        if (index != expected) [[unlikely]]
            out.jumps.push_back({static_cast<uint32_t>(size), index});
        expected = index + 1;
        text[size++] = encode_folded(cp);
    });
    out.source_chars = chars;
    out.text.resize(size);
}

std::string to_utf8(std::string_view normalized) {
    std::string out;
    for (const char c : normalized) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) out += c;
        else if (c == other_letter) out += "∗";
        else util::append_utf8(out, cyrillic_first + (byte - cyrillic_base));
    }
    return out;
}

std::string fold_for_matching(std::string_view text, bool keep_ascii) {
    std::string out;
    out.reserve(text.size());
    fold_text(text, true, keep_ascii, [&](char32_t cp, uint32_t) { append_utf8(out, cp); });
    return out;
}

std::string lower_for_stemming(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    fold_text(text, false, false, [&](char32_t cp, uint32_t) { append_utf8(out, cp); });
    return out;
}

bool is_combining_mark(char32_t cp) { return is_combining(cp); }

bool is_word_char(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
           (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
}

}  // namespace qalint::text
