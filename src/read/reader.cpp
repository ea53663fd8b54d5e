#include "read/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <unordered_set>

#include "read/csv.hpp"
#include "read/decode.hpp"
#include "read/json_transcripts.hpp"
#include "read/macros.hpp"
#include "read/own_reports.hpp"
#include "read/plain_text.hpp"
#include "read/srt.hpp"
#include "read/webvtt.hpp"

namespace qalint::read {

namespace {

bool claims_anything(std::string_view, std::string_view) { return true; }

// Turns whose speaker has no role are still checked, but rules about the agent or the
// customer skip them: say so once per file, naming the speakers, so nothing goes unseen.
class UnknownSpeakers {
public:
    void add(const core::Conversation& conversation) {
        for (const auto& turn : conversation.turns)
            if (turn.role == core::Role::unknown && m_seen.insert(turn.speaker).second && m_first.size() < named)
                m_first.push_back(turn.speaker);
    }

    void report(const std::string& path, ReadResult& result) const {
        if (m_seen.empty()) return;
        // A file of thousands of speakers (a log, not a chat) is named by its first few.
        std::string names;
        for (const auto& name : m_first) {
            if (!names.empty()) names += ", ";
            names += name.empty() ? std::string("(turns without a speaker)") : fmt::format("'{}'", name);
        }
        if (m_seen.size() > named) names += fmt::format(" and {} more", m_seen.size() - named);
        result.problems.push_back({path, fmt::format("speaker{} with no known role: {} (name the role with --agent or --customer)",
                                                     m_seen.size() == 1 ? "" : "s", names), true});
    }

private:
    static constexpr size_t named = 10;
    std::unordered_set<std::string> m_seen;
    std::vector<std::string> m_first;    // in the order they first speak
};

// Roles that no name, flag or configuration gave are a guess, and a wrong guess turns every finding
// about the agent into one about the customer: say once per file what was taken, and why.
class GuessedRoles {
public:
    void add(const core::Conversation& conversation, RoleGuess&& guess) {
        if (guess.basis == RoleGuess::Basis::none) return;
        ++(guess.basis == RoleGuess::Basis::words ? m_by_words : m_by_order);
        if (!m_first) m_first.emplace(std::move(guess)), m_first_id = conversation.id;
    }

    void report(const std::string& path, size_t conversations, ReadResult& result) const {
        if (!m_first) return;
        const RoleGuess& guess = *m_first;
        const auto quoted = [](const std::string& said) {
            return said.empty() ? std::string() : fmt::format(" (says \"{}\")", said);
        };
        std::string taken = fmt::format("'{}' taken for the agent{}, '{}' for the customer{}", guess.agent,
                                        quoted(guess.agent_said), guess.customer, quoted(guess.customer_said));
        if (guess.basis == RoleGuess::Basis::order)
            taken += fmt::format(" ('{}' speaks first; {})", guess.agent,
                                 guess.tied ? "they sound as much like the agent as like the customer"
                                            : "neither says what only an agent or a customer says");
        std::string message;
        const size_t guessed = m_by_words + m_by_order;
        if (conversations <= 1) {
            message = fmt::format("speaker roles guessed from {}: {}",
                                  guess.basis == RoleGuess::Basis::words ? "what they say" : "who speaks first", taken);
        } else {
            message = fmt::format(
                "speaker roles guessed in {} of {} conversations ({} from what the speakers say, {} from who speaks "
                "first); in {}: {}",
                guessed, conversations, m_by_words, m_by_order, m_first_id, taken);
        }
        if (m_by_order > 0)
            message += "; where only the order tells, the conversation-level rules (missing-*, replies) are not applied";
        message += "; pass --agent NAME or --customer NAME, or set roles in .qalint.yaml, to fix";
        result.problems.push_back({path, std::move(message), true});
    }

private:
    size_t m_by_words = 0;
    size_t m_by_order = 0;
    std::optional<RoleGuess> m_first;    // the file's first guessed conversation, shown as the example
    std::string m_first_id;
};

const FormatReader readers[] = {
    {"webvtt", "WebVTT captions (.vtt): <v Name> voice spans or Name: prefixes", claims_webvtt, parse_webvtt},
    {"srt", "SubRip captions (.srt): numbered cues, Name: prefixes", claims_srt, parse_srt},
    {"contact-lens", "Amazon Connect Contact Lens JSON, chat and voice", claims_contact_lens, parse_contact_lens},
    {"transcribe", "Amazon Transcribe JSON with speaker or channel labels", claims_transcribe, parse_transcribe},
    {"zendesk", "Zendesk macro export JSON: one macro per entry", claims_zendesk, parse_zendesk_macros},
    {"json", "JSON or JSON Lines conversations with the usual field names", claims_json, parse_json},
    {"csv", "CSV/TSV, one turn per row, a header naming the fields", claims_csv, parse_csv},
    {"markdown", "a Markdown macro (.md): the file is one agent reply", claims_markdown, parse_markdown_macro},
    {"html", "an HTML macro (.html): tags stripped, entities decoded", claims_html, parse_html_macro},
    {"yaml", "YAML macros (.yaml, .yml): a list or map of macros with a title and a body", claims_yaml, parse_yaml_macros},
    {"text", "plain text, one turn per line: [timestamp] Speaker: text", claims_anything, parse_plain_text},
};

}  // namespace

std::span<const FormatReader> format_readers() { return readers; }

const FormatReader* find_format(std::string_view name) {
    for (const auto& reader : format_readers())
        if (name == reader.name) return &reader;
    return nullptr;
}

std::string conversation_id(const std::string& path, size_t index, size_t count) {
    std::string stem = path == "-" ? "stdin" : std::filesystem::path(path).stem().string();
    if (count <= 1) return stem;
    return fmt::format("{}#{}", stem, index + 1);
}

ReadResult read_input(const std::string& path, std::string_view bytes, const ReadOptions& options,
                      const std::function<void(core::Conversation&&)>& each) {
    ReadResult result;
    std::vector<std::string> warnings;
    std::string converted;
    auto text = decode_text(bytes, converted, warnings, options.encoding);
    for (auto& warning : warnings) result.problems.push_back({path, std::move(warning), true});
    if (!text) {
        result.problems.push_back({path, text.error(), false});
        result.skipped = true;
        return result;
    }
    if (const auto report = own_report_kind(*text)) {
        result.problems.push_back({path, fmt::format("{}, not a conversation or macro: skipped", *report), true});
        result.skipped = true;
        return result;
    }
    const FormatReader* reader = nullptr;
    if (options.format != "auto") {
        reader = find_format(options.format);
    } else {
        const std::string_view head = text->substr(0, 4096);
        for (const auto& candidate : format_readers()) {
            if (candidate.claims(path, head)) {
                reader = &candidate;
                break;
            }
        }
    }
    if (!reader) {
        result.problems.push_back({path, fmt::format("unknown input format '{}'", options.format), false});
        return result;
    }
    size_t found = 0;
    UnknownSpeakers unknown;
    GuessedRoles guessed;
    result.sink = [&](core::Conversation&& conversation) {
        if (conversation.turns.empty()) return;
        ++found;
        conversation.file = path;
        if (options.as_macro) conversation.source = core::Source::macro;
        RoleGuess guess = assign_roles(conversation, options.roles);
        conversation.roles_by_order = guess.basis == RoleGuess::Basis::order;
        guessed.add(conversation, std::move(guess));
        unknown.add(conversation);
        if (each) each(std::move(conversation));
        else result.conversations.push_back(std::move(conversation));
    };
    reader->parse(path, *text, options, result);
    result.sink = nullptr;
    if (found == 0 && result.problems.empty())
        result.problems.push_back({path, fmt::format("no conversation found (read as {})", reader->name), true});
    unknown.report(path, result);
    guessed.report(path, found, result);
    return result;
}

}  // namespace qalint::read
