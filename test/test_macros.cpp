// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The contracts of macros.h and context.h: each macro operand evaluated at most once and
// format arguments only for written records; no exception of any type leaves a macro or
// a lazy value, failures go to the logger's error handler; context scopes ending in any
// order.

#include <complog/complog.h>

#include "catch_compat.h"
#include "test_sink.h"

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using complog::test::recording_sink;

// A plain spdlog logger (not complog's) writing to a recording sink, handed out by use(),
// which counts how often the macro evaluated its logger operand.
struct counted_logger {
    explicit counted_logger(const char* name, spdlog::level::level_enum lvl)
        : log(std::make_shared<spdlog::logger>(name, sink)) {
        log->set_level(lvl);
    }
    const std::shared_ptr<spdlog::logger>& use() {
        ++uses;
        return log;
    }
    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& r : sink->records()) out.push_back(r.text);
        return out;
    }

    std::shared_ptr<recording_sink> sink = std::make_shared<recording_sink>();
    std::shared_ptr<spdlog::logger> log;
    int uses = 0;
};

// Records what spdlog's error handler gets for the logger while it lives.
struct error_log {
    explicit error_log(std::shared_ptr<spdlog::logger> l) : logger(std::move(l)) {
        logger->set_error_handler(
            [this](const std::string& message) { messages.push_back(message); });
    }
    ~error_log() { logger->set_error_handler(nullptr); }
    error_log(const error_log&) = delete;
    error_log& operator=(const error_log&) = delete;

    std::shared_ptr<spdlog::logger> logger;
    std::vector<std::string> messages;
};

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

// Formatting fails with a value that is no std::exception.
struct throws_int {};

std::string throw_runtime_error() { throw std::runtime_error("argument failed"); }

using scope_ptr = std::unique_ptr<complog::context_scope>;

scope_ptr scope(const char* tag) { return std::make_unique<complog::context_scope>(tag); }

}  // namespace

template <>
struct fmt::formatter<throws_int> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const throws_int& /*value*/, FormatContext& ctx) const -> decltype(ctx.out()) {
        throw 42;
    }
};

TEST_CASE("COMPLOG_LOG evaluates its level once", "[macros]") {
    counted_logger t("macros.level", spdlog::level::info);
    int levels = 0;
    int args = 0;
    COMPLOG_LOG(t.use(), (++levels, spdlog::level::info), "written {}", ++args);
    CHECK(levels == 1);
    CHECK(args == 1);
    COMPLOG_LOG(t.use(), (++levels, spdlog::level::debug), "skipped {}", ++args);
    CHECK(levels == 2);
    CHECK(args == 1);
    CHECK(t.uses == 2);
    CHECK(t.texts() == std::vector<std::string>{"written 1"});
}

TEST_CASE("each macro evaluates its logger once and its arguments only when it writes",
          "[macros]") {
    counted_logger t("macros.operands", spdlog::level::info);
    int args = 0;
    COMPLOG_TRACE(t.use(), "{}", ++args);
    COMPLOG_DEBUG(t.use(), "{}", ++args);
    COMPLOG_ARTIFACT(t.use(), "{}", ++args);
    CHECK(t.uses == 3);
    CHECK(args == 0);
    CHECK(t.sink->size() == 0);

    COMPLOG_INFO(t.use(), "{}", ++args);
    COMPLOG_WARN(t.use(), "{}", ++args);
    COMPLOG_ERROR(t.use(), "{}", ++args);
    COMPLOG_CRITICAL(t.use(), "{}", ++args);
    COMPLOG_WARN_ONCE(t.use(), "{} once", ++args);
    COMPLOG_WARN_ONCE(t.use(), "{} once", args);  // the same text: not written again
    CHECK(t.uses == 9);
    CHECK(args == 5);
    CHECK(t.texts() == std::vector<std::string>{"1", "2", "3", "4", "5 once"});

    t.log->set_level(spdlog::level::err);
    COMPLOG_WARN(t.use(), "{}", ++args);
    COMPLOG_WARN_ONCE(t.use(), "{} once", ++args);
    CHECK(t.uses == 11);
    CHECK(args == 5);

    t.log->set_level(spdlog::level::trace);
    COMPLOG_TRACE(t.use(), "{}", ++args);
    COMPLOG_DEBUG(t.use(), "{}", ++args);
    COMPLOG_ARTIFACT(t.use(), "{}", ++args);
    CHECK(t.uses == 14);
    CHECK(args == 8);
    CHECK(t.sink->size() == 8);
}

TEST_CASE("an outer context scope may end before an inner one", "[context]") {
    std::optional<complog::context_scope> outer;
    outer.emplace("outer");
    {
        complog::context_scope inner("inner");
        CHECK(complog::current_context() == "inner");
        outer.reset();
        CHECK(complog::current_context() == "inner");
    }
    CHECK(complog::current_context().empty());
}

TEST_CASE("context scopes end in any order", "[context]") {
    std::vector<scope_ptr> scopes;
    scopes.push_back(scope("a"));
    scopes.push_back(scope("b"));
    scopes.push_back(scope("c"));
    CHECK(complog::current_context() == "c");

    SECTION("middle, newest, oldest") {
        scopes[1].reset();
        CHECK(complog::current_context() == "c");
        scopes[2].reset();
        CHECK(complog::current_context() == "a");
        scopes[0].reset();
        CHECK(complog::current_context().empty());
    }
    SECTION("oldest, newest, middle") {
        scopes[0].reset();
        CHECK(complog::current_context() == "c");
        scopes[2].reset();
        CHECK(complog::current_context() == "b");
        scopes[1].reset();
        CHECK(complog::current_context().empty());
    }
    SECTION("oldest, middle, newest") {
        scopes[0].reset();
        scopes[1].reset();
        CHECK(complog::current_context() == "c");
        scopes[2].reset();
        CHECK(complog::current_context().empty());
    }
    SECTION("a new scope after out-of-order ends is the newest") {
        scopes[1].reset();
        scopes.push_back(scope("d"));
        CHECK(complog::current_context() == "d");
        scopes[2].reset();
        CHECK(complog::current_context() == "d");
        scopes[3].reset();
        CHECK(complog::current_context() == "a");
        scopes[0].reset();
        CHECK(complog::current_context().empty());
    }
}

TEST_CASE("context scopes belong to their thread", "[context]") {
    auto outer = scope("main");
    std::string seen_before, seen_inside, seen_after;
    std::thread([&] {
        seen_before = std::string(complog::current_context());
        auto first = scope("worker");
        auto second = scope("worker.inner");
        first.reset();
        seen_inside = std::string(complog::current_context());
        second.reset();
        seen_after = std::string(complog::current_context());
    }).join();
    CHECK(seen_before.empty());
    CHECK(seen_inside == "worker.inner");
    CHECK(seen_after.empty());
    CHECK(complog::current_context() == "main");
}

TEST_CASE("COMPLOG_WARN_ONCE reports a format error instead of throwing", "[macros]") {
    counted_logger t("macros.once_errors", spdlog::level::info);
    error_log errors(t.log);
    CHECK_NOTHROW([&] { COMPLOG_WARN_ONCE(t.log, fmt::runtime("{} {}"), 1); }());
    CHECK(t.sink->size() == 0);
    REQUIRE(errors.messages.size() == 1);
    CHECK(contains(errors.messages[0], "argument not found"));
    CHECK(contains(errors.messages[0], "test_macros.cpp("));

    CHECK_NOTHROW([&] {
        COMPLOG_WARN_ONCE(t.log, "lazy {}", complog::lazy([]() -> std::string { throw 42; }));
    }());
    CHECK(t.sink->size() == 0);
    REQUIRE(errors.messages.size() == 2);
    CHECK(contains(errors.messages[1], "complog::lazy: make() threw"));

    // A failed text was not remembered: it is warned once it formats.
    COMPLOG_WARN_ONCE(t.log, "lazy {}", complog::lazy([] { return std::string("ok"); }));
    COMPLOG_WARN_ONCE(t.log, "lazy {}", complog::lazy([] { return std::string("ok"); }));
    CHECK(t.texts() == std::vector<std::string>{"lazy ok"});
    CHECK(errors.messages.size() == 2);
}

TEST_CASE("a lazy value that throws is reported, whatever it throws", "[macros]") {
    counted_logger t("macros.lazy_errors", spdlog::level::info);
    error_log errors(t.log);
    const auto throws_42 = complog::lazy([]() -> std::string { throw 42; });
    CHECK_NOTHROW([&] { COMPLOG_WARN(t.log, "{}", throws_42); }());
    CHECK_NOTHROW(t.log->warn("{}", throws_42));  // without a macro too
    CHECK_NOTHROW([&] {
        COMPLOG_WARN(t.log, "{}",
                     complog::lazy([]() -> std::string { throw std::runtime_error("boom"); }));
    }());
    CHECK(t.sink->size() == 0);
    // One report each: spdlog caught a std::exception, nothing was rethrown.
    REQUIRE(errors.messages.size() == 3);
    CHECK(contains(errors.messages[0], "complog::lazy: make() threw"));
    CHECK(contains(errors.messages[0], "test_macros.cpp("));
    CHECK(contains(errors.messages[1], "complog::lazy: make() threw"));
    CHECK(contains(errors.messages[2], "boom"));

    COMPLOG_WARN(t.log, "still {}", "logging");
    CHECK(t.texts() == std::vector<std::string>{"still logging"});
}

TEST_CASE("no exception leaves a macro", "[macros]") {
    counted_logger t("macros.no_throw", spdlog::level::info);
    error_log errors(t.log);
    SECTION("an argument that throws") {
        CHECK_NOTHROW([&] { COMPLOG_INFO(t.log, "{}", throw_runtime_error()); }());
        CHECK_NOTHROW([&] { COMPLOG_WARN_ONCE(t.log, "{}", throw_runtime_error()); }());
        REQUIRE(errors.messages.size() == 2);
        CHECK(contains(errors.messages[0], "argument failed"));
        CHECK(contains(errors.messages[0], "test_macros.cpp("));
        CHECK(contains(errors.messages[1], "argument failed"));
    }
    SECTION("a formatter that throws no std::exception") {
        CHECK_NOTHROW([&] { COMPLOG_ERROR(t.log, "{}", throws_int{}); }());
        CHECK_NOTHROW([&] { COMPLOG_WARN_ONCE(t.log, "{}", throws_int{}); }());
        REQUIRE_FALSE(errors.messages.empty());
        CHECK(contains(errors.messages.back(), "no std::exception"));
    }
    SECTION("an error handler that throws") {
        t.log->set_error_handler([](const std::string& /*message*/) { throw 7; });
        CHECK_NOTHROW([&] { COMPLOG_INFO(t.log, fmt::runtime("{} {}"), 1); }());
        CHECK_NOTHROW([&] { COMPLOG_WARN_ONCE(t.log, fmt::runtime("{} {}"), 1); }());
    }
    CHECK(t.sink->size() == 0);
}
