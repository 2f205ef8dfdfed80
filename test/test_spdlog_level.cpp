// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// SPDLOG_LEVEL read with options::read_spdlog_level: spdlog's own grammar
// (cfg::helpers::load_levels, the same in spdlog 1.10 and 1.15), and every case of
// spdlog's tests/test_cfg.cpp replayed through complog::init.

#include "catch_compat.h"
#include "internal.h"
#include "stderr_capture.h"
#include "test_sink.h"
#include "text.h"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using complog::test::contains;
using complog::test::fresh_complog;
using complog::test::scoped_env;
using complog::test::stderr_capture;
using spdlog::level::level_enum;
namespace lvl = spdlog::level;

// "name=level" for each item parse_spdlog_level keeps, in order ("all" for the global level).
std::vector<std::string> items_of(std::string_view value) {
    std::vector<std::string> out;
    for (const auto& item : complog::detail::parse_spdlog_level(value).spec.items) {
        out.push_back(std::string(item.name) + "=" + complog::detail::level_name(item.value));
    }
    return out;
}

using items = std::vector<std::string>;

}  // namespace

TEST_CASE("SPDLOG_LEVEL items are read as spdlog reads them", "[spdlog_level]") {
    CHECK(items_of("l1=warn") == items{"l1=warning"});
    CHECK(items_of("l1=warn,trace") == items{"all=trace", "l1=warning"});
    CHECK(items_of("junk_name=warn") == items{"junk_name=warning"});
    CHECK(items_of("junk").empty());
    CHECK(items_of("").empty());
    CHECK(items_of("l1=trace,warn") == items{"all=warning", "l1=trace"});
    CHECK(items_of("l1=junk,warn") == items{"all=warning"});
    CHECK(items_of("info") == items{"all=info"});
}

TEST_CASE("SPDLOG_LEVEL trims spaces, lowercases levels and skips empty items", "[spdlog_level]") {
    CHECK(items_of("DEBUG") == items{"all=debug"});
    CHECK(items_of(" app.net = Trace ") == items{"app.net=trace"});
    CHECK(items_of("\tx=trace\r\n") == items{"x=trace"});
    CHECK(items_of("x=trace,") == items{"x=trace"});
    CHECK(items_of(",,x=err,,") == items{"x=error"});
    CHECK(items_of("=debug") == items{"all=debug"});
    CHECK(items_of("*=off,logger1=debug") == items{"all=off", "logger1=debug"});
    CHECK(items_of("a=warning,b=error,c=critical,d=OFF") ==
          items{"a=warning", "b=error", "c=critical", "d=off"});
}

TEST_CASE("SPDLOG_LEVEL keeps any name spdlog allows", "[spdlog_level]") {
    CHECK(items_of("my-logger=debug,erhe::net::socket=trace,a b=info") ==
          items{"my-logger=debug", "erhe::net::socket=trace", "a b=info"});
    CHECK(items_of("a=b=c").empty());  // the level is "b=c"
}

TEST_CASE("SPDLOG_LEVEL: the last item of a name counts, even with a bad level", "[spdlog_level]") {
    CHECK(items_of("l1=warn,l1=trace") == items{"l1=trace"});
    CHECK(items_of("l1=warn,l1=junk").empty());
    CHECK(items_of("trace,junk").empty());
    CHECK(items_of("trace,l1=info,warn") == items{"all=warning", "l1=info"});
}

TEST_CASE("SPDLOG_LEVEL over 512 bytes is ignored whole, as spdlog does", "[spdlog_level]") {
    const std::string long_value = "x=trace," + std::string(505, 'y');
    CHECK(long_value.size() == 513u);
    CHECK(items_of(long_value).empty());
    CHECK(items_of(long_value.substr(0, 512)) == items{"x=trace"});
}

TEST_CASE("a skipped SPDLOG_LEVEL item is reported as written", "[spdlog_level]") {
    const auto value = complog::detail::parse_spdlog_level(" l1 = junk ,warn");
    REQUIRE(value.skipped.size() == 1u);
    CHECK(contains(value.skipped[0], "' l1 = junk '"));
    CHECK(contains(value.skipped[0], "column 1"));
    CHECK(contains(value.skipped[0], "'junk'"));
}

namespace {

// One case of spdlog's tests/test_cfg.cpp: loggers l1 and l2 dropped, spdlog's global
// level set as the case sets it, SPDLOG_LEVEL set, and complog::init reading it with the
// program's variable unset. The program's level is complog's default level.
class spdlog_case {
public:
    explicit spdlog_case(std::optional<std::string> value, level_enum program_level = lvl::info)
        : spdlog_level_("SPDLOG_LEVEL", std::move(value)), program_level_(program_level) {
        drop_loggers();
        spdlog::set_level(program_level);
    }
    ~spdlog_case() {
        drop_loggers();
        complog::reset();
        spdlog::set_level(lvl::info);
    }
    spdlog_case(const spdlog_case&) = delete;
    spdlog_case& operator=(const spdlog_case&) = delete;

    complog::init_result init() const {
        complog::options opts;
        opts.env_var = fresh_complog::var;
        opts.default_level = program_level_;
        opts.read_spdlog_level = true;
        return complog::init(opts);
    }

    static std::shared_ptr<spdlog::logger> create(const std::string& name) {
        return spdlog::create<spdlog::sinks::null_sink_st>(name);
    }

private:
    static void drop_loggers() {
        for (const char* name : {"l1", "l2", "cfg-default"}) spdlog::drop(name);
    }

    fresh_complog complog_;
    scoped_env spdlog_level_;
    level_enum program_level_;
};

}  // namespace

TEST_CASE("spdlog cfg: env", "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("l1=warn");
    auto l1 = spdlog_case::create("l1");
    c.init();
    CHECK(l1->level() == lvl::warn);
    const auto previous = spdlog::default_logger();
    spdlog::set_default_logger(spdlog_case::create("cfg-default"));
    CHECK(spdlog::default_logger()->level() == lvl::info);
    spdlog::set_default_logger(previous);
}

TEST_CASE("spdlog cfg: env, the application's own variable (1.15's MYAPP_LEVEL)",
          "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("l1=warn");
    auto l1 = spdlog_case::create("l1");
    scoped_env own(fresh_complog::var, "l1=trace");
    c.init();
    CHECK(l1->level() == lvl::trace);
}

TEST_CASE("spdlog cfg: argv3, an unknown name changes nothing", "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("junk_name=warn", lvl::trace);
    c.init();
    auto l1 = spdlog_case::create("l1");
    CHECK(l1->level() == lvl::trace);
    CHECK(spdlog::default_logger()->level() == lvl::trace);
}

TEST_CASE("spdlog cfg: argv4, a bad value changes nothing", "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("junk");
    stderr_capture captured;
    c.init();
    auto l1 = spdlog_case::create("l1");
    CHECK(l1->level() == lvl::info);
    CHECK(contains(captured.text(), "ignoring item 'junk' at column 1: unknown level 'junk'"));
}

TEST_CASE("spdlog cfg: argv6 and argv7, no value keeps the program's level",
          "[spdlog_level][spdlog_cfg]") {
    spdlog_case c(std::nullopt, lvl::err);
    c.init();
    CHECK(spdlog::default_logger()->level() == lvl::err);
}

TEST_CASE("spdlog cfg: level-not-set-test1, an empty value sets nothing",
          "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("");
    c.init();
    auto l1 = spdlog_case::create("l1");
    l1->set_level(lvl::trace);
    CHECK(l1->level() == lvl::trace);
    CHECK(spdlog::default_logger()->level() == lvl::info);
}

TEST_CASE("spdlog cfg: level-not-set-test2, a logger no item names keeps its level",
          "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("l1=trace");
    auto l1 = spdlog_case::create("l1");
    l1->set_level(lvl::warn);
    auto l2 = spdlog_case::create("l2");
    l2->set_level(lvl::warn);
    c.init();
    CHECK(l1->level() == lvl::trace);
    CHECK(l2->level() == lvl::warn);
    CHECK(spdlog::default_logger()->level() == lvl::info);
}

TEST_CASE("spdlog cfg: restore-to-default", "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("info");
    c.init();
    CHECK(spdlog::default_logger()->level() == lvl::info);
}

// Loggers spdlog's factories make after init(): spdlog's per-name map and global level.
TEST_CASE("spdlog cfg: argv1, a logger created later gets its level",
          "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("l1=warn");
    c.init();
    auto l1 = spdlog_case::create("l1");
    CHECK(l1->level() == lvl::warn);
    CHECK(spdlog::default_logger()->level() == lvl::info);
}

TEST_CASE("spdlog cfg: argv2 and argv5, a bare level is the global one",
          "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("l1=warn,trace");
    c.init();
    auto l1 = spdlog_case::create("l1");
    CHECK(l1->level() == lvl::warn);
    CHECK(spdlog::default_logger()->level() == lvl::trace);
}

TEST_CASE("spdlog cfg: level-not-set-test3", "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("l1=trace");
    c.init();
    auto l1 = spdlog_case::create("l1");
    auto l2 = spdlog_case::create("l2");
    CHECK(l1->level() == lvl::trace);
    CHECK(l2->level() == lvl::info);
    CHECK(spdlog::default_logger()->level() == lvl::info);
}

TEST_CASE("spdlog cfg: level-not-set-test4, a named logger wins over the global level",
          "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("l1=trace,warn");
    c.init();
    auto l1 = spdlog_case::create("l1");
    auto l2 = spdlog_case::create("l2");
    CHECK(l1->level() == lvl::trace);
    CHECK(l2->level() == lvl::warn);
    CHECK(spdlog::default_logger()->level() == lvl::warn);
}

TEST_CASE("spdlog cfg: level-not-set-test5, a bad level skips only its item",
          "[spdlog_level][spdlog_cfg]") {
    spdlog_case c("l1=junk,warn");
    c.init();
    auto l1 = spdlog_case::create("l1");
    auto l2 = spdlog_case::create("l2");
    CHECK(l1->level() == lvl::warn);
    CHECK(l2->level() == lvl::warn);
    CHECK(spdlog::default_logger()->level() == lvl::warn);
}

TEST_CASE("SPDLOG_LEVEL as users write it: case, spaces, a trailing comma", "[spdlog_level]") {
    spdlog_case c(" l1 = DEBUG ,l2=Trace,");
    auto l1 = spdlog_case::create("l1");
    auto l2 = spdlog_case::create("l2");
    stderr_capture captured;
    const auto result = c.init();
    CHECK(result.outcome == complog::init_result::status::applied);
    CHECK(l1->level() == lvl::debug);
    CHECK(l2->level() == lvl::trace);
    CHECK(captured.text().empty());
}

TEST_CASE("a bad SPDLOG_LEVEL item is reported as written and the others apply", "[spdlog_level]") {
    spdlog_case c("l1=junk,l2=debug");
    auto l1 = spdlog_case::create("l1");
    l1->set_level(lvl::err);
    auto l2 = spdlog_case::create("l2");
    stderr_capture captured;
    const auto result = c.init();
    CHECK(result.outcome == complog::init_result::status::applied);
    CHECK(l1->level() == lvl::err);
    CHECK(l2->level() == lvl::debug);
    const auto text = captured.text();
    CHECK(contains(text, "SPDLOG_LEVEL: ignoring item 'l1=junk' at column 1"));
    CHECK_FALSE(contains(text, "*="));
}

TEST_CASE("an SPDLOG_LEVEL value pasted into the program's variable", "[spdlog_level]") {
    fresh_complog env("info,app.net=debug");
    complog::register_module("app.net");
    stderr_capture captured;
    const auto result = complog::init({env.var, "app"});
    CHECK(result.outcome == complog::init_result::status::applied);
    CHECK(complog::get_logger("app.net")->level() == lvl::debug);
    const auto text = captured.text();
    CHECK(contains(text, "unknown name 'info' in item 1 at column 1"));
    CHECK(contains(text, "'info' is a level, not a name"));
    CHECK(contains(text, "'*=info'"));
}

TEST_CASE("a bare level in the program's variable is an error with the *=level hint",
          "[spdlog_level]") {
    fresh_complog env("trace");
    complog::options opts{env.var, "app"};
    opts.reject_whole_spec = true;
    stderr_capture captured;
    const auto result = complog::init(opts);
    CHECK(result.outcome == complog::init_result::status::invalid);
    CHECK(contains(result.message, "unknown name 'trace'"));
    CHECK(contains(result.message, "'*=trace'"));
}

TEST_CASE("level names after = are read in any case in the program's variable", "[spdlog_level]") {
    fresh_complog env("app.net=DEBUG,*=Warn");
    complog::register_module("app.net");
    complog::init({env.var, "app"});
    CHECK(complog::get_logger("app.net")->level() == lvl::debug);
    CHECK(complog::get_logger("app.db")->level() == lvl::warn);
}
