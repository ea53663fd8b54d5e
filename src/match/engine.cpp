#include "match/engine.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "match/conversation_rules.hpp"
#include "match/ladder.hpp"
#include "text/language.hpp"
#include "text/normalize.hpp"
#include "util/utf8.hpp"

namespace qalint::match {
namespace {

bool speaker_matches(const core::Rule& rule, core::Role role) {
    return !rule.speaker || *rule.speaker == role;
}

bool applies_to(const core::Rule& rule, const core::Conversation& conversation) {
    return conversation.source == core::Source::macro ? rule.for_macros : rule.for_conversations;
}

// The original text of characters [begin, end) of the cursor's text.
std::string_view char_span(std::string_view text, util::CharCursor& cursor, uint32_t begin, uint32_t end) {
    const std::string_view rest = text.substr(cursor.byte_of(begin));
    return util::prefix_chars(rest, end - begin);
}

}  // namespace

Engine::Engine(const rules::CompiledRules& rules, EngineOptions options)
    : m_rules(rules), m_options(std::move(options)), m_named(name_rules(rules)) {
    // Which customer turns each rule is read on: everywhere, or only the first/last one.
    enum Need : int { nowhere = 0, first = 1, last = 2, everywhere = 4 };
    const auto& all = m_rules.rules();
    std::vector<int> need(all.size(), nowhere);
    const auto mark = [&](const std::string& id, int where) {
        if (const size_t index = m_rules.index_of(id); index != std::string::npos) need[index] |= where;
    };
    for (size_t r = 0; r < all.size(); ++r) {
        const core::Rule& rule = all[r];
        if (rule.category != core::Category::signal) need[r] |= everywhere;
        for (const auto& id : rule.missing.rules) mark(id, everywhere);
        for (const auto& id : rule.missing.skip) mark(id, everywhere);
        for (const auto& id : rule.response.skip) mark(id, everywhere);
        for (const auto& id : rule.only_in_first_skip) mark(id, everywhere);
        for (const auto& id : rule.unless_continued) mark(id, everywhere);
        for (const auto& id : rule.unless_continued_skip) mark(id, everywhere);
        for (const auto& id : rule.only_after) mark(id, everywhere);
        // With skipped turns, which customer turn is the first or last is known only after matching.
        const int scope = !rule.response.skip.empty() ? everywhere
                          : rule.response.last_only   ? last
                          : rule.response.first_only  ? first
                                                      : everywhere;
        if (rule.kind == core::RuleKind::response) {
            for (const auto& id : rule.response.trigger) mark(id, scope);
            for (const auto& id : rule.response.except) mark(id, scope);
            for (const auto& id : rule.response.expect) mark(id, everywhere);
            for (const auto& id : rule.response.reply_has) mark(id, everywhere);
        }
    }
    const auto indices = [&](const std::vector<std::string>& ids) {
        std::vector<size_t> out;
        for (const auto& id : ids)
            if (const size_t index = m_rules.index_of(id); index != std::string::npos) out.push_back(index);
        return out;
    };
    // Which rules each part of the others names: a signal named only as what a reply must or must
    // not hold (`expect`, `reply_has`), or only as an `except`, need not be matched on every turn.
    enum Named : int { as_reply = 1, as_except = 2, elsewhere = 4 };
    std::vector<int> named(all.size(), 0);
    const auto mark_named = [&](const std::vector<std::string>& ids, int how) {
        for (const auto& id : ids)
            if (const size_t index = m_rules.index_of(id); index != std::string::npos) named[index] |= how;
    };
    for (const core::Rule& rule : all) {
        mark_named(rule.missing.rules, elsewhere);
        mark_named(rule.missing.skip, elsewhere);
        mark_named(rule.only_in_first_skip, elsewhere);
        mark_named(rule.unless_continued, elsewhere);
        mark_named(rule.unless_continued_skip, elsewhere);
        mark_named(rule.only_after, elsewhere);
        if (rule.kind != core::RuleKind::response) continue;
        mark_named(rule.response.trigger, elsewhere);
        mark_named(rule.response.skip, elsewhere);
        mark_named(rule.response.expect, as_reply);
        mark_named(rule.response.reply_has, as_reply);
        mark_named(rule.response.except, as_except);
    }
    // Nothing else about the signal needs every turn: no only_in_first, only_in_reply, only_after,
    // unless_previous or unless_continued of its own.
    const auto only_named = [&](size_t r, int how) {
        return m_options.lazy_expect && all[r].category == core::Category::signal && named[r] == how &&
               all[r].only_in_first == 0 && !all[r].only_in_reply && !all[r].only_at_end && all[r].unless_previous == 0 &&
               all[r].unless_continued.empty() && all[r].only_after.empty();
    };
    // Signals named only by what a reply must or must not hold: matched after the first pass, on
    // the turns that answer a trigger.
    std::vector<char> lazy(all.size(), 0);
    m_lazy_skip.assign(all.size(), 1);
    for (size_t r = 0; r < all.size(); ++r) {
        if (!only_named(r, as_reply)) continue;
        lazy[r] = 1;
        m_lazy_skip[r] = 0;
        need[r] = nowhere;
    }
    for (const core::Rule& rule : all) {
        if (rule.kind != core::RuleKind::response || !rule.for_conversations) continue;
        const auto names_lazy = [&](const std::vector<std::string>& ids) {
            return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
                const size_t index = m_rules.index_of(id);
                return index != std::string::npos && lazy[index];
            });
        };
        if (!names_lazy(rule.response.expect) && !names_lazy(rule.response.reply_has)) continue;
        LazyExpect expect;
        const bool any_turn = rule.response.trigger.size() == 1 && rule.response.trigger.front() == "any";
        if (!any_turn) expect.trigger = indices(rule.response.trigger);
        expect.asker = rule.response.by_agent ? core::Role::agent : core::Role::customer;
        expect.replier = rule.response.by_agent ? core::Role::customer : core::Role::agent;
        expect.within = rule.response.within;
        expect.skip = indices(rule.response.skip);
        m_lazy_expect.push_back(std::move(expect));
    }
    // Signals named only as an `except` (customer-closing: a "thanks, bye" needs no answer): matched
    // on demand, on the turns a rule asks about (the customer's last message; the one whose reply
    // repeats an earlier one).
    m_lazy_except_skip.assign(all.size(), 1);
    for (size_t r = 0; r < all.size(); ++r) {
        if (!only_named(r, as_except)) continue;
        m_lazy_except_skip[r] = 0;
        need[r] = nowhere;
        m_has_lazy_except = true;
    }
    for (size_t r = 0; r < all.size(); ++r) {
        if (all[r].only_in_first == 0) continue;
        OnlyInFirst first{r, all[r].only_in_first, {}};
        for (const auto& id : all[r].only_in_first_skip)
            if (const size_t index = m_rules.index_of(id); index != std::string::npos) first.skip.push_back(index);
        m_only_in_first.push_back(std::move(first));
    }
    for (size_t r = 0; r < all.size(); ++r)
        if (all[r].only_in_reply) m_only_in_reply.push_back(r);
    for (size_t r = 0; r < all.size(); ++r)
        if (all[r].only_at_end) m_only_at_end.push_back(r);
    for (size_t r = 0; r < all.size(); ++r)
        if (!all[r].only_after.empty()) m_only_after.push_back({r, indices(all[r].only_after)});
    for (size_t r = 0; r < all.size(); ++r)
        if (!all[r].unless_continued.empty())
            m_unless_continued.push_back({r, indices(all[r].unless_continued), indices(all[r].unless_continued_skip)});
    m_every_in_macros.assign(all.size(), 0);
    for (size_t r = 0; r < all.size(); ++r)
        m_every_in_macros[r] = all[r].kind == core::RuleKind::phrase && all[r].category == core::Category::anti_pattern;
    // An only_at_end rule's hits anywhere but at the end are dropped: it is not read there at all.
    for (int is_first = 0; is_first < 2; ++is_first)
        for (int is_last = 0; is_last < 2; ++is_last)
            for (int at_end = 0; at_end < 2; ++at_end) {
                auto& skip = m_skip[is_first][is_last][at_end];
                skip.assign(all.size(), 0);
                for (size_t r = 0; r < all.size(); ++r) {
                    const bool needed = (need[r] & everywhere) || (is_first && (need[r] & first)) || (is_last && (need[r] & last));
                    skip[r] = needed && (at_end || !all[r].only_at_end) ? 0 : 1;
                }
            }
}

bool Engine::is_reported(const core::Rule& rule) const {
    if (rule.category == core::Category::signal) return false;
    if (m_options.disabled.count(rule.id)) return false;
    return m_options.only.empty() || m_options.only.count(rule.id) > 0;
}

void Engine::match_lazy_expect(const core::Conversation& conversation, std::vector<TurnAnalysis>& result) const {
    const auto has_any = [&](size_t t, const std::vector<size_t>& ids) {
        return std::any_of(result[t].hits.begin(), result[t].hits.end(), [&](const rules::Hit& hit) {
            return std::find(ids.begin(), ids.end(), hit.rule) != ids.end();
        });
    };
    // The replier's turns in the `within` replies after each trigger, as the response rule reads them.
    std::vector<char> wanted(result.size(), 0);
    for (const LazyExpect& expect : m_lazy_expect) {
        for (size_t t = 0; t < result.size(); ++t) {
            if (conversation.turns[t].role != expect.asker || has_any(t, expect.skip)) continue;
            if (!expect.trigger.empty() && !has_any(t, expect.trigger)) continue;
            int seen = 0;
            bool in_reply = false;
            for (size_t next = t + 1; next < result.size(); ++next) {
                if (has_any(next, expect.skip)) continue;
                if (conversation.turns[next].role != expect.replier) {
                    if (conversation.turns[next].role == expect.asker) in_reply = false;
                    continue;
                }
                if (!in_reply && seen == expect.within) break;
                if (!in_reply) ++seen;
                in_reply = true;
                wanted[next] = 1;
            }
        }
    }
    thread_local text::NormalizedText normalized;
    std::vector<rules::Hit> hits;
    for (size_t t = 0; t < result.size(); ++t) {
        if (!wanted[t]) continue;
        const core::Turn& turn = conversation.turns[t];
        TurnAnalysis& analysis = result[t];
        text::normalize_into(turn.text, normalized);
        rules::CompiledRules::TurnScope scope;
        scope.role = turn.role;
        scope.skip = &m_lazy_skip;
        scope.languages = analysis.certain && analysis.language != core::Language::unknown
                              ? static_cast<uint8_t>(1u << core::language_index(analysis.language))
                              : static_cast<uint8_t>((1u << core::language_count) - 1);
        hits.clear();
        m_rules.match_turn(normalized.text, scope, hits);
        for (auto& hit : hits) {
            const core::Rule& rule = m_rules.rules()[hit.rule];
            if (!speaker_matches(rule, turn.role) || !applies_to(rule, conversation)) continue;
            hit.begin = normalized.original_begin(hit.begin);
            hit.end = normalized.original_end(hit.end);
            analysis.hits.push_back(hit);
        }
        std::sort(analysis.hits.begin(), analysis.hits.end(), [](const rules::Hit& a, const rules::Hit& b) {
            return std::tie(a.rule, a.begin, a.order) < std::tie(b.rule, b.begin, b.order);
        });
    }
}

std::vector<rules::Hit> Engine::lazy_except_hits(const core::Conversation& conversation,
                                                 const std::vector<TurnAnalysis>& turns, size_t t) const {
    const core::Turn& turn = conversation.turns[t];
    thread_local text::NormalizedText normalized;
    text::normalize_into(turn.text, normalized);
    rules::CompiledRules::TurnScope scope;
    scope.role = turn.role;
    scope.skip = &m_lazy_except_skip;
    scope.languages = turns[t].certain && turns[t].language != core::Language::unknown
                          ? static_cast<uint8_t>(1u << core::language_index(turns[t].language))
                          : static_cast<uint8_t>((1u << core::language_count) - 1);
    std::vector<rules::Hit> hits;
    m_rules.match_turn(normalized.text, scope, hits);
    std::erase_if(hits, [&](const rules::Hit& hit) {
        const core::Rule& rule = m_rules.rules()[hit.rule];
        return !speaker_matches(rule, turn.role) || !applies_to(rule, conversation);
    });
    return hits;
}

std::vector<TurnAnalysis> Engine::analyse_turns(const core::Conversation& conversation) const {
    // Turn by turn: normalise, guess the language, match, and keep the hits' spans in original
    // characters; only the turn at hand is ever held normalised, whatever the conversation's size.
    std::vector<TurnAnalysis> result(conversation.turns.size());
    thread_local text::NormalizedText normalized;
    size_t first_customer = std::string::npos, last_customer = std::string::npos;
    for (size_t t = 0; t < conversation.turns.size(); ++t) {
        if (conversation.turns[t].role != core::Role::customer) continue;
        if (first_customer == std::string::npos) first_customer = t;
        last_customer = t;
    }
    // Which turns the other party never answers (only_at_end): from the end, a turn is answered once
    // the other role has spoken after it; a turn of no known role never counts as at the end.
    thread_local std::vector<char> at_end;
    at_end.assign(conversation.turns.size(), 0);
    {
        std::array<bool, 3> spoke_later{};
        for (size_t t = conversation.turns.size(); t-- > 0;) {
            const core::Role role = conversation.turns[t].role;
            at_end[t] = (role == core::Role::customer && !spoke_later[static_cast<size_t>(core::Role::agent)]) ||
                        (role == core::Role::agent && !spoke_later[static_cast<size_t>(core::Role::customer)]);
            spoke_later[static_cast<size_t>(role)] = true;
        }
    }
    for (size_t t = 0; t < conversation.turns.size(); ++t) {
        const core::Turn& turn = conversation.turns[t];
        TurnAnalysis& analysis = result[t];
        text::normalize_into(turn.text, normalized);
        if (m_options.forced_language) {
            analysis.language = *m_options.forced_language;
            analysis.certain = true;
        } else {
            const auto guess = text::detect_language(turn.text, normalized.text);
            analysis.language = guess.language;
            analysis.certain = guess.certain;
        }
        rules::CompiledRules::TurnScope scope;
        scope.role = turn.role;
        scope.skip = &m_skip[t == first_customer][t == last_customer][at_end[t] != 0];
        if (conversation.source == core::Source::macro) scope.every = &m_every_in_macros;
        scope.languages = analysis.certain && analysis.language != core::Language::unknown
                                ? static_cast<uint8_t>(1u << core::language_index(analysis.language))
                                : static_cast<uint8_t>((1u << core::language_count) - 1);
        m_rules.match_turn(normalized.text, scope, analysis.hits);
        std::erase_if(analysis.hits, [&](const rules::Hit& hit) {
            const core::Rule& rule = m_rules.rules()[hit.rule];
            return !speaker_matches(rule, turn.role) || !applies_to(rule, conversation);
        });
        for (auto& hit : analysis.hits) {
            hit.begin = normalized.original_begin(hit.begin);
            hit.end = normalized.original_end(hit.end);
        }
        // unless_previous: the speaker said it a turn or two before ("it will take a couple of
        // minutes" / "one moment, please"). Those turns are normalised again only for such a hit.
        std::erase_if(analysis.hits, [&](const rules::Hit& hit) {
            const int reach = m_rules.rules()[hit.rule].unless_previous;
            thread_local text::NormalizedText earlier;
            for (size_t back = t, seen = 0; back-- > 0 && seen < static_cast<size_t>(reach);) {
                if (conversation.turns[back].role != turn.role) continue;
                ++seen;
                text::normalize_into(conversation.turns[back].text, earlier);
                if (m_rules.unless_matches(hit.rule, earlier.text, scope.languages)) return true;
            }
            return false;
        });
    }
    // only_in_first: a rule's hits beyond the speaker's first N turns (skipped turns not counted) go.
    for (const OnlyInFirst& first : m_only_in_first) {
        std::array<int, 3> seen{};    // turns so far per role
        for (size_t t = 0; t < result.size(); ++t) {
            auto& hits = result[t].hits;
            const bool skipped = std::any_of(hits.begin(), hits.end(), [&](const rules::Hit& hit) {
                return std::find(first.skip.begin(), first.skip.end(), hit.rule) != first.skip.end();
            });
            if (skipped) continue;
            if (++seen[static_cast<size_t>(conversation.turns[t].role)] > first.turns)
                std::erase_if(hits, [&](const rules::Hit& hit) { return hit.rule == first.rule; });
        }
    }
    // only_in_reply: a rule's hits count only in a turn that answers the other party's answer: the
    // speaker has spoken before and the other party since. A call's "how can I help?" / "my card
    // doesn't work" is the problem being stated, not pushback on anything.
    if (!m_only_in_reply.empty()) {
        // Per role: 0 not spoken yet, 1 spoken, 2 spoken and answered since.
        std::array<int, 3> state{};
        for (size_t t = 0; t < result.size(); ++t) {
            const auto role = static_cast<size_t>(conversation.turns[t].role);
            if (state[role] < 2)
                std::erase_if(result[t].hits, [&](const rules::Hit& hit) {
                    return std::find(m_only_in_reply.begin(), m_only_in_reply.end(), hit.rule) != m_only_in_reply.end();
                });
            state[role] = std::max(state[role], 1);
            for (size_t other = 0; other < state.size(); ++other)
                if (other != role && state[other] == 1) state[other] = 2;
        }
    }
    // only_at_end: a rule's hits count only in a turn the other party never answers: from the end,
    // a turn is answered once the other role (agent for customer, customer for agent) has spoken since.
    if (!m_only_at_end.empty()) {
        std::array<bool, 3> spoke_later{};    // per role: spoke after the turn at hand
        for (size_t t = result.size(); t-- > 0;) {
            const core::Role role = conversation.turns[t].role;
            const bool answered = (role == core::Role::customer && spoke_later[static_cast<size_t>(core::Role::agent)]) ||
                                  (role == core::Role::agent && spoke_later[static_cast<size_t>(core::Role::customer)]) ||
                                  role == core::Role::unknown;
            if (answered)
                std::erase_if(result[t].hits, [&](const rules::Hit& hit) {
                    return std::find(m_only_at_end.begin(), m_only_at_end.end(), hit.rule) != m_only_at_end.end();
                });
            spoke_later[static_cast<size_t>(role)] = true;
        }
    }
    // only_after: a rule's hits count only in a turn whose nearest earlier turn by the other party
    // (agent for customer, customer for agent) has a hit of one of the named rules. Hits are looked
    // up before any hit is dropped here, so one only_after rule may name another.
    if (!m_only_after.empty()) {
        thread_local std::vector<char> keep;
        for (const OnlyAfter& only : m_only_after) {
            keep.assign(result.size(), 0);
            std::array<size_t, 3> last_turn;    // per role: its latest turn so far
            last_turn.fill(std::string::npos);
            for (size_t t = 0; t < result.size(); ++t) {
                const core::Role role = conversation.turns[t].role;
                const core::Role other = role == core::Role::agent      ? core::Role::customer
                                         : role == core::Role::customer ? core::Role::agent
                                                                        : core::Role::unknown;
                const size_t answered = other == core::Role::unknown ? std::string::npos : last_turn[static_cast<size_t>(other)];
                keep[t] = answered != std::string::npos &&
                          std::any_of(result[answered].hits.begin(), result[answered].hits.end(), [&](const rules::Hit& hit) {
                              return std::find(only.after.begin(), only.after.end(), hit.rule) != only.after.end();
                          });
                last_turn[static_cast<size_t>(role)] = t;
            }
            for (size_t t = 0; t < result.size(); ++t)
                if (!keep[t]) std::erase_if(result[t].hits, [&](const rules::Hit& hit) { return hit.rule == only.rule; });
        }
    }
    // unless_continued: "let me check" in a turn the same speaker follows up later is a step taken
    // while the other party waited, not a promise; as the speaker's last word it stays.
    for (const UnlessContinued& continued : m_unless_continued) {
        const auto has_any = [&](size_t t, const std::vector<size_t>& ids) {
            return std::any_of(result[t].hits.begin(), result[t].hits.end(), [&](const rules::Hit& hit) {
                return std::find(ids.begin(), ids.end(), hit.rule) != ids.end();
            });
        };
        std::array<bool, 3> later{};    // per role: a turn (not skipped) after the one being looked at
        for (size_t t = result.size(); t-- > 0;) {
            const auto role = static_cast<size_t>(conversation.turns[t].role);
            if (later[role] && has_any(t, continued.with))
                std::erase_if(result[t].hits, [&](const rules::Hit& hit) { return hit.rule == continued.rule; });
            if (!has_any(t, continued.skip)) later[role] = true;
        }
    }
    if (!m_lazy_expect.empty()) match_lazy_expect(conversation, result);
    // A very long turn must not keep its buffers for the rest of the run.
    constexpr size_t keep_bytes = 1 << 20;
    if (normalized.text.capacity() > keep_bytes) normalized = text::NormalizedText{};
    return result;
}

core::Verdict Engine::judge(core::Conversation conversation) const {
    core::Verdict verdict;
    const std::vector<TurnAnalysis> turns = analyse_turns(conversation);
    const auto& rules = m_rules.rules();

    const auto make_finding = [&](size_t rule_index, size_t turn_index) {
        const core::Rule& rule = rules[rule_index];
        core::Finding finding;
        finding.rule = rule.id;
        finding.category = rule.category;
        finding.level = rule.level;
        if (const auto it = m_options.levels.find(rule.id); it != m_options.levels.end()) finding.level = it->second;
        finding.ladder = rule.ladder;
        finding.message = rule.message;
        if (turn_index < conversation.turns.size()) {
            const core::Turn& turn = conversation.turns[turn_index];
            finding.turn = static_cast<uint32_t>(turn_index + 1);
            finding.speaker = turn.speaker;
            finding.role = turn.role;
            finding.language = turns[turn_index].language;
            const core::Position position = core::source_position(turn, 0);
            finding.line = position.line;
            finding.column = position.column;
        } else {
            finding.line = conversation.first_line;
        }
        return finding;
    };
    const auto advice_for = [&](const core::Rule& rule, core::Language language) {
        const std::string& own = rule.advice[core::language_index(language == core::Language::unknown
                                                                      ? core::Language::en
                                                                      : language)];
        if (!own.empty()) return own;
        for (const auto& any : rule.advice)
            if (!any.empty()) return any;
        return std::string();
    };

    // Room for every finding at once (each turn's hits, then at most one per conversation-level rule):
    // a vector grown by doubling holds up to twice what it needs, and both its old and new buffers
    // while it grows, which a conversation with 100 000 findings feels.
    size_t room = rules.size();
    for (const auto& analysis : turns) room += analysis.hits.size();
    verdict.findings.reserve(room);
    for (size_t t = 0; t < turns.size(); ++t) {
        const core::Turn& turn = conversation.turns[t];
        util::CharCursor cursor(turn.text);
        for (const rules::Hit& hit : turns[t].hits) {
            const core::Rule& rule = rules[hit.rule];
            if (rule.kind != core::RuleKind::phrase || !is_reported(rule)) continue;
            core::Finding finding = make_finding(hit.rule, t);
            finding.language = hit.language;
            const core::Position position = core::source_position(turn, static_cast<uint32_t>(hit.begin));
            finding.line = position.line;
            finding.column = position.column;
            finding.match = std::string(
                char_span(turn.text, cursor, static_cast<uint32_t>(hit.begin), static_cast<uint32_t>(hit.end)));
            finding.advice = advice_for(rule, hit.language);
            verdict.findings.push_back(std::move(finding));
        }
    }

    std::vector<ConversationHit> conversation_hits;
    if (conversation.source == core::Source::conversation && !conversation.roles_by_order) {
        find_missing(m_rules, m_named, conversation, turns, conversation_hits);
        if (!m_has_lazy_except) {
            find_unanswered(m_rules, m_named, conversation, turns, conversation_hits);
        } else {
            // The lazy `except` signals of a turn, matched the first time a rule asks.
            std::vector<std::optional<std::vector<rules::Hit>>> asked(conversation.turns.size());
            const OnDemand on_demand = [&](size_t t, const std::vector<size_t>& ids) {
                const auto has = [&](const std::vector<rules::Hit>& hits) {
                    return std::any_of(hits.begin(), hits.end(), [&](const rules::Hit& hit) {
                        return std::find(ids.begin(), ids.end(), hit.rule) != ids.end();
                    });
                };
                if (has(turns[t].hits)) return true;
                if (!asked[t]) asked[t] = lazy_except_hits(conversation, turns, t);
                return has(*asked[t]);
            };
            find_unanswered(m_rules, m_named, conversation, turns, conversation_hits, on_demand);
        }
    }
    // A short turn ("Klausau.") is no sure guide to the language of a conversation-level finding's
    // advice: then the language most of the sure turns are in speaks for the conversation.
    std::array<size_t, core::language_count> sure_turns{};
    for (const auto& analysis : turns)
        if (analysis.certain && analysis.language != core::Language::unknown)
            ++sure_turns[core::language_index(analysis.language)];
    const auto most = std::max_element(sure_turns.begin(), sure_turns.end());
    const core::Language main_language =
        *most == 0 ? core::Language::unknown : core::all_languages[static_cast<size_t>(most - sure_turns.begin())];
    for (const ConversationHit& hit : conversation_hits) {
        const core::Rule& rule = rules[hit.rule];
        if (!is_reported(rule)) continue;
        core::Finding finding = make_finding(hit.rule, hit.turn);
        if (hit.turn < turns.size() && !turns[hit.turn].certain && main_language != core::Language::unknown)
            finding.language = main_language;
        finding.advice = advice_for(rule, finding.language);
        verdict.findings.push_back(std::move(finding));
    }

    std::sort(verdict.findings.begin(), verdict.findings.end(), [](const core::Finding& a, const core::Finding& b) {
        return std::tie(a.line, a.column, a.rule) < std::tie(b.line, b.column, b.rule);
    });
    // The conversation's languages are those its turns are surely in; short turns only count
    // when no turn is sure.
    const bool any_certain = std::any_of(turns.begin(), turns.end(), [](const TurnAnalysis& t) { return t.certain; });
    for (const auto& analysis : turns)
        if (analysis.language != core::Language::unknown && (analysis.certain || !any_certain) &&
            std::find(verdict.languages.begin(), verdict.languages.end(), analysis.language) == verdict.languages.end())
            verdict.languages.push_back(analysis.language);
    std::sort(verdict.languages.begin(), verdict.languages.end());
    verdict.level = ladder_level(verdict.findings);
    verdict.score = ladder_score(verdict.findings);
    verdict.conversation = std::move(conversation);
    return verdict;
}

}  // namespace qalint::match
