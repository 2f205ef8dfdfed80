// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Key-value fields: typed values, their text, when they are evaluated, and how they
// reach spdlog's sinks, spdlog's async loggers and complog's asynchronous loggers.

#include <complog/complog.h>

#include "catch_compat.h"
#include "test_sink.h"

#include <spdlog/async.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using complog::kv;
using complog::test::fresh_complog;

// Records the text its formatter (complog's, set by set_sinks) writes, one per record.
class formatted_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::vector<std::string> lines() {
        std::lock_guard<std::mutex> lock(mutex_);
        return lines_;
    }
    std::size_t size() {
        std::lock_guard<std::mutex> lock(mutex_);
        return lines_.size();
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t text;
        formatter_->format(msg, text);
        lines_.emplace_back(text.data(), text.size());
    }
    void flush_() override {}

private:
    std::vector<std::string> lines_;
};

struct fields_env {
    explicit fields_env(std::string spec = "+all") : env(std::move(spec)) {
        complog::set_sinks({sink});
        complog::init({fresh_complog::var, "app"});
    }
    // The text after the header ("...] "), without the eol.
    std::string last_text() {
        const auto lines = sink->lines();
        REQUIRE(!lines.empty());
        auto line = lines.back();
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        return line.substr(line.find("] ") + 2);
    }
    fresh_complog env;
    std::shared_ptr<formatted_sink> sink = std::make_shared<formatted_sink>();
};

struct endpoint {
    std::string host;
    int port;
};

int evaluations = 0;
int counted(int value) {
    ++evaluations;
    return value;
}

}  // namespace

template <>
struct fmt::formatter<endpoint> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const endpoint& e, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{}:{}", e.host, e.port);
    }
};

TEST_CASE("fields follow the message as key=value, one per type", "[fields]") {
    fields_env t;
    const auto log = complog::get_logger("app.net");
    const std::string peer = "a";
    const int n = 5;
    COMPLOG_INFO(log, "sent {}", n, kv("peer", peer), kv("bytes", n));
    CHECK(t.last_text() == "sent 5 peer=a bytes=5");

    const char* none = nullptr;
    COMPLOG_INFO(log, "types", kv("ok", true), kv("no", false), kv("neg", -3), kv("big", ~0ull),
                 kv("half", 0.5), kv("quarter", 0.25f), kv("c", 'x'), kv("none", none),
                 kv("sv", std::string_view("v")), kv("lit", "w"), kv("at", endpoint{"h", 80}),
                 kv("lazy", complog::lazy([] { return 42; })));
    CHECK(t.last_text() ==
          "types ok=true no=false neg=-3 big=18446744073709551615 half=0.5 quarter=0.25 "
          "c=x none=\"\" sv=v lit=w at=h:80 lazy=42");

    COMPLOG_INFO(log, "floats", kv("inf", std::numeric_limits<double>::infinity()),
                 kv("nan", std::nan("")), kv("large", 1e20), kv("one", 1.0));
    CHECK(t.last_text() == "floats inf=inf nan=nan large=1e+20 one=1");
}

TEST_CASE("field text is quoted when needed and never adds a line", "[fields]") {
    fields_env t;
    const auto log = complog::get_logger("app.net");
    COMPLOG_WARN(log, "quoted", kv("a b", "x y"), kv("", "empty key"), kv("eq=", "k=v"),
                 kv("q", "say \"hi\""), kv("path", "c:\\d"), kv("nl", "one\ntwo"),
                 kv("ctl", std::string("\x01\x7f", 2)), kv("utf8", "caf\xc3\xa9"));
    CHECK(t.sink->size() == 1);
    CHECK(t.last_text() ==
          "quoted a_b=\"x y\" _=\"empty key\" eq_=\"k=v\" q=\"say \\\"hi\\\"\" "
          "path=\"c:\\\\d\" nl=\"one\\ntwo\" ctl=\"\\u0001\\u007f\" utf8=caf\xc3\xa9");
}

TEST_CASE("a multi-line message keeps its fields on its last line", "[fields]") {
    fields_env t;
    COMPLOG_INFO(complog::get_logger("app.net"), "one\ntwo", kv("k", 1));
    const auto lines = t.sink->lines();
    REQUIRE(lines.size() == 1);
    CHECK(complog::test::contains(lines[0], "] one\n"));
    CHECK(complog::test::contains(lines[0], "] two k=1"));
}

TEST_CASE("fields of a disabled record are not evaluated", "[fields]") {
    fields_env t("-all");
    evaluations = 0;
    const auto log = complog::get_logger("app.net");
    COMPLOG_INFO(log, "x {}", counted(1), kv("a", counted(2)),
                 kv("b", complog::lazy([] { return counted(3); })));
    CHECK(evaluations == 0);
    CHECK(t.sink->size() == 0);
    COMPLOG_ERROR(log, "x {}", counted(1), kv("a", counted(2)),
                  kv("b", complog::lazy([] { return counted(3); })));
    CHECK(evaluations == 3);
    CHECK(t.last_text() == "x 1 a=2 b=3");
}

TEST_CASE("a field that cannot be formatted never throws out of the call", "[fields]") {
    fields_env t;
    const auto log = complog::get_logger("app.net");
    std::vector<std::string> errors;
    log->set_error_handler([&](const std::string& what) { errors.push_back(what); });
    const auto fails = complog::lazy([]() -> int { throw std::runtime_error("no value"); });
    COMPLOG_INFO(log, "x", kv("v", fails));  // returns: nothing leaves the macro
    CHECK(t.sink->size() == 0);
    REQUIRE(errors.size() == 1);
    CHECK(complog::test::contains(errors[0], "no value"));
    log->set_error_handler(nullptr);
}

TEST_CASE("a placeholder that reaches a field shows it as key=value", "[fields]") {
    fields_env t;
    COMPLOG_INFO(complog::get_logger("app.net"), "{} {}", 1, kv("a", 2));
    CHECK(t.last_text() == "1 a=2 a=2");
}

TEST_CASE("sinks the program has print the fields as text", "[fields]") {
    fields_env t;
    std::ostringstream out;
    auto foreign = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    foreign->set_pattern("%v");
    auto own = std::make_shared<spdlog::logger>("foreign.sync", foreign);
    own->set_level(spdlog::level::trace);
    COMPLOG_INFO(own, "sent {}", 5, kv("peer", "a"), kv("bytes", 5));
    CHECK(out.str() == "sent 5 peer=a bytes=5\n");
}

TEST_CASE("spdlog's async loggers carry the fields as text to every sink", "[fields][async]") {
    fields_env t;
    std::ostringstream out;
    auto foreign = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    foreign->set_pattern("%v");
    auto pool = std::make_shared<spdlog::details::thread_pool>(64, 1);
    {
        auto log = std::make_shared<spdlog::async_logger>(
            "app.foreign.async", spdlog::sinks_init_list{foreign, complog::sink()}, pool);
        log->set_level(spdlog::level::trace);
        COMPLOG_INFO(log, "sent {}", 5, kv("peer", "a"), kv("bytes", 5));
    }
    pool.reset();  // joins the pool's thread once the record is written
    CHECK(out.str() == "sent 5 peer=a bytes=5\n");
    CHECK(t.last_text() == "sent 5 peer=a bytes=5");
}

TEST_CASE("complog's asynchronous loggers keep each caller's context and fields",
          "[fields][async][threads]") {
    fields_env t;
    const auto log = complog::get_async_logger("app.async");
    constexpr int threads = 4, records = 200;
    std::vector<std::thread> callers;
    for (int i = 0; i < threads; ++i) {
        callers.emplace_back([&log, i] {
            const complog::context_scope scope(std::to_string(i) + "/0");
            for (int r = 0; r < records; ++r) {
                COMPLOG_INFO(log, "record {}", r, kv("caller", i),
                             kv("name", "n" + std::to_string(i)));
            }
            log->info("plain");
        });
    }
    for (auto& c : callers) c.join();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (t.sink->size() < threads * (records + 1) &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
    }
    const auto lines = t.sink->lines();
    REQUIRE(lines.size() == threads * (records + 1));
    std::vector<int> per_caller(threads);
    for (const auto& line : lines) {
        const auto tag = line.substr(line.find("] [") + 3, 3);
        const int caller = tag[0] - '0';
        REQUIRE(caller >= 0);
        REQUIRE(caller < threads);
        CHECK(tag == std::to_string(caller) + "/0");
        if (complog::test::contains(line, "plain")) continue;
        CHECK(complog::test::contains(
            line, " caller=" + std::to_string(caller) + " name=n" + std::to_string(caller)));
        ++per_caller[static_cast<std::size_t>(caller)];
    }
    for (const int n : per_caller) CHECK(n == records);
}

TEST_CASE("complog's asynchronous loggers write at the call once spdlog's pool is gone",
          "[fields][async]") {
    fields_env t;
    const auto log = complog::get_async_logger("app.async.after_pool");
    // What spdlog::shutdown() does to the pool (without dropping every logger).
    spdlog::details::registry::instance().set_tp(nullptr);
    const complog::context_scope scope("7/1");
    COMPLOG_WARN(log, "after the pool", kv("k", 1));
    log->flush();
    REQUIRE(t.sink->size() == 1);
    CHECK(complog::test::contains(t.last_text(), "[7/1] after the pool k=1"));
}
