// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "fd_sink.h"

#include "report.h"
#include "text.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace complog::detail {
namespace {

// Every live fd_sink, for lock_all(). Never destroyed: sinks may outlive static destructors.
struct sink_list {
    std::mutex mutex;
    std::vector<fd_sink*> sinks;
};

sink_list& live_sinks() {
    static auto* const list = new sink_list;
    return *list;
}

// spdlog's colours for the coloured part of a record (the header).
std::string_view colour_of(spdlog::level::level_enum lvl) {
    static constexpr std::string_view colours[] = {"\033[37m",        "\033[36m",
                                                   "\033[32m",        "\033[33m\033[1m",
                                                   "\033[31m\033[1m", "\033[1m\033[41m"};
    return lvl < spdlog::level::off ? colours[lvl] : std::string_view{};
}
constexpr std::string_view colour_reset = "\033[m";

}  // namespace

std::shared_ptr<fd_sink> fd_sink::open_file(const std::string& path, std::string& error) {
    // O_NONBLOCK: opening a FIFO without a reader fails (ENXIO) instead of blocking.
    const int fd =
        ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0644);
    if (fd < 0) {
        error = errno == ENXIO ? "it is a FIFO that no process reads" : std::strerror(errno);
        return nullptr;
    }
    // Writes block as usual: a slow reader slows logging down rather than losing records.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        error = std::strerror(EISDIR);
        return nullptr;
    }
    return std::make_shared<fd_sink>(fd, true, "the _OUT file " + quoted(path));
}

std::shared_ptr<fd_sink> fd_sink::standard_error() {
    auto sink = std::make_shared<fd_sink>(STDERR_FILENO, false, "stderr");
    const char* term = std::getenv("TERM");
    sink->colour_ = ::isatty(STDERR_FILENO) == 1 && term && std::strcmp(term, "dumb") != 0;
    return sink;
}

fd_sink::fd_sink(int fd, bool owned, std::string label)
    : fd_(fd), owned_(owned), label_(std::move(label)) {
    pipe_ = is_pipe(fd_);
    auto& list = live_sinks();
    std::lock_guard<std::mutex> lock(list.mutex);
    list.sinks.push_back(this);
}

fd_sink::~fd_sink() {
    {
        auto& list = live_sinks();
        std::lock_guard<std::mutex> lock(list.mutex);
        list.sinks.erase(std::find(list.sinks.begin(), list.sinks.end(), this));
    }
    if (owned_) ::close(fd_);
}

void fd_sink::lock_all() {
    auto& list = live_sinks();
    list.mutex.lock();
    for (auto* s : list.sinks) s->mutex_.lock();
}

void fd_sink::unlock_all() {
    auto& list = live_sinks();
    for (auto* s : list.sinks) s->mutex_.unlock();
    list.mutex.unlock();
}

void fd_sink::sink_it_(const spdlog::details::log_msg& msg) {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    if (colour_ && msg.color_range_end > msg.color_range_start) {
        const auto colour = colour_of(msg.level);
        spdlog::memory_buf_t coloured;
        const auto* data = formatted.data();
        coloured.append(data, data + msg.color_range_start);
        coloured.append(colour.data(), colour.data() + colour.size());
        coloured.append(data + msg.color_range_start, data + msg.color_range_end);
        coloured.append(colour_reset.data(), colour_reset.data() + colour_reset.size());
        coloured.append(data + msg.color_range_end, data + formatted.size());
        return write_all(coloured.data(), coloured.size());
    }
    write_all(formatted.data(), formatted.size());
}

void fd_sink::write_all(const char* data, std::size_t size) {
    const int error = write_fully(fd_, std::string_view(data, size), pipe_);
    if (error == 0 || failed_) return;
    failed_ = true;
    // Not through this sink (its lock is held); not at all when this sink is stderr.
    if (fd_ != STDERR_FILENO) {
        report("cannot write to " + label_ + ": " + std::strerror(error) +
               "; its records are lost");
    }
}

}  // namespace complog::detail
