#pragma once
// Shared by the CLI tests: run a shell command, or the built qalint, and keep what it printed.

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace cli_test {

// A path under the temporary folder that is this test process's own: two test runs at once (two
// checkouts on one machine) must not share a fixture folder.
inline std::filesystem::path temp_path(const std::string& name) {
    return std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
}

// A folder made for one test case (under temp_path), removed after it.
struct TempFolder {
    std::filesystem::path root;
    explicit TempFolder(const std::string& name) : root(temp_path(name)) {
        std::filesystem::remove_all(root);
        std::filesystem::create_directories(root);
    }
    ~TempFolder() {
        std::error_code ignored;    // a destructor does not throw: a folder left behind is no failure
        std::filesystem::remove_all(root, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    // Writes `text` to `name` (folders made as needed) and returns the file's path.
    std::string write(const std::string& name, const std::string& text) const {
        const std::filesystem::path path = root / name;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }
    std::string path(const std::string& name) const { return (root / name).string(); }
    std::string operator/(const std::string& name) const { return path(name); }
};

struct Run {
    int status = -1;    // the exit status, -1 when killed by a signal
    std::string out;    // standard output
    std::string err;    // standard error, when the caller captured it
};

inline Run run_shell(const std::string& command) {
    Run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// The built binary with `args`; stderr is dropped unless `with_stderr`, then it is mixed into out.
inline Run run_qalint(const std::string& args, bool with_stderr = false) {
    return run_shell(std::string(QALINT_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

}  // namespace cli_test
