#pragma once
// YAML text into documents, bounded. yaml-cpp's LoadAll reads a document that starts with a
// stray ',' as an empty document, again and again without end, until memory runs out: the
// documents are counted first without being built, and past `max_documents` the text is refused.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace qalint::util {

struct YamlDocuments {
    std::vector<YAML::Node> documents;
    std::string error;  // "" when read; else the reason, at `line` (1-based; 0 when none applies)
    int line = 0;
};

YamlDocuments load_yaml_documents(std::string_view text, size_t max_documents);

// The first key that a mapping in `node` (at any depth) names twice: the key and the 1-based lines of
// its first and second use. Nullopt when every mapping's keys are distinct. yaml-cpp keeps the first
// and silently drops the second ("examples: {no_match: {ru: [...], ru: [...]}}" loses a list).
struct DuplicateKey {
    std::string key;
    int first_line = 0;
    int line = 0;
};
std::optional<DuplicateKey> find_duplicate_key(const YAML::Node& node);

}  // namespace qalint::util
