#include "config/baseline.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "config/suppress.hpp"
#include "util/data_file.hpp"
#include "util/files.hpp"

namespace qalint::config {

namespace fs = std::filesystem;

namespace {

// A baseline lists a repository's accepted findings: a few MB for a very large one.
constexpr size_t max_baseline_bytes = 256 * util::mebibyte;

// Re-wrapping a line must not make an old finding new.
std::string collapse_whitespace(const std::string& text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

fs::path absolute_folder(const fs::path& folder) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(folder.empty() ? fs::path(".") : folder, ec);
    return (ec ? folder : absolute).lexically_normal();
}

}  // namespace

Baseline::Baseline(fs::path folder) : m_folder(absolute_folder(folder)) {}

bool Baseline::is_baselined_kind(const core::Finding& finding) {
    return finding.category == core::Category::anti_pattern;
}

Fingerprint Baseline::fingerprint(const std::string& file, const core::Finding& finding) const {
    Fingerprint print{file, finding.rule, collapse_whitespace(finding.match)};
    if (file == "-") return print;
    std::error_code ec;
    const fs::path absolute = fs::absolute(file, ec).lexically_normal();
    if (ec) return print;
    const fs::path relative = absolute.lexically_relative(m_folder);
    print.file = (relative.empty() ? absolute : relative).generic_string();
    return print;
}

void Baseline::add(const std::string& file, const core::Finding& finding) {
    if (is_baselined_kind(finding)) ++m_counts[fingerprint(file, finding)];
}

size_t Baseline::size() const {
    size_t total = 0;
    for (const auto& [print, count] : m_counts) total += count;
    return total;
}

std::string Baseline::to_json() const {
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (const auto& [print, count] : m_counts) {
        nlohmann::ordered_json entry;
        entry["file"] = print.file;
        entry["rule"] = print.rule;
        entry["match"] = print.match;
        entry["count"] = count;
        entries.push_back(std::move(entry));
    }
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    doc["findings"] = std::move(entries);
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

util::Expected<Baseline> Baseline::load(const std::string& path) {
    const auto text = util::read_data_file(path, max_baseline_bytes);
    if (!text) return util::Error{path + ": cannot read the baseline: " + text.error()};
    const auto bad = [&](const std::string& why) { return util::Error{path + ": not a qalint baseline: " + why}; };
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::exception& e) {
        return bad(e.what());
    }
    if (doc.is_object()) {
        if (!doc.contains("findings")) return bad("no \"findings\" list");
        doc = doc["findings"];
    }
    if (!doc.is_array()) return bad("expected a list of {file, rule, match, count}");
    Baseline baseline(fs::path(path).parent_path());
    for (size_t i = 0; i < doc.size(); ++i) {
        const auto& entry = doc[i];
        const auto where = "entry " + std::to_string(i + 1) + ": ";
        if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string() || !entry.contains("rule") ||
            !entry["rule"].is_string())
            return bad(where + "needs \"file\" and \"rule\" strings");
        if (entry.contains("match") && !entry["match"].is_string()) return bad(where + "\"match\" must be a string");
        if (entry.contains("count") && !(entry["count"].is_number_unsigned() && entry["count"].get<size_t>() > 0))
            return bad(where + "\"count\" must be a positive integer");
        Fingerprint print{entry["file"].get<std::string>(), entry["rule"].get<std::string>(),
                          collapse_whitespace(entry.value("match", std::string()))};
        baseline.m_counts[std::move(print)] += entry.value("count", size_t{1});
    }
    return baseline;
}

size_t BaselineFilter::apply(core::Verdict& verdict) {
    const size_t before = verdict.findings.size();
    m_seen_files.insert(m_baseline.fingerprint(verdict.conversation.file, core::Finding{}).file);
    std::erase_if(verdict.findings, [&](const core::Finding& finding) {
        if (!Baseline::is_baselined_kind(finding)) return false;
        Fingerprint print = m_baseline.fingerprint(verdict.conversation.file, finding);
        const auto accepted = m_baseline.counts().find(print);
        if (accepted == m_baseline.counts().end()) return false;
        size_t& used = m_used[std::move(print)];
        if (used >= accepted->second) return false;
        ++used;
        return true;
    });
    const size_t dropped = before - verdict.findings.size();
    if (dropped) rejudge_ladder(verdict);
    m_hidden += dropped;
    return dropped;
}

std::vector<std::pair<Fingerprint, size_t>> BaselineFilter::unmatched() const {
    std::vector<std::pair<Fingerprint, size_t>> out;
    for (const auto& [print, count] : m_baseline.counts()) {
        if (!m_seen_files.count(print.file)) continue;
        const auto used = m_used.find(print);
        const size_t hid = used == m_used.end() ? 0 : used->second;
        if (hid < count) out.emplace_back(print, count - hid);
    }
    return out;
}

}  // namespace qalint::config
