// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog's own destinations (private): stderr and the <VAR>_OUT file, written with one
// write(2) per record and no user-space buffer. So a record is in the file when the
// log call returns (as PyTorch's FileHandler flushes each record): a crash or abort()
// right after loses nothing, a forked child has no buffered bytes of its parent's to
// write again, and lines of concurrent writers never tear.
//
//  - A write error (a full disk, a pipe whose reader left) is reported once on stderr;
//    records go on being attempted. SIGPIPE is blocked around writes to pipes and
//    sockets, so a reader that leaves cannot kill the program.
//  - fork(): lock_all() / unlock_all() hold every fd_sink's lock across fork() (the
//    configuration's pthread_atfork handlers call them), so a child never starts with
//    a lock that a thread of its parent held.

#pragma once

#include <spdlog/sinks/base_sink.h>

#include <memory>
#include <mutex>
#include <string>

namespace complog::detail {

class fd_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    /// Opens `path` for appending (created if missing, never its directories). A FIFO
    /// must have a reader already: opening never blocks. nullptr and `error` set on failure.
    static std::shared_ptr<fd_sink> open_file(const std::string& path, std::string& error);
    /// Standard error; coloured headers when it is a terminal.
    static std::shared_ptr<fd_sink> standard_error();

    fd_sink(int fd, bool owned, std::string label);
    ~fd_sink() override;
    fd_sink(const fd_sink&) = delete;
    fd_sink& operator=(const fd_sink&) = delete;

    static void lock_all();
    static void unlock_all();

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override;
    void flush_() override {}  // nothing is buffered

private:
    void write_all(const char* data, std::size_t size);

    int fd_;
    bool owned_;
    bool pipe_ = false;    // SIGPIPE possible
    bool colour_ = false;  // a terminal
    bool failed_ = false;  // reported once
    std::string label_;    // for messages: "stderr", "the _OUT file 'x.log'"
};

}  // namespace complog::detail
