// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The structured trace's benchmark cases (complog_bench and complog_cg_driver):
//   trace_off_event       trace::event with the channel off (compare: a disabled spdlog call)
//   trace_record          one record {"e": {"n": i}, "stack": []} written to the trace file
//   trace_fmt_same_bytes  the same bytes made with fmt into a buffer (the local time
//                         converted once per second, the pid cached, as the channel does)
//                         and written with one write(2) to a file: the reference for a record

#pragma once

#include <complog/trace.h>

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

namespace complog_bench::trace_bench {

inline const std::string& scratch_dir() {
    static const std::string dir = [] {
        char name[] = "/tmp/complog_bench_trace.XXXXXX";
        const char* made = ::mkdtemp(name);
        std::string path = made != nullptr ? made : "/tmp/complog_bench_trace";
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(scratch_dir(), ignored);
        });
        return path;
    }();
    return dir;
}

inline void channel_off() { complog::trace::stop(); }

inline void channel_on() {
    complog::trace::options opts;
    opts.directory = scratch_dir() + "/trace";
    opts.describe_file = false;
    complog::trace::start(opts);
}

inline void off_event(long i) {
    complog::trace::event(
        "e",
        [i] {
            return complog::trace::object({{"n", i}});
        },
        [] { return nullptr; });
}

inline void record(long i) {
    complog::trace::event(
        "e",
        [i] {
            return complog::trace::object({{"n", i}});
        },
        complog::trace::site{"bench.cpp", 1});
}

inline void fmt_same_bytes(long i) {
    static const int fd = ::open((scratch_dir() + "/fmt.log").c_str(),
                                 O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    static const int pid = ::getpid();
    // The local time converted once per second, as the trace channel does.
    static std::time_t cached_second = -1;
    static std::tm local{};
    const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const std::time_t seconds = static_cast<std::time_t>(now / 1000000);
    if (seconds != cached_second) {
        ::localtime_r(&seconds, &local);
        cached_second = seconds;
    }
    fmt::memory_buffer out;
    fmt::format_to(std::back_inserter(out),
                   "V{:02}{:02} {:02}:{:02}:{:02}.{:03}000 {} {}:{}] {{\"e\": {{\"n\": {}}}, "
                   "\"stack\": []}}\n",
                   local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
                   (now % 1000000) / 1000, pid, "bench.cpp", 1, i);
    if (::write(fd, out.data(), out.size()) < 0) std::abort();
}

}  // namespace complog_bench::trace_bench
