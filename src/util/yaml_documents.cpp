#include "util/yaml_documents.hpp"

#include <map>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

namespace qalint::util {
namespace {

// Counts documents and builds nothing.
class DocumentCounter : public YAML::EventHandler {
public:
    size_t documents = 0;
    void OnDocumentStart(const YAML::Mark&) override { ++documents; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

std::optional<DuplicateKey> duplicate_in(const YAML::Node& node, int depth) {
    // Deeper than any rule, bank or configuration file goes: left unchecked rather than recursed into.
    if (depth > 64) return std::nullopt;
    if (node.IsMap()) {
        std::map<std::string, int> seen;
        for (const auto& entry : node) {
            if (entry.first.IsScalar()) {
                const auto [it, inserted] = seen.emplace(entry.first.Scalar(), entry.first.Mark().line + 1);
                if (!inserted) return DuplicateKey{entry.first.Scalar(), it->second, entry.first.Mark().line + 1};
            }
            if (auto inner = duplicate_in(entry.second, depth + 1)) return inner;
        }
    } else if (node.IsSequence()) {
        for (const auto& item : node)
            if (auto inner = duplicate_in(item, depth + 1)) return inner;
    }
    return std::nullopt;
}

}  // namespace

std::optional<DuplicateKey> find_duplicate_key(const YAML::Node& node) { return duplicate_in(node, 0); }

YamlDocuments load_yaml_documents(std::string_view text, size_t max_documents) {
    YamlDocuments out;
    try {
        std::istringstream in{std::string(text)};
        YAML::Parser parser(in);
        DocumentCounter counter;
        size_t documents = 0;
        while (parser.HandleNextDocument(counter)) {
            if (++documents > max_documents) {
                out.error = fmt::format("more than {} YAML documents (YAML reads a ',' that starts a document as "
                                        "empty documents without end)",
                                        max_documents);
                return out;
            }
        }
        out.documents = YAML::LoadAll(std::string(text));
    } catch (const YAML::Exception& e) {
        out.documents.clear();
        out.error = "invalid YAML: " + e.msg;
        out.line = e.mark.line + 1;
    }
    return out;
}

}  // namespace qalint::util
