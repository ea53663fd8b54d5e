#pragma once
// Shared by the fuzz targets: the built-in pack compiled once, a scratch file of the process's own,
// and a check that a report is what it says (JSON that parses, UTF-8 throughout).

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "match/engine.hpp"
#include "rules/compiled.hpp"
#include "rules/load.hpp"
#include "util/utf8.hpp"

namespace qalint::fuzz {

inline const rules::CompiledRules& builtin_rules() {
    static const rules::CompiledRules compiled = [] {
        rules::LoadResult pack;
        rules::load_builtin_rules(pack);
        std::vector<std::string> errors = pack.errors;
        auto out = rules::CompiledRules::compile(std::move(pack.rules), errors);
        if (!errors.empty()) {
            std::fprintf(stderr, "the built-in pack does not compile: %s\n", errors.front().c_str());
            std::abort();
        }
        return out;
    }();
    return compiled;
}

inline const match::Engine& builtin_engine() {
    static const match::Engine engine(builtin_rules(), match::EngineOptions{});
    return engine;
}

// A folder of this process's own under the temporary folder, made once.
inline const std::filesystem::path& scratch() {
    static const std::filesystem::path folder = [] {
        const auto path = std::filesystem::temp_directory_path() / ("qalint-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return folder;
}

inline std::string write_scratch(const std::string& name, std::string_view content) {
    const std::string path = (scratch() / name).string();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(content.data(), static_cast<std::streamsize>(content.size()));
    return path;
}

[[noreturn]] inline void fail(const std::string& what, std::string_view output) {
    std::fprintf(stderr, "%s\n--- output (%zu bytes) ---\n%.*s\n", what.c_str(), output.size(),
                 static_cast<int>(std::min<size_t>(output.size(), 4000)), output.data());
    std::abort();
}

// A report in a text format must be UTF-8 throughout; a JSON one must parse.
inline void check_utf8(const std::string& format, std::string_view output) {
    if (util::find_invalid_utf8(output) != std::string_view::npos) fail(format + " report is not UTF-8", output);
}
inline void check_json(const std::string& format, std::string_view output) {
    check_utf8(format, output);
    try {
        (void)nlohmann::json::parse(output);
    } catch (const nlohmann::json::exception& e) {
        fail(format + " report is not JSON: " + e.what(), output);
    }
}

}  // namespace qalint::fuzz
