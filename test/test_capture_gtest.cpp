// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog::capture and complog::scoped_settings from GoogleTest (built when GTest is found).

#include <complog/complog.h>
#include <complog/testing.h>

#include <gtest/gtest.h>

namespace {

void connect(const char* host, int attempts) {
    static const auto log = complog::get_logger("myapp.net");
    for (int i = 1; i < attempts; ++i) COMPLOG_DEBUG(log, "attempt {} to {} failed", i, host);
    COMPLOG_WARN(log, "connected to {} after {} attempts", host, attempts);
}

class NetTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        complog::register_component("net", {"myapp.net"});
        complog::init({"MYAPP_LOGS", "myapp"});
    }
};

}  // namespace

TEST_F(NetTest, ReportsItsRetries) {
    complog::scoped_settings debug_net("+net");
    complog::capture records;
    connect("db1", 3);
    EXPECT_EQ(records.count(complog::match().component("net").level(spdlog::level::debug)), 2u);
    const auto warnings = records.records(complog::match().at_least(spdlog::level::warn));
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].text, "connected to db1 after 3 attempts");
}

TEST_F(NetTest, QuietByDefault) {
    complog::scoped_settings quiet("-net");
    complog::capture records;
    connect("db1", 3);
    EXPECT_EQ(records.count(complog::match().component("net")), 0u);
}
