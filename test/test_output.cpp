// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Output through the whole library: companions, macros, helpers.

#include <complog/complog.h>

#include "catch_compat.h"
#include "stderr_capture.h"
#include "test_sink.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>

namespace {

using complog::test::fresh_complog;
using complog::test::scoped_env;

std::string temp_path(const char* name) {
    return "/tmp/complog_test_" + std::to_string(getpid()) + "_" + name;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A fresh complog whose console is a string stream.
struct console_capture {
    explicit console_capture(std::optional<std::string> spec) : env(std::move(spec)) {
        complog::set_sinks({sink});
    }
    std::string text() { return out.str(); }

    fresh_complog env;
    std::ostringstream out;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink =
        std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
};

int evaluations = 0;
int counted(int value) {
    ++evaluations;
    return value;
}

}  // namespace

TEST_CASE("_OUT receives the same text as the console", "[output][companion]") {
    const auto path = temp_path("out.log");
    std::remove(path.c_str());
    scoped_env out("TEST_LOGS_OUT", path);
    console_capture console("+net");
    complog::register_component("net", {"app.net"});
    complog::register_artifact({"wire", "bytes"});
    complog::init({fresh_complog::var, "app"});
    auto log = complog::get_logger("app.net");
    COMPLOG_DEBUG(log, "two\nlines");
    COMPLOG_WARN(log, "warned");
    log->flush();
    CHECK(console.text().find("two") != std::string::npos);
    CHECK(read_file(path) == console.text());
    complog::reset();
    std::remove(path.c_str());
}

TEST_CASE("an _OUT file is appended to, not truncated", "[output][companion]") {
    const auto path = temp_path("append.log");
    { std::ofstream(path) << "earlier\n"; }
    scoped_env out("TEST_LOGS_OUT", path);
    console_capture console(std::nullopt);
    complog::init({fresh_complog::var, "app"});
    auto log = complog::get_logger("app");
    COMPLOG_ERROR(log, "later");
    log->flush();
    const auto text = read_file(path);
    CHECK(text.rfind("earlier\n", 0) == 0);
    CHECK(text.find("later") != std::string::npos);
    complog::reset();
    std::remove(path.c_str());
}

TEST_CASE("an unwritable _OUT is reported once and the console keeps logging",
          "[output][companion]") {
    const auto dir = temp_path("dir");
    const auto missing = temp_path("missing") + "/x.log";
    for (const auto& path : {missing, dir}) {
        ::mkdir(dir.c_str(), 0700);
        scoped_env out("TEST_LOGS_OUT", path);
        console_capture console(std::nullopt);
        complog::test::stderr_capture err;
        complog::init({fresh_complog::var, "app"});
        const auto printed = err.text();
        CHECK(complog::test::occurrences(printed, "TEST_LOGS_OUT: cannot open") == 1);
        CHECK(printed.find("logging to the console only") != std::string::npos);
        COMPLOG_ERROR(complog::get_logger("app"), "still here");
        CHECK(console.text().find("still here") != std::string::npos);
    }
    ::rmdir(dir.c_str());
}

TEST_CASE("a bad _FORMAT is reported and the default format is used", "[output][companion]") {
    scoped_env format("TEST_LOGS_FORMAT", "%(nonsense)s");
    console_capture console(std::nullopt);
    complog::test::stderr_capture err;
    complog::init({fresh_complog::var, "app"});
    CHECK(err.text().find("TEST_LOGS_FORMAT: invalid format") != std::string::npos);
    COMPLOG_ERROR(complog::get_logger("app"), "x");
    CHECK(console.text().rfind("E", 0) == 0);
    CHECK(console.text().find("] x\n") != std::string::npos);
}

TEST_CASE("_FORMAT replaces the header for every logger", "[output][companion]") {
    scoped_env format("TEST_LOGS_FORMAT", "short");
    console_capture console("+net,stats");
    complog::register_component("net", {"app.net"});
    complog::register_artifact({"stats", "counts", true, false, "%v"});
    complog::init({fresh_complog::var, "app"});
    COMPLOG_INFO(complog::get_logger("app.net"), "hi");
    COMPLOG_ARTIFACT(complog::get_artifact_logger("app.net", "stats"), "n=1");
    // As in PyTorch, a _FORMAT applies to artifacts with their own format too.
    CHECK(console.text() == "INFO:app.net:hi\nDEBUG:app.net.__stats:n=1\n");
}

TEST_CASE("a _FORMAT that truncates any flag to any width cannot crash", "[output][companion]") {
    // spdlog 1.10's own truncation of %c aborted the process.
    scoped_env format("TEST_LOGS_FORMAT", "[%0!c][%-1!D][%=5!x][%-3!l][%99999999999!n] %v");
    console_capture console(std::nullopt);
    complog::init({fresh_complog::var, "app"});
    COMPLOG_ERROR(complog::get_logger("app"), "hi");
    const auto text = console.text();
    // Then a month digit and MM/DD, which depend on the day.
    const std::string tail = "][err][" + std::string(61, ' ') + "app] hi\n";
    REQUIRE(text.size() == std::string("[][M][MM/DD").size() + tail.size());
    CHECK(text.rfind("[][", 0) == 0);
    CHECK(text.substr(text.size() - tail.size()) == tail);
}

TEST_CASE("_TRACE_ID_FILTER keeps only records of the listed context tags", "[output][companion]") {
    scoped_env filter("TEST_LOGS_TRACE_ID_FILTER", "0/1, 2/0");
    console_capture console(std::nullopt);
    complog::init({fresh_complog::var, "app"});
    auto log = complog::get_logger("app");
    COMPLOG_ERROR(log, "no tag");
    {
        complog::context_scope scope("0/1");
        COMPLOG_ERROR(log, "kept 0/1");
    }
    {
        complog::context_scope scope("1/0");
        COMPLOG_ERROR(log, "dropped 1/0");
    }
    {
        complog::context_scope scope("2/0");
        COMPLOG_ERROR(log, "kept 2/0");
    }
    const auto text = console.text();
    CHECK(text.find("no tag") == std::string::npos);
    CHECK(text.find("dropped") == std::string::npos);
    CHECK(complog::test::occurrences(text, "\n") == 2);
    CHECK(text.find("[0/1] kept 0/1") != std::string::npos);
    CHECK(text.find("[2/0] kept 2/0") != std::string::npos);
}

TEST_CASE("RANK from the environment prefixes records; one _OUT file per rank on request",
          "[output][rank]") {
    const auto path = temp_path("ranked.log");
    const auto ranked = temp_path("ranked.rank5.log");
    scoped_env rank("RANK", "5");
    scoped_env out("TEST_LOGS_OUT", path);
    console_capture console(std::nullopt);
    complog::options opts{fresh_complog::var, "app"};
    opts.out_per_rank = true;
    complog::init(opts);
    auto log = complog::get_logger("app");
    COMPLOG_ERROR(log, "x");
    log->flush();
    CHECK(console.text().rfind("[rank5]:E", 0) == 0);
    CHECK(read_file(ranked) == console.text());
    complog::reset();
    CHECK(complog::rank() == -1);
    std::remove(ranked.c_str());
}

namespace {

// complog's own console (not set_sinks), created by reset() while fd 2 is `fd`: the text
// one critical record makes there, read back with `read`.
template <typename Read>
std::string default_console_record(int fd, Read read) {
    const int saved = ::dup(2);
    ::dup2(fd, 2);
    complog::reset();  // the console decides on colour now, on this fd 2
    complog::init({fresh_complog::var, "app"});
    COMPLOG_CRITICAL(complog::get_logger("app"), "plain");
    complog::reset();
    ::dup2(saved, 2);
    ::close(saved);
    return read();
}

}  // namespace

TEST_CASE("files and pipes get no colour codes, terminals do", "[output]") {
    fresh_complog env;
    scoped_env term("TERM", "xterm-256color");

    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    const auto in_file = default_console_record(::fileno(file), [&] {
        std::string text(4096, '\0');
        std::rewind(file);
        text.resize(std::fread(text.data(), 1, text.size(), file));
        return text;
    });
    std::fclose(file);
    CHECK(in_file.find("] plain\n") != std::string::npos);
    CHECK(in_file.find('\x1b') == std::string::npos);

    // The same record on a terminal is coloured: the check above can tell them apart.
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(master >= 0);
    REQUIRE(::grantpt(master) == 0);
    REQUIRE(::unlockpt(master) == 0);
    const int terminal = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
    REQUIRE(terminal >= 0);
    const auto on_terminal = default_console_record(terminal, [&] {
        std::string text;
        pollfd ready{master, POLLIN, 0};
        char buffer[4096];
        // Until the record's end arrives; a generous bound, not a timing check.
        while (text.find("plain") == std::string::npos && ::poll(&ready, 1, 5000) == 1) {
            const auto n = ::read(master, buffer, sizeof buffer);
            if (n <= 0) break;
            text.append(buffer, static_cast<std::size_t>(n));
        }
        return text;
    });
    ::close(terminal);
    ::close(master);
    CHECK(on_terminal.find("plain") != std::string::npos);
    CHECK(on_terminal.find('\x1b') != std::string::npos);
}

TEST_CASE("spdlog::set_pattern does not change complog's format", "[output]") {
    console_capture console(std::nullopt);
    complog::init({fresh_complog::var, "app"});
    auto log = complog::get_logger("app");
    spdlog::set_pattern("%v");
    COMPLOG_ERROR(log, "x");
    CHECK(console.text().rfind("E", 0) == 0);
    spdlog::set_pattern("%+");
}

TEST_CASE("macros evaluate no argument when the record is disabled", "[macros]") {
    console_capture console("-all");
    complog::register_artifact({"wire", "bytes"});
    complog::init({fresh_complog::var, "app"});
    auto log = complog::get_logger("app.net");
    auto wire = complog::get_artifact_logger("app.net", "wire");
    evaluations = 0;
    COMPLOG_DEBUG(log, "{}", counted(1));
    COMPLOG_INFO(log, "{}", counted(2));
    COMPLOG_WARN(log, "{}", counted(3));
    COMPLOG_ARTIFACT(wire, "{}", counted(4));
    CHECK(evaluations == 0);
    COMPLOG_ERROR(log, "{}", counted(5));
    CHECK(evaluations == 1);
    CHECK(console.text().find("] 5\n") != std::string::npos);
}

TEST_CASE("macros record the source file and line", "[macros]") {
    console_capture console(std::nullopt);
    complog::init({fresh_complog::var, "app"});
    const int line = __LINE__ + 1;
    COMPLOG_ERROR(complog::get_logger("app"), "here");
    CHECK(console.text().find("test/test_output.cpp:" + std::to_string(line) + "] here") !=
          std::string::npos);
}

TEST_CASE("lazy text is computed only for written records", "[macros]") {
    console_capture console("info_only");
    complog::register_component("info_only", {"app.net"});
    complog::init({fresh_complog::var, "app"});
    auto log = complog::get_logger("app.net");
    int calls = 0;
    const auto dump = complog::lazy([&] {
        ++calls;
        return std::string("big dump");
    });
    log->debug("{}", dump);  // even without a macro: spdlog checks the level first
    CHECK(calls == 0);
    log->info("{}", dump);
    CHECK(calls == 1);
    CHECK(console.text().find("] big dump\n") != std::string::npos);
}

TEST_CASE("warn_once warns once per distinct text", "[macros]") {
    console_capture console(std::nullopt);
    complog::init({fresh_complog::var, "app"});
    auto log = complog::get_logger("app.once");
    for (int i = 0; i < 3; ++i) {
        COMPLOG_WARN_ONCE(log, "fallback to {}", "slow path");
        COMPLOG_WARN_ONCE(log, "fallback to {}", i < 2 ? "a" : "b");
    }
    const auto text = console.text();
    CHECK(complog::test::occurrences(text, "fallback to slow path") == 1);
    CHECK(complog::test::occurrences(text, "fallback to a") == 1);
    CHECK(complog::test::occurrences(text, "fallback to b") == 1);
}
