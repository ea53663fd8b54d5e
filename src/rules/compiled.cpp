#include "rules/compiled.hpp"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <unordered_map>
#include <cstdio>
#include <cstdlib>

#include "rules/phrase.hpp"
#include "rules/regex_syntax.hpp"
#include "util/utf8.hpp"

namespace qalint::rules {
namespace {

// RE2's \b is ASCII-only, so boundaries are spelled with Unicode classes and consumed;
// group 1 holds the match itself. Multi-line mode makes ^ and $ the edges of a turn when a
// conversation's turns are matched joined by '\n'.
const std::string multi_line = "(?m)";

// Atoms shorter than this (in bytes) are not worth a prefilter; their patterns always run.
constexpr int min_atom_length = 3;    // 2, 4 and 5 measured no faster (2 and 5 slower)
const std::string boundary_before = "(?:^|[^\\pL\\pN_])";
const std::string boundary_after = "(?:$|[^\\pL\\pN_])";

// The span of group 1 (the match without its boundaries) of the leftmost match of `regex` in text.
// Asking RE2 for group 0 alone keeps it on its DFAs; a submatch search can fall back to the NFA,
// which is many times slower on large programs. Group 1 is group 0 less the boundary characters,
// which are known from the text except where a line's edge and a non-word character meet; only
// then does the submatch search run, on the matched span alone.
std::optional<std::pair<size_t, size_t>> match_span(const RE2& regex, std::string_view text) {
    re2::StringPiece whole;
    if (!regex.Match(text, 0, text.size(), RE2::UNANCHORED, &whole, 1)) return std::nullopt;
    const size_t start = static_cast<size_t>(whole.data() - text.data());
    const size_t end = start + whole.size();
    const auto char_at = [&](size_t pos) {
        size_t next = pos;
        const char32_t c = util::decode_utf8(text, next);
        return std::pair{c, next - pos};
    };
    std::optional<size_t> begin, finish;
    if (start < end) {
        const auto [first, first_length] = char_at(start);
        if (start > 0 && text[start - 1] != '\n') begin = start + first_length;    // ^ cannot match here
        else if (is_word_char(first)) begin = start;                                   // the boundary cannot take it
        size_t last = end - 1;
        while (last > start && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) --last;
        const auto [final_char, final_length] = char_at(last);
        if (end < text.size() && text[end] != '\n') finish = end - final_length;    // $ cannot match here
        else if (is_word_char(final_char)) finish = end;
    }
    if (begin && finish && *begin <= *finish) return std::pair{*begin, *finish};
    re2::StringPiece groups[2];
    if (!regex.Match(text, start, end, RE2::ANCHOR_BOTH, groups, 2) || groups[1].data() == nullptr)
        return std::nullopt;
    const size_t group_begin = static_cast<size_t>(groups[1].data() - text.data());
    return std::pair{group_begin, group_begin + groups[1].size()};
}

// Whether a pattern's regex is a plain word: letters, digits and '_' only, no syntax.
bool is_word_literal(std::string_view body) {
    if (body.empty()) return false;
    for (size_t pos = 0; pos < body.size();)
        if (!is_word_char(util::decode_utf8(body, pos))) return false;
    return true;
}

// Whether text[begin, end) stands as a whole word: no word character touches either edge.
bool is_whole_word(std::string_view text, size_t begin, size_t end) {
    if (begin > 0) {
        size_t previous = begin - 1;
        while (previous > 0 && (static_cast<unsigned char>(text[previous]) & 0xC0) == 0x80) --previous;
        if (is_word_char(util::decode_utf8(text, previous))) return false;
    }
    if (end < text.size()) {
        size_t next = end;
        if (is_word_char(util::decode_utf8(text, next))) return false;
    }
    return true;
}

RE2::Options regex_options() {
    RE2::Options options;
    options.set_case_sensitive(true);
    options.set_log_errors(false);
    options.set_max_mem(8 << 20);
    return options;
}

}  // namespace

CompiledRules::CompiledRules() = default;
CompiledRules::~CompiledRules() = default;
CompiledRules::CompiledRules(CompiledRules&&) noexcept = default;
CompiledRules& CompiledRules::operator=(CompiledRules&&) noexcept = default;

CompiledRules CompiledRules::compile(std::vector<core::Rule> rules, std::vector<std::string>& errors) {
    CompiledRules out;
    out.m_rules = std::move(rules);
    out.m_unless_by_rule.resize(out.m_rules.size());
    PhraseCompiler phrases;
    const RE2::Options options = regex_options();

    const auto body_of = [&](const core::Pattern& pattern, core::Language language) {
        return pattern.type == core::PatternType::phrase ? phrases.to_regex(pattern.text, language)
                                                         : prepare_regex(pattern.text);
    };
    const auto compile_one = [&](const core::Rule& rule, size_t rule_index, const core::Pattern& pattern,
                                 core::Language language, bool filtered) -> std::optional<CompiledPattern> {
        const std::string body = body_of(pattern, language);
        if (body.empty()) {
            errors.push_back(fmt::format("{}:{}: rule {}: the phrase \"{}\" has no words", rule.file, pattern.line,
                                         rule.id, pattern.text));
            return std::nullopt;
        }
        const std::string full = expand_letter_classes(multi_line + boundary_before + "(" + body + ")" + boundary_after);
        CompiledPattern compiled{rule_index, language, nullptr, nullptr, pattern.text};
        if (filtered) {
            int id = -1;
            const RE2::ErrorCode code = out.m_filter->Add(full, options, &id);
            if (code != RE2::NoError) {
                RE2 probe(full, options);
                errors.push_back(fmt::format("{}:{}: rule {}: pattern \"{}\" does not compile: {}", rule.file,
                                             pattern.line, rule.id, pattern.text, probe.error()));
                return std::nullopt;
            }
            return compiled;
        }
        compiled.owned = std::make_unique<RE2>(full, options);
        if (!compiled.owned->ok()) {
            errors.push_back(fmt::format("{}:{}: rule {}: pattern \"{}\" does not compile: {}", rule.file,
                                         pattern.line, rule.id, pattern.text, compiled.owned->error()));
            return std::nullopt;
        }
        compiled.regex = compiled.owned.get();
        return compiled;
    };

    out.m_filter = std::make_unique<re2::FilteredRE2>(min_atom_length);
    std::vector<std::string> bodies;    // per m_patterns entry: the regex between the boundaries
    for (size_t r = 0; r < out.m_rules.size(); ++r) {
        const core::Rule& rule = out.m_rules[r];
        out.m_index.emplace(rule.id, r);
        for (size_t l = 0; l < core::language_count; ++l) {
            const core::Language language = core::all_languages[l];
            for (const auto& pattern : rule.patterns[l]) {
                if (auto compiled = compile_one(rule, r, pattern, language, true)) {
                    out.m_patterns.push_back(std::move(*compiled));
                    bodies.push_back(body_of(pattern, language));
                }
            }
            for (const auto& pattern : rule.unless[l]) {
                auto compiled = compile_one(rule, r, pattern, language, false);
                if (!compiled) continue;
                out.m_unless_by_rule[r].push_back(out.m_unless.size());
                out.m_unless.push_back(std::move(*compiled));
            }
        }
    }
    if (!out.m_patterns.empty()) {
        std::vector<std::string> atoms;
        out.m_filter->Compile(&atoms);
        for (size_t i = 0; i < out.m_patterns.size(); ++i) out.m_patterns[i].regex = &out.m_filter->GetRE2(static_cast<int>(i));
        // A pattern that is one short word ("hi") has no atom for FilteredRE2, yet it need not
        // run on every turn: the scanner finds the word itself, and checks its edges.
        std::vector<int> unfiltered;
        out.m_filter->AllPotentials({}, &unfiltered);
        out.m_filter_atoms = atoms.size();
        out.m_is_word_pattern.assign(out.m_patterns.size(), 0);
        for (int u : unfiltered) {
            if (is_word_literal(bodies[static_cast<size_t>(u)])) {
                atoms.push_back(bodies[static_cast<size_t>(u)]);
                out.m_word_patterns.push_back(u);
                out.m_is_word_pattern[static_cast<size_t>(u)] = 1;
            } else {
                out.m_unfiltered.push_back(u);
            }
        }
        out.m_atoms = AtomScanner(atoms);
        out.m_word_lengths.reserve(out.m_word_patterns.size());
        for (size_t w = out.m_filter_atoms; w < atoms.size(); ++w) out.m_word_lengths.push_back(atoms[w].size());
    }
    return out;
}

const core::Rule* CompiledRules::find(const std::string& id) const {
    const auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &m_rules[it->second];
}

size_t CompiledRules::index_of(const std::string& id) const {
    const auto it = m_index.find(id);
    return it == m_index.end() ? std::string::npos : it->second;
}

void CompiledRules::match(std::string_view normalized, const std::vector<core::Language>& languages,
                          std::vector<Hit>& hits) const {
    std::vector<std::vector<Hit>> per_segment;
    Segment segment{0, normalized.size(), 0, std::nullopt, nullptr};
    for (core::Language language : languages)
        if (language != core::Language::unknown) segment.languages |= static_cast<uint8_t>(1u << core::language_index(language));
    match_segments(normalized, {segment}, per_segment);
    hits = std::move(per_segment.front());
}

std::vector<int> CompiledRules::potentials(const std::vector<int>& atoms) const {
    if (atoms.empty()) return m_unfiltered;    // no atom: only the patterns that have none
    // FilteredRE2 sizes its work arrays by the whole prefilter tree on every call, which costs more
    // than most turns' regex runs; the same few atom sets come back again and again (greetings,
    // thanks, a team's stock answers), so each thread remembers the answers it worked out.
    thread_local const CompiledRules* owner = nullptr;
    thread_local std::unordered_map<std::string, std::vector<int>> known;
    if (owner != this) {
        known.clear();
        owner = this;
    }
    std::string key(reinterpret_cast<const char*>(atoms.data()), atoms.size() * sizeof(int));
    if (const auto it = known.find(key); it != known.end()) return it->second;
    std::vector<int> candidates;
    m_filter->AllPotentials(atoms, &candidates);
    // FilteredRE2 lets its atom-less patterns through every time; the one-word ones only run
    // where the scanner found their word.
    if (!m_word_patterns.empty())
        std::erase_if(candidates, [&](int candidate) { return m_is_word_pattern[static_cast<size_t>(candidate)]; });
    constexpr size_t max_known = 1 << 16;    // a few MB at most
    if (known.size() >= max_known) known.clear();
    known.emplace(std::move(key), candidates);
    return candidates;
}

void CompiledRules::match_segments(std::string_view joined, const std::vector<Segment>& segments,
                                   std::vector<std::vector<Hit>>& hits) const {
    hits.assign(segments.size(), {});
    if (segments.empty() || m_patterns.empty()) return;
    const auto allows = [](const Segment& segment, core::Language language) {
        return (segment.languages >> core::language_index(language)) & 1u;
    };
    // Atoms never contain '\n', so each turn is scanned on its own.
    std::vector<int> atoms;
    std::vector<int> candidates;
    std::vector<int> words;
    for (size_t s = 0; s < segments.size(); ++s) {
        const Segment& segment = segments[s];
        atoms.clear();
        words.clear();
        const std::string_view text = joined.substr(segment.begin, segment.end - segment.begin);
        m_atoms.scan(text, [&](uint32_t atom, size_t end) {
            if (atom < m_filter_atoms) {
                atoms.push_back(static_cast<int>(atom));
                return;
            }
            const size_t word = atom - m_filter_atoms;
            if (is_whole_word(text, end - m_word_lengths[word], end)) words.push_back(m_word_patterns[word]);
        });
        std::sort(atoms.begin(), atoms.end());
        atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
        candidates = potentials(atoms);
        std::sort(words.begin(), words.end());
        words.erase(std::unique(words.begin(), words.end()), words.end());
        candidates.insert(candidates.end(), words.begin(), words.end());
        auto& turn_hits = hits[s];
        for (int candidate : candidates) {
            const CompiledPattern& pattern = m_patterns[static_cast<size_t>(candidate)];
            if (!allows(segment, pattern.language)) continue;
            if (segment.skip && (*segment.skip)[pattern.rule]) continue;
            const auto& speaker = m_rules[pattern.rule].speaker;
            if (segment.role && speaker && *speaker != *segment.role) continue;
            const std::string_view turn_text = joined.substr(segment.begin, segment.end - segment.begin);
            if (m_rules[pattern.rule].category == core::Category::signal) {
                // A signal is never shown: whether it is there is all that counts, and the DFA
                // answers that alone, stopping at the first match.
                const bool known = std::any_of(turn_hits.begin(), turn_hits.end(),
                                               [&](const Hit& h) { return h.rule == pattern.rule; });
                if (!known && pattern.regex->Match(turn_text, 0, turn_text.size(), RE2::UNANCHORED, nullptr, 0))
                    turn_hits.push_back({pattern.rule, pattern.language, 0, 0});
                continue;
            }
            const auto span = match_span(*pattern.regex, turn_text);
            if (!span) continue;
            const Hit hit{pattern.rule, pattern.language, span->first, span->second};
            const auto existing = std::find_if(turn_hits.begin(), turn_hits.end(),
                                               [&](const Hit& h) { return h.rule == pattern.rule; });
            if (existing == turn_hits.end()) turn_hits.push_back(hit);
            else if (hit.begin < existing->begin) *existing = hit;
        }
    }
    for (size_t s = 0; s < segments.size(); ++s) {
        const Segment& segment = segments[s];
        const std::string_view text = joined.substr(segment.begin, segment.end - segment.begin);
        std::erase_if(hits[s], [&](const Hit& hit) {
            for (size_t u : m_unless_by_rule[hit.rule]) {
                const CompiledPattern& pattern = m_unless[u];
                if (allows(segment, pattern.language) && RE2::PartialMatch(text, *pattern.regex)) return true;
            }
            return false;
        });
        std::sort(hits[s].begin(), hits[s].end(), [](const Hit& a, const Hit& b) { return a.rule < b.rule; });
    }
}

}  // namespace qalint::rules
