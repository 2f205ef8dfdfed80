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

namespace {

// The text rules of complog/fields.h, byte by byte: what the fast writer must match.
bool key_special(unsigned char c) { return c < 0x21 || c == 0x7f || c == '=' || c == '"'; }

std::string expected_key(const std::string& key) {
    if (key.empty()) return "_";
    std::string out;
    for (const char c : key) out += key_special(static_cast<unsigned char>(c)) ? '_' : c;
    return out;
}

std::string expected_value(const std::string& value) {
    bool quoted = value.empty();
    for (const char c : value)
        quoted = quoted || key_special(static_cast<unsigned char>(c)) || c == '\\';
    if (!quoted) return value;
    std::string out = "\"";
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7f) {
            out += fmt::format("\\u{:04x}", u);
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

TEST_CASE("every length and position of a special byte in a key or value", "[fields]") {
    fields_env t;
    const auto log = complog::get_logger("app.net");
    // The special bytes (NUL, the array's last, included), their neighbours, and bytes
    // with the high bit set over them ("\xa2" is '"' | 0x80): UTF-8 passes as it is.
    constexpr char probe_bytes[] = "\x01\x1f \x21\"#<=>[\\]\x7e\x7f\x80\xa0\xa2\xbd\xdc\xff\t\n";
    const std::string probes(probe_bytes, sizeof probe_bytes);
    for (std::size_t size = 1; size <= 20; ++size) {
        for (std::size_t at = 0; at < size; ++at) {
            for (const char probe : probes) {
                std::string text(size, 'k');
                text[at] = probe;
                COMPLOG_INFO(log, "m", kv(text, text));
                REQUIRE(t.last_text() == "m " + expected_key(text) + "=" + expected_value(text));
            }
        }
        const std::string plain(size, 'v');
        COMPLOG_INFO(log, "m", kv(plain, plain));
        REQUIRE(t.last_text() == "m " + plain + "=" + plain);
    }
}

TEST_CASE("integer fields at every number of digits and at their limits", "[fields]") {
    fields_env t;
    const auto log = complog::get_logger("app.net");
    unsigned long long power = 1;
    for (int digits = 1; digits <= 20; ++digits) {
        for (const auto u : {power - 1, power, power + 1, power * 2, power * 9 + (power - 1)}) {
            COMPLOG_INFO(log, "m", kv("u", u));
            REQUIRE(t.last_text() == "m u=" + std::to_string(u));
        }
        if (digits < 20) power *= 10;
    }
    for (int bit = 0; bit < 64; ++bit) {
        const auto u = 1ull << bit;
        COMPLOG_INFO(log, "m", kv("lo", u - 1), kv("hi", u));
        REQUIRE(t.last_text() == "m lo=" + std::to_string(u - 1) + " hi=" + std::to_string(u));
    }
    constexpr auto lowest = std::numeric_limits<long long>::min();
    constexpr auto highest = std::numeric_limits<long long>::max();
    COMPLOG_INFO(log, "m", kv("min", lowest), kv("max", highest), kv("zero", 0), kv("neg", -1),
                 kv("short", static_cast<short>(-32768)), kv("umax", ~0ull));
    CHECK(t.last_text() ==
          "m min=-9223372036854775808 max=9223372036854775807 zero=0 neg=-1 short=-32768 "
          "umax=18446744073709551615");
}

TEST_CASE("a char array field ends at its first NUL or with the array", "[fields]") {
    fields_env t;
    const char embedded[] = "ab\0cd";
    const char unterminated[3] = {'x', 'y', 'z'};
    const char empty[] = "";
    COMPLOG_INFO(complog::get_logger("app.net"), "m", kv("e", embedded), kv("u", unterminated),
                 kv("n", empty));
    CHECK(t.last_text() == "m e=ab u=xyz n=\"\"");
}

TEST_CASE("a nullptr field is the empty string", "[fields]") {
    fields_env t;
    COMPLOG_INFO(complog::get_logger("app.net"), "m", kv("p", nullptr));
    CHECK(t.last_text() == "m p=\"\"");
}

// Declared here without its bound (as a header would), defined at the end of this file.
extern const char unbounded_text[];

TEST_CASE("a char array of unknown bound is a C string", "[fields]") {
    fields_env t;
    COMPLOG_INFO(complog::get_logger("app.net"), "m", kv("u", unbounded_text));
    CHECK(t.last_text() == "m u=hello");
}

TEST_CASE("fields longer than the record's inline buffer", "[fields]") {
    fields_env t;
    const auto log = complog::get_logger("app.net");
    const std::string message(200, 'm');
    const std::string plain(300, 'p');
    const std::string quoted = std::string(150, 'q') + "\"" + std::string(149, '\n');
    COMPLOG_INFO(log, "{}", message, kv("plain", plain), kv("quoted", quoted), kv("n", 7));
    CHECK(t.last_text() ==
          message + " plain=" + plain + " quoted=" + expected_value(quoted) + " n=7");

    COMPLOG_INFO(log, "many", kv("k0", 0), kv("k1", -1), kv("k2", 2.5), kv("k3", true),
                 kv("k4", "four"), kv("k5", ~0ull), kv("k6", std::numeric_limits<long long>::min()),
                 kv("k7", 1e300), kv("k8", "eight 8"), kv("k9", -0.0), kv("k10", 10),
                 kv("k11", ~0ull), kv("k12", ~0ull), kv("k13", ~0ull), kv("k14", ~0ull));
    CHECK(t.last_text() ==
          "many k0=0 k1=-1 k2=2.5 k3=true k4=four k5=18446744073709551615 "
          "k6=-9223372036854775808 k7=1e+300 k8=\"eight 8\" k9=-0 k10=10 "
          "k11=18446744073709551615 k12=18446744073709551615 k13=18446744073709551615 "
          "k14=18446744073709551615");
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

const char unbounded_text[] = "hello";
