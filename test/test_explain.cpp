// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// explain, SPDLOG_LEVEL's syntax in the spec, spdlog's default logger.

#include <complog/complog.h>

#include "catch_compat.h"
#include "internal.h"
#include "test_sink.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

namespace {

using complog::test::contains;
using complog::test::fresh_complog;

complog::detail::registry make_registry() {
    complog::detail::registry reg;
    reg.set_root("app");
    reg.add_component("net", {"app.net"});
    reg.add_artifact({"wire", "bytes"});
    reg.add_artifact({"dump", "everything", true, true});
    reg.add_module("app.net.http");
    reg.add_module("app.net.__wire");
    reg.add_module("app.net.__dump");
    reg.add_module("other.lib");
    return reg;
}

const complog::detail::logger_explanation& entry(const complog::detail::explanation& e,
                                                 const std::string& name) {
    for (const auto& l : e.loggers) {
        if (l.name == name) return l;
    }
    FAIL("no entry for " << name);
    throw;
}

complog::detail::settings settings_for(const complog::detail::registry& reg,
                                       std::string_view spec) {
    complog::detail::settings s =
        complog::detail::validate(reg, complog::detail::parse_spec(spec), spec);
    s.source = "APP_LOGS";
    return s;
}

}  // namespace

TEST_CASE("explain says where each level comes from", "[explain]") {
    const auto reg = make_registry();
    const auto s = settings_for(reg, "+net,wire");
    const auto e = complog::detail::explain_levels(
        reg, s, complog::detail::resolve(reg, s, spdlog::level::warn));
    CHECK(entry(e, "app").reason == "default level");
    CHECK(entry(e, "app.net").effective == spdlog::level::debug);
    CHECK(entry(e, "app.net").reason == "set by '+net' (APP_LOGS)");
    CHECK(entry(e, "app.net.http").reason == "inherited from app.net, set by '+net' (APP_LOGS)");
    CHECK(entry(e, "app.net.__wire").reason == "artifact wire is on");
    CHECK(entry(e, "app.net.__dump").reason == "artifact dump is off by default");
    CHECK_FALSE(entry(e, "app.net.__dump").writes);
    CHECK_FALSE(entry(e, "other.lib").writes);
    CHECK(contains(entry(e, "other.lib").reason, "no component above it"));
}

TEST_CASE("explain shows a real level that differs from the spec's", "[explain]") {
    const auto reg = make_registry();
    const auto s = settings_for(reg, "+net");
    const auto table = complog::detail::resolve(reg, s, spdlog::level::warn);
    complog::detail::real_levels real(reg.size());
    real[reg.find("app.net")] = spdlog::level::debug;      // as complog set it
    real[reg.find("app.net.http")] = spdlog::level::info;  // made later at spdlog's level
    real[reg.find("other.lib")] = spdlog::level::trace;    // its owner's, outside the tree
    const auto e = complog::detail::explain_levels(reg, s, table, real);

    CHECK_FALSE(entry(e, "app.net").real.has_value());
    CHECK(entry(e, "app.net").reason == "set by '+net' (APP_LOGS)");
    CHECK(entry(e, "app.net.http").real == spdlog::level::info);
    CHECK(entry(e, "app.net.http").reason ==
          "inherited from app.net, set by '+net' (APP_LOGS); real level info (set outside "
          "complog: spdlog::set_level or the logger's owner)");
    CHECK(entry(e, "other.lib").real == spdlog::level::trace);
    CHECK(contains(entry(e, "other.lib").reason, "real level trace (set outside complog"));
    CHECK_FALSE(entry(e, "app").real.has_value());  // no real level known: nothing said
    CHECK(contains(complog::detail::to_string(e), "real level info"));
    // Without real levels (the default argument) nothing changes.
    const auto plain = complog::detail::explain_levels(reg, s, table);
    CHECK_FALSE(entry(plain, "app.net.http").real.has_value());
    CHECK_FALSE(contains(entry(plain, "other.lib").reason, "real level"));
}

TEST_CASE("explain lists every artifact as on, off or following its module", "[explain]") {
    const auto reg = make_registry();
    const auto s = settings_for(reg, "wire");
    const auto e = complog::detail::explain_levels(
        reg, s, complog::detail::resolve(reg, s, spdlog::level::warn));
    REQUIRE(e.artifacts.size() == 2);
    CHECK(e.artifacts[0].name == "dump");
    CHECK(e.artifacts[0].state == "off");
    CHECK(e.artifacts[1].name == "wire");
    CHECK(e.artifacts[1].state == "on");
    CHECK(e.artifacts[1].reason == "named in APP_LOGS");
}

TEST_CASE("complog::explain explains the global configuration as a table", "[explain]") {
    fresh_complog env("-all,+net");
    complog::register_component("net", {"app.net"});
    complog::init({env.var, "app"});
    complog::get_logger("app.net.http");
    const auto text = complog::explain();
    CHECK(contains(text, "logger"));
    CHECK(contains(text, "app.net.http"));
    CHECK(contains(text, "set by '-all' (TEST_LOGS)"));
    CHECK(contains(text, "inherited from app.net, set by '+net' (TEST_LOGS)"));
}

TEST_CASE("set_logs entries are named in explanations", "[explain]") {
    fresh_complog env;
    complog::register_component("net", {"app.net"});
    complog::init({env.var, "app"});
    complog::set_logs(complog::log_settings{}.set("net", spdlog::level::info));
    CHECK(contains(complog::explain(), "set by 'set(net, info)' (set_logs)"));
}

TEST_CASE("spdlog's name=level items mix with + and - items", "[spec][spdlog_level]") {
    const auto reg = make_registry();
    const auto s = settings_for(reg, "+net,app.net.http=trace,*=err");
    const auto table = complog::detail::resolve(reg, s, spdlog::level::warn);
    CHECK(table[reg.find("app")].effective == spdlog::level::err);
    CHECK(table[reg.find("app.net")].effective == spdlog::level::debug);
    CHECK(table[reg.find("app.net.http")].effective == spdlog::level::trace);
}

TEST_CASE("spdlog's level names are all understood, off included", "[spec][spdlog_level]") {
    using L = spdlog::level::level_enum;
    const std::pair<const char*, L> names[] = {
        {"trace", L::trace}, {"debug", L::debug},       {"info", L::info},
        {"warn", L::warn},   {"warning", L::warn},      {"err", L::err},
        {"error", L::err},   {"critical", L::critical}, {"off", L::off}};
    for (const auto& [name, value] : names) {
        const auto parsed = complog::detail::parse_spec(std::string("net=") + name);
        REQUIRE(parsed.items.size() == 1);
        CHECK(parsed.items[0].value == value);
        CHECK(parsed.items[0].assigned);
    }
}

TEST_CASE("bad name=level items are rejected with the reason", "[spec][spdlog_level]") {
    const auto reg = make_registry();
    CHECK_THROWS_AS(complog::detail::parse_spec("net=loud"), complog::spec_error);
    CHECK_THROWS_AS(complog::detail::parse_spec("+net=debug"), complog::spec_error);
    CHECK_THROWS_AS(complog::detail::parse_spec("*"), complog::spec_error);
    CHECK_THROWS_AS(complog::detail::parse_spec("net="), complog::spec_error);
    CHECK_THROWS_AS(settings_for(reg, "wire=debug"), complog::spec_error);
    CHECK_THROWS_AS(settings_for(reg, "nope=debug"), complog::spec_error);
}

TEST_CASE("SPDLOG_LEVEL is read when asked and the program's variable is unset", "[spdlog_level]") {
    fresh_complog env;
    setenv("SPDLOG_LEVEL", "err,app.net=debug,unknown.lib=info", 1);
    complog::options opts{env.var, "app"};
    opts.read_spdlog_level = true;
    const auto result = complog::init(opts);
    unsetenv("SPDLOG_LEVEL");
    CHECK(result.outcome == complog::init_result::status::applied);
    CHECK(complog::get_logger("app.net")->level() == spdlog::level::debug);
    CHECK(complog::get_logger("app.db")->level() == spdlog::level::err);
    CHECK(complog::set_logs("+app.db"));  // SPDLOG_LEVEL does not take set_logs away
    CHECK(complog::get_logger("app.db")->level() == spdlog::level::debug);
}

TEST_CASE("the program's variable wins over SPDLOG_LEVEL", "[spdlog_level]") {
    fresh_complog env("+app.db");
    setenv("SPDLOG_LEVEL", "off", 1);
    complog::register_module("app.db");
    complog::options opts{env.var, "app"};
    opts.read_spdlog_level = true;
    complog::init(opts);
    unsetenv("SPDLOG_LEVEL");
    CHECK(complog::get_logger("app.db")->level() == spdlog::level::debug);
}

TEST_CASE("spdlog's default logger follows the root", "[logger][dropin]") {
    fresh_complog env;
    complog::init({env.var, "app"});
    complog::set_logs("-all");
    CHECK(spdlog::default_logger()->level() == spdlog::level::err);
    complog::set_logs("+all");
    CHECK(spdlog::default_logger()->level() == spdlog::level::debug);
    complog::reset();
    spdlog::default_logger()->set_level(spdlog::level::info);
}

TEST_CASE("a logger spdlog creates later under a known name starts at the spec's level",
          "[logger][dropin]") {
    fresh_complog env("+net");
    // A program that makes loggers with spdlog's factories: init adopts this one.
    spdlog::initialize_logger(std::make_shared<spdlog::logger>("app.early", env.sink));
    complog::register_component("net", {"app.net"});
    complog::init({env.var, "app"});
    auto later = std::make_shared<spdlog::logger>("app.net", env.sink);
    spdlog::initialize_logger(later);
    CHECK(later->level() == spdlog::level::debug);
    spdlog::drop("app.net");
    spdlog::drop("app.early");
}

// With accept_unknown_modules, any text reaches the registry as a module name: the
// table prints every name and reason escaped, one line per logger.
TEST_CASE("explain's table escapes control characters in names", "[explain]") {
    auto reg = make_registry();
    const std::string esc = "app.\x1b[31mred";
    const std::string newline = "app.two\nlines";
    const std::string nul = std::string("app.nul\0byte", 12);
    auto s = complog::detail::validate(reg,
                                       complog::log_settings{}
                                           .set(esc, spdlog::level::debug)
                                           .set(newline, spdlog::level::info)
                                           .set(nul, spdlog::level::err)
                                           .set("lone\x1b", spdlog::level::err),
                                       {/*accept_unknown_modules*/ true});
    complog::detail::promote_named_modules(reg, s);
    const auto e = complog::detail::explain_levels(
        reg, s, complog::detail::resolve(reg, s, spdlog::level::warn));
    CHECK(entry(e, esc).effective == spdlog::level::debug);  // the data stays as it is
    const auto table = complog::detail::to_string(e);
    CHECK_FALSE(contains(table, "\x1b"));
    CHECK_FALSE(contains(table, std::string(1, '\0')));
    CHECK(contains(table, "app.\\x1b[31mred "));
    CHECK(contains(table, "set by 'set(app.\\x1b[31mred, debug)'"));
    CHECK(contains(table, "app.two\\nlines "));
    CHECK(contains(table, "app.nul\\x00byte "));
    CHECK(contains(table, "lone\\x1b "));
    // One line per logger and artifact, plus the two headers and the blank line.
    const auto lines = static_cast<std::size_t>(std::count(table.begin(), table.end(), '\n'));
    CHECK(lines == e.loggers.size() + e.artifacts.size() + 3);
}
