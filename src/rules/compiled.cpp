#include "rules/compiled.hpp"

#include <cctype>
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <unordered_map>
#include <tuple>

#include "rules/embedded.hpp"
#include "rules/phrase.hpp"
#include "rules/prefilter.hpp"
#include "rules/regex_syntax.hpp"
#include "text/normalize.hpp"

namespace qalint::rules {
namespace {

// RE2's \b is ASCII-only, so boundaries are spelled with Unicode classes and consumed;
// group 1 holds the match itself. ^ and $ are the edges of the turn (a normalised turn holds no
// '\n'; multi-line mode keeps them line edges should a text passed to match() hold one).
const std::string multi_line = "(?m)";

// Atoms shorter than this (in bytes) are not worth a prefilter; their patterns always run.
constexpr size_t min_atom_length = 3;
constexpr size_t max_compile_threads = 4;
const std::string boundary_before = "(?:^|[^\\pL\\pN_])";
const std::string boundary_after = "(?:$|[^\\pL\\pN_])";

// The span of group 1 (the match without its boundaries) of the pattern's leftmost match.
// Asking RE2 for group 0 alone keeps it on its DFAs; a submatch search can fall back to the NFA,
// which is many times slower on large programs. Group 1 is group 0 less the boundary characters,
// which are known from the text except where a line's edge and a non-word character meet; only
// then does the submatch search run, on the matched span alone.
std::optional<std::pair<size_t, size_t>> match_span(const CompiledPattern& pattern, std::string_view text,
                                                    size_t last_start) {
    if (const Backtracker* backtracker = pattern.matcher()) {
        const auto found = backtracker->search(text, 0, last_start);
        if (found.outcome == Backtracker::Outcome::match) return std::pair{found.begin, found.end};
        if (found.outcome == Backtracker::Outcome::no_match) return std::nullopt;
    }
    const RE2& regex = pattern.re2();
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

}  // namespace

std::string pattern_regex(std::string_view body) {
    static const std::string before = expand_letter_classes(boundary_before), after = expand_letter_classes(boundary_after);
    return multi_line + before + "(" + std::string(body) + ")" + after;
}

std::optional<std::pair<size_t, size_t>> match_span_from(const CompiledPattern& pattern, std::string_view text,
                                                         size_t from, size_t last_start) {
    if (from == 0) return match_span(pattern, text, last_start);
    if (from > text.size()) return std::nullopt;
    if (const Backtracker* backtracker = pattern.matcher()) {
        const auto found = backtracker->search(text, from, last_start);
        if (found.outcome == Backtracker::Outcome::match) return std::pair{found.begin, found.end};
        if (found.outcome == Backtracker::Outcome::no_match) return std::nullopt;
    }
    // RE2 from one byte earlier, so that a boundary character just before `from` can be taken.
    // When that byte starts a line, ^ would match there too, and RE2 would prefer a match that
    // begins before `from` to one at `from`: then it runs on a copy whose byte before is no line end.
    const bool line_start = from == 1 || text[from - 2] == '\n';
    thread_local std::string probe;
    std::string_view haystack = text;
    size_t shift = 0;  // haystack[i] is text[i + shift - 1]
    if (line_start) {
        probe.assign(1, 'a');
        probe.append(text.substr(from - 1));
        haystack = probe;
        shift = from - 1;
    } else {
        shift = 1;
    }
    const size_t startpos = line_start ? 1 : from - 1;
    re2::StringPiece groups[2];
    if (!pattern.re2().Match(haystack, startpos, haystack.size(), RE2::UNANCHORED, groups, 2) ||
        groups[1].data() == nullptr)
        return std::nullopt;
    const auto begin = static_cast<size_t>(groups[1].data() - haystack.data()) + shift - 1;
    return std::pair{begin, begin + groups[1].size()};
}

// Whether the pattern matches anywhere in the text.
bool matches(const CompiledPattern& pattern, std::string_view text) {
    if (const Backtracker* backtracker = pattern.matcher()) {
        const auto outcome = backtracker->search(text).outcome;
        if (outcome != Backtracker::Outcome::gave_up) return outcome == Backtracker::Outcome::match;
    }
    return pattern.re2().Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0);
}

namespace {

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

// The embedded prefilter table (pack_prefilter): per pattern (and `unless`) of the built-in rules,
// its key (type, language, text as the rule wrote it), its regex between the boundaries, that
// regex encoded as it is parsed, and the prefilter's clauses. Little-endian counts: u32 key
// length, key, u32 regex length, regex, u32 encoded length, encoded, u8 clauses, per clause u16
// strings, per string u16 length and bytes.
void put(std::string& out, uint32_t value, size_t bytes) {
    for (size_t i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

std::string table_key(const core::Pattern& pattern, size_t language) {
    std::string key;
    key.reserve(pattern.text.size() + 2);
    key += static_cast<char>(pattern.type == core::PatternType::phrase ? 'p' : 'r');
    key += static_cast<char>('0' + language);
    key += pattern.text;
    return key;
}

struct PrefilterReader {
    std::string_view bytes;
    size_t pos = 0;
    bool ok = true;
    uint32_t number(size_t size) {
        if (bytes.size() - pos < size) {
            ok = false;
            return 0;
        }
        uint32_t value = 0;
        for (size_t i = 0; i < size; ++i) value |= uint32_t{static_cast<unsigned char>(bytes[pos + i])} << (8 * i);
        pos += size;
        return value;
    }
    std::string_view text(size_t size) {
        if (bytes.size() - pos < size) {
            ok = false;
            return {};
        }
        pos += size;
        return bytes.substr(pos - size, size);
    }
    // Past one entry's clauses, or into `out`.
    void clauses(Clauses* out) {
        const uint32_t count = number(1);
        for (uint32_t c = 0; c < count && ok; ++c) {
            const uint32_t strings = number(2);
            if (out) out->emplace_back();
            for (uint32_t i = 0; i < strings && ok; ++i) {
                const std::string_view atom = text(number(2));
                if (out) out->back().emplace_back(atom);
            }
        }
    }
};

// One pattern, or one of the top-level alternatives it is split into, as the build worked it out.
struct Prepared {
    std::string_view body;       // between the boundaries
    std::string_view encoded;    // as parsed
    size_t clauses = 0;          // where its clauses start in embedded_prefilter()
};

// The built-in patterns as the build worked them out, by table_key(): an entry is the pattern's
// alternatives (one when it is not split), so start-up need not look for the '|'s again.
struct PreparedTable {
    std::vector<Prepared> alternatives;
    std::unordered_map<std::string_view, std::pair<uint32_t, uint32_t>> index;    // first, count
};
const PreparedTable& embedded_patterns() {
    static const PreparedTable table = [] {
        PreparedTable out;
        PrefilterReader reader{embedded_prefilter()};
        while (reader.ok && reader.pos < reader.bytes.size()) {
            const std::string_view key = reader.text(reader.number(4));
            const auto first = static_cast<uint32_t>(out.alternatives.size());
            const uint32_t count = reader.number(2);
            for (uint32_t a = 0; a < count && reader.ok; ++a) {
                Prepared prepared;
                prepared.body = reader.text(reader.number(4));
                prepared.encoded = reader.text(reader.number(4));
                prepared.clauses = reader.pos;
                reader.clauses(nullptr);
                out.alternatives.push_back(prepared);
            }
            if (reader.ok && count > 0) out.index.emplace(key, std::pair{first, count});
        }
        if (!reader.ok) out.index.clear();    // cut short: work every pattern out instead
        return out;
    }();
    return table;
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

const RE2& LazyRegex::get() const {
    std::call_once(m_once, [&] { m_compiled = std::make_unique<RE2>(m_regex, regex_options()); });
    return *m_compiled;
}

const Backtracker* LazyBacktracker::get() const {
    if (m_ready) return m_compiled.get();
    std::call_once(m_once, [&] { m_compiled = Backtracker::compile(m_body); });
    return m_compiled.get();
}

CompiledRules CompiledRules::compile(std::vector<core::Rule> rules, std::vector<std::string>& errors, Matching matching) {
    return compile_impl(std::move(rules), errors, matching, nullptr);
}

std::string CompiledRules::pack_prefilter(std::vector<core::Rule> rules, std::vector<std::string>& errors) {
    std::string packed;
    compile_impl(std::move(rules), errors, Matching::backtracker, &packed);
    return packed;
}

CompiledRules CompiledRules::compile_impl(std::vector<core::Rule> rules, std::vector<std::string>& errors,
                                          Matching matching, std::string* packed_prefilter) {
    static std::atomic<uint64_t> generations{0};
    CompiledRules out;
    out.m_generation = ++generations;
    out.m_rules = std::move(rules);
    out.m_unless_by_rule.resize(out.m_rules.size());

    // Every regex to compile, in rule order; the errors are reported in this order too.
    struct Job {
        const Prepared* prepared = nullptr;    // as the build worked it out (built-in rules)
        size_t rule = 0;
        core::Language language = core::Language::unknown;
        const core::Pattern* pattern = nullptr;
        bool unless = false;
        std::string_view text;    // the pattern's text, or one of its top-level alternatives
        size_t alternative = 0;    // which of them (0: the first, or the whole)
        std::string body;        // the regex between the boundaries
        std::string error;
        std::unique_ptr<LazyRegex> regex;
        std::unique_ptr<LazyBacktracker> backtracker;
        Clauses clauses;    // the prefilter's (patterns only)
        std::string encoded;    // the body as parsed (packing only)
    };
    // The build's work is taken for the built-in rules; a pattern it does not know (or RE2 alone,
    // or the build itself) is worked out here.
    const bool use_prepared = !packed_prefilter && matching == Matching::backtracker;
    std::vector<Job> jobs;
    PhraseCompiler phrases;
    for (size_t r = 0; r < out.m_rules.size(); ++r) {
        const core::Rule& rule = out.m_rules[r];
        out.m_index.emplace(rule.id, r);
        // A vocabulary's terms live on inside the regexes that name it; they are not matched alone.
        if (rule.kind == core::RuleKind::vocabulary) continue;
        for (size_t l = 0; l < core::language_count; ++l) {
            const core::Language language = core::all_languages[l];
            const auto add_one = [&](const core::Pattern& pattern, bool unless, std::string_view text,
                                     size_t alternative) {
                Job job{nullptr, r, language, &pattern, unless, text, alternative};
                job.body = pattern.type == core::PatternType::phrase ? phrases.to_regex(text, language)
                           : language == core::Language::lt ? relax_lithuanian_endings(prepare_regex(text))
                           : language == core::Language::ru ? relax_russian_imperatives(prepare_regex(text))
                                                            : prepare_regex(text);
                if (job.body.empty())
                    job.error = fmt::format("{}:{}: rule {}: the phrase \"{}\" has no words", rule.file, pattern.line,
                                            rule.id, pattern.text);
                jobs.push_back(std::move(job));
            };
            // A regex that is a top-level alternation is matched as one pattern per alternative,
            // next to one another in the written order, so that the prefilter needs an atom of only
            // the alternative it lets run: one alternative of short, common words no longer makes
            // the whole pattern run on every turn. The rule's hit is the same: RE2's match of
            // B(x|y)A (B and A the boundaries) is the leftmost of x's and y's, at a tie x's, and
            // match_turn keeps, of a rule's patterns, the earliest-beginning hit, at a tie the
            // pattern written first (the proof, for the boundaries too: tests/test_rules_split.cpp).
            // Every occurrence (macros) is looked for across the alternatives together, as the
            // pattern would be. An `unless` is not prefiltered, and RE2 alone, the reference, runs
            // each pattern whole.
            const auto add = [&](const core::Pattern& pattern, bool unless) {
                if (use_prepared && rule.builtin) {
                    const PreparedTable& table = embedded_patterns();
                    if (const auto it = table.index.find(table_key(pattern, l)); it != table.index.end()) {
                        for (uint32_t a = 0; a < it->second.second; ++a) {
                            Job job{&table.alternatives[it->second.first + a], r, language, &pattern, unless, {}, a};
                            job.body = std::string(job.prepared->body);
                            jobs.push_back(std::move(job));
                        }
                        return;
                    }
                }
                std::vector<std::string_view> alternatives;
                if (!unless && pattern.type == core::PatternType::regex && matching == Matching::backtracker)
                    alternatives = top_level_alternatives(pattern.text);
                if (alternatives.empty()) alternatives.push_back(pattern.text);
                for (size_t a = 0; a < alternatives.size(); ++a) add_one(pattern, unless, alternatives[a], a);
            };
            for (const auto& pattern : rule.patterns[l]) add(pattern, false);
            for (const auto& pattern : rule.unless[l]) add(pattern, true);
        }
    }

    // Each pattern is parsed for the backtracker and the prefilter; RE2 compiles at once only what
    // the backtracker does not take on, and the regexes of rules outside the built-in pack (to
    // name a bad one now, not on the turn that first needs it). Shared out between the cores.
    const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, max_compile_threads);
    const auto compile_share = [&](size_t first) {
        for (size_t j = first; j < jobs.size(); j += threads) {
            Job& job = jobs[j];
            if (!job.error.empty()) continue;
            // The body as the text is encoded; the boundaries are ASCII, only their \pL needs expanding.
            const std::string body = job.prepared ? std::string(job.prepared->encoded)
                                                  : encode_regex(expand_letter_classes(job.body));
            job.regex = std::make_unique<LazyRegex>(pattern_regex(body));
            const core::Rule& rule = out.m_rules[job.rule];
            if (job.prepared) {
                // The build compiled this regex and worked out its clauses (pack_prefilter): it is
                // parsed when a turn first needs it. An `unless` has none.
                PrefilterReader reader{embedded_prefilter(), job.prepared->clauses};
                reader.clauses(&job.clauses);
                job.backtracker = std::make_unique<LazyBacktracker>(body);
                continue;
            }
            const std::optional<RegexTree> tree = parse_regex(body);
            // RE2 alone (the reference in tests) runs every pattern on every turn: no prefilter.
            if (tree && !job.unless && matching == Matching::backtracker)
                job.clauses = required_literals(*tree, min_atom_length);
            if (tree && matching == Matching::backtracker)
                job.backtracker = std::make_unique<LazyBacktracker>(Backtracker::compile(*tree));
            if (packed_prefilter) job.encoded = body;
            if (!(job.backtracker && job.backtracker->get()) || !rule.builtin) {
                const RE2& compiled = job.regex->get();
                if (!compiled.ok())
                    job.error = fmt::format("{}:{}: rule {}: pattern \"{}\" does not compile: {}", rule.file,
                                            job.pattern->line, rule.id, job.pattern->text, compiled.error());
            }
        }
    };
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < threads; ++t) helpers.emplace_back(compile_share, t);
    compile_share(0);
    for (auto& helper : helpers) helper.join();

    // Gather, in rule order: patterns, `unless` regexes, errors; then the scanner's atoms.
    std::vector<std::string> bodies;    // per m_patterns entry
    uint32_t alternation_first = 0;    // the m_patterns entry of the first alternative of
    const core::Pattern* alternation_of = nullptr;    // this pattern
    std::vector<std::string> atoms;
    std::unordered_map<std::string_view, int> atom_index;    // atoms as they are first met (in the jobs)
    atom_index.reserve(8192);
    // The build's table (embedded_patterns): an entry per pattern and language, its alternatives
    // one after another. An entry whose counts do not fit is left out: start-up works it out itself.
    struct Entry {
        const core::Pattern* pattern = nullptr;
        size_t language = 0;
        uint32_t count = 0;
        bool fits = true;
        std::string alternatives;
    } entry;
    const auto write_entry = [&] {
        if (entry.pattern && entry.fits && entry.count <= 0xffff) {
            const std::string key = table_key(*entry.pattern, entry.language);
            put(*packed_prefilter, static_cast<uint32_t>(key.size()), 4);
            *packed_prefilter += key;
            put(*packed_prefilter, entry.count, 2);
            *packed_prefilter += entry.alternatives;
        }
        entry = {};
    };
    for (Job& job : jobs) {
        if (!job.error.empty()) {
            // The alternatives of a pattern fail alike: its error once.
            if (errors.empty() || errors.back() != job.error) errors.push_back(std::move(job.error));
            continue;
        }
        if (packed_prefilter) {
            if (job.pattern != entry.pattern) {
                write_entry();
                entry.pattern = job.pattern;
                entry.language = core::language_index(job.language);
            }
            std::string& out_bytes = entry.alternatives;
            ++entry.count;
            entry.fits = entry.fits && job.clauses.size() <= 0xff;
            put(out_bytes, static_cast<uint32_t>(job.body.size()), 4);
            out_bytes += job.body;
            put(out_bytes, static_cast<uint32_t>(job.encoded.size()), 4);
            out_bytes += job.encoded;
            put(out_bytes, static_cast<uint32_t>(job.clauses.size()), 1);
            for (const auto& clause : job.clauses) {
                entry.fits = entry.fits && clause.size() <= 0xffff;
                put(out_bytes, static_cast<uint32_t>(clause.size()), 2);
                for (const auto& atom : clause) {
                    entry.fits = entry.fits && atom.size() <= 0xffff;
                    put(out_bytes, static_cast<uint32_t>(atom.size()), 2);
                    out_bytes += atom;
                }
            }
        }
        CompiledPattern compiled{job.rule, job.language, std::move(job.regex), job.pattern->text,
                                 std::move(job.backtracker)};
        if (job.unless) {
            compiled.whole_turn = job.pattern->whole_turn;
            out.m_unless_by_rule[job.rule].push_back(out.m_unless.size());
            out.m_unless.push_back(std::move(compiled));
            continue;
        }
        const int index = static_cast<int>(out.m_patterns.size());
        out.m_patterns.push_back(std::move(compiled));
        // The pattern's own unless: compiled once per pattern, shared by its alternatives.
        if (job.pattern->unless.empty()) {
            out.m_guard_of.push_back(-1);
        } else if (job.pattern == alternation_of && !out.m_guard_of.empty()) {
            out.m_guard_of.push_back(out.m_guard_of.back());
        } else {
            const std::string prepared_guard = prepare_regex(job.pattern->unless);
            const std::string guard_body = encode_regex(expand_letter_classes(
                job.language == core::Language::lt   ? relax_lithuanian_endings(prepared_guard)
                : job.language == core::Language::ru ? relax_russian_imperatives(prepared_guard)
                                                     : prepared_guard));
            CompiledPattern guard{job.rule, job.language, std::make_unique<LazyRegex>(pattern_regex(guard_body)),
                                  job.pattern->unless, nullptr};
            if (const std::optional<RegexTree> tree = parse_regex(guard_body); tree && matching == Matching::backtracker)
                guard.backtracker = std::make_unique<LazyBacktracker>(Backtracker::compile(*tree));
            // RE2 is compiled now only where the backtracker does not take the guard on, or for a rule
            // outside the built-in pack (whose regexes the build has already compiled).
            const bool checked = (guard.backtracker && guard.backtracker->get()) && out.m_rules[job.rule].builtin;
            if (!checked && !guard.re2().ok())
                errors.push_back(fmt::format("{}:{}: rule {}: unless \"{}\" does not compile: {}", out.m_rules[job.rule].file,
                                             job.pattern->line, out.m_rules[job.rule].id, job.pattern->unless,
                                             guard.re2().error()));
            out.m_guard_of.push_back(static_cast<int32_t>(out.m_guards.size()));
            out.m_guards.push_back(std::move(guard));
        }
        if (job.pattern != alternation_of) alternation_first = static_cast<uint32_t>(index);
        alternation_of = job.pattern;
        out.m_alternation.push_back(alternation_first);
        bodies.push_back(std::move(job.body));
        out.m_clauses.push_back(static_cast<uint8_t>((1u << job.clauses.size()) - 1));
        if (job.clauses.empty()) {
            // A pattern that is one short word ("hi") has no atom, yet it need not run on every
            // turn: the scanner finds the word itself, and checks its edges.
            if (matching == Matching::backtracker && is_word_literal(bodies.back())) out.m_word_patterns.push_back(index);
            else out.m_unfiltered.push_back(index);
            continue;
        }
        for (size_t c = 0; c < job.clauses.size(); ++c) {
            for (const auto& atom : job.clauses[c]) {
                const auto [it, added] = atom_index.emplace(atom, static_cast<int>(atoms.size()));
                if (added) {
                    atoms.push_back(atom);
                    out.m_atom_uses.emplace_back();
                }
                out.m_atom_uses[static_cast<size_t>(it->second)].push_back({index, static_cast<uint8_t>(1u << c)});
            }
        }
    }
    if (packed_prefilter) write_entry();
    for (const CompiledPattern& pattern : out.m_patterns) {
        const core::Rule& rule = out.m_rules[pattern.rule];
        out.m_candidates.push_back({static_cast<uint32_t>(pattern.rule),
                                    static_cast<uint8_t>(1u << core::language_index(pattern.language)),
                                    rule.category == core::Category::signal, !rule.speaker.has_value(),
                                    rule.speaker.value_or(core::Role::unknown)});
    }
    if (out.m_patterns.empty()) return out;
    out.m_filter_atoms = atoms.size();
    for (int w : out.m_word_patterns) atoms.push_back(encode_text(bodies[static_cast<size_t>(w)]));
    out.m_atoms = AtomScanner(atoms);
    out.m_word_lengths.reserve(out.m_word_patterns.size());
    for (size_t w = out.m_filter_atoms; w < atoms.size(); ++w) out.m_word_lengths.push_back(atoms[w].size());
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
    TurnScope scope;
    for (core::Language language : languages)
        if (language != core::Language::unknown) scope.languages |= static_cast<uint8_t>(1u << core::language_index(language));
    match_turn(normalized, scope, hits);
}

const std::vector<int>& CompiledRules::potentials(const std::vector<int>& atoms, uint8_t languages) const {
    // The same few atom sets come back again and again (greetings, thanks, a team's stock
    // answers), so each thread remembers the answers it worked out, in a table with one place per
    // hash of the atom set: a new set takes the place of the old one.
    struct Answer {
        uint64_t hash = 0;
        uint8_t languages = 0;
        std::vector<int> atoms;
        std::vector<int> candidates;
    };
    // 2 MB at most; 5000 files: 1.8 % of turns miss at 1 << 14, 1.1 % at 1 << 16. It starts small
    // and grows as answers are worked out: a small file does not pay for touching 2 MB.
    constexpr size_t max_places = 1 << 15, first_places = 1 << 9;
    thread_local uint64_t owner = 0;
    thread_local std::vector<Answer> known;
    thread_local size_t worked_out = 0;    // answers worked out since the table last grew
    if (owner != m_generation) {
        known.assign(first_places, {});
        owner = m_generation;
        worked_out = 0;
    }
    if (worked_out >= known.size() && known.size() < max_places) {
        known.assign(known.size() * 4, {});    // the old answers are dropped: they are worked out again
        worked_out = 0;
    }
    const size_t places = known.size();
    uint64_t hash = atoms.size() * 8 + languages;
    for (int atom : atoms) hash = (hash ^ static_cast<uint64_t>(atom)) * 0x9E3779B97F4A7C15ull;
    hash ^= hash >> 29;
    Answer& answer = known[hash & (places - 1)];
    if (answer.hash == hash && answer.languages == languages && answer.atoms == atoms) return answer.candidates;
    ++worked_out;
    answer.hash = hash;
    answer.languages = languages;
    answer.atoms = atoms;
    // The patterns without atoms, and those of the atoms found; the one-word ones only run where
    // the scanner found their word (match_turn adds them). Patterns of other languages do not run.
    answer.candidates.clear();
    const auto take = [&](int candidate) {
        if (m_candidates[static_cast<size_t>(candidate)].language & languages) answer.candidates.push_back(candidate);
    };
    for (int candidate : m_unfiltered) take(candidate);
    thread_local std::vector<uint8_t> satisfied;    // per pattern: the clauses the atoms satisfy
    thread_local std::vector<int> touched;
    satisfied.resize(m_patterns.size());
    for (int atom : atoms) {
        for (const AtomUse& use : m_atom_uses[static_cast<size_t>(atom)]) {
            uint8_t& clauses = satisfied[static_cast<size_t>(use.pattern)];
            if (clauses == 0) touched.push_back(use.pattern);
            clauses |= use.clause;
        }
    }
    for (int candidate : touched) {
        if (satisfied[static_cast<size_t>(candidate)] == m_clauses[static_cast<size_t>(candidate)]) take(candidate);
        satisfied[static_cast<size_t>(candidate)] = 0;
    }
    touched.clear();
    // No pattern twice: those without atoms have no clauses, and `touched` lists each once.
    std::sort(answer.candidates.begin(), answer.candidates.end());
    return answer.candidates;
}

// Words a dot abbreviates in ru, lt and en, normalised: "13 val. pats paskambinsiu", «в 15 ч. 30 мин.»,
// "el. paštu", "tel. +370…" do not end a sentence there.
static bool is_abbreviation(std::string_view word) {
    static const std::vector<std::string> abbreviations = [] {
        std::vector<std::string> folded;
        for (const char* word : {"val", "min", "sek", "d", "tel", "nr", "el", "g", "pvz", "t", "y", "kt", "pan", "ч",
                                 "мин", "сек", "г", "ул", "д", "тел", "стр", "руб", "коп", "т", "е", "др", "см", "etc",
                                 "approx", "no", "vs", "mr", "mrs", "ms", "dr", "st", "tel", "ext", "hrs", "mins"})
            folded.push_back(text::fold_for_matching(word));
        return folded;
    }();
    return std::find(abbreviations.begin(), abbreviations.end(), word) != abbreviations.end();
}

// The sentence holding text[begin, end): from after the last sentence end before it to the next one
// after it (or at its own last character, when that ends one). A sentence ends at '.', '!' or '?' followed
// by white space (so "5 p.m. today" and "3.5" stay whole, and so do abbreviations like "13 val." and
// «15 ч.»), and at a line break.
static std::pair<size_t, size_t> sentence_around(std::string_view text, size_t begin, size_t end) {
    const auto ends_sentence = [&](size_t i) {
        if (text[i] == '\n') return true;
        if (text[i] != '.' && text[i] != '!' && text[i] != '?') return false;
        // "p.m.", "e.g.": a dot after one letter after a dot abbreviates.
        if (text[i] == '.' && i >= 2 && text[i - 2] == '.' && std::isalpha(static_cast<unsigned char>(text[i - 1]))) return false;
        if (text[i] == '.') {
            size_t word = i;
            while (word > 0 && text[word - 1] != ' ' && text[word - 1] != '\n' && text[word - 1] != '.') --word;
            if (word < i && is_abbreviation(text.substr(word, i - word))) return false;
        }
        return i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
    };
    size_t first = begin;
    while (first > 0 && !ends_sentence(first - 1)) --first;
    // A match may take a sentence's end with it (a link swallows its full stop: "via https://t.co/x. Is there
    // anything else…"): its sentence ends there, not at the next one.
    size_t last = end > begin ? end - 1 : end;
    while (last < text.size() && !ends_sentence(last)) ++last;
    return {first, last};
}

// The links and @handles of a turn ("https://t.co/…", "www.…", "@AcmeHelp"): chat noise that a match
// may run into (a redirect to a link) but may not begin in ("t.co/sorry-page" is no apology).
static void noise_spans(std::string_view text, std::vector<std::pair<size_t, size_t>>& spans) {
    spans.clear();
    // Most turns hold neither: three fast scans instead of a look at every character.
    if (text.find('@') == std::string_view::npos && text.find("://") == std::string_view::npos &&
        text.find("www.") == std::string_view::npos)
        return;
    for (size_t i = 0; i < text.size();) {
        const bool token_start = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '(';
        const std::string_view rest = text.substr(i);
        const bool noise = token_start && ((rest.size() > 1 && rest[0] == '@' && rest[1] != ' ') ||
                                           rest.starts_with("http://") || rest.starts_with("https://") ||
                                           rest.starts_with("www."));
        if (!noise) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
        spans.emplace_back(i, end);
        i = end;
    }
}

// Where a match that begins at `begin` may begin instead: past the end of the noise span that `begin`
// falls inside (a match may start where a link starts, so a pattern can name a link or a handle).
static std::optional<size_t> inside_noise(const std::vector<std::pair<size_t, size_t>>& spans, size_t begin) {
    for (const auto& [first, last] : spans)
        if (begin > first && begin < last) return last;
    return std::nullopt;
}

// A link's dots are no sentence ends: "try the steps at https://t.co/x and tell us whether they
// helped" is one sentence, and a window that stops at '.', '!' or '?' must read across the link. Each
// '.', '!' and '?' inside a link (after its "://" or "www."), but not the one that ends it, becomes a '/',
// and each digit an 'x' (an archive's "20191017064958" is no phone number), byte for byte, so every
// offset stays where it was.
static std::string_view mask_link_punctuation(std::string_view text,
                                              const std::vector<std::pair<size_t, size_t>>& spans,
                                              std::string& masked) {
    bool any = false;
    for (const auto& [first, last] : spans) {
        const std::string_view token = text.substr(first, last - first);
        size_t from = token.starts_with("www.") ? 4 : token.find("://");
        if (from == std::string_view::npos) continue;    // an @handle
        if (!token.starts_with("www.")) from += 3;
        size_t end = token.size();
        while (end > from && (token[end - 1] == '.' || token[end - 1] == '!' || token[end - 1] == '?')) --end;
        for (size_t i = from; i < end; ++i) {
            const bool stop = token[i] == '.' || token[i] == '!' || token[i] == '?';
            const bool digit = token[i] >= '0' && token[i] <= '9';
            if (!stop && !digit) continue;
            if (!any) masked.assign(text), any = true;
            masked[first + i] = stop ? '/' : 'x';
        }
    }
    return any ? std::string_view(masked) : text;
}

void CompiledRules::match_turn(std::string_view raw_text, const TurnScope& scope, std::vector<Hit>& hits) const {
    hits.clear();
    if (m_patterns.empty()) return;
    thread_local std::vector<std::pair<size_t, size_t>> noise;
    noise_spans(raw_text, noise);
    thread_local std::string masked;
    const std::string_view text = mask_link_punctuation(raw_text, noise, masked);
    // The first match of the pattern from `from` on that does not begin inside a link or an @handle.
    const auto span_outside_noise = [&](const CompiledPattern& pattern, size_t from, size_t last_start = SIZE_MAX) {
        for (;;) {
            auto span = match_span_from(pattern, text, from, last_start);
            if (!span || noise.empty()) return span;
            const auto past = inside_noise(noise, span->first);
            if (!past) return span;
            from = *past;
            if (from >= text.size()) return decltype(span){};
        }
    };
    // The first such match of pattern `index` whose own unless (if it has one) does not match in its
    // sentence: a cancelled match moves the search on past that sentence.
    const auto allowed_span = [&](size_t index, size_t from, size_t last_start = SIZE_MAX) {
        for (;;) {
            auto span = span_outside_noise(m_patterns[index], from, last_start);
            if (!span || m_guard_of[index] < 0) return span;
            const CompiledPattern& guard = m_guards[static_cast<size_t>(m_guard_of[index])];
            const auto [sentence_begin, sentence_end] = sentence_around(text, span->first, span->second);
            bool cancelled = false;
            for (size_t at = sentence_begin; at < sentence_end;) {
                const auto found = match_span_from(guard, text, at);
                if (!found || found->first >= sentence_end) break;
                if (found->second > sentence_begin) {
                    cancelled = true;
                    break;
                }
                at = std::max(found->second, found->first + 1);
            }
            if (!cancelled) return span;
            // Go on from the end of the sentence the cancelled match began in: a match whose span runs on
            // over a sentence end (a link that takes the full stop with it) must not hide the next sentence.
            from = std::max(sentence_around(text, span->first, span->first).second, span->first + 1);
            if (from >= text.size()) return decltype(span){};
        }
    };
    const auto allows = [&](core::Language language) { return (scope.languages >> core::language_index(language)) & 1u; };
    thread_local std::vector<int> atoms;
    thread_local std::vector<int> words;
    atoms.clear();
    words.clear();
    struct Next {
        bool searched = false;
        std::optional<std::pair<size_t, size_t>> span;
    };
    thread_local std::vector<Next> next;    // every occurrence: per alternative, its next match
    thread_local std::vector<uint32_t> searched;    // the split patterns already searched for every occurrence
    searched.clear();
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
            // The alternatives a pattern is split into are searched together, as the pattern would be
            // (once, whichever of them the prefilter let through first): from the end of the last
            // occurrence on, the leftmost of their next matches, at a tie the one written first.
            // An alternative's next match stays its next while it begins at `from` or later.
            const uint32_t first = m_alternation[candidate];
            size_t end = first + 1;
            while (end < m_alternation.size() && m_alternation[end] == first) ++end;
            if (end - first > 1) {
                if (std::find(searched.begin(), searched.end(), first) != searched.end()) continue;
                searched.push_back(first);
            }
            next.assign(end - first, Next{});
            for (size_t from = 0;;) {
                size_t best = next.size();
                for (size_t a = 0; a < next.size(); ++a) {
                    Next& ahead = next[a];
                    if (!ahead.searched || (ahead.span && ahead.span->first < from)) {
                        ahead.span = allowed_span(first + a, from);
                        ahead.searched = true;
                    }
                    if (ahead.span && (best == next.size() || ahead.span->first < next[best].span->first)) best = a;
                }
                if (best == next.size()) break;
                const auto span = *next[best].span;
                hits.push_back({pattern.rule, pattern.language, span.first, span.second, static_cast<uint32_t>(first + best)});
                from = std::max(span.second, span.first + 1);
            }
            continue;
        }
        const auto existing =
            std::find_if(hits.begin(), hits.end(), [&](const Hit& h) { return h.rule == pattern.rule; });
        if (about.signal) {
            // A signal is never shown: whether it is there is all that counts (once per turn, and
            // RE2, when it answers, need not find the group's span).
            if (existing == hits.end() && (m_guard_of[candidate] < 0 ? matches(pattern, text) : allowed_span(candidate, 0).has_value()))
                hits.push_back({pattern.rule, pattern.language, 0, 0});
            continue;
        }
        // Only a match that begins earlier than the rule's hit so far (or where it begins, from a
        // pattern written before its) would replace it: the search need not look past there.
        size_t last_start = SIZE_MAX;
        if (existing != hits.end()) {
            if (candidate < existing->order) last_start = existing->begin;
            else if (existing->begin == 0) continue;
            else last_start = existing->begin - 1;
        }
        const auto span = allowed_span(candidate, 0, last_start);
        if (!span) continue;
        const Hit hit{pattern.rule, pattern.language, span->first, span->second, static_cast<uint32_t>(candidate)};
        if (existing == hits.end()) hits.push_back(hit);
        else if (std::tie(hit.begin, hit.order) < std::tie(existing->begin, existing->order)) *existing = hit;
    }
    std::erase_if(hits, [&](const Hit& hit) {
        const bool in_sentence = m_rules[hit.rule].unless_in_sentence;
        const auto [sentence_begin, sentence_end] = in_sentence ? sentence_around(text, hit.begin, hit.end)
                                                                : std::pair<size_t, size_t>{0, text.size()};
        for (size_t u : m_unless_by_rule[hit.rule]) {
            const CompiledPattern& pattern = m_unless[u];
            if (!allows(pattern.language)) continue;
            if (!in_sentence || pattern.whole_turn) {
                if (matches(pattern, text)) return true;
                continue;
            }
            for (size_t from = sentence_begin; from < sentence_end;) {
                const auto span = match_span_from(pattern, text, from);
                if (!span || span->first >= sentence_end) break;
                if (span->second > sentence_begin) return true;
                from = std::max(span->second, span->first + 1);
            }
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

bool CompiledRules::unless_matches(size_t rule, std::string_view text, uint8_t languages) const {
    for (size_t u : m_unless_by_rule[rule]) {
        const CompiledPattern& pattern = m_unless[u];
        if (((languages >> core::language_index(pattern.language)) & 1u) && matches(pattern, text)) return true;
    }
    return false;
}

}  // namespace qalint::rules
