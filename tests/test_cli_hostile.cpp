// Hostile inputs, as fuzzing and a hostile tester found them: files that are not what their name
// says, paths that lead to devices, FIFOs or loops, reports merged twice. Each is refused or read
// with a message naming it, and the run ends.

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using cli_test::run_qalint;

namespace {

// A folder of this test process's own, emptied first and removed after.
struct Folder {
    fs::path path;
    explicit Folder(const std::string& name) : path(cli_test::temp_path(name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Folder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    std::string write(const std::string& name, const std::string& content) const {
        const fs::path file = path / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

const std::string chat = "Agent: Hello, how can I help?\nCustomer: Where is my order?\nAgent: It ships today. Thank you!\n";

}  // namespace

TEST_CASE("cli::check names looping and broken symbolic links in a folder instead of skipping them silently") {
    const Folder folder("qalint-links");
    folder.write("chat.txt", chat);
    fs::create_symlink("self.txt", folder / "self.txt");
    fs::create_symlink("ring-b.txt", folder / "ring-a.txt");
    fs::create_symlink("ring-a.txt", folder / "ring-b.txt");
    fs::create_symlink("gone.txt", folder / "dangling.txt");
    const auto run = run_qalint("check " + folder.path.string(), true);
    CHECK(run.status == 2);
    CHECK(run.out.find("self.txt: symbolic link loop") != std::string::npos);
    CHECK(run.out.find("ring-a.txt: symbolic link loop") != std::string::npos);
    CHECK(run.out.find("ring-b.txt: symbolic link loop") != std::string::npos);
    CHECK(run.out.find("dangling.txt: broken symbolic link") != std::string::npos);
    CHECK(run.out.find("1 conversation in 1 file") != std::string::npos);    // the real file is still checked
}
