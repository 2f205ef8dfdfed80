// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// rate_limit.h: which calls of a site are written, the suppressed counts they carry,
// arguments evaluated only for written records, nothing evaluated at a disabled level,
// exact counts across threads (also run under TSan).

#include <complog/complog.h>

#include "catch_compat.h"
#include "test_sink.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using complog::test::recording_sink;

struct plain_logger {
    explicit plain_logger(spdlog::level::level_enum lvl = spdlog::level::trace)
        : log(std::make_shared<spdlog::logger>("rate", sink)) {
        log->set_level(lvl);
    }
    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& r : sink->records()) out.push_back(r.text);
        return out;
    }
    std::shared_ptr<recording_sink> sink = std::make_shared<recording_sink>();
    std::shared_ptr<spdlog::logger> log;
};

// The number at the end of " [suppressed k]", or 0 without one.
std::uint64_t suppressed_in(const std::string& text) {
    const auto at = text.rfind(" [suppressed ");
    if (at == std::string::npos) return 0;
    return std::stoull(text.substr(at + 13));
}

void every_3(const std::shared_ptr<spdlog::logger>& log, int i, int& evaluated) {
    COMPLOG_EVERY_N(log, spdlog::level::info, 3, "call {}", (++evaluated, i));
}

}  // namespace

TEST_CASE("EVERY_N writes the 1st, (n+1)th... call with the count skipped since", "[rate]") {
    plain_logger l;
    int evaluated = 0;
    for (int i = 1; i <= 8; ++i) every_3(l.log, i, evaluated);
    CHECK(l.texts() ==
          std::vector<std::string>{"call 1", "call 4 [suppressed 2]", "call 7 [suppressed 2]"});
    CHECK(evaluated == 3);
}

TEST_CASE("a rate-limited message without format arguments, as spdlog's log(value)", "[rate]") {
    plain_logger l;
    for (int i = 0; i < 3; ++i) {
        COMPLOG_EVERY_N(l.log, spdlog::level::info, 2, 42);
        COMPLOG_EVERY_SEC(l.log, spdlog::level::info, 3600.0, std::string("as is {}"));
        COMPLOG_FIRST_N(l.log, spdlog::level::info, 1, 2.5);
    }
    CHECK(l.texts() == std::vector<std::string>{"42", "as is {}", "2.5", "42 [suppressed 1]"});
}

TEST_CASE("a rate-limited runtime format string without arguments is formatted", "[rate]") {
    plain_logger l;
    const std::string format = "runtime {{}}";
    for (int i = 0; i < 3; ++i) {
        COMPLOG_EVERY_N(l.log, spdlog::level::info, 2, fmt::runtime(format));
        COMPLOG_EVERY_SEC(l.log, spdlog::level::info, 0.0, fmt::runtime(format));
    }
    CHECK(l.texts() == std::vector<std::string>{"runtime {}", "runtime {}", "runtime {}",
                                                "runtime {} [suppressed 1]", "runtime {}"});
}

TEST_CASE("each expansion of a rate-limit macro has its own counters", "[rate]") {
    plain_logger l;
    for (int i = 0; i < 2; ++i) {
        COMPLOG_FIRST_N(l.log, spdlog::level::info, 1, "a{}", i);
        COMPLOG_FIRST_N(l.log, spdlog::level::info, 1, "b{}", i);
    }
    CHECK(l.texts() == std::vector<std::string>{"a0", "b0"});
}

TEST_CASE("FIRST_N writes the first n calls and none after", "[rate]") {
    plain_logger l;
    int evaluated = 0;
    for (int i = 0; i < 10; ++i) {
        COMPLOG_FIRST_N(l.log, spdlog::level::warn, 2, "first {}", (++evaluated, i));
        COMPLOG_FIRST_N(l.log, spdlog::level::warn, 0, "never {}", (++evaluated, i));
    }
    CHECK(l.texts() == std::vector<std::string>{"first 0", "first 1"});
    CHECK(evaluated == 2);
}

TEST_CASE("n <= 1 and seconds <= 0 write every call", "[rate]") {
    plain_logger l;
    for (int i = 0; i < 3; ++i) {
        COMPLOG_EVERY_N(l.log, spdlog::level::info, 1, "n1");
        COMPLOG_EVERY_N(l.log, spdlog::level::info, -5, "neg");
        COMPLOG_EVERY_SEC(l.log, spdlog::level::info, 0, "s0");
    }
    CHECK(l.sink->size() == 9);
    for (const auto& t : l.texts()) CHECK(suppressed_in(t) == 0);
}

TEST_CASE("a disabled level evaluates nothing and does not count", "[rate]") {
    plain_logger l(spdlog::level::warn);
    int operands = 0;
    const auto n = [&] { return ++operands, 2; };
    const auto seconds = [&] { return ++operands, 1.0; };
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < 5; ++i) {
            COMPLOG_EVERY_N(l.log, spdlog::level::info, n(), "x{}", ++operands);
            COMPLOG_FIRST_N(l.log, spdlog::level::info, n(), "x{}", ++operands);
            COMPLOG_EVERY_SEC(l.log, spdlog::level::info, seconds(), "x{}", ++operands);
        }
        if (pass == 0) {
            CHECK(operands == 0);
            CHECK(l.sink->size() == 0);
            l.log->set_level(spdlog::level::info);
        }
    }
    // Enabled: the skipped calls of the disabled pass were not counted, so the first
    // enabled call of each site is its first.
    const auto texts = l.texts();
    REQUIRE(texts.size() == 3 + 2 + 1);
    CHECK(suppressed_in(texts[0]) == 0);
}

TEST_CASE("EVERY_SEC decides by the time of the call", "[rate]") {
    complog::detail::every_sec_site site;
    std::uint64_t k = 99;
    const std::int64_t s = 1000000000;
    CHECK(site.admit_at(5 * s, 2.0, k));  // the first call
    CHECK(k == 0);
    CHECK_FALSE(site.admit_at(5 * s + 1, 2.0, k));
    CHECK_FALSE(site.admit_at(7 * s - 1, 2.0, k));
    CHECK(site.admit_at(7 * s, 2.0, k));
    CHECK(k == 2);
    CHECK_FALSE(site.admit_at(8 * s, 2.0, k));
    CHECK(site.admit_at(8 * s, 0.5, k));  // a shorter period from the last written one
    CHECK(k == 1);
    CHECK(site.admit_at(8 * s, std::numeric_limits<double>::quiet_NaN(), k));
    CHECK_FALSE(site.admit_at(9 * s, 1e300, k));  // about 30 years
    CHECK(site.admit_at(9 * s + 1000000 * s, 1.0, k));
    CHECK(k == 1);
}

TEST_CASE("EVERY_SEC writes the first call of a site", "[rate]") {
    plain_logger l;
    for (int i = 0; i < 3; ++i) COMPLOG_EVERY_SEC(l.log, spdlog::level::info, 3600, "once {}", i);
    CHECK(l.texts() == std::vector<std::string>{"once 0"});
}

TEST_CASE("a rate-limited call that throws reaches the error handler, not the caller", "[rate]") {
    plain_logger l;
    std::vector<std::string> errors;
    l.log->set_error_handler([&](const std::string& m) { errors.push_back(m); });
    const auto boom = []() -> int { throw std::runtime_error("boom"); };
    for (int i = 0; i < 4; ++i) {
        CHECK_NOTHROW([&] { COMPLOG_EVERY_N(l.log, spdlog::level::info, 2, "{}", boom()); }());
    }
    CHECK(errors.size() == 2);
    CHECK(l.sink->size() == 0);
}

TEST_CASE("rate-limit counters are exact across threads", "[rate][threads]") {
    plain_logger l;
    constexpr int threads = 4;
    constexpr int calls = 3500;
    constexpr int n = 7;
    static_assert(threads * calls % n == 0, "the call after the threads is then written");
    const auto site = [&] {
        COMPLOG_EVERY_N(l.log, spdlog::level::info, n, "every");
        COMPLOG_FIRST_N(l.log, spdlog::level::info, 5, "first");
        COMPLOG_EVERY_SEC(l.log, spdlog::level::info, 3600, "sec");
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            for (int i = 0; i < calls; ++i) site();
        });
    }
    for (auto& t : pool) t.join();
    site();  // EVERY_N's next call: written, it carries what is left of the count
    std::uint64_t every = 0, first = 0, sec = 0, suppressed = 0;
    for (const auto& t : l.texts()) {
        if (t.rfind("every", 0) == 0) ++every, suppressed += suppressed_in(t);
        if (t == "first") ++first;
        if (t.rfind("sec", 0) == 0) ++sec;
    }
    const std::uint64_t total = threads * calls + 1;
    CHECK(every == threads * calls / n + 1);
    CHECK(every + suppressed == total);
    CHECK(first == 5);
    CHECK(sec == 1);
}

TEST_CASE("EVERY_SEC with seconds <= 0 writes a call whose clock reads before the last", "[rate]") {
    // Under threads a call may read the clock before another thread that writes first.
    complog::detail::every_sec_site site;
    std::uint64_t k = 0;
    const std::int64_t s = 1000000000;
    CHECK(site.admit_at(10 * s, 0, k));
    CHECK(site.admit_at(10 * s - 1, 0, k));
    CHECK(site.admit_at(10 * s - 2, -1, k));
    CHECK(site.admit_at(10 * s - 3, std::numeric_limits<double>::quiet_NaN(), k));
    CHECK(k == 0);
    // The skipped calls of a longer period are still reported by the next written record.
    CHECK_FALSE(site.admit_at(10 * s + 1, 5.0, k));
    CHECK(site.admit_at(10 * s + 2, 0, k));
    CHECK(k == 1);
    CHECK_FALSE(site.admit_at(10 * s + 3, 5.0, k));  // measured from the last written record
}

TEST_CASE("a huge n stays huge: unsigned above LLONG_MAX, doubles, NaN", "[rate]") {
    using complog::detail::site_count;
    CHECK(site_count(std::numeric_limits<std::uint64_t>::max()) ==
          std::numeric_limits<std::uint64_t>::max());
    CHECK(site_count(1e30) == std::numeric_limits<std::uint64_t>::max());
    CHECK(site_count(2.9) == 2);
    CHECK(site_count(std::numeric_limits<double>::quiet_NaN()) == 0);
    CHECK(site_count(-3) == 0);
    CHECK(site_count(std::numeric_limits<long long>::min()) == 0);
    plain_logger l;
    for (int i = 0; i < 3; ++i) {
        COMPLOG_EVERY_N(l.log, spdlog::level::info, std::numeric_limits<std::size_t>::max(), "e{}",
                        i);
        COMPLOG_FIRST_N(l.log, spdlog::level::info, std::numeric_limits<std::size_t>::max(), "f{}",
                        i);
    }
    CHECK(l.texts() == std::vector<std::string>{"e0", "f0", "f1", "f2"});
}
