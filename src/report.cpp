// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "report.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <mutex>
#include <set>
#include <sys/stat.h>

namespace complog::detail {

int write_fully(int fd, std::string_view bytes, bool may_raise_sigpipe) noexcept {
    sigset_t pipe_signal;
    sigset_t previous;
    bool pending_before = false;
    if (may_raise_sigpipe) {
        sigemptyset(&pipe_signal);
        sigaddset(&pipe_signal, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
        sigset_t pending;
        pending_before = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
    }
    int error = 0;
    while (!bytes.empty()) {
        const auto written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            error = errno;
            break;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    if (may_raise_sigpipe) {
        if (error == EPIPE && !pending_before) {
            // Consume the SIGPIPE this write raised, so unblocking does not deliver it.
            const timespec no_wait{};
            while (sigtimedwait(&pipe_signal, nullptr, &no_wait) < 0 && errno == EINTR) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    }
    return error;
}

bool is_pipe(int fd) noexcept {
    struct stat st {};
    return ::fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

void report(std::string_view text) {
    std::string line = "complog: ";
    line += text;
    if (line.back() != '\n') line += '\n';
    // One write: a diagnostic is not interleaved with records written meanwhile.
    write_fully(STDERR_FILENO, line, is_pipe(STDERR_FILENO));
}

void report_once(const std::shared_ptr<const void>& key, const std::string& text) {
    // Never destroyed: destinations may fail during static destruction. Weak references
    // keep the keys' control blocks, so an address reused by a new object is a new key.
    using weak_key = std::weak_ptr<const void>;
    static auto* const mutex = new std::mutex;
    static auto* const seen = new std::set<weak_key, std::owner_less<weak_key>>;
    {
        std::lock_guard<std::mutex> lock(*mutex);
        if (!seen->insert(key).second) return;
    }
    report(text);
}

}  // namespace complog::detail
