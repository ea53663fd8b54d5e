#include "util/data_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace qalint::util {
namespace {

const char* kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a file";
}

}  // namespace

std::string describe_size(size_t bytes) {
    if (bytes < mebibyte) return fmt::format("{} bytes", bytes);
    const double megabytes = static_cast<double>(bytes) / static_cast<double>(mebibyte);
    if (bytes % mebibyte == 0) return fmt::format("{} MB", bytes / mebibyte);
    return megabytes >= 10 ? fmt::format("{:.0f} MB", megabytes) : fmt::format("{:.1f} MB", megabytes);
}

Expected<std::string> read_data_file(const std::string& path, size_t max_bytes) {
    // O_NONBLOCK: open() of a FIFO with no writer returns at once instead of waiting for one.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) return Error{std::strerror(errno)};
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0) return Error{std::strerror(errno)};
    if (!S_ISREG(info.st_mode)) return Error{fmt::format("not a regular file ({})", kind_of(info.st_mode))};
    const auto size = static_cast<size_t>(info.st_size);
    if (size > max_bytes)
        return Error{fmt::format("larger than {} (it holds {})", describe_size(max_bytes), describe_size(size))};
    // A file that grows while it is read is read up to the cap and one byte past it, no further.
    std::string content(std::min(size, max_bytes) + 1, '\0');
    size_t filled = 0;
    while (filled < content.size()) {
        const ssize_t n = ::read(fd, content.data() + filled, content.size() - filled);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return Error{std::strerror(errno)};
        }
        if (n == 0) break;
        filled += static_cast<size_t>(n);
        if (filled == content.size() && filled <= max_bytes) content.resize(std::min(content.size() * 2, max_bytes + 1));
    }
    if (filled > max_bytes) return Error{fmt::format("larger than {} (it grew while read)", describe_size(max_bytes))};
    content.resize(filled);
    return content;
}

}  // namespace qalint::util
