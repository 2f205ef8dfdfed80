// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// testing.h: what a capture collects (and what it does not), matchers, nesting, captures
// alive across configuration changes and threads; scoped_settings applying and
// restoring, over the environment, nested, and after a reset.

#include <complog/complog.h>
#include <complog/testing.h>

#include "catch_compat.h"
#include "test_sink.h"

#include <spdlog/sinks/null_sink.h>

#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using complog::match;
using complog::test::fresh_complog;

void setup() {
    complog::register_component("net", {"app.net"});
    complog::register_component("http", {"app.net.http"});
    complog::register_artifact({"wire", "bytes on the wire"});
    complog::init({fresh_complog::var, "app"});
}

}  // namespace

TEST_CASE("a capture holds the records written while it lives", "[capture]") {
    fresh_complog env;
    setup();
    const auto net = complog::get_logger("app.net.tcp");
    const auto http = complog::get_logger("app.net.http.client");
    const auto other = complog::get_logger("app.disk");
    const auto wire = complog::get_artifact_logger("app.net.http", "wire");
    net->warn("before");
    std::vector<complog::captured_record> records;
    {
        complog::scoped_settings on("+net,wire");
        complog::capture cap;
        net->debug("sent {} bytes", 3);
        http->error("refused");
        other->warn("disk full");
        other->info("not written: info is below the level of app.disk");
        wire->debug("00 01 02");
        records = cap.records();
        CHECK(cap.count() == 4);
        CHECK(cap.count(match().component("net")) == 1);
        CHECK(cap.count(match().component("http")) == 2);
        CHECK(cap.count(match().artifact("wire")) == 1);
        CHECK(cap.count(match().at_least(spdlog::level::warn)) == 2);
        CHECK(cap.count(match().level(spdlog::level::debug).component("http")) == 1);
        CHECK(cap.count(match().logger("app.disk").contains("full")) == 1);
        CHECK(cap.count(match().contains("nothing like this")) == 0);
        CHECK(cap.contains("refused"));
        CHECK_FALSE(cap.contains("before"));
        cap.clear();
        CHECK(cap.count() == 0);
    }
    net->warn("after");
    REQUIRE(records.size() == 4);
    CHECK(records[0].logger == "app.net.tcp");
    CHECK(records[0].component == "net");
    CHECK(records[0].artifact.empty());
    CHECK(records[0].level == spdlog::level::debug);
    CHECK(records[0].text == "sent 3 bytes");
    CHECK(records[2].component.empty());
    CHECK(records[3].logger == "app.net.http.__wire");
    CHECK(records[3].component == "http");
    CHECK(records[3].artifact == "wire");
    // The console got everything as before.
    CHECK(env.sink->size() == 6);
}

TEST_CASE("captures nest and each gets what is written while it lives", "[capture]") {
    fresh_complog env;
    setup();
    const auto log = complog::get_logger("app.net");
    complog::capture outer;
    log->warn("one");
    std::optional<complog::capture> inner;
    inner.emplace();
    log->warn("two");
    complog::capture third;
    CHECK(inner->count() == 1);
    inner.reset();  // ends before the capture made after it
    log->warn("three");
    CHECK(outer.count() == 3);
    CHECK(third.records().size() == 1);
    CHECK(third.contains("three"));
}

TEST_CASE("a capture stays attached across set_logs, set_sinks, init and reset", "[capture]") {
    fresh_complog env;
    setup();
    complog::capture cap;
    const auto log = complog::get_logger("app.net");
    complog::set_logs("+net");
    log->debug("a");
    complog::set_sinks({std::make_shared<spdlog::sinks::null_sink_mt>()});
    log->warn("b");
    complog::init({fresh_complog::var, "app"});
    log->warn("c");
    complog::reset();
    complog::get_logger("app.net")->warn("d");
    CHECK(cap.count() == 4);
}

TEST_CASE("a capture collects records of all threads", "[capture][threads]") {
    fresh_complog env;
    setup();
    complog::capture cap;
    const auto log = complog::get_logger("app.net");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 500; ++i) log->warn("{} {}", t, i);
        });
    }
    // Reading and reconfiguring while they log.
    for (int i = 0; i < 20; ++i) {
        (void)cap.count(match().component("net"));
        complog::set_logs(i % 2 ? "+net" : "+net,wire");
    }
    for (auto& t : threads) t.join();
    CHECK(cap.count(match().component("net").level(spdlog::level::warn)) == 2000);
}

TEST_CASE("records of a logger writing to complog::sink() are captured", "[capture]") {
    fresh_complog env;
    setup();
    const auto own = std::make_shared<spdlog::logger>("app.net.gated", complog::sink());
    own->set_level(spdlog::level::trace);  // the gate decides
    complog::scoped_settings on("+net");
    complog::capture cap;
    own->debug("through the gate");
    CHECK(cap.count(match().component("net").contains("gate")) == 1);
}

TEST_CASE("scoped_settings applies settings and restores the previous ones", "[capture]") {
    fresh_complog env;
    setup();
    const auto log = complog::get_logger("app.net");
    complog::set_logs("+net");
    REQUIRE(log->level() == spdlog::level::debug);
    {
        complog::scoped_settings quiet(complog::log_settings().set("net", spdlog::level::err));
        CHECK(log->level() == spdlog::level::err);
        {
            complog::scoped_settings all("+all");
            CHECK(log->level() == spdlog::level::debug);
            complog::set_logs("-net");  // undone with `all`
        }
        CHECK(log->level() == spdlog::level::err);
    }
    CHECK(log->level() == spdlog::level::debug);
}

TEST_CASE("scoped_settings applies over the environment and restores it", "[capture]") {
    fresh_complog env("-net");
    setup();
    const auto log = complog::get_logger("app.net");
    REQUIRE(log->level() == spdlog::level::err);
    {
        complog::scoped_settings on("+net");
        CHECK(log->level() == spdlog::level::debug);
    }
    CHECK(log->level() == spdlog::level::err);
}

TEST_CASE("scoped_settings: a bad spec changes nothing; a reset is not undone", "[capture]") {
    fresh_complog env;
    setup();
    const auto log = complog::get_logger("app.net");
    complog::set_logs("+net");
    CHECK_THROWS_AS(complog::scoped_settings("+nte"), complog::spec_error);
    CHECK_THROWS_AS(complog::scoped_settings("help"), complog::spec_error);
    CHECK_THROWS_AS(complog::scoped_settings(complog::log_settings().set("x", spdlog::level::info)),
                    complog::spec_error);
    CHECK(log->level() == spdlog::level::debug);
    {
        complog::scoped_settings on("-net");
        complog::reset();
        setup();
    }
    CHECK(complog::get_logger("app.net")->level() == spdlog::level::warn);
}

TEST_CASE("scoped_settings may end out of order", "[capture]") {
    fresh_complog env;
    setup();
    const auto log = complog::get_logger("app.net");
    REQUIRE(log->level() == spdlog::level::warn);
    std::optional<complog::scoped_settings> debug_net, quiet_net;
    debug_net.emplace("+net");
    quiet_net.emplace("-net");
    debug_net.reset();  // the newer one still lives: its settings stay
    CHECK(log->level() == spdlog::level::err);
    quiet_net.reset();  // the last one: what the first found
    CHECK(log->level() == spdlog::level::warn);
}

TEST_CASE("scoped_settings alive across init() leaves the environment's settings", "[capture]") {
    fresh_complog env;
    setup();
    const auto log = complog::get_logger("app.net");
    {
        complog::scoped_settings on("+net");
        CHECK(log->level() == spdlog::level::debug);
        complog::test::scoped_env quiet(fresh_complog::var, "-net");
        complog::init({fresh_complog::var, "app"});
        CHECK(log->level() == spdlog::level::err);
    }
    CHECK(log->level() == spdlog::level::err);
}
