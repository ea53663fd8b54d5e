#include "util/files.hpp"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace qalint::util {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return name.size() > 1 && name[0] == '.' && name != "..";
}

bool matches_any(const std::vector<std::string>& globs, const std::string& relative, const std::string& name) {
    for (const auto& glob : globs)
        if (::fnmatch(glob.c_str(), relative.c_str(), 0) == 0 || ::fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
    return false;
}

// One folder and, depth first, the folders in it. A folder that cannot be listed (no permission,
// gone while walked) is a problem named with its reason, never a silent hole in the walk.
void walk_into(const fs::path& root, const fs::path& folder, std::vector<std::string>& found, WalkResult& out,
               bool (*wanted)(const std::string&), const WalkGlobs& globs) {
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) {
        out.problems.emplace_back(folder.string(), "cannot read folder: " + ec.message());
        return;
    }
    std::vector<fs::path> folders;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        const fs::path& path = it->path();
        std::error_code entry_ec, link_ec;    // an entry that vanished is no input, not a problem
        const bool directory = it->is_directory(entry_ec) && !it->is_symlink(entry_ec);
        if (is_hidden(path)) continue;
        const std::string relative = path.lexically_relative(root).generic_string();
        const std::string name = path.filename().string();
        if (matches_any(globs.exclude, relative, name)) continue;
        // Symlinked folders are not followed (no loops); symlinked files are read.
        if (directory) {
            folders.push_back(path);
            continue;
        }
        if (!globs.include.empty() && !matches_any(globs.include, relative, name)) continue;
        if (it->is_regular_file(entry_ec) && (!wanted || wanted(path.string()))) found.push_back(path.string());
        // A symlink that loops (to itself, or round a ring of links) or points at nothing: said, not dropped.
        else if (entry_ec && (!wanted || wanted(path.string())) && it->is_symlink(link_ec)) {
            if (entry_ec.value() == ELOOP)
                out.problems.emplace_back(path.string(), "symbolic link loop (it leads back to itself), skipped");
            else if (entry_ec.value() == ENOENT)
                out.problems.emplace_back(path.string(), "broken symbolic link (what it points to does not exist), skipped");
        }
    }
    if (ec) out.problems.emplace_back(folder.string(), "cannot read folder: " + ec.message());
    for (const auto& sub : folders) walk_into(root, sub, found, out, wanted, globs);
}

void walk_folder(const fs::path& root, WalkResult& out, bool (*wanted)(const std::string&), const WalkGlobs& globs) {
    std::vector<std::string> found;
    walk_into(root, root, found, out, wanted, globs);
    std::sort(found.begin(), found.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
}

}  // namespace

WalkResult collect_inputs(const std::vector<std::string>& paths, bool (*wanted)(const std::string&)) {
    return collect_inputs(paths, wanted, WalkGlobs{});
}

WalkResult collect_inputs(const std::vector<std::string>& paths, bool (*wanted)(const std::string&), const WalkGlobs& globs) {
    WalkResult out;
    for (const auto& path : paths) {
        if (path == "-") {
            out.files.push_back(path);
            continue;
        }
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            out.problems.emplace_back(path, "no such file or folder");
        } else if (fs::is_directory(status)) {
            const size_t before = out.files.size();
            const size_t problems = out.problems.size();
            walk_folder(path, out, wanted, globs);
            if (out.files.size() == before && out.problems.size() == problems) out.empty_folders.push_back(path);
        } else {
            out.files.push_back(path);
        }
    }
    return out;
}

Expected<std::string> read_file(const std::string& path) {
    // POSIX calls rather than a stream: open, fstat, read, close is all a file costs.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{std::strerror(errno)};
    std::string content;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        return Error{std::strerror(EISDIR)};
    }
    // The size is a hint: a file may grow while it is read, and /proc or a pipe says 0.
    content.resize(info.st_size > 0 ? static_cast<size_t>(info.st_size) + 1 : 1 << 14);
    size_t filled = 0;
    for (;;) {
        if (filled == content.size()) content.resize(content.size() * 2);
        const ssize_t n = ::read(fd, content.data() + filled, content.size() - filled);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int error = errno;
            ::close(fd);
            return Error{std::strerror(error)};
        }
        if (n == 0) break;
        filled += static_cast<size_t>(n);
    }
    ::close(fd);
    content.resize(filled);
    return content;
}

std::string read_stdin() {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
}

Expected<bool> write_file_atomically(const std::string& path, const std::string& content) {
    const fs::path target(path);
    const fs::path temp = target.parent_path() / ("." + target.filename().string() + ".qalint-" + std::to_string(::getpid()));
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) return Error{std::string("cannot write ") + temp.string() + ": " + std::strerror(errno)};
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(temp, ignored);
            return Error{std::string("cannot write ") + path + ": " + std::strerror(errno)};
        }
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        return Error{"cannot replace " + path + ": " + ec.message()};
    }
    return true;
}

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path)) {
    std::error_code ec;
    const bool device = fs::exists(m_path, ec) && !fs::is_regular_file(m_path, ec);
    if (!device) {
        const fs::path target(m_path);
        m_temp = (target.parent_path() / ("." + target.filename().string() + ".qalint-" + std::to_string(::getpid()))).string();
    }
    m_out.open(device ? m_path : m_temp, std::ios::binary | std::ios::trunc);
}

AtomicFile::~AtomicFile() {
    if (!m_committed && !m_temp.empty()) {
        m_out.close();
        std::error_code ignored;
        fs::remove(m_temp, ignored);
    }
}

Expected<bool> AtomicFile::commit() {
    m_out.flush();
    const bool ok = static_cast<bool>(m_out);
    m_out.close();
    if (!ok) return Error{"cannot write " + m_path + ": " + std::strerror(errno)};
    m_committed = true;
    if (m_temp.empty()) return true;
    std::error_code ec;
    fs::rename(m_temp, m_path, ec);
    if (ec) {
        fs::remove(m_temp, ec);
        return Error{"cannot replace " + m_path + ": " + ec.message()};
    }
    return true;
}

}  // namespace qalint::util
