#include "rules/compiled.hpp"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>

#include "rules/phrase.hpp"
#include "rules/regex_syntax.hpp"

namespace qalint::rules {
namespace {

// RE2's \b is ASCII-only, so boundaries are spelled with Unicode classes and consumed;
// group 1 holds the match itself.
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
                                 core::Language language) -> std::optional<CompiledPattern> {
        const std::string body = body_of(pattern, language);
        if (body.empty()) {
            errors.push_back(fmt::format("{}:{}: rule {}: the phrase \"{}\" has no words", rule.file, pattern.line,
                                         rule.id, pattern.text));
            return std::nullopt;
        }
        auto regex = std::make_unique<RE2>(expand_letter_classes(boundary_before + "(" + body + ")" + boundary_after), options);
        if (!regex->ok()) {
            errors.push_back(fmt::format("{}:{}: rule {}: pattern \"{}\" does not compile: {}", rule.file,
                                         pattern.line, rule.id, pattern.text, regex->error()));
            return std::nullopt;
        }
        return CompiledPattern{rule_index, language, std::move(regex), pattern.text};
    };

    // The sets hold every pattern of a language in one program; they get a larger budget.
    RE2::Options set_options = options;
    set_options.set_max_mem(64 << 20);
    for (size_t i = 0; i < core::language_count; ++i) {
        out.m_sets[i] = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
    }
    for (size_t r = 0; r < out.m_rules.size(); ++r) {
        const core::Rule& rule = out.m_rules[r];
        out.m_index.emplace(rule.id, r);
        for (size_t l = 0; l < core::language_count; ++l) {
            const core::Language language = core::all_languages[l];
            for (const auto& pattern : rule.patterns[l]) {
                auto compiled = compile_one(rule, r, pattern, language);
                if (!compiled) continue;
                std::string set_error;
                const std::string body =
                    expand_letter_classes(boundary_before + "(?:" + body_of(pattern, language) + ")" + boundary_after);
                if (out.m_sets[l]->Add(body, &set_error) < 0) {
                    errors.push_back(fmt::format("{}:{}: rule {}: pattern \"{}\": {}", rule.file, pattern.line,
                                                 rule.id, pattern.text, set_error));
                    continue;
                }
                out.m_set_patterns[l].push_back(out.m_patterns.size());
                out.m_patterns.push_back(std::move(*compiled));
            }
            for (const auto& pattern : rule.unless[l]) {
                auto compiled = compile_one(rule, r, pattern, language);
                if (!compiled) continue;
                out.m_unless_by_rule[r].push_back(out.m_unless.size());
                out.m_unless.push_back(std::move(*compiled));
            }
        }
    }
    for (size_t l = 0; l < core::language_count; ++l) {
        if (!out.m_sets[l]->Compile())
            errors.push_back(fmt::format("the {} patterns do not fit in memory as one set",
                                         core::to_string(core::all_languages[l])));
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
    hits.clear();
    std::vector<int> set_hits;
    std::vector<size_t> candidates;    // m_patterns indices whose set entry matched
    for (core::Language language : languages) {
        const size_t l = core::language_index(language);
        if (m_set_patterns[l].empty()) continue;
        set_hits.clear();
        RE2::Set::ErrorInfo info{};
        if (m_sets[l]->Match(normalized, &set_hits, &info)) {
            for (int index : set_hits) candidates.push_back(m_set_patterns[l][static_cast<size_t>(index)]);
        } else if (info.kind != RE2::Set::kNoError) {
            // The set's DFA ran out of memory on this text: fall back to each pattern on its own.
            candidates.insert(candidates.end(), m_set_patterns[l].begin(), m_set_patterns[l].end());
        }
    }
    std::sort(candidates.begin(), candidates.end());
    const auto unless_matches = [&](size_t rule) {
        for (size_t u : m_unless_by_rule[rule]) {
            const CompiledPattern& pattern = m_unless[u];
            if (std::find(languages.begin(), languages.end(), pattern.language) == languages.end()) continue;
            if (RE2::PartialMatch(normalized, *pattern.regex)) return true;
        }
        return false;
    };
    for (size_t p : candidates) {
        const CompiledPattern& pattern = m_patterns[p];
        re2::StringPiece groups[2];
        if (!pattern.regex->Match(normalized, 0, normalized.size(), RE2::UNANCHORED, groups, 2)) continue;
        const size_t begin = static_cast<size_t>(groups[1].data() - normalized.data());
        const size_t end = begin + groups[1].size();
        auto existing = std::find_if(hits.begin(), hits.end(), [&](const Hit& hit) { return hit.rule == pattern.rule; });
        if (existing != hits.end()) {
            if (begin < existing->begin) *existing = Hit{pattern.rule, pattern.language, begin, end};
            continue;
        }
        hits.push_back(Hit{pattern.rule, pattern.language, begin, end});
    }
    std::erase_if(hits, [&](const Hit& hit) { return !m_unless_by_rule[hit.rule].empty() && unless_matches(hit.rule); });
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.rule < b.rule; });
}

}  // namespace qalint::rules
