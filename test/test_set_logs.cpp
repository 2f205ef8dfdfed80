// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog::set_logs through the global API, checked through real loggers.

#include <complog/testing.h>

#include "catch_compat.h"
#include "stderr_capture.h"
#include "test_sink.h"

#include <memory>
#include <optional>
#include <string>

namespace {

using complog::test::error_of;
using complog::test::lowest;

using complog::log_settings;
using complog::spec_error;
using complog::test::fresh_complog;

// root app; components net (app.net) and rpc (app.rpc); artifacts wire and bytes
// (off by default).
void setup(fresh_complog& env) {
    complog::register_component("net", {"app.net"});
    complog::register_component("rpc", {"app.rpc"});
    complog::register_artifact({"wire", "bytes on the wire"});
    complog::register_artifact({"bytes", "every byte", true, true});
    complog::init({env.var, "app"});
}

}  // namespace

TEST_CASE("each set_logs call replaces the previous settings", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto net = complog::get_logger("app.net");
    const auto rpc = complog::get_logger("app.rpc");
    const auto wire = complog::get_artifact_logger("app.rpc", "wire");

    REQUIRE(complog::set_logs(log_settings{}.set("net", spdlog::level::debug).artifact("wire")));
    CHECK(lowest(env, net) == spdlog::level::debug);
    CHECK(lowest(env, rpc) == spdlog::level::warn);
    CHECK(lowest(env, wire) == spdlog::level::debug);

    REQUIRE(complog::set_logs(log_settings{}.set("rpc", spdlog::level::err)));
    CHECK(lowest(env, net) == spdlog::level::warn);
    CHECK(lowest(env, rpc) == spdlog::level::err);
    CHECK(lowest(env, wire) == spdlog::level::err);

    REQUIRE(complog::set_logs(log_settings{}));
    CHECK(lowest(env, net) == spdlog::level::warn);
    CHECK(lowest(env, rpc) == spdlog::level::warn);
    CHECK(lowest(env, wire) == spdlog::level::warn);
}

TEST_CASE("set_logs levels accept all, aliases and modules", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto util = complog::get_logger("app.util");
    const auto net = complog::get_logger("app.net");
    const auto conn = complog::get_logger("app.net.conn");
    REQUIRE(complog::set_logs(log_settings{}
                                  .set("all", spdlog::level::err)
                                  .set("net", spdlog::level::info)
                                  .set("app.net.conn", spdlog::level::trace)));
    CHECK(lowest(env, util) == spdlog::level::err);
    CHECK(lowest(env, net) == spdlog::level::info);
    CHECK(lowest(env, conn) == spdlog::level::trace);
}

TEST_CASE("an unknown name throws spec_error and the previous settings stay", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto net = complog::get_logger("app.net");
    const auto rpc = complog::get_logger("app.rpc");
    REQUIRE(complog::set_logs(log_settings{}.set("net", spdlog::level::debug)));

    SECTION("in a log_settings call") {
        const auto e = error_of([] {
            complog::set_logs(
                log_settings{}.set("rpc", spdlog::level::err).set("nte", spdlog::level::info));
        });
        REQUIRE(e.has_value());
        CHECK(e->item() == "nte");
        CHECK(e->position() == 1u);  // the index of the entry
        CHECK(e->suggestion() == "net");
    }
    SECTION("in a spec, with options::reject_whole_spec") {
        auto opts = complog::options{env.var, "app"};
        opts.reject_whole_spec = true;
        complog::init(opts);
        REQUIRE(complog::set_logs(log_settings{}.set("net", spdlog::level::debug)));
        CHECK_THROWS_AS(complog::set_logs("-rpc,+nte"), spec_error);
    }
    SECTION("in a spec with a syntax error") {
        CHECK_THROWS_AS(complog::set_logs("-rpc,,net"), spec_error);
    }
    SECTION("an unknown artifact") {
        CHECK_THROWS_AS(
            complog::set_logs(log_settings{}.set("rpc", spdlog::level::err).artifact("wier")),
            spec_error);
    }
    CHECK(lowest(env, net) == spdlog::level::debug);
    CHECK(lowest(env, rpc) == spdlog::level::warn);
}

TEST_CASE("set() on an artifact throws spec_error", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto wire = complog::get_artifact_logger("app.net", "wire");
    REQUIRE(complog::set_logs(log_settings{}.artifact("wire")));
    const auto e =
        error_of([] { complog::set_logs(log_settings{}.set("wire", spdlog::level::debug)); });
    REQUIRE(e.has_value());
    CHECK(e->item() == "wire");
    CHECK(lowest(env, wire) == spdlog::level::debug);
    CHECK_THROWS_AS(complog::set_logs(log_settings{}.unset("bytes")), spec_error);
}

TEST_CASE("artifact() on anything but an artifact throws spec_error", "[set_logs]") {
    fresh_complog env;
    setup(env);
    complog::register_module("app.net.conn");
    const auto name =
        GENERATE(as<std::string>{}, "net", "all", "app.net", "app.net.conn", "no_such_name");
    const auto e = error_of([&] { complog::set_logs(log_settings{}.artifact(name)); });
    REQUIRE(e.has_value());
    CHECK(e->item() == name);
}

TEST_CASE("artifact(name, false) leaves the artifact off", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto bytes = complog::get_artifact_logger("app.net", "bytes");
    const auto wire = complog::get_artifact_logger("app.net", "wire");

    REQUIRE(complog::set_logs(log_settings{}.artifact("bytes", false).artifact("wire", false)));
    CHECK(lowest(env, bytes) == spdlog::level::off);
    CHECK(lowest(env, wire) == spdlog::level::warn);  // follows app.net

    REQUIRE(complog::set_logs(log_settings{}.artifact("bytes").artifact("bytes", false)));
    CHECK(lowest(env, bytes) == spdlog::level::off);

    REQUIRE(complog::set_logs(log_settings{}.artifact("bytes", false).artifact("bytes")));
    CHECK(lowest(env, bytes) == spdlog::level::debug);
}

TEST_CASE("unset() makes a name follow its parent", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto net = complog::get_logger("app.net");
    const auto util = complog::get_logger("app.util");

    REQUIRE(complog::set_logs(log_settings{}
                                  .set("all", spdlog::level::err)
                                  .set("net", spdlog::level::debug)
                                  .unset("net")));
    CHECK(lowest(env, net) == spdlog::level::err);

    REQUIRE(complog::set_logs(log_settings{}.set("all", spdlog::level::info).unset("net")));
    CHECK(lowest(env, net) == spdlog::level::info);

    REQUIRE(complog::set_logs(log_settings{}.unset("all").unset("net")));
    CHECK(lowest(env, net) == spdlog::level::warn);
    CHECK(lowest(env, util) == spdlog::level::warn);
}

TEST_CASE("set_logs takes a spec in the environment's grammar", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto net = complog::get_logger("app.net");
    const auto rpc = complog::get_logger("app.rpc");
    const auto bytes = complog::get_artifact_logger("app.rpc", "bytes");

    REQUIRE(complog::set_logs("+net,\n -rpc,bytes"));
    CHECK(lowest(env, net) == spdlog::level::debug);
    CHECK(lowest(env, rpc) == spdlog::level::err);
    CHECK(lowest(env, bytes) == spdlog::level::debug);

    REQUIRE(complog::set_logs(std::string_view("")));
    CHECK(lowest(env, net) == spdlog::level::warn);
    CHECK(lowest(env, rpc) == spdlog::level::warn);
    CHECK(lowest(env, bytes) == spdlog::level::off);
}

TEST_CASE("set_logs(\"help\") prints the listing and changes nothing", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto net = complog::get_logger("app.net");
    REQUIRE(complog::set_logs("+net"));
    complog::test::stderr_capture capture;
    complog::set_logs("help");
    const auto printed = capture.text();
    CHECK(printed.find("TEST_LOGS help") != std::string::npos);
    CHECK(printed.find("  net ") != std::string::npos);
    CHECK(lowest(env, net) == spdlog::level::debug);
}

TEST_CASE("set_logs is ignored with a single warning while the variable is set", "[set_logs]") {
    const bool empty = GENERATE(true, false);
    fresh_complog env(empty ? "" : "+net");
    setup(env);
    const auto net = complog::get_logger("app.net");
    const auto rpc = complog::get_logger("app.rpc");
    const auto expected_net = empty ? spdlog::level::warn : spdlog::level::debug;

    complog::test::stderr_capture capture;
    CHECK_FALSE(complog::set_logs(log_settings{}.set("rpc", spdlog::level::debug)));
    CHECK_FALSE(complog::set_logs(log_settings{}.set("rpc", spdlog::level::err)));
    CHECK_FALSE(complog::set_logs("+rpc,-net"));
    // Not validated either.
    CHECK_FALSE(complog::set_logs(log_settings{}.set("no_such_name", spdlog::level::debug)));
    CHECK_FALSE(complog::set_logs("+no_such_name"));
    const auto printed = capture.text();
    CHECK(complog::test::occurrences(printed, "ignoring calls to set_logs") == 1u);
    CHECK(complog::test::occurrences(printed, "TEST_LOGS") == 1u);

    CHECK(lowest(env, net) == expected_net);
    CHECK(lowest(env, rpc) == spdlog::level::warn);
}

TEST_CASE("a module outside the root tree named in set_logs gets a sink for good", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto mod = complog::get_logger("other.mod");
    const auto child = complog::get_logger("other.mod.child");
    CHECK(lowest(env, mod) == spdlog::level::off);
    CHECK(lowest(env, child) == spdlog::level::off);

    REQUIRE(complog::set_logs(log_settings{}.set("other.mod", spdlog::level::debug)));
    CHECK(lowest(env, mod) == spdlog::level::debug);
    CHECK(lowest(env, child) == spdlog::level::debug);

    REQUIRE(complog::set_logs(log_settings{}.set("net", spdlog::level::info)));
    CHECK(lowest(env, mod) == spdlog::level::warn);
    CHECK(lowest(env, child) == spdlog::level::warn);

    REQUIRE(complog::set_logs("+all"));  // all does not reach it
    CHECK(lowest(env, mod) == spdlog::level::warn);

    SECTION("in the spec form too") {
        complog::register_module("third.party");
        const auto third = complog::get_logger("third.party");
        CHECK(lowest(env, third) == spdlog::level::off);
        REQUIRE(complog::set_logs("-third.party"));
        CHECK(lowest(env, third) == spdlog::level::err);
        REQUIRE(complog::set_logs(""));
        CHECK(lowest(env, third) == spdlog::level::warn);
    }
}

TEST_CASE("a record is written once, by the library's sinks", "[set_logs]") {
    fresh_complog env;
    setup(env);
    const auto conn = complog::get_logger("app.net.conn");
    REQUIRE(complog::set_logs("+app.net.conn,+net,+all"));
    conn->debug("hello");
    const auto records = env.sink->records();
    REQUIRE(records.size() == 1u);
    CHECK(records[0].logger == "app.net.conn");
    CHECK(records[0].level == spdlog::level::debug);
    CHECK(records[0].text == "hello");
}

TEST_CASE("set_logs(spec) applies its known items and keeps an unknown name for later",
          "[set_logs][late_names]") {
    fresh_complog env;
    setup(env);
    const auto rpc = complog::get_logger("app.rpc");
    complog::test::stderr_capture capture;
    REQUIRE(complog::set_logs("-rpc,+plugin"));
    const auto printed = capture.text();
    CHECK(lowest(env, rpc) == spdlog::level::err);
    CHECK(
        complog::test::contains(printed, "set_logs: unknown name 'plugin' in item 2 at column 6"));
    complog::register_component("plugin", {"app.plugin"});
    CHECK(lowest(env, complog::get_logger("app.plugin")) == spdlog::level::debug);
    CHECK(lowest(env, rpc) == spdlog::level::err);
}

TEST_CASE("the next set_logs drops the names the previous one kept", "[set_logs][late_names]") {
    fresh_complog env;
    setup(env);
    complog::test::stderr_capture capture;
    REQUIRE(complog::set_logs("+plugin"));
    SECTION("a log_settings call") {
        REQUIRE(complog::set_logs(log_settings{}.set("net", spdlog::level::info)));
    }
    SECTION("a spec") { REQUIRE(complog::set_logs("net")); }
    complog::register_component("plugin", {"app.plugin"});
    CHECK(lowest(env, complog::get_logger("app.plugin")) == spdlog::level::warn);
    CHECK(lowest(env, complog::get_logger("app.net")) == spdlog::level::info);
}

TEST_CASE("names spdlog programs use can be set, and only '.' builds the hierarchy", "[set_logs]") {
    fresh_complog env;
    complog::init({env.var, "erhe"});
    const auto dashed = complog::get_logger("my-logger");
    const auto colons = complog::get_logger("erhe::net::socket");
    const auto dotted = complog::get_logger("erhe.net");
    REQUIRE(complog::set_logs("+my-logger,erhe::net::socket=trace"));
    CHECK(lowest(env, dashed) == spdlog::level::debug);
    CHECK(lowest(env, colons) == spdlog::level::trace);
    REQUIRE(complog::set_logs("-all"));
    CHECK(lowest(env, dotted) == spdlog::level::err);
    CHECK(lowest(env, colons) != spdlog::level::err);  // not below `erhe`: a flat name
}

// Settings entries view text the settings own (one copy of a spec, set_logs' arguments):
// every text given here is a temporary gone before the settings are read again, and the
// names are past std::string's inline buffer, so a view of the caller's text (or of a
// moved string) is a heap-use-after-free under ASan and garbage otherwise.
TEST_CASE("settings outlive the caller's text through copies, overrides and re-init",
          "[set_logs]") {
    fresh_complog env;
    const std::string alias = "a_component_alias_longer_than_sso";
    const std::string module = "app.a_module_name_longer_than_sso";
    complog::register_component(alias, {"app.first_logger_of_the_alias"});
    complog::init({env.var, "app"});
    const auto log = complog::get_logger(module);
    REQUIRE(complog::set_logs(log_settings()
                                  .set(std::string(alias), spdlog::level::debug)
                                  .set(std::string(module), spdlog::level::err)));
    const auto from_arguments = complog::explain();
    CHECK(from_arguments.find("'set(" + module + ", error)' (set_logs)") != std::string::npos);
    CHECK(log->level() == spdlog::level::err);
    {
        const complog::scoped_settings scoped(std::string("+") + module + ",-" + alias);
        CHECK(log->level() == spdlog::level::debug);
        CHECK(complog::explain().find("'+" + module + "' (scoped_settings)") != std::string::npos);
        // Registrations while the override lives re-resolve the kept settings.
        complog::register_component(alias, {"app.second_logger_of_the_alias"});
        complog::register_artifact({"an_artifact_name_longer_than_sso", "replaced below"});
        complog::register_artifact({"an_artifact_name_longer_than_sso", "the replacement"});
    }
    const auto restored = complog::explain();  // what the override found
    CHECK(restored.find("'set(" + module + ", error)' (set_logs)") != std::string::npos);
    CHECK(restored.find("scoped_settings") == std::string::npos);
    complog::test::stderr_capture report;  // the unknown name's
    REQUIRE(complog::set_logs(std::string("-") + module + "," + alias + ",+not_registered_yet"));
    complog::register_module("not_registered_yet_either");
    complog::register_component("not_registered_yet", {"app.later"});
    CHECK(report.text().find("'not_registered_yet'") != std::string::npos);
    CHECK(complog::explain().find("'-" + module + "' (set_logs)") != std::string::npos);
    complog::init({env.var, "app"});
    REQUIRE(complog::set_logs(std::string("+") + module));
    complog::reset();
    complog::init({env.var, "app"});
    CHECK(complog::explain().find(module) == std::string::npos);
}
