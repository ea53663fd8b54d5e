#include "rules/regex_syntax.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <re2/re2.h>

#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::rules {

// The ']' that ends the character class opening at `open` (a ']' right after '[' or "[^" is a member);
// the regex's end when none does.
static size_t class_end(std::string_view regex, size_t open) {
    size_t j = open + 1;
    if (j < regex.size() && regex[j] == '^') ++j;
    if (j < regex.size() && regex[j] == ']') ++j;
    while (j < regex.size() && regex[j] != ']') j += regex[j] == '\\' ? 2 : 1;
    return j;
}

// The ')' that closes the group `from` lies in, skipping escapes, character classes and inner groups;
// npos when none does (`from` is at the top level).
static size_t group_end(std::string_view regex, size_t from) {
    size_t depth = 0;
    for (size_t i = from; i < regex.size(); ++i) {
        const char c = regex[i];
        if (c == '\\') {
            ++i;
        } else if (c == '[') {
            i = class_end(regex, i);
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (depth-- == 0) return i;
        }
    }
    return std::string_view::npos;
}

// The ')' that closes the '(' at `open`; npos when none does.
static size_t closing_bracket(std::string_view regex, size_t open) { return group_end(regex, open + 1); }

// The alternatives of the group an alternative ends with (`at_end`) or begins with: "x( so| and )" ends
// with the group "( so| and )". Empty when it has no such group. A quantifier after the last one is
// looked through: "( so| and )?" is as dead at the end as without the '?'.
static std::vector<std::string_view> edge_group(std::string_view alternative, bool at_end) {
    size_t open = std::string_view::npos, close = std::string_view::npos;
    if (at_end) {
        size_t end = alternative.size();
        while (end > 0 && (alternative[end - 1] == '?' || alternative[end - 1] == '*' || alternative[end - 1] == '+'))
            --end;
        if (end > 0 && alternative[end - 1] == '}') {
            const size_t brace = alternative.rfind('{', end - 1);
            if (brace != std::string_view::npos) end = brace;
        }
        if (end == 0 || alternative[end - 1] != ')' || (end >= 2 && alternative[end - 2] == '\\')) return {};
        // The '(' whose closing bracket is that ')': one pass, the open brackets on a stack.
        std::vector<size_t> opens;
        for (size_t i = 0; i + 1 < end; ++i) {
            const char c = alternative[i];
            if (c == '\\') {
                ++i;
            } else if (c == '[') {
                i = class_end(alternative, i);
            } else if (c == '(') {
                opens.push_back(i);
            } else if (c == ')' && !opens.empty()) {
                opens.pop_back();
            }
        }
        if (opens.empty()) return {};
        open = opens.back();
        close = end - 1;
    } else {
        if (alternative.empty() || alternative.front() != '(') return {};
        open = 0;
        close = closing_bracket(alternative, 0);
    }
    if (open == std::string_view::npos || close == std::string_view::npos) return {};
    std::string_view inner = alternative.substr(open + 1, close - open - 1);
    if (inner.starts_with("?:")) inner.remove_prefix(2);
    else if (inner.starts_with("?")) return {};
    auto alternatives = top_level_alternatives(inner);
    if (alternatives.empty() && !inner.empty()) alternatives.push_back(inner);
    return alternatives;
}

// Whether a regex begins with punctuation ("[.!?] x", ", x", "\\. x"): text puts a word right before
// punctuation, and a pattern is matched after a non-letter, so such a start never matches after a word.
static bool begins_with_punctuation(std::string_view regex) {
    if (regex.empty()) return false;
    const char c = regex.front();
    // An optional first character (",? bet") lets the word start the match.
    const auto required = [&](size_t after) { return after >= regex.size() || (regex[after] != '?' && regex[after] != '*'); };
    if (c == ',' || c == ';' || c == ':' || c == '!') return required(1);
    if (c == '\\' && regex.size() > 1) return (regex[1] == '.' || regex[1] == '?' || regex[1] == '!') && required(2);
    if (c != '[' || regex.starts_with("[^")) return false;
    const size_t close = regex.find(']', 1);
    if (close == std::string_view::npos || close == 1) return false;
    const std::string_view members = regex.substr(1, close - 1);
    return members.find_first_not_of(".,!?;:)\\") == std::string_view::npos && required(close + 1);
}

// An alternative inside the group at an alternative's edge that begins (ends) with a space, or begins with
// punctuation, never matches there either: "we('ll| will) check( so | and )" never takes " so ", and
// "(^|[.!?] )our" never starts at ". Our". The first such one, searched down the groups at that edge.
static std::optional<std::string_view> spaced_at_edge(std::string_view alternative, bool at_end, int levels = 8) {
    if (levels == 0) return std::nullopt;
    for (const auto inner : edge_group(alternative, at_end)) {
        if (inner.empty()) continue;
        if (at_end ? inner.back() == ' ' : (inner.front() == ' ' || begins_with_punctuation(inner))) return inner;
        if (const auto deeper = spaced_at_edge(inner, at_end, levels - 1)) return deeper;
    }
    return std::nullopt;
}

std::optional<std::string> check_regex_syntax(std::string_view pattern, bool whole) {
    for (size_t i = 0; i + 1 < pattern.size(); ++i) {
        if (pattern[i] != '\\') continue;
        const char next = pattern[i + 1];
        if (next == 'b' || next == 'B')
            return fmt::format("\\{} is ASCII-only in RE2 and misses Cyrillic and Lithuanian letters; patterns already "
                               "match at Unicode word boundaries, use [^\\pL\\pN] inside one",
                               next);
        if (next == 'w' || next == 'W')
            return fmt::format("\\{} is ASCII-only in RE2 and misses Cyrillic and Lithuanian letters; use {}", next,
                               next == 'w' ? "[\\pL\\pN] or \\pL" : "[^\\pL\\pN]");
        // The text is matched normalised, one byte per character: the only Unicode classes that
        // apply are \pL and \pN, and characters are written as themselves, not by code.
        if (next == 'P' || (next == 'p' && (i + 2 >= pattern.size() || (pattern[i + 2] != 'L' && pattern[i + 2] != 'N'))))
            return std::string("only \\pL (a letter) and \\pN (a digit) are supported; write [^\\pL] for a non-letter");
        if (next == 'x' && i + 2 < pattern.size()) {
            const size_t digits = pattern[i + 2] == '{' ? i + 3 : i + 2;
            const size_t length = pattern[i + 2] == '{' ? pattern.find('}', digits) - digits : 2;
            unsigned value = 0;
            bool hex = length > 0 && digits + length <= pattern.size();
            for (size_t d = digits; hex && d < digits + length; ++d) {
                const char h = pattern[d];
                hex = std::isxdigit(static_cast<unsigned char>(h)) != 0;
                value = value * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            if (hex && value >= 0x80)
                return std::string("\\x escapes are for ASCII; write the character itself");
        }
        ++i;  // skip the escaped character, so "\\\\b" is a backslash then b
    }
    // An emoji or pictograph is folded, like every symbol, to one placeholder (text::normalize):
    // a pattern naming '😡' would also match '🙏', the opposite of what its author meant.
    for (size_t pos = 0; pos < pattern.size();) {
        const char32_t cp = util::decode_utf8(pattern, pos);
        const bool pictograph = (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
                                (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0xFE0F || cp == 0x200D;
        // The text's '…' is read as one '.', and so would the pattern's be: a regex '.', any character.
        if (cp == 0x2026)
            return std::string("names '…', which the matcher reads as '.', a regex's any character; write \\. (a "
                               "text's '…' is matched as one '.')");
        if (pictograph)
            return fmt::format("names the emoji or symbol U+{:04X}, but the text is matched with every emoji and symbol "
                               "folded to one placeholder, so it would match any of them; write [^\\pL\\pN\\s] for "
                               "'a symbol'",
                               static_cast<uint32_t>(cp));
    }
    // Every pattern is matched between word boundaries (pattern_regex): a top-level alternative that
    // begins or ends with a space needs a second non-letter there, so it (almost) never matches.
    auto alternatives = top_level_alternatives(pattern);
    if (alternatives.empty()) alternatives.push_back(pattern);
    for (const auto alternative : alternatives) {
        // A hand-made boundary, "(^|[^a-z])dm([^a-z]|$)", doubles the engine's: it needs a second
        // non-letter before (after) the word, and so misses "by DM via".
        // (A negated class that leaves the space out, "([^\\pL\\pN ]|$)", asks for punctuation, not a boundary.)
        const auto takes_space = [](std::string_view klass) {
            return klass.find(' ') == std::string_view::npos && klass.find("\\s") == std::string_view::npos;
        };
        const size_t tail = alternative.rfind("([^");
        const bool boundary_after = tail != std::string_view::npos && alternative.ends_with("]|$)") &&
                                    alternative.find(']', tail) + 4 == alternative.size() &&
                                    takes_space(alternative.substr(tail + 3, alternative.size() - tail - 7));
        const bool boundary_before = alternative.starts_with("(^|[^") && alternative.find("])") != std::string_view::npos &&
                                     takes_space(alternative.substr(5, alternative.find("])") - 5));
        if (boundary_before || boundary_after)
            return fmt::format("the alternative \"{}\" writes its own word boundary, but every pattern is already "
                               "matched between word boundaries, so it needs a second non-letter there and misses the "
                               "word; drop the (^|[^…]) / ([^…]|$) group",
                               alternative);
        if (!alternative.empty() && (alternative.front() == ' ' || alternative.back() == ' '))
            return fmt::format("the alternative \"{}\" {} with a space, but every pattern is matched between word "
                               "boundaries, so it never matches there; drop the space, or end it with \\pL+ (a word)",
                               alternative, alternative.front() == ' ' ? "begins" : "ends");
        if (whole && begins_with_punctuation(alternative))
            return fmt::format("the alternative \"{}\" begins with punctuation, but a word comes right before "
                               "punctuation and every pattern is matched after a non-letter, so it never matches "
                               "there; write the word: [\\\\pL\\\\pN]+[.!?] ",
                               alternative);
        for (const bool at_end : {true, false})
            if (const auto inner = whole ? spaced_at_edge(alternative, at_end) : std::nullopt)
                return fmt::format("the alternative \"{}\" {} the pattern's match and {} with {}, but every pattern "
                                   "is matched between word boundaries, so it never matches there; {}",
                                   *inner, at_end ? "ends" : "begins", at_end ? "ends" : "begins",
                                   (at_end ? inner->back() : inner->front()) == ' ' ? "a space" : "punctuation",
                                   (at_end ? inner->back() : inner->front()) == ' '
                                       ? "drop the space"
                                       : "a word comes right before punctuation, so write the word: [\\\\pL\\\\pN]+[.!?] ");
    }
    // RE2 syntax errors are reported when the rules are compiled, once.
    return std::nullopt;
}

std::vector<std::string_view> top_level_alternatives(std::string_view regex) {
    std::vector<std::string_view> out;
    size_t depth = 0, start = 0;
    for (size_t i = 0; i < regex.size(); ++i) {
        const char c = regex[i];
        if (c == '\\') {
            if (i + 1 < regex.size() && regex[i + 1] == 'Q') return {};
            ++i;    // \p{..} and \x{..} hold no bracket and no '|'
        } else if (c == '[') {
            // A class up to its ']': one right after '[' or "[^" is a member, and so is "[:alpha:]".
            size_t j = i + 1;
            if (j < regex.size() && regex[j] == '^') ++j;
            if (j < regex.size() && regex[j] == ']') ++j;
            for (; j < regex.size() && regex[j] != ']'; ++j) {
                if (regex[j] == '\\') ++j;
                else if (regex.compare(j, 2, "[:") == 0 && regex.find(":]", j + 2) != std::string_view::npos)
                    j = regex.find(":]", j + 2) + 1;
            }
            if (j >= regex.size()) return {};
            i = j;
        } else if (c == '(') {
            if (regex.compare(i, 2, "(?") == 0 && regex.compare(i, 3, "(?:") != 0) return {};
            ++depth;
        } else if (c == ')') {
            if (depth == 0) return {};
            --depth;
        } else if (c == '|' && depth == 0) {
            out.push_back(regex.substr(start, i - start));
            start = i + 1;
            if (start < regex.size() && static_cast<unsigned char>(regex[start]) >= 0x80) {
                size_t pos = start;
                const char32_t next = util::decode_utf8(regex, pos);
                if (text::is_combining_mark(next)) return {};
            }
        }
    }
    if (depth != 0 || out.empty()) return {};
    out.push_back(regex.substr(start));
    for (const auto alternative : out)
        if (alternative.empty()) return {};
    return out;
}

std::string prepare_regex(std::string_view pattern) {
    const std::string folded = text::fold_for_matching(pattern, true);
    std::string out;
    out.reserve(folded.size());
    for (size_t i = 0; i < folded.size(); ++i) {
        const char c = folded[i];
        if (c == '\\' && i + 1 < folded.size()) {
            // Escapes keep their case (\S is not \s); \p{..} and \x{..} are copied whole.
            out += c;
            out += folded[++i];
            if ((folded[i] == 'p' || folded[i] == 'P' || folded[i] == 'x') && i + 1 < folded.size() && folded[i + 1] == '{') {
                const size_t close = folded.find('}', i);
                const size_t end = close == std::string::npos ? folded.size() - 1 : close;
                out.append(folded, i + 1, end - i);
                i = end;
            } else if ((folded[i] == 'p' || folded[i] == 'P') && i + 1 < folded.size()) {
                out += folded[++i];    // \pL, \pN
            }
            continue;
        }
        if (c == '[' && folded.compare(i, 2, "[:") == 0) {
            const size_t close = folded.find(":]", i);
            if (close != std::string::npos) {
                out.append(folded, i, close + 2 - i);
                i = close + 1;
                continue;
            }
        }
        // A reply's start is also right after the @handles it opens with ("@kim @acmehelp Sorry…"): the
        // start-or-sentence idiom "(^|[.!?] )…" reads past them. (A whole-turn anchor, "^[^?]{1,90}$", does not.)
        if (c == '^' && i >= 1 && folded[i - 1] == '(' && i + 1 < folded.size() && folded[i + 1] == '|') {
            out += "(?:^(?:@[^ ]+ )*)";
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return out;
}

std::string relax_cut_endings(std::string_view prepared, bool russian) {
    std::string out;
    out.reserve(prepared.size() + 16);
    const auto is_letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || c >= 0x80; };
    size_t run_begin = std::string::npos;    // where the run of letters now being copied began in `out`
    size_t run_letters = 0;                  // its letters (UTF-8 characters)
    // Whether what the regex reads after position `at` (leaving groups, past the rest of an alternation)
    // is a word's end: the regex's end, a space, punctuation, $, or a class that is not negated. A word
    // the regex lets run on into more letters ("parasyti[^.!?]{0,60}") keeps its ending as written.
    // 0: letters may follow; 1: a word's end follows; 2: a negated class follows ("[^.!?]{0,60}?"), which
    // would read on into letters: there the cut ending must be followed by a non-letter (not a sentence's
    // end, which the class would not cross either), taken with it.
    const auto ends_word_after = [&](size_t at) -> int {
        for (size_t k = at; k <= prepared.size();) {
            if (k == prepared.size()) return 1;
            const char c = prepared[k];
            if (c == ')') {
                ++k;
                while (k < prepared.size() && (prepared[k] == '?' || prepared[k] == '*' || prepared[k] == '+')) ++k;
                continue;
            }
            if (c == '|') {
                // On past the rest of this alternation, to its group's ')' (or the regex's end).
                k = std::min(group_end(prepared, k + 1), prepared.size());
                continue;
            }
            if (c == '(') {
                // A group read next ("(,? prasome,?)?( mums)? …"): what it begins with.
                size_t inner = k + 1;
                if (prepared.compare(inner, 2, "?:") == 0) inner += 2;
                if (inner < prepared.size() && prepared[inner] == '[')    // "([^.!?]|el\\. ){0,60}?"
                    return inner + 1 < prepared.size() && prepared[inner + 1] == '^' ? 2 : 1;
                return inner < prepared.size() && std::string_view(" ,.!:;").find(prepared[inner]) != std::string_view::npos ? 1 : 0;
            }
            if (c == '[') return k + 1 < prepared.size() && prepared[k + 1] == '^' ? 2 : 1;
            return c == ' ' || c == '$' || c == ',' || c == '.' || c == '!' || c == ':' || c == ';' ? 1 : 0;
        }
        return 1;
    };
    const auto close_run = [&](char next, bool at_end, size_t next_at) {
        if (run_begin == std::string::npos) return;
        const int after = at_end || next == '|' || next == ')' || next == ' ' || next == '[' || next == '$' ||
                                  next == ',' || next == '.' || next == '!' || next == ':' || next == ';'
                              ? ends_word_after(next_at)
                              : 0;
        const bool word_end = after != 0;
        const std::string cut = after == 2 ? "[^\\pL\\pN.!?]" : "";
        const std::string_view word(out.data() + run_begin, out.size() - run_begin);
        const auto ends = [&](std::string_view tail, size_t stem) {
            const auto letters = static_cast<size_t>(
                std::count_if(tail.begin(), tail.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
            return word.size() >= tail.size() && word.substr(word.size() - tail.size()) == tail &&
                   run_letters >= letters + stem;
        };
        // The tail `tail` of a word (its last `tail.size()` bytes, `optional` of them at `at` may be
        // left out, the rest kept): "итесь" → "и(?:те)?сь"; a cut with nothing after it takes `cut`.
        const auto drop = [&](size_t tail, size_t at, size_t optional) {
            const size_t base = out.size() - tail;
            const std::string head = out.substr(base, at), gone = out.substr(base + at, optional),
                              rest = out.substr(base + at + optional);
            out.resize(base);
            out += head;
            if (!rest.empty()) out += "(?:" + gone + ")?" + rest;
            else out += cut.empty() ? "(?:" + gone + ")?" : "(?:" + gone + "|" + cut + ")";
        };
        if (word_end && russian) {
            // вы-imperatives also read as ты: «свяжитесь» «свяжись», «заведите» «заведи», «оставьте» «оставь»
            if (ends("итесь", 2) || ends("йтесь", 2) || ends("ьтесь", 2)) drop(10, 2, 4);
            else if (ends("ите", 2) || ends("йте", 2) || ends("ьте", 2)) drop(6, 2, 4);
        } else if (word_end) {
            if (ends("kites", 2)) out.replace(out.size() - 5, 5, "k(?:ites|is" + cut + ")");
            else if (ends("kite", 2)) out.replace(out.size() - 4, 4, cut.empty() ? "k(?:ite|it)?" : "k(?:ite|(?:it)?" + cut + ")");
            else if (ends("ti", 3) || ends("me", 3) || ends("te", 3)) drop(2, 1, 1);
        }
        run_begin = std::string::npos;
        run_letters = 0;
    };
    for (size_t i = 0; i < prepared.size(); ++i) {
        const auto c = static_cast<unsigned char>(prepared[i]);
        if (c == '\\' && i + 1 < prepared.size()) {
            // An escape is no letter of a word: \pL, \p{..}, \x{..} are copied whole.
            close_run(prepared[i], false, i);
            out += prepared[i];
            out += prepared[++i];
            if ((prepared[i] == 'p' || prepared[i] == 'P' || prepared[i] == 'x') && i + 1 < prepared.size()) {
                if (prepared[i + 1] == '{') {
                    const size_t close = prepared.find('}', i);
                    const size_t end = close == std::string::npos ? prepared.size() - 1 : close;
                    out.append(prepared, i + 1, end - i);
                    i = end;
                } else if (prepared[i] != 'x') {
                    out += prepared[++i];
                }
            }
            continue;
        }
        if (c == '[') {
            // A character class is copied as it is.
            close_run('[', false, i);
            const size_t end = std::min(class_end(prepared, i), prepared.size() - 1);
            out.append(prepared, i, end - i + 1);
            i = end;
            continue;
        }
        if (is_letter(c)) {
            if (run_begin == std::string::npos) run_begin = out.size();
            if (c < 0x80 || (c & 0xC0) == 0xC0) ++run_letters;
            out += prepared[i];
            continue;
        }
        close_run(prepared[i], false, i);
        out += prepared[i];
    }
    close_run('\0', true, prepared.size());
    return out;
}

std::string encode_regex(std::string_view regex) {
    std::string out;
    out.reserve(regex.size());
    for (size_t pos = 0; pos < regex.size();) {
        const auto byte = static_cast<unsigned char>(regex[pos]);
        if (byte < 0x80) {
            out += regex[pos++];
            continue;
        }
        const auto encoded = static_cast<unsigned char>(text::encode_folded(util::decode_utf8(regex, pos)));
        constexpr char hex[] = "0123456789abcdef";
        out += "\\x";
        out += hex[encoded >> 4];
        out += hex[encoded & 15];
    }
    return out;
}

std::string encode_text(std::string_view folded) {
    std::string out;
    for (size_t pos = 0; pos < folded.size();) out += text::encode_folded(util::decode_utf8(folded, pos));
    return out;
}

std::string expand_letter_classes(std::string_view regex) {
    // Keep in step with is_word_byte. Every non-ASCII byte of a normalised text is a letter or a
    // digit (text::encode_folded), so \pL is a-z and any byte from 0x80.
    static const std::string letters = "a-z\\x80-\\xff";
    static const std::string digits = "0-9";
    std::string out;
    out.reserve(regex.size() * 2);
    int bracket_depth = 0;
    for (size_t i = 0; i < regex.size(); ++i) {
        const char c = regex[i];
        if (c == '\\' && i + 1 < regex.size()) {
            const char next = regex[i + 1];
            if (next == 'p' && i + 2 < regex.size()) {
                const char name = regex[i + 2];
                const std::string* expansion = name == 'L' ? &letters : name == 'N' ? &digits : nullptr;
                if (expansion) {
                    out += bracket_depth > 0 ? *expansion : "[" + *expansion + "]";
                    i += 2;
                    continue;
                }
            }
            out += c;
            out += next;
            ++i;
            continue;
        }
        if (c == '[') ++bracket_depth;
        if (c == ']' && bracket_depth > 0) --bracket_depth;
        out += c;
    }
    return out;
}

}  // namespace qalint::rules
