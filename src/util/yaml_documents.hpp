#pragma once
// YAML text into documents, bounded. yaml-cpp's LoadAll reads a document that starts with a
// stray ',' as an empty document, again and again without end, until memory runs out: the
// documents are counted first without being built, and past `max_documents` the text is refused.

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

}  // namespace qalint::util
