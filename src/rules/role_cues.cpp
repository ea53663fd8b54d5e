#include "rules/role_cues.hpp"

#include <re2/re2.h>

#include <string>

#include "rules/regex_syntax.hpp"
#include "text/normalize.hpp"

namespace qalint::rules {
namespace {

// The engine's word boundaries (compiled.cpp): group 1 is the cue without them.
const std::string boundary_before = "(?:^|[^\\pL\\pN_])";
const std::string boundary_after = "(?:$|[^\\pL\\pN_])";

// A term written as the whole turn (`^…$`, «Алло?»): it tells only at the opening (read::RoleCue).
bool is_whole_turn(const std::string& term) {
    return term.size() >= 2 && term.front() == '^' && term.back() == '$';
}

// One regex of the vocabulary's terms in every language (the whole-turn ones or the others): a turn of
// an unnamed speaker is searched once per role and kind of term, whatever language it is in.
std::unique_ptr<RE2> compile_vocabulary(const core::Rule& vocabulary, bool whole_turn) {
    std::string alternatives;
    for (const auto& terms : vocabulary.patterns)
        for (const auto& term : terms) {
            if (term.type != core::PatternType::regex || is_whole_turn(term.text) != whole_turn) continue;
            if (!alternatives.empty()) alternatives += '|';
            alternatives += "(?:" + encode_regex(expand_letter_classes(prepare_regex(term.text))) + ")";
        }
    if (alternatives.empty()) return nullptr;
    RE2::Options options;
    options.set_case_sensitive(true);
    options.set_encoding(RE2::Options::EncodingLatin1);    // the normalised text: one byte per character
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    auto regex = std::make_unique<RE2>("(?m)" + expand_letter_classes(boundary_before) + "(" + alternatives + ")" +
                                           expand_letter_classes(boundary_after),
                                       options);
    if (!regex->ok()) return nullptr;    // the loader has checked each term; a bad one is reported there
    return regex;
}

// One vocabulary's terms: those found anywhere, and those that are the whole turn.
struct Voice {
    std::unique_ptr<RE2> anywhere;
    std::unique_ptr<RE2> whole_turn;
    explicit operator bool() const { return anywhere || whole_turn; }
};

Voice compile_voice(const core::Rule& vocabulary) {
    return {compile_vocabulary(vocabulary, false), compile_vocabulary(vocabulary, true)};
}

struct VoiceRegexes {
    Voice agent;
    Voice customer;
};

bool find_term(const RE2& regex, core::Role role, bool opening_only, const text::NormalizedText& normalized,
               std::vector<read::RoleCue>& cues) {
    const std::string_view text = normalized.text;
    // The DFA first: most turns hold no cue, and only a hit needs its span.
    if (!regex.Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) return false;
    re2::StringPiece groups[2];
    if (!regex.Match(text, 0, text.size(), RE2::UNANCHORED, groups, 2) || groups[1].data() == nullptr) return false;
    const auto begin = static_cast<size_t>(groups[1].data() - text.data());
    cues.push_back({role, normalized.original_begin(begin), normalized.original_end(begin + groups[1].size()),
                    opening_only});
    return true;
}

// At most one cue per role: a term found anywhere, else a whole-turn one.
void find_voice(const Voice& voice, core::Role role, const text::NormalizedText& normalized,
                std::vector<read::RoleCue>& cues) {
    if (voice.anywhere && find_term(*voice.anywhere, role, false, normalized, cues)) return;
    if (voice.whole_turn) find_term(*voice.whole_turn, role, true, normalized, cues);
}

}  // namespace

std::shared_ptr<const read::RoleCueFinder> role_cue_finder(const std::vector<core::Rule>& rules) {
    auto voices = std::make_shared<VoiceRegexes>();
    for (const auto& rule : rules) {
        if (rule.kind != core::RuleKind::vocabulary) continue;
        if (rule.id == agent_voice) voices->agent = compile_voice(rule);
        else if (rule.id == customer_voice) voices->customer = compile_voice(rule);
    }
    if (!voices->agent && !voices->customer) return nullptr;
    const auto find = [voices](std::string_view text, std::vector<read::RoleCue>& cues) {
        thread_local text::NormalizedText normalized;
        text::normalize_into(text, normalized);
        find_voice(voices->agent, core::Role::agent, normalized, cues);
        find_voice(voices->customer, core::Role::customer, normalized, cues);
        constexpr size_t keep_bytes = 1 << 20;    // a very long turn must not keep its buffers
        if (normalized.text.capacity() > keep_bytes) normalized = text::NormalizedText{};
    };
    return std::make_shared<const read::RoleCueFinder>(find);
}

}  // namespace qalint::rules
