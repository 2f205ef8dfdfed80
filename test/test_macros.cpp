// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The contracts of macros.h and context.h: context scopes ending in any order.

#include <complog/complog.h>

#include "catch_compat.h"
#include "test_sink.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using scope_ptr = std::unique_ptr<complog::context_scope>;

scope_ptr scope(const char* tag) { return std::make_unique<complog::context_scope>(tag); }

}  // namespace

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
