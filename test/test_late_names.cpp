// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Names registered after init() (a plugin, a logger made later): the spec's known items
// apply at once, each unknown name is reported once and applies when it is registered.

#include <complog/async.h>

#include "catch_compat.h"
#include "stderr_capture.h"
#include "test_sink.h"

#include <string>

namespace {

using complog::init_result;
using complog::test::contains;
using complog::test::fresh_complog;
using complog::test::lowest;
using complog::test::occurrences;
using complog::test::stderr_capture;
namespace lvl = spdlog::level;

complog::options app_options() { return {fresh_complog::var, "app"}; }

}  // namespace

TEST_CASE("a component registered after init gets its level from the spec", "[late_names]") {
    fresh_complog env("+net,+plugin");
    complog::register_component("net", {"app.net"});
    stderr_capture captured;
    const auto result = complog::init(app_options());
    CHECK(result.outcome == init_result::status::applied);
    CHECK(lowest(env, complog::get_logger("app.net")) == lvl::debug);
    complog::register_component("plugin", {"app.plugin"});
    CHECK(lowest(env, complog::get_logger("app.plugin")) == lvl::debug);
    CHECK(lowest(env, complog::get_logger("app.net")) == lvl::debug);
    const auto printed = captured.text();
    CHECK(occurrences(printed, "unknown name 'plugin'") == 1u);
    CHECK(contains(printed, "TEST_LOGS: unknown name 'plugin' in item 2 at column 6"));
    CHECK(contains(printed, "  +net,+plugin\n       ^"));
}

TEST_CASE("an unknown name is reported with the closest registered name", "[late_names]") {
    fresh_complog env("+nte,-all");
    complog::register_component("net", {"app.net"});
    stderr_capture captured;
    const auto result = complog::init(app_options());
    CHECK(contains(result.message, "Did you mean 'net'?"));
    CHECK(contains(captured.text(), "Did you mean 'net'?"));
    CHECK(lowest(env, complog::get_logger("app.db")) == lvl::err);
}

TEST_CASE("a kept name binds to whatever registers it later", "[late_names]") {
    fresh_complog env("-all,+app.plugin.io,wire");
    stderr_capture captured;
    complog::init(app_options());
    const auto io_name = std::string("app.plugin.io");
    SECTION("register_module") { complog::register_module(io_name); }
    SECTION("get_logger") { complog::get_logger(io_name); }
    SECTION("a component listing it") { complog::register_component("plugin", {io_name}); }
    CHECK(lowest(env, complog::get_logger(io_name)) == lvl::debug);
    CHECK(lowest(env, complog::get_logger("app.db")) == lvl::err);
    complog::register_artifact({"wire", "bytes on the wire"});
    CHECK(lowest(env, complog::get_artifact_logger("app.db", "wire")) == lvl::debug);
    CHECK(occurrences(captured.text(), "unknown name") == 2u);  // at init only
}

TEST_CASE("a kept name keeps its place in the spec's order and is reported once", "[late_names]") {
    fresh_complog env("+plugin,-plugin");
    stderr_capture captured;
    complog::init(app_options());
    complog::register_component("plugin", {"app.plugin"});
    CHECK(lowest(env, complog::get_logger("app.plugin")) == lvl::err);
    CHECK(occurrences(captured.text(), "unknown name 'plugin'") == 1u);
}

TEST_CASE("an asynchronous logger made later binds a kept name", "[late_names]") {
    fresh_complog env("+app.worker");
    stderr_capture captured;
    complog::init(app_options());
    CHECK(complog::get_async_logger("app.worker")->level() == lvl::debug);
}

TEST_CASE("options::strict still throws for an unknown name", "[late_names]") {
    fresh_complog env("+net,+plugin");
    complog::register_component("net", {"app.net"});
    auto opts = app_options();
    opts.strict = true;
    CHECK_THROWS_AS(complog::init(opts), complog::spec_error);
}

TEST_CASE("options::reject_whole_spec rejects the value as PyTorch does", "[late_names]") {
    fresh_complog env("+net,+plugin");
    complog::register_component("net", {"app.net"});
    auto opts = app_options();
    opts.reject_whole_spec = true;
    stderr_capture captured;
    const auto result = complog::init(opts);
    CHECK(result.outcome == init_result::status::invalid);
    CHECK(lowest(env, complog::get_logger("app.net")) == lvl::warn);
    complog::register_component("plugin", {"app.plugin"});
    CHECK(lowest(env, complog::get_logger("app.plugin")) == lvl::warn);
}

TEST_CASE("a syntax error still rejects the whole value", "[late_names]") {
    fresh_complog env("+net,,+plugin");
    complog::register_component("net", {"app.net"});
    stderr_capture captured;
    CHECK(complog::init(app_options()).outcome == init_result::status::invalid);
    CHECK(lowest(env, complog::get_logger("app.net")) == lvl::warn);
}
