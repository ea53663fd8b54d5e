#include "rules/pack.hpp"

#include <cstring>
#include <optional>
#include <type_traits>

namespace qalint::rules {
namespace {

// Bumped whenever the layout below changes, so a stale pack is refused rather than misread.
constexpr uint32_t format_version = 6;

class Writer {
public:
    std::string bytes;

    void number(uint64_t value) {
        do {
            const auto low = static_cast<char>(value & 0x7F);
            value >>= 7;
            bytes += value ? static_cast<char>(low | 0x80) : low;
        } while (value);
    }
    void raw(const void* data, size_t size) { bytes.append(static_cast<const char*>(data), size); }
};

class Reader {
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
    bool ok() const { return m_ok; }
    bool at_end() const { return m_pos == m_bytes.size(); }

    uint64_t number() {
        uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_bytes.size()) return fail();
            const auto byte = static_cast<unsigned char>(m_bytes[m_pos++]);
            value |= static_cast<uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return value;
        }
        return fail();
    }
    std::string_view raw(size_t size) {
        if (size > m_bytes.size() - m_pos) return fail(), std::string_view();
        const std::string_view out = m_bytes.substr(m_pos, size);
        m_pos += size;
        return out;
    }

private:
    uint64_t fail() {
        m_ok = false;
        m_pos = m_bytes.size();
        return 0;
    }
    std::string_view m_bytes;
    size_t m_pos = 0;
    bool m_ok = true;
};

// One function per type lists its fields, for writing and reading alike: a field cannot be
// written and then forgotten on the way back.
template <typename Archive> void fields(Archive& a, core::Pattern& pattern);
template <typename Archive> void fields(Archive& a, core::MissingSpec& missing);
template <typename Archive> void fields(Archive& a, core::ResponseSpec& response);
template <typename Archive> void fields(Archive& a, core::Rule& rule);
template <typename Archive> void fields(Archive& a, LoadResult& loaded);
template <typename T> void io(Writer& out, const T& value);
template <typename T> void io(Reader& in, T& value);
void io(Writer& out, const std::string& text);
void io(Reader& in, std::string& text);
template <typename T> void io(Writer& out, const std::vector<T>& items);
template <typename T> void io(Reader& in, std::vector<T>& items);
template <typename T, size_t N> void io(Writer& out, const std::array<T, N>& items);
template <typename T, size_t N> void io(Reader& in, std::array<T, N>& items);
template <typename T> void io(Writer& out, const std::optional<T>& value);
template <typename T> void io(Reader& in, std::optional<T>& value);

template <typename T>
void io(Writer& out, const T& value) {
    if constexpr (std::is_enum_v<T> || std::is_integral_v<T>) out.number(static_cast<uint64_t>(value));
    else if constexpr (std::is_same_v<T, double>) out.raw(&value, sizeof value);
    else fields(out, const_cast<T&>(value));
}
template <typename T>
void io(Reader& in, T& value) {
    if constexpr (std::is_enum_v<T> || std::is_integral_v<T>) value = static_cast<T>(in.number());
    else if constexpr (std::is_same_v<T, double>) {
        const std::string_view bytes = in.raw(sizeof value);
        if (bytes.size() == sizeof value) std::memcpy(&value, bytes.data(), sizeof value);
    } else fields(in, value);
}
void io(Writer& out, const std::string& text) {
    out.number(text.size());
    out.raw(text.data(), text.size());
}
void io(Reader& in, std::string& text) { text = in.raw(in.number()); }
template <typename T>
void io(Writer& out, const std::vector<T>& items) {
    out.number(items.size());
    for (const auto& item : items) io(out, item);
}
template <typename T>
void io(Reader& in, std::vector<T>& items) {
    const uint64_t count = in.number();
    items.clear();
    for (uint64_t i = 0; i < count && in.ok(); ++i) io(in, items.emplace_back());
}
template <typename T, size_t N>
void io(Writer& out, const std::array<T, N>& items) {
    for (const auto& item : items) io(out, item);
}
template <typename T, size_t N>
void io(Reader& in, std::array<T, N>& items) {
    for (auto& item : items) io(in, item);
}
template <typename T>
void io(Writer& out, const std::optional<T>& value) {
    out.number(value ? 1 : 0);
    if (value) io(out, *value);
}
template <typename T>
void io(Reader& in, std::optional<T>& value) {
    value.reset();
    if (in.number()) io(in, value.emplace());
}

template <typename Archive>
void fields(Archive& a, core::Pattern& pattern) {
    io(a, pattern.type);
    io(a, pattern.text);
    io(a, pattern.line);
    io(a, pattern.whole_turn);
    io(a, pattern.unless);
}
template <typename Archive>
void fields(Archive& a, core::MissingSpec& missing) {
    io(a, missing.rules);
    io(a, missing.window);
    io(a, missing.turns);
    io(a, missing.skip);
}
template <typename Archive>
void fields(Archive& a, core::ResponseSpec& response) {
    io(a, response.trigger);
    io(a, response.except);
    io(a, response.expect);
    io(a, response.within);
    io(a, response.last_only);
    io(a, response.first_only);
    io(a, response.max_first_reply_seconds);
    io(a, response.skip);
    io(a, response.by_agent);
    io(a, response.reply_has);
    io(a, response.reply_repeats);
}
template <typename Archive>
void fields(Archive& a, core::Rule& rule) {
    io(a, rule.id);
    io(a, rule.title);
    io(a, rule.category);
    io(a, rule.level);
    io(a, rule.ladder);
    io(a, rule.kind);
    io(a, rule.speaker);
    io(a, rule.for_conversations);
    io(a, rule.for_macros);
    io(a, rule.message);
    io(a, rule.advice);
    io(a, rule.patterns);
    io(a, rule.unless);
    io(a, rule.unless_in_sentence);
    io(a, rule.unless_previous);
    io(a, rule.only_in_first);
    io(a, rule.only_in_first_skip);
    io(a, rule.only_in_reply);
    io(a, rule.only_at_end);
    io(a, rule.only_after);
    io(a, rule.unless_continued);
    io(a, rule.unless_continued_skip);
    io(a, rule.match_examples);
    io(a, rule.no_match_examples);
    io(a, rule.missing);
    io(a, rule.response);
    io(a, rule.file);
    io(a, rule.line);
    io(a, rule.builtin);
}
template <typename Archive>
void fields(Archive& a, LoadResult& loaded) {
    io(a, loaded.rules);
    io(a, loaded.errors);
}

}  // namespace

std::string pack_rules(const LoadResult& loaded) {
    Writer out;
    out.number(format_version);
    io(out, loaded);
    return std::move(out.bytes);
}

bool unpack_rules(std::string_view bytes, LoadResult& into) {
    Reader in(bytes);
    if (in.number() != format_version || !in.ok()) return false;
    LoadResult loaded;
    io(in, loaded);
    if (!in.ok() || !in.at_end()) return false;
    into = std::move(loaded);
    return true;
}

}  // namespace qalint::rules
