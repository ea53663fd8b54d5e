#include "rules/compiled.hpp"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "rules/phrase.hpp"
#include "rules/regex_syntax.hpp"

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
    for (size_t r = 0; r < out.m_rules.size(); ++r) {
        const core::Rule& rule = out.m_rules[r];
        out.m_index.emplace(rule.id, r);
        for (size_t l = 0; l < core::language_count; ++l) {
            const core::Language language = core::all_languages[l];
            for (const auto& pattern : rule.patterns[l]) {
                if (auto compiled = compile_one(rule, r, pattern, language, true))
                    out.m_patterns.push_back(std::move(*compiled));
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
        out.m_atoms = AtomScanner(atoms);
        out.m_filter->AllPotentials({}, &out.m_unfiltered);
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
    for (size_t s = 0; s < segments.size(); ++s) {
        const Segment& segment = segments[s];
        atoms.clear();
        m_atoms.scan(joined.substr(segment.begin, segment.end - segment.begin),
                     [&](uint32_t atom, size_t) { atoms.push_back(static_cast<int>(atom)); });
        std::sort(atoms.begin(), atoms.end());
        atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
        candidates.clear();
        if (atoms.empty()) candidates = m_unfiltered;    // no atom: only the patterns that have none
        else m_filter->AllPotentials(atoms, &candidates);
        auto& turn_hits = hits[s];
        for (int candidate : candidates) {
            const CompiledPattern& pattern = m_patterns[static_cast<size_t>(candidate)];
            if (!allows(segment, pattern.language)) continue;
            if (segment.skip && (*segment.skip)[pattern.rule]) continue;
            const auto& speaker = m_rules[pattern.rule].speaker;
            if (segment.role && speaker && *speaker != *segment.role) continue;
            // The DFA alone says whether it matches; the slower submatch search runs only if it does.
            const re2::StringPiece turn_text(joined.data() + segment.begin, segment.end - segment.begin);
            if (!pattern.regex->Match(turn_text, 0, turn_text.size(), RE2::UNANCHORED, nullptr, 0)) continue;
            re2::StringPiece groups[2];
            if (!pattern.regex->Match(turn_text, 0, turn_text.size(), RE2::UNANCHORED, groups, 2)) continue;
            const size_t begin = static_cast<size_t>(groups[1].data() - turn_text.data());
            const Hit hit{pattern.rule, pattern.language, begin, begin + groups[1].size()};
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
