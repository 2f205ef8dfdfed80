// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Lifecycle: no exception leaves a logging call (a throwing destination, a runtime format
// error), and fork(): the child's records carry the child's pid. Static registration
// order and flushing at exit are tested by the programs in lifecycle/.

#include <complog/macros.h>

#include "catch_compat.h"
#include "stderr_capture.h"
#include "test_sink.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <vector>

namespace {

using complog::test::fresh_complog;
using complog::test::occurrences;
using complog::test::recording_sink;
using complog::test::stderr_capture;

// A console destination that fails every write (and flush) with std::runtime_error, or
// with a value that is no std::exception.
template <bool StdException>
class throwing_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    int calls() const { return calls_.load(); }

protected:
    void sink_it_(const spdlog::details::log_msg& /*msg*/) override {
        ++calls_;
        if constexpr (StdException) {
            throw std::runtime_error("destination broken");
        } else {
            throw 42;
        }
    }
    void flush_() override {
        if constexpr (StdException) throw std::runtime_error("flush broken");
    }

private:
    std::atomic<int> calls_{0};
};

void init_for(const fresh_complog& env) {
    complog::options opts;
    opts.env_var = env.var;
    opts.root = "life";
    complog::init(opts);
}

// Counts the records spdlog's error handler gets for `logger` while it lives.
struct error_counter {
    explicit error_counter(std::shared_ptr<spdlog::logger> l) : logger(std::move(l)) {
        logger->set_error_handler([this](const std::string& message) {
            ++count;
            last = message;
        });
    }
    ~error_counter() { logger->set_error_handler(nullptr); }  // spdlog's default again
    error_counter(const error_counter&) = delete;
    error_counter& operator=(const error_counter&) = delete;

    std::shared_ptr<spdlog::logger> logger;
    int count = 0;
    std::string last;
};

std::vector<std::string> lines_of(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The pid field of complog's header: `<L><MMDD HH:MM:SS.ffffff> <pid> <file>:<line>] ...`.
long pid_of(const std::string& line) {
    std::istringstream in(line);
    std::string date, time;
    long pid = -1;
    in >> date >> time >> pid;
    return pid;
}

// A destination that throws must neither make the call throw nor keep the record from
// the healthy destination after it. spdlog's logger rethrows what is not a
// std::exception, so complog catches everything itself.
template <bool StdException>
void check_throwing_destination() {
    fresh_complog env;
    init_for(env);
    auto bad = std::make_shared<throwing_sink<StdException>>();
    auto good = std::make_shared<recording_sink>();
    // The failing one first: it must not keep the record from the healthy one.
    complog::set_sinks({bad, good});
    const auto log = complog::get_logger("life.io");
    error_counter errors(log);

    stderr_capture captured;
    CHECK_NOTHROW(log->warn("first"));
    CHECK_NOTHROW([&] { COMPLOG_ERROR(log, "second {}", 2); }());  // statement macro
    CHECK_NOTHROW(log->flush());
    const auto text = captured.text();

    CHECK(bad->calls() == 2);
    REQUIRE(good->size() == 2);
    CHECK(good->records()[0].text == "first");
    CHECK(good->records()[1].text == "second 2");
    // complog handles the failure itself: reported once, not passed to spdlog's handler.
    CHECK(occurrences(text, "a log destination failed") == 1);
    CHECK(errors.count == 0);
}

}  // namespace

TEST_CASE("lifecycle: a throwing destination does not make logging throw", "[lifecycle]") {
    SECTION("a std::exception") { check_throwing_destination<true>(); }
    SECTION("anything else (throw 42)") { check_throwing_destination<false>(); }
}

TEST_CASE("lifecycle: a runtime format error does not leave the logging call", "[lifecycle]") {
    fresh_complog env;
    init_for(env);
    const auto log = complog::get_logger("life.fmt");
    {
        error_counter errors(log);
        CHECK_NOTHROW(log->warn(fmt::runtime("{} {}"), 1));
        CHECK_NOTHROW([&] { COMPLOG_WARN(log, fmt::runtime("{} {}"), 1); }());
        CHECK(errors.count == 2);
        CHECK(env.sink->size() == 0);  // the record is dropped, nothing half-written
    }
    {
        // spdlog's default handler (restored above) prints to stderr and does not throw.
        stderr_capture captured;
        CHECK_NOTHROW(log->warn(fmt::runtime("{} {}"), 1));
        CHECK(complog::test::contains(captured.text(), "LOG ERROR"));
    }
    CHECK_NOTHROW(log->warn("still {}", "working"));
    CHECK(env.sink->size() == 1);
}

TEST_CASE("lifecycle: after fork the child's records carry the child's pid", "[lifecycle]") {
    fresh_complog env;
    init_for(env);
    char path[] = "/tmp/complog_fork_XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    complog::set_sinks({std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, true)});
    const auto log = complog::get_logger("life.fork");

    // Left in the file sink's buffer: complog flushes before fork(), so the child,
    // which flushes below, does not write it a second time.
    COMPLOG_WARN(log, "parent before fork");  // the pid is cached from here on
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        COMPLOG_WARN(log, "child");
        log->flush();
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    COMPLOG_WARN(log, "parent after fork");
    log->flush();

    const auto lines = lines_of(path);
    std::remove(path);
    complog::set_sinks({env.sink});
    REQUIRE(lines.size() == 3);
    CHECK(complog::test::contains(lines[0], "] parent before fork"));
    CHECK(complog::test::contains(lines[1], "] child"));
    CHECK(complog::test::contains(lines[2], "] parent after fork"));
    CHECK(pid_of(lines[0]) == static_cast<long>(getpid()));
    CHECK(pid_of(lines[1]) == static_cast<long>(child));
    CHECK(pid_of(lines[2]) == static_cast<long>(getpid()));
}
