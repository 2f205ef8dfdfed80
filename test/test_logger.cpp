// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Loggers: get_logger, adoption of spdlog's loggers, the gate sink, init().

#include "catch_compat.h"
#include "stderr_capture.h"
#include "test_sink.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace {

using complog::test::contains;
using complog::test::lowest;

using complog::init_result;
using complog::log_settings;
using complog::test::fresh_complog;
using complog::test::recording_sink;

// root app; components net (app.net) and rpc (app.rpc); artifacts wire, bytes (off by
// default) and secret (invisible).
void register_all() {
    complog::register_component("net", {"app.net"});
    complog::register_component("rpc", {"app.rpc"});
    complog::register_artifact({"wire", "bytes on the wire"});
    complog::register_artifact({"bytes", "every byte", true, true});
    complog::register_artifact({"secret", "internal details", false, false});
}

complog::options options_for(const fresh_complog& env) {
    complog::options opts;
    opts.env_var = env.var;
    opts.root = "app";
    return opts;
}

// A logger made with plain spdlog, writing to its own recording sink, registered with
// spdlog for the guard's lifetime (complog::reset() leaves loggers it did not create).
struct plain_logger {
    explicit plain_logger(const std::string& name, bool registered = true)
        : logger(std::make_shared<spdlog::logger>(name, own)) {
        logger->set_level(spdlog::level::trace);
        if (registered) spdlog::register_logger(logger);
    }
    ~plain_logger() { spdlog::drop(logger->name()); }
    plain_logger(const plain_logger&) = delete;
    plain_logger& operator=(const plain_logger&) = delete;

    std::shared_ptr<recording_sink> own = std::make_shared<recording_sink>();
    std::shared_ptr<spdlog::logger> logger;
};

// Whether a record at `lvl` on `logger` reaches the library's sinks (through the gate).
bool passes(fresh_complog& env, spdlog::logger& logger, spdlog::level::level_enum lvl) {
    const auto before = env.sink->size();
    logger.log(lvl, "probe");
    return env.sink->size() > before;
}

}  // namespace

TEST_CASE("get_logger returns one logger per name, registered with spdlog", "[logger]") {
    fresh_complog env;
    register_all();
    complog::init(options_for(env));
    const auto a = complog::get_logger("app.net.http");
    const auto b = complog::get_logger(std::string("app.net.") + "http");
    CHECK(a == b);
    CHECK(a->name() == "app.net.http");
    CHECK(spdlog::get("app.net.http") == a);
    CHECK(complog::get_logger("app.net") != a);
}

TEST_CASE("get_logger works before init and keeps working after it", "[logger]") {
    fresh_complog env("+net");
    register_all();
    const auto early = complog::get_logger("app.net");
    complog::init(options_for(env));
    CHECK(complog::get_logger("app.net") == early);
    CHECK(lowest(env, early) == spdlog::level::debug);
}

TEST_CASE("get_artifact_logger names the logger <module>.__<artifact>", "[logger]") {
    fresh_complog env("wire");
    register_all();
    complog::init(options_for(env));
    const auto wire = complog::get_artifact_logger("app.net", "wire");
    CHECK(wire->name() == "app.net.__wire");
    CHECK(complog::get_logger("app.net.__wire") == wire);
    CHECK(lowest(env, wire) == spdlog::level::debug);
}

TEST_CASE("get_artifact_logger rejects an unknown artifact, listing the registered ones",
          "[logger]") {
    fresh_complog env;
    register_all();
    complog::init(options_for(env));
    CHECK_THROWS_AS(complog::get_artifact_logger("app.net", "wier"), std::invalid_argument);
    try {
        complog::get_artifact_logger("app.net", "wier");
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        CHECK(contains(what, "wier"));
        CHECK(contains(what, "wire"));
        CHECK(contains(what, "bytes"));
        CHECK(contains(what, "secret"));
    }
    CHECK(spdlog::get("app.net.__wier") == nullptr);
}

TEST_CASE("a component registered after init gets the level the spec gives it", "[logger]") {
    SECTION("through all") {
        fresh_complog env("-all");
        complog::init(options_for(env));
        complog::register_component("late", {"app.late"});
        const auto late = complog::get_logger("app.late");
        CHECK(lowest(env, late) == spdlog::level::err);
    }
    SECTION("through its logger's name") {
        fresh_complog env("+app.late");
        auto opts = options_for(env);
        opts.accept_unknown_modules = true;
        REQUIRE(complog::init(opts).outcome == init_result::status::applied);
        const auto late = complog::get_logger("app.late");
        CHECK(lowest(env, late) == spdlog::level::debug);
        complog::register_component("late", {"app.late"});
        CHECK(lowest(env, late) == spdlog::level::debug);
    }
    SECTION("outside the root: its logger gets a sink on registration") {
        fresh_complog env;
        complog::init(options_for(env));
        const auto ext = complog::get_logger("ext.lib");
        CHECK(lowest(env, ext) == spdlog::level::off);
        complog::register_component("ext", {"ext.lib"});
        CHECK(lowest(env, ext) == spdlog::level::warn);
    }
}

TEST_CASE("a logger created after init gets the level the spec gives it", "[logger]") {
    fresh_complog env("+net,-rpc");
    register_all();
    complog::init(options_for(env));
    CHECK(lowest(env, complog::get_logger("app.net.http.client")) == spdlog::level::debug);
    CHECK(lowest(env, complog::get_logger("app.rpc.x")) == spdlog::level::err);
    CHECK(lowest(env, complog::get_logger("app.misc")) == spdlog::level::warn);
    CHECK(lowest(env, complog::get_artifact_logger("app.net.x", "bytes")) == spdlog::level::off);
}

TEST_CASE("a plain spdlog logger registered before init is adopted and keeps its own sink",
          "[logger]") {
    fresh_complog env("+net");
    register_all();
    plain_logger plain("app.net.plain");
    complog::init(options_for(env));

    CHECK(plain.logger->level() == spdlog::level::debug);
    CHECK(complog::get_logger("app.net.plain") == plain.logger);
    REQUIRE(plain.logger->sinks().size() == 1u);
    CHECK(plain.logger->sinks()[0] == plain.own);

    plain.logger->debug("seen");
    plain.logger->trace("not seen");
    CHECK(plain.own->size() == 1u);
    CHECK(env.sink->size() == 0u);  // not written by complog's sinks
}

TEST_CASE("an adopted logger's level follows later set_logs calls", "[logger]") {
    fresh_complog env;
    register_all();
    plain_logger plain("app.rpc.plain");
    complog::init(options_for(env));
    CHECK(plain.logger->level() == spdlog::level::warn);
    REQUIRE(complog::set_logs("-rpc"));
    CHECK(plain.logger->level() == spdlog::level::err);
    REQUIRE(complog::set_logs("+rpc"));
    CHECK(plain.logger->level() == spdlog::level::debug);
}

TEST_CASE("a plain spdlog logger outside what the spec governs keeps its level", "[logger]") {
    fresh_complog env("+all");
    register_all();
    plain_logger plain("elsewhere.plain");
    complog::init(options_for(env));
    CHECK(plain.logger->level() == spdlog::level::trace);
}

TEST_CASE("a plain spdlog logger registered after init is adopted by get_logger", "[logger]") {
    fresh_complog env("-net");
    register_all();
    complog::init(options_for(env));
    plain_logger plain("app.net.later");
    CHECK(complog::get_logger("app.net.later") == plain.logger);
    CHECK(plain.logger->level() == spdlog::level::err);
}

TEST_CASE("the gate sink passes the records the spec allows for the logger's name", "[logger]") {
    fresh_complog env;
    register_all();
    complog::init(options_for(env));
    const auto gate = complog::sink();
    spdlog::logger net("app.net.gated", gate);
    spdlog::logger misc("app.misc.gated", gate);
    spdlog::logger bytes("app.net.__bytes", gate);
    spdlog::logger outside("elsewhere.gated", gate);
    for (auto* l : {&net, &misc, &bytes, &outside}) l->set_level(spdlog::level::trace);

    CHECK_FALSE(passes(env, net, spdlog::level::info));
    CHECK(passes(env, net, spdlog::level::warn));
    CHECK_FALSE(passes(env, bytes, spdlog::level::critical));
    CHECK_FALSE(passes(env, outside, spdlog::level::critical));

    REQUIRE(complog::set_logs("+net"));
    CHECK_FALSE(passes(env, net, spdlog::level::trace));
    CHECK(passes(env, net, spdlog::level::debug));
    CHECK_FALSE(passes(env, misc, spdlog::level::info));
    CHECK(passes(env, misc, spdlog::level::warn));
    CHECK_FALSE(passes(env, bytes, spdlog::level::critical));  // off by default

    REQUIRE(complog::set_logs("-net,bytes"));
    CHECK_FALSE(passes(env, net, spdlog::level::warn));
    CHECK(passes(env, net, spdlog::level::err));
    CHECK(passes(env, bytes, spdlog::level::debug));
    CHECK_FALSE(passes(env, outside, spdlog::level::critical));

    const auto records = env.sink->records();
    REQUIRE_FALSE(records.empty());
    CHECK(records.back().logger == "app.net.__bytes");
}

TEST_CASE("init with an invalid spec reports it and goes on with the defaults", "[logger]") {
    fresh_complog env("+nte");
    register_all();
    complog::test::stderr_capture capture;
    auto opts = options_for(env);
    opts.reject_whole_spec = true;
    const auto result = complog::init(opts);
    const auto printed = capture.text();
    CHECK(result.outcome == init_result::status::invalid);
    CHECK(contains(result.message, "Did you mean 'net'"));
    CHECK(contains(result.message, "TEST_LOGS"));
    CHECK(contains(printed, "Did you mean 'net'"));
    CHECK(lowest(env, complog::get_logger("app.net")) == spdlog::level::warn);
    CHECK(lowest(env, complog::get_logger("app.rpc")) == spdlog::level::warn);
}

TEST_CASE("init in strict mode throws spec_error on an invalid spec", "[logger]") {
    fresh_complog env("+net,,rpc");
    register_all();
    auto opts = options_for(env);
    opts.strict = true;
    CHECK_THROWS_AS(complog::init(opts), complog::spec_error);
    CHECK(lowest(env, complog::get_logger("app.net")) == spdlog::level::warn);
}

TEST_CASE("init with help or +help returns the listing and applies the defaults", "[logger]") {
    const bool verbose = GENERATE(false, true);
    fresh_complog env(verbose ? "+help" : "help");
    register_all();
    complog::test::stderr_capture capture;
    const auto result = complog::init(options_for(env));
    const auto printed = capture.text();
    CHECK(result.outcome == init_result::status::help);
    CHECK(result.message == complog::help(verbose));
    CHECK(contains(printed, result.message));
    CHECK(contains(result.message, "  net "));
    CHECK(contains(result.message, "  wire "));
    CHECK(contains(result.message, "  secret ") == verbose);
    CHECK(lowest(env, complog::get_logger("app.net")) == spdlog::level::warn);
}

TEST_CASE("init with the variable set to the empty string behaves as without it", "[logger]") {
    const bool set_empty = GENERATE(true, false);
    fresh_complog env(set_empty ? std::optional<std::string>("") : std::nullopt);
    register_all();
    complog::test::stderr_capture capture;
    const auto result = complog::init(options_for(env));
    CHECK(capture.text().empty());
    CHECK(result.outcome == init_result::status::unset);
    CHECK(result.message.empty());
    CHECK(lowest(env, complog::get_logger("app")) == spdlog::level::warn);
    CHECK(lowest(env, complog::get_logger("app.net")) == spdlog::level::warn);
    CHECK(lowest(env, complog::get_artifact_logger("app.net", "wire")) == spdlog::level::warn);
    CHECK(lowest(env, complog::get_artifact_logger("app.net", "bytes")) == spdlog::level::off);
}

TEST_CASE("reset drops complog's loggers from spdlog's registry", "[logger]") {
    fresh_complog env;
    register_all();
    plain_logger plain("app.net.plain");
    complog::init(options_for(env));
    const auto mine = complog::get_logger("app.net.mine");
    REQUIRE(spdlog::get("app.net.mine") == mine);
    complog::reset();
    CHECK(spdlog::get("app.net.mine") == nullptr);
    CHECK(spdlog::get("app.net.plain") == plain.logger);  // not complog's
    CHECK(complog::get_logger("app.net.mine") != mine);
}
