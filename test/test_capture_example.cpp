// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The README's Catch2 example: a program's own test of what its code logs.

#include <complog/complog.h>
#include <complog/testing.h>

#include "catch_compat.h"

namespace {

// The code under test.
void connect(const char* host, int attempts) {
    static const auto log = complog::get_logger("myapp.net");
    for (int i = 1; i < attempts; ++i) COMPLOG_DEBUG(log, "attempt {} to {} failed", i, host);
    COMPLOG_WARN(log, "connected to {} after {} attempts", host, attempts);
}

}  // namespace

TEST_CASE("connect reports its retries") {
    complog::register_component("net", {"myapp.net"});
    complog::init({"MYAPP_LOGS", "myapp"});

    complog::scoped_settings debug_net("+net");  // whatever MYAPP_LOGS says
    complog::capture records;
    connect("db1", 3);

    CHECK(records.count(complog::match().component("net").level(spdlog::level::debug)) == 2);
    const auto warnings = records.records(complog::match().at_least(spdlog::level::warn));
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].text == "connected to db1 after 3 attempts");
    CHECK(warnings[0].logger == "myapp.net");
}
