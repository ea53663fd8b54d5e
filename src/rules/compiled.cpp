#include "rules/compiled.hpp"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <tuple>

#include "rules/phrase.hpp"
#include "rules/regex_syntax.hpp"

namespace qalint::rules {
namespace {

// RE2's \b is ASCII-only, so boundaries are spelled with Unicode classes and consumed;
// group 1 holds the match itself. ^ and $ are the edges of the turn (a normalised turn holds no
// '\n'; multi-line mode keeps them line edges should a text passed to match() hold one).
const std::string multi_line = "(?m)";

// Atoms shorter than this (in bytes) are not worth a prefilter; their patterns always run.
constexpr int min_atom_length = 3;    // 2, 4 and 5 measured no faster (2 and 5 slower)
constexpr size_t max_compile_groups = 4;
const std::string boundary_before = "(?:^|[^\\pL\\pN_])";
const std::string boundary_after = "(?:$|[^\\pL\\pN_])";

// The span of group 1 (the match without its boundaries) of the pattern's leftmost match.
// Asking RE2 for group 0 alone keeps it on its DFAs; a submatch search can fall back to the NFA,
// which is many times slower on large programs. Group 1 is group 0 less the boundary characters,
// which are known from the text except where a line's edge and a non-word character meet; only
// then does the submatch search run, on the matched span alone.
std::optional<std::pair<size_t, size_t>> match_span(const CompiledPattern& pattern, std::string_view text) {
    if (pattern.backtracker) {
        const auto found = pattern.backtracker->search(text);
        if (found.outcome == Backtracker::Outcome::match) return std::pair{found.begin, found.end};
        if (found.outcome == Backtracker::Outcome::no_match) return std::nullopt;
    }
    const RE2& regex = *pattern.regex;
    re2::StringPiece whole;
    if (!regex.Match(text, 0, text.size(), RE2::UNANCHORED, &whole, 1)) return std::nullopt;
    const size_t start = static_cast<size_t>(whole.data() - text.data());
    const size_t end = start + whole.size();
    // One byte per character in the normalised text.
    const auto byte_at = [&](size_t pos) { return static_cast<unsigned char>(text[pos]); };
    std::optional<size_t> begin, finish;
    if (start < end) {
        if (start > 0 && text[start - 1] != '\n') begin = start + 1;    // ^ cannot match here
        else if (is_word_byte(byte_at(start))) begin = start;               // the boundary cannot take it
        if (end < text.size() && text[end] != '\n') finish = end - 1;    // $ cannot match here
        else if (is_word_byte(byte_at(end - 1))) finish = end;
        else if (begin) {
            // The match ends a line with a non-word character ("… within 3 days."): the pattern may
            // end with it, or the boundary took it. Put a non-word character after it and match
            // again from the same start: if the match still ends there, the boundary took it.
            thread_local std::string probe;
            probe.assign(text.substr(0, end));
            probe += '\x01';
            re2::StringPiece again;
            if (regex.Match(probe, start, probe.size(), RE2::ANCHOR_START, &again, 1) && again.size() == end - start)
                finish = end - 1;
        }
    }
    if (begin && finish && *begin <= *finish) return std::pair{*begin, *finish};
    re2::StringPiece groups[2];
    if (!regex.Match(text, start, end, RE2::ANCHOR_BOTH, groups, 2) || groups[1].data() == nullptr)
        return std::nullopt;
    const size_t group_begin = static_cast<size_t>(groups[1].data() - text.data());
    return std::pair{group_begin, group_begin + groups[1].size()};
}

// The first match that starts at `from` or later.
std::optional<std::pair<size_t, size_t>> match_span_from(const CompiledPattern& pattern, std::string_view text,
                                                         size_t from) {
    if (from == 0) return match_span(pattern, text);
    if (from > text.size()) return std::nullopt;
    if (pattern.backtracker) {
        const auto found = pattern.backtracker->search(text, from);
        if (found.outcome == Backtracker::Outcome::match) return std::pair{found.begin, found.end};
        if (found.outcome == Backtracker::Outcome::no_match) return std::nullopt;
    }
    // RE2 from one byte earlier, so that a boundary character just before `from` can be taken; a
    // match that still begins before `from` (at a line's start) is passed over.
    for (const size_t startpos : {from - 1, from}) {
        re2::StringPiece groups[2];
        if (!pattern.regex->Match(text, startpos, text.size(), RE2::UNANCHORED, groups, 2) || groups[1].data() == nullptr)
            return std::nullopt;
        const auto begin = static_cast<size_t>(groups[1].data() - text.data());
        if (begin >= from) return std::pair{begin, begin + groups[1].size()};
    }
    return std::nullopt;
}

// Whether the pattern matches anywhere in the text.
bool matches(const CompiledPattern& pattern, std::string_view text) {
    if (pattern.backtracker) {
        const auto outcome = pattern.backtracker->search(text).outcome;
        if (outcome != Backtracker::Outcome::gave_up) return outcome == Backtracker::Outcome::match;
    }
    return pattern.regex->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0);
}

// Whether a pattern's regex is a plain word: letters, digits and '_' only, no syntax.
bool is_word_literal(std::string_view body) {
    const std::string encoded = encode_text(body);
    return !encoded.empty() && std::all_of(encoded.begin(), encoded.end(), [](char c) {
        return is_word_byte(static_cast<unsigned char>(c));
    });
}

// Whether normalised text[begin, end) stands as a whole word: no word character touches an edge.
bool is_whole_word(std::string_view text, size_t begin, size_t end) {
    if (begin > 0 && is_word_byte(static_cast<unsigned char>(text[begin - 1]))) return false;
    return end == text.size() || !is_word_byte(static_cast<unsigned char>(text[end]));
}

RE2::Options regex_options() {
    RE2::Options options;
    options.set_case_sensitive(true);
    options.set_encoding(RE2::Options::EncodingLatin1);    // the normalised text: one byte per character
    options.set_log_errors(false);
    options.set_max_mem(8 << 20);
    return options;
}

}  // namespace

CompiledRules::CompiledRules() = default;
CompiledRules::~CompiledRules() = default;
CompiledRules::CompiledRules(CompiledRules&&) noexcept = default;
CompiledRules& CompiledRules::operator=(CompiledRules&&) noexcept = default;

CompiledRules CompiledRules::compile(std::vector<core::Rule> rules, std::vector<std::string>& errors, Matching matching) {
    static std::atomic<uint64_t> generations{0};
    CompiledRules out;
    out.m_generation = ++generations;
    out.m_rules = std::move(rules);
    out.m_unless_by_rule.resize(out.m_rules.size());

    // Every regex to compile, in rule order; the errors are reported in this order too.
    struct Job {
        size_t rule = 0;
        core::Language language = core::Language::unknown;
        const core::Pattern* pattern = nullptr;
        bool filtered = true;    // a pattern (into a FilteredRE2) rather than an `unless` (its own RE2)
        std::string body;        // the regex between the boundaries
        std::string error;
        size_t group = 0;
        std::unique_ptr<RE2> owned;
        int local_id = -1;
        std::unique_ptr<Backtracker> backtracker;
    };
    std::vector<Job> jobs;
    PhraseCompiler phrases;
    for (size_t r = 0; r < out.m_rules.size(); ++r) {
        const core::Rule& rule = out.m_rules[r];
        out.m_index.emplace(rule.id, r);
        for (size_t l = 0; l < core::language_count; ++l) {
            const core::Language language = core::all_languages[l];
            const auto add = [&](const core::Pattern& pattern, bool filtered) {
                Job job{r, language, &pattern, filtered, {}, {}, 0, nullptr, -1, nullptr};
                job.body = pattern.type == core::PatternType::phrase ? phrases.to_regex(pattern.text, language)
                                                                      : prepare_regex(pattern.text);
                if (job.body.empty())
                    job.error = fmt::format("{}:{}: rule {}: the phrase \"{}\" has no words", rule.file, pattern.line,
                                            rule.id, pattern.text);
                jobs.push_back(std::move(job));
            };
            for (const auto& pattern : rule.patterns[l]) add(pattern, true);
            for (const auto& pattern : rule.unless[l]) add(pattern, false);
        }
    }

    // Compiling is most of qalint's start-up, so the regexes are shared out between the cores:
    // each group of patterns gets its own FilteredRE2, compiled on its own thread.
    const size_t groups = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, max_compile_groups);
    out.m_filters.resize(groups);
    std::vector<std::vector<std::string>> group_atoms(groups);
    const RE2::Options options = regex_options();
    const auto compile_group = [&](size_t group) {
        auto filter = std::make_unique<re2::FilteredRE2>(min_atom_length);
        size_t added = 0;
        for (size_t j = group; j < jobs.size(); j += groups) {
            Job& job = jobs[j];
            job.group = group;
            if (!job.error.empty()) continue;
            // The body as the text is encoded; the boundaries are ASCII, only their \pL needs expanding.
            const std::string body = encode_regex(expand_letter_classes(job.body));
            const std::string full = multi_line + expand_letter_classes(boundary_before) + "(" + body + ")" +
                                     expand_letter_classes(boundary_after);
            const core::Rule& rule = out.m_rules[job.rule];
            const auto fail = [&](const std::string& why) {
                job.error = fmt::format("{}:{}: rule {}: pattern \"{}\" does not compile: {}", rule.file,
                                        job.pattern->line, rule.id, job.pattern->text, why);
            };
            if (job.filtered) {
                if (filter->Add(full, options, &job.local_id) != RE2::NoError) fail(RE2(full, options).error());
                else ++added;
            } else {
                job.owned = std::make_unique<RE2>(full, options);
                if (!job.owned->ok()) fail(job.owned->error());
            }
            if (job.error.empty() && matching == Matching::backtracker)
                job.backtracker = Backtracker::compile(body);
        }
        if (added > 0) {
            filter->Compile(&group_atoms[group]);
            out.m_filters[group] = std::move(filter);
        }
    };
    std::vector<std::thread> threads;
    for (size_t group = 1; group < groups; ++group) threads.emplace_back(compile_group, group);
    compile_group(0);
    for (auto& thread : threads) thread.join();

    // Gather, in rule order: patterns, `unless` regexes, errors; then the scanner's atoms.
    out.m_group_atom_begin.assign(groups + 1, 0);
    for (size_t group = 0; group < groups; ++group)
        out.m_group_atom_begin[group + 1] = out.m_group_atom_begin[group] + group_atoms[group].size();
    out.m_group_patterns.assign(groups, {});
    std::vector<std::string> bodies;    // per m_patterns entry
    for (Job& job : jobs) {
        if (!job.error.empty()) {
            errors.push_back(std::move(job.error));
            continue;
        }
        CompiledPattern compiled{job.rule, job.language, std::move(job.owned), nullptr, job.pattern->text,
                                 std::move(job.backtracker)};
        if (!job.filtered) {
            compiled.regex = compiled.owned.get();
            out.m_unless_by_rule[job.rule].push_back(out.m_unless.size());
            out.m_unless.push_back(std::move(compiled));
            continue;
        }
        auto& local = out.m_group_patterns[job.group];
        if (local.size() <= static_cast<size_t>(job.local_id)) local.resize(static_cast<size_t>(job.local_id) + 1, -1);
        local[static_cast<size_t>(job.local_id)] = static_cast<int>(out.m_patterns.size());
        compiled.regex = &out.m_filters[job.group]->GetRE2(job.local_id);
        out.m_patterns.push_back(std::move(compiled));
        bodies.push_back(std::move(job.body));
    }
    for (const CompiledPattern& pattern : out.m_patterns) {
        const core::Rule& rule = out.m_rules[pattern.rule];
        out.m_candidates.push_back({static_cast<uint32_t>(pattern.rule),
                                    static_cast<uint8_t>(1u << core::language_index(pattern.language)),
                                    rule.category == core::Category::signal, !rule.speaker.has_value(),
                                    rule.speaker.value_or(core::Role::unknown)});
    }
    if (out.m_patterns.empty()) return out;
    std::vector<std::string> atoms;
    for (auto& group : group_atoms) atoms.insert(atoms.end(), group.begin(), group.end());
    out.m_filter_atoms = atoms.size();
    // A pattern that is one short word ("hi") has no atom for FilteredRE2, yet it need not
    // run on every turn: the scanner finds the word itself, and checks its edges.
    out.m_is_word_pattern.assign(out.m_patterns.size(), 0);
    for (int u : out.group_potentials({})) {
        if (is_word_literal(bodies[static_cast<size_t>(u)])) {
            atoms.push_back(encode_text(bodies[static_cast<size_t>(u)]));
            out.m_word_patterns.push_back(u);
            out.m_is_word_pattern[static_cast<size_t>(u)] = 1;
        } else {
            out.m_unfiltered.push_back(u);
        }
    }
    out.m_atoms = AtomScanner(atoms);
    out.m_word_lengths.reserve(out.m_word_patterns.size());
    for (size_t w = out.m_filter_atoms; w < atoms.size(); ++w) out.m_word_lengths.push_back(atoms[w].size());
    return out;
}

std::vector<int> CompiledRules::group_potentials(const std::vector<int>& atoms) const {
    std::vector<int> candidates, local_atoms, local_candidates;
    for (size_t group = 0; group < m_filters.size(); ++group) {
        if (!m_filters[group]) continue;
        local_atoms.clear();
        for (int atom : atoms)
            if (static_cast<size_t>(atom) >= m_group_atom_begin[group] && static_cast<size_t>(atom) < m_group_atom_begin[group + 1])
                local_atoms.push_back(atom - static_cast<int>(m_group_atom_begin[group]));
        local_candidates.clear();
        m_filters[group]->AllPotentials(local_atoms, &local_candidates);
        for (int local : local_candidates) candidates.push_back(m_group_patterns[group][static_cast<size_t>(local)]);
    }
    std::sort(candidates.begin(), candidates.end());
    return candidates;
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
    TurnScope scope;
    for (core::Language language : languages)
        if (language != core::Language::unknown) scope.languages |= static_cast<uint8_t>(1u << core::language_index(language));
    match_turn(normalized, scope, hits);
}

const std::vector<int>& CompiledRules::potentials(const std::vector<int>& atoms, uint8_t languages) const {
    // FilteredRE2 sizes its work arrays by the whole prefilter tree on every call, which costs more
    // than most turns' regex runs; the same few atom sets come back again and again (greetings,
    // thanks, a team's stock answers), so each thread remembers the answers it worked out, in a
    // table with one place per hash of the atom set: a new set takes the place of the old one.
    struct Answer {
        uint64_t hash = 0;
        uint8_t languages = 0;
        std::vector<int> atoms;
        std::vector<int> candidates;
    };
    constexpr size_t places = 1 << 15;    // 1.8 MB; 5000 files: 1.8 % of turns miss at 1 << 14, 1.1 % at 1 << 16
    thread_local uint64_t owner = 0;
    thread_local std::vector<Answer> known;
    if (owner != m_generation) {
        known.assign(places, {});
        owner = m_generation;
    }
    uint64_t hash = atoms.size() * 8 + languages;
    for (int atom : atoms) hash = (hash ^ static_cast<uint64_t>(atom)) * 0x9E3779B97F4A7C15ull;
    hash ^= hash >> 29;
    Answer& answer = known[hash & (places - 1)];
    if (answer.hash == hash && answer.languages == languages && answer.atoms == atoms) return answer.candidates;
    answer.hash = hash;
    answer.languages = languages;
    answer.atoms = atoms;
    // No atom: only the patterns that have none.
    answer.candidates = atoms.empty() ? m_unfiltered : group_potentials(atoms);
    // FilteredRE2 lets its atom-less patterns through every time; the one-word ones only run
    // where the scanner found their word. Patterns of other languages do not run at all.
    std::erase_if(answer.candidates, [&](int candidate) {
        return m_is_word_pattern[static_cast<size_t>(candidate)] || !(m_candidates[static_cast<size_t>(candidate)].language & languages);
    });
    return answer.candidates;
}

void CompiledRules::match_turn(std::string_view text, const TurnScope& scope, std::vector<Hit>& hits) const {
    hits.clear();
    if (m_patterns.empty()) return;
    const auto allows = [&](core::Language language) { return (scope.languages >> core::language_index(language)) & 1u; };
    thread_local std::vector<int> atoms;
    thread_local std::vector<int> words;
    atoms.clear();
    words.clear();
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
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    // Valid until the next call: the cache may drop it then.
    const std::vector<int>& filtered = potentials(atoms, scope.languages);
    for (size_t c = 0, total = filtered.size() + words.size(); c < total; ++c) {
        const auto candidate = static_cast<size_t>(c < filtered.size() ? filtered[c] : words[c - filtered.size()]);
        const Candidate& about = m_candidates[candidate];
        if (!(about.language & scope.languages)) continue;
        if (scope.skip && (*scope.skip)[about.rule]) continue;
        if (scope.role && !about.any_speaker && about.speaker != *scope.role) continue;
        const CompiledPattern& pattern = m_patterns[candidate];
        if (scope.every && (*scope.every)[about.rule] && !about.signal) {
            // Every occurrence: each is a finding of its own, and each can be suppressed on its own line.
            for (size_t from = 0;;) {
                const auto span = match_span_from(pattern, text, from);
                if (!span) break;
                hits.push_back({pattern.rule, pattern.language, span->first, span->second, static_cast<uint32_t>(c)});
                from = std::max(span->second, span->first + 1);
            }
            continue;
        }
        const auto existing =
            std::find_if(hits.begin(), hits.end(), [&](const Hit& h) { return h.rule == pattern.rule; });
        if (about.signal) {
            // A signal is never shown: whether it is there is all that counts, and the DFA
            // answers that alone, stopping at the first match.
            if (existing == hits.end() && matches(pattern, text)) hits.push_back({pattern.rule, pattern.language, 0, 0});
            continue;
        }
        const auto span = match_span(pattern, text);
        if (!span) continue;
        const Hit hit{pattern.rule, pattern.language, span->first, span->second, static_cast<uint32_t>(c)};
        if (existing == hits.end()) hits.push_back(hit);
        else if (hit.begin < existing->begin) *existing = hit;
    }
    std::erase_if(hits, [&](const Hit& hit) {
        for (size_t u : m_unless_by_rule[hit.rule]) {
            const CompiledPattern& pattern = m_unless[u];
            if (allows(pattern.language) && matches(pattern, text)) return true;
        }
        return false;
    });
    std::sort(hits.begin(), hits.end(),
              [](const Hit& a, const Hit& b) { return std::tie(a.rule, a.begin, a.order) < std::tie(b.rule, b.begin, b.order); });
    // Of a rule's occurrences that overlap (two of its patterns on the same words), the first stays.
    size_t kept = 0;
    for (size_t h = 0; h < hits.size(); ++h) {
        if (kept > 0 && hits[kept - 1].rule == hits[h].rule && hits[h].begin < hits[kept - 1].end) continue;
        hits[kept++] = hits[h];
    }
    hits.resize(kept);
}

}  // namespace qalint::rules
