// The backtracker against RE2 (the regex matcher must be RE2). A pattern body (the first line of
// the input) and a text (the rest); wherever the backtracker takes the body on, its match from every offset
// must be RE2's, and so must what match_turn runs (match_span_from, matches) with either matcher
// answering. The reference is worked out without the code under test: for each place a match may
// start (the text's start, or after a byte that is not part of a word), in order, RE2 anchored there.

#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "rules/backtrack.hpp"
#include "rules/compiled.hpp"
#include "rules/regex_syntax.hpp"

using namespace qalint;
using Span = std::optional<std::pair<size_t, size_t>>;

namespace {

RE2::Options latin1() {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingLatin1);
    options.set_log_errors(false);
    options.set_max_mem(8 << 20);
    return options;
}

[[noreturn]] void diverged(const char* what, const std::string& body, std::string_view text, size_t from, Span got,
                           Span expected) {
    const auto show = [](Span span) {
        return span ? "[" + std::to_string(span->first) + "," + std::to_string(span->second) + ")" : std::string("none");
    };
    std::fprintf(stderr, "%s: regex \"%s\", text of %zu bytes, from %zu: %s, RE2 %s\n", what, body.c_str(), text.size(),
                 from, show(got).c_str(), show(expected).c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // The regex, up to the first line end; the text after it.
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const size_t line_end = bytes.find('\n');
    if (line_end == std::string_view::npos || line_end > 96) return 0;
    const std::string body(bytes.substr(0, line_end));
    const std::string text(bytes.substr(line_end + 1, 200));
    const auto backtracker = rules::Backtracker::compile(body);
    if (!backtracker) return 0;  // left to RE2: nothing to compare

    const std::string regex = rules::pattern_regex(body);
    const RE2 whole(regex, latin1());
    if (!whole.ok()) return 0;  // a rule with it does not load
    const RE2 at_start("(?m)(" + body + ")(?:$|[^a-z\\x80-\\xff0-9_])", latin1());
    if (!at_start.ok()) return 0;

    // RE2's leftmost match whose body begins at `from` or later.
    const auto reference = [&](size_t from) -> Span {
        for (size_t start = from; start <= text.size(); ++start) {
            if (start > 0 && rules::is_word_byte(static_cast<unsigned char>(text[start - 1]))) continue;
            re2::StringPiece groups[2];
            if (at_start.Match(text, start, text.size(), RE2::ANCHOR_START, groups, 2))
                return std::pair{start, start + groups[1].size()};
        }
        return std::nullopt;
    };

    rules::CompiledPattern with_backtracker{0, core::Language::en, std::make_unique<rules::LazyRegex>(regex), body,
                                            std::make_unique<rules::LazyBacktracker>(rules::Backtracker::compile(body))};
    rules::CompiledPattern re2_alone{0, core::Language::en, std::make_unique<rules::LazyRegex>(regex), body, nullptr};

    const Span first = reference(0);
    {
        // The reference itself against RE2's own leftmost-first search of the whole regex.
        re2::StringPiece groups[2];
        Span leftmost;
        if (whole.Match(text, 0, text.size(), RE2::UNANCHORED, groups, 2) && groups[1].data()) {
            const auto begin = static_cast<size_t>(groups[1].data() - text.data());
            leftmost = std::pair{begin, begin + groups[1].size()};
        }
        if (leftmost != first) diverged("reference", body, text, 0, first, leftmost);
    }
    for (size_t from = 0; from <= text.size(); ++from) {
        const Span expected = from == 0 ? first : reference(from);
        const auto found = backtracker->search(text, from);
        if (found.outcome != rules::Backtracker::Outcome::gave_up) {
            const Span got = found.outcome == rules::Backtracker::Outcome::match ? Span{std::pair{found.begin, found.end}}
                                                                                 : std::nullopt;
            if (got != expected) diverged("backtracker", body, text, from, got, expected);
        }
        const Span fallback = rules::match_span_from(re2_alone, text, from);
        if (fallback != expected) diverged("match_span_from (RE2)", body, text, from, fallback, expected);
        const Span fast = rules::match_span_from(with_backtracker, text, from);
        if (fast != expected) diverged("match_span_from (backtracker)", body, text, from, fast, expected);
        if (!expected) break;  // none from here on either
    }
    if (rules::matches(with_backtracker, text) != first.has_value() || rules::matches(re2_alone, text) != first.has_value())
        diverged("matches", body, text, 0, std::nullopt, first);
    return 0;
}
