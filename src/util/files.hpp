#pragma once
// Files: walking input folders, reading whole files, writing reports atomically.

#include <fstream>
#include <string>
#include <vector>

#include "util/expected.hpp"

namespace qalint::util {

struct WalkResult {
    std::vector<std::string> files;
    std::vector<std::pair<std::string, std::string>> problems;    // path, reason
    std::vector<std::string> empty_folders;                        // folders that held no input file
};

// Expands files and folders (recursively, sorted, hidden folders and .git skipped,
// symlinked folders not followed) into input files. "-" stays as is (stdin). Inside
// folders only files that `wanted` accepts are taken; files named directly always are.
WalkResult collect_inputs(const std::vector<std::string>& paths, bool (*wanted)(const std::string& path) = nullptr);

// fnmatch(3) globs for folder walks, matched against the path relative to the walked folder
// and against the file name ("*.vtt", "drafts/*", "archive"). Files named directly are always read.
struct WalkGlobs {
    std::vector<std::string> include;    // when any, only files matching one are taken
    std::vector<std::string> exclude;    // files and folders matching one are skipped
};
WalkResult collect_inputs(const std::vector<std::string>& paths, bool (*wanted)(const std::string& path),
                          const WalkGlobs& globs);

Expected<std::string> read_file(const std::string& path);
std::string read_stdin();

// Writes to a temporary file beside `path`, then renames it over `path`.
Expected<bool> write_file_atomically(const std::string& path, const std::string& content);

// A report being written: a temporary file beside the target, renamed over it by commit()
// and removed if never committed. Devices such as /dev/null are written directly.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    bool is_open() const { return m_out.is_open(); }
    std::ostream& stream() { return m_out; }
    Expected<bool> commit();

private:
    std::string m_path;
    std::string m_temp;    // "" when writing directly
    std::ofstream m_out;
    bool m_committed = false;
};

}  // namespace qalint::util
