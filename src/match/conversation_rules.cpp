#include "match/conversation_rules.hpp"

#include "text/normalize.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace qalint::match {
namespace {

bool turn_has_any(const TurnAnalysis& turn, const std::vector<size_t>& rule_indices) {
    return std::any_of(turn.hits.begin(), turn.hits.end(), [&](const rules::Hit& hit) {
        return std::find(rule_indices.begin(), rule_indices.end(), hit.rule) != rule_indices.end();
    });
}

std::vector<size_t> indices_of(const rules::CompiledRules& rules, const std::vector<std::string>& ids) {
    std::vector<size_t> out;
    for (const auto& id : ids)
        if (const size_t index = rules.index_of(id); index != std::string::npos) out.push_back(index);
    return out;
}

// Per turn: 1 = left out for a rule whose `skip` names these rules (noise, a bare sign-off).
std::vector<char> kept_turns(const std::vector<TurnAnalysis>& turns, const std::vector<size_t>& skip) {
    std::vector<char> kept(turns.size(), 1);
    if (!skip.empty())
        for (size_t t = 0; t < turns.size(); ++t) kept[t] = !turn_has_any(turns[t], skip);
    return kept;
}

// Whether the role has a turn that is kept (turns_of(...) not empty, without building the list).
bool has_turn_of(const core::Conversation& conversation, core::Role role, const std::vector<char>& kept) {
    for (size_t t = 0; t < conversation.turns.size(); ++t)
        if (conversation.turns[t].role == role && kept[t]) return true;
    return false;
}

std::vector<size_t> turns_of(const core::Conversation& conversation, core::Role role, const std::vector<char>& kept) {
    std::vector<size_t> out;
    for (size_t t = 0; t < conversation.turns.size(); ++t)
        if (conversation.turns[t].role == role && kept[t]) out.push_back(t);
    return out;
}

// The turns of the next `within` replies after turn `t`, as the other party sees them: lines sent in
// a row ("Account number?" / "I'm sorry, I see the double charge") are one reply. Calls `visit` on
// each until it returns true; returns whether it did.
template <typename Visit>
bool in_next_replies(const core::Conversation& conversation, const std::vector<char>& kept, size_t t, core::Role asker,
                     core::Role replier, int within, Visit visit) {
    size_t seen = 0;
    bool in_reply = false;
    for (size_t next = t + 1; next < conversation.turns.size(); ++next) {
        if (!kept[next]) continue;
        if (conversation.turns[next].role != replier) {
            if (conversation.turns[next].role == asker) in_reply = false;
            continue;
        }
        if (!in_reply && seen == static_cast<size_t>(within)) break;
        if (!in_reply) ++seen;
        in_reply = true;
        if (visit(next)) return true;
    }
    return false;
}

// A turn's words and links, normalised (lower case in every script, ё→е, ą→a), @handles aside:
// what two replies must share to say the same thing. Each is kept as a 64-bit hash of its text,
// sorted and unique: a turn is compared with every earlier reply, and strings cost an allocation
// each (a collision of two different words would take 2^32 words to expect).
struct Said {
    std::vector<uint64_t> words, links;
};

uint64_t hash_token(std::string_view token) {
    uint64_t hash = 0xcbf29ce484222325ull;    // FNV-1a
    for (const char c : token) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return hash;
}

Said said_in(std::string_view original) {
    thread_local text::NormalizedText normalized;
    text::normalize_into(original, normalized);
    const std::string_view text = normalized.text;
    Said said;
    size_t begin = 0, length = 0;    // the token being read: text[begin, begin + length)
    const auto flush = [&] {
        const std::string_view token = text.substr(begin, length);
        const bool link = token.find("://") != std::string_view::npos || token.starts_with("www.") ||
                          token.find("t.co/") != std::string_view::npos;
        if (link) said.links.push_back(hash_token(token));
        else if (token.size() > 1 && token.front() != '@') said.words.push_back(hash_token(token));
        length = 0;
    };
    for (size_t i = 0; i <= text.size(); ++i) {
        const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
        const bool inner = length > 0 && (c == '/' || c == '.' || c == ':' || c == '_' || c == '-' || c == '?' ||
                                          c == '=' || c == '&') &&
                           i + 1 < text.size() && !std::isspace(static_cast<unsigned char>(text[i + 1]));
        if (c >= 0x80 || std::isalnum(c) || c == '@' || c == '\'' || inner) {
            if (length == 0) begin = i;
            ++length;
        } else if (length > 0) {
            flush();
        }
    }
    for (auto* list : {&said.words, &said.links}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    return said;
}

// How many values two sorted, unique lists share.
size_t shared_count(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
    size_t shared = 0;
    for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) ++i;
        else if (b[j] < a[i]) ++j;
        else ++shared, ++i, ++j;
    }
    return shared;
}

// The reply says again what was said before: the same link with little else (at most 12 words), or
// the same text (at least 4 words each, 80 % of all their words shared).
bool says_again(const Said& reply, const Said& before) {
    if (reply.words.size() <= 12 && shared_count(reply.links, before.links) > 0) return true;
    if (reply.words.size() < 4 || before.words.size() < 4) return false;
    const size_t shared = shared_count(reply.words, before.words);
    const size_t all = reply.words.size() + before.words.size() - shared;
    return shared * 5 >= all * 4;
}

}  // namespace

std::vector<NamedRules> name_rules(const rules::CompiledRules& rules) {
    std::vector<NamedRules> named(rules.rules().size());
    for (size_t r = 0; r < rules.rules().size(); ++r) {
        const core::Rule& rule = rules.rules()[r];
        NamedRules& out = named[r];
        out.trigger = indices_of(rules, rule.response.trigger);
        out.expect = indices_of(rules, rule.response.expect);
        out.reply_has = indices_of(rules, rule.response.reply_has);
        out.except = indices_of(rules, rule.response.except);
        out.skip = indices_of(rules, rule.response.skip);
        out.missing = indices_of(rules, rule.missing.rules);
        out.missing_skip = indices_of(rules, rule.missing.skip);
    }
    return named;
}

void find_missing(const rules::CompiledRules& rules, const std::vector<NamedRules>& named,
                  const core::Conversation& conversation, const std::vector<TurnAnalysis>& turns,
                  std::vector<ConversationHit>& out) {
    for (size_t r = 0; r < rules.rules().size(); ++r) {
        const core::Rule& rule = rules.rules()[r];
        if (rule.kind != core::RuleKind::missing || !rule.for_conversations) continue;
        // Skipped turns (noise, a bare goodbye) are not there for this rule: neither the agent's
        // first or last turn, nor a customer line between two of the agent's.
        const std::vector<char> kept = kept_turns(turns, named[r].missing_skip);
        const std::vector<size_t> agent_turns = turns_of(conversation, core::Role::agent, kept);
        // Without both parties this is not a conversation the missing-* rules can judge.
        if (agent_turns.empty() || !has_turn_of(conversation, core::Role::customer, kept)) continue;
        // The window counts the agent's turns as a customer sees them: lines the agent sends in a
        // row ("is there anything else?" / "thank you for calling" / "bye") are one turn. Such a
        // block is a run of agent_turns; block b starts at agent_turns[block_start[b]].
        std::vector<size_t> block_start;
        for (size_t a = 0; a < agent_turns.size(); ++a) {
            bool continues = a > 0;
            for (size_t between = a > 0 ? agent_turns[a - 1] + 1 : 0; continues && between < agent_turns[a]; ++between)
                continues = conversation.turns[between].role != core::Role::customer || !kept[between];
            if (!continues) block_start.push_back(a);
        }
        const size_t blocks = block_start.size();
        const std::vector<size_t>& wanted = named[r].missing;
        const size_t n = std::min(blocks, static_cast<size_t>(rule.missing.turns));
        size_t first = 0, last = agent_turns.size();    // the window, as positions in agent_turns
        if (rule.missing.window == core::TurnWindow::first) last = n < blocks ? block_start[n] : agent_turns.size();
        else if (rule.missing.window == core::TurnWindow::last) first = n == 0 ? agent_turns.size() : block_start[blocks - n];
        const bool satisfied = std::any_of(agent_turns.begin() + static_cast<long>(first), agent_turns.begin() + static_cast<long>(last),
                                           [&](size_t t) { return turn_has_any(turns[t], wanted); });
        if (satisfied) continue;
        // The finding points at the turn where the practice was due.
        const size_t due = rule.missing.window == core::TurnWindow::first ? agent_turns.front() : agent_turns.back();
        out.push_back({r, due});
    }
}

void find_unanswered(const rules::CompiledRules& rules, const std::vector<NamedRules>& named,
                     const core::Conversation& conversation, const std::vector<TurnAnalysis>& turns,
                     std::vector<ConversationHit>& out, const OnDemand& on_demand) {
    for (size_t r = 0; r < rules.rules().size(); ++r) {
        const core::Rule& rule = rules.rules()[r];
        if (rule.kind != core::RuleKind::response || !rule.for_conversations) continue;
        const core::ResponseSpec& spec = rule.response;
        const bool any_turn = spec.trigger.size() == 1 && spec.trigger.front() == "any";
        const std::vector<size_t>& triggering = named[r].trigger;    // unused when any_turn
        // by: agent turns the roles round: an agent's turn triggers, the customer's next turns reply.
        const core::Role asker = spec.by_agent ? core::Role::agent : core::Role::customer;
        const core::Role replier = spec.by_agent ? core::Role::customer : core::Role::agent;
        const std::vector<char> kept = kept_turns(turns, named[r].skip);
        // As for the missing-* rules: without both parties (a one-speaker caption file, a fragment
        // with no agent) there is no conversation whose replies could be judged.
        if (!has_turn_of(conversation, core::Role::agent, kept) || !has_turn_of(conversation, core::Role::customer, kept))
            continue;
        std::vector<size_t> triggers;
        for (size_t t = 0; t < conversation.turns.size(); ++t) {
            if (conversation.turns[t].role != asker || !kept[t]) continue;
            if (!any_turn && !turn_has_any(turns[t], triggering)) continue;
            triggers.push_back(t);
        }
        if (triggers.empty()) continue;
        const std::vector<size_t>& expected = named[r].expect;
        const std::vector<size_t>& made_worse = named[r].reply_has;
        const std::vector<size_t>& excepted = named[r].except;
        // `except` is asked only of the turns that would otherwise count (the last one, the first
        // one, the one whose reply repeats): its signals may be matched only there (on_demand).
        const auto is_excepted = [&](size_t t) {
            if (excepted.empty()) return false;
            return on_demand ? on_demand(t, excepted) : turn_has_any(turns[t], excepted);
        };
        if (spec.last_only) {
            // Only the customer's last message counts, if it triggers at all.
            const auto customer = turns_of(conversation, asker, kept);
            if (customer.empty() || triggers.empty() || triggers.back() != customer.back()) continue;
            triggers.erase(triggers.begin(), triggers.end() - 1);
        }
        if (spec.first_only) {
            const auto first = std::find_if(triggers.begin(), triggers.end(), [&](size_t t) { return !is_excepted(t); });
            if (first == triggers.end()) continue;
            triggers = {*first};
        }
        // What is left to except: every trigger but a first_only rule's (already done), lazily.
        const bool except_checked = spec.first_only;
        if (spec.reply_repeats) {
            // What each turn says, worked out once per turn and only for the turns compared.
            std::vector<std::optional<Said>> said(conversation.turns.size());
            const auto said_of = [&](size_t turn) -> const Said& {
                if (!said[turn]) said[turn] = said_in(conversation.turns[turn].text);
                return *said[turn];
            };
            // A reply that says again what the replier said before the question: the same canned
            // text or link, which answers nothing. The finding is at the repeat.
            for (size_t t : triggers) {
                size_t hit = t;
                const bool repeated = in_next_replies(conversation, kept, t, asker, replier, spec.within, [&](size_t next) {
                    const Said& reply = said_of(next);
                    for (size_t before = 0; before < t; ++before)
                        if (conversation.turns[before].role == replier && kept[before] &&
                            says_again(reply, said_of(before))) {
                            hit = next;
                            return true;
                        }
                    return false;
                });
                if (repeated && (except_checked || !is_excepted(t))) {
                    out.push_back({r, hit});
                    break;
                }
            }
            continue;
        }
        if (!spec.reply_has.empty()) {
            // reply_has: fires where one of the next `within` replies has a hit of these. The
            // finding is at the agent's turn: the trigger with by: agent (the redirect the customer
            // pushed back on), else the reply (the redirect that answered the pushback).
            for (size_t t : triggers) {
                size_t hit = t;
                const bool worse = in_next_replies(conversation, kept, t, asker, replier, spec.within, [&](size_t next) {
                    if (!turn_has_any(turns[next], made_worse)) return false;
                    hit = next;
                    return true;
                });
                if (worse && (except_checked || !is_excepted(t))) {
                    out.push_back({r, spec.by_agent ? t : hit});
                    break;    // once per conversation is enough to coach
                }
            }
            continue;
        }
        for (size_t t : triggers) {
            size_t first_reply = std::string::npos;
            bool answered = in_next_replies(conversation, kept, t, asker, replier, spec.within, [&](size_t next) {
                if (first_reply == std::string::npos) first_reply = next;
                return expected.empty() || turn_has_any(turns[next], expected);
            });
            // A rule about how long the first reply took says nothing when no reply came at all:
            // the wait is unknown (a rule like unanswered-customer is for that).
            if (spec.max_first_reply_seconds && first_reply == std::string::npos) continue;
            bool slow = false;
            if (answered && spec.max_first_reply_seconds && first_reply != std::string::npos) {
                const auto& asked = conversation.turns[t].seconds;
                const auto& replied = conversation.turns[first_reply].seconds;
                slow = asked && replied && *replied - *asked > *spec.max_first_reply_seconds;
                answered = !slow;
            }
            // A late or wrong reply is pointed at where it came; no reply at the customer's turn.
            const bool at_reply = first_reply != std::string::npos && (slow || !expected.empty());
            // The except is asked last, only of a turn that would otherwise count: its signals are
            // matched on demand (customer-closing on a complaint that was answered is never needed).
            if (answered || (!except_checked && is_excepted(t))) continue;
            out.push_back({r, at_reply ? first_reply : t});
            break;    // once per conversation is enough to coach
        }
    }
}

}  // namespace qalint::match
