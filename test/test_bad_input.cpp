// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Bad input: what complog does with hostile or broken specs, names, companion
// variables and environments. Each test states the expected outcome; none may
// crash, hang, or let an exception escape a log call.

#include "catch_compat.h"
#include "internal.h"
#include "sanitizers.h"
#include "stderr_capture.h"
#include "test_sink.h"

#include <spdlog/sinks/ostream_sink.h>

#include <malloc.h>
#include <unistd.h>

#include <sys/stat.h>

#if COMPLOG_TEST_SANITIZED
#include <sanitizer/allocator_interface.h>
#endif

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace {

using complog::init_result;
using complog::test::contains;
using complog::test::fresh_complog;
using complog::test::occurrences;
using complog::test::scoped_env;
using complog::test::stderr_capture;

// A scratch directory removed (permissions restored first) at the end of the scope.
class scratch_dir {
public:
    scratch_dir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "complog-XXXXXX").string();
        if (mkdtemp(pattern.data()) != nullptr) path = pattern;
    }
    ~scratch_dir() {
        std::error_code ignored;
        std::filesystem::permissions(path, std::filesystem::perms::owner_all, ignored);
        std::filesystem::remove_all(path, ignored);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;

    std::filesystem::path path;
};

void register_names() {
    complog::register_component("net", {"app.net", "app.rpc"});
    complog::register_component("db", {"app.db"});
    complog::register_artifact({"wire", "bytes on the wire"});
    complog::register_artifact({"graph", "graphs", true, /*off_by_default*/ true});
}

// init() with TEST_LOGS=`spec` (set by fresh_complog) and the test registry.
init_result init_with_names() {
    register_names();
    return complog::init({fresh_complog::var, "app"});
}

bool logs_at(const std::shared_ptr<spdlog::logger>& logger, spdlog::level::level_enum lvl) {
    return logger->should_log(lvl);
}

// True when `text` holds no byte below 0x20 other than '\n' (and no DEL): an error
// message must not carry raw control characters (or NULs) from the input to a terminal.
bool printable_lines(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n') || byte == 0x7f) return false;
    }
    return true;
}

std::string spec_error_of(std::string_view spec) {
    try {
        complog::detail::parse_spec(spec);
    } catch (const complog::spec_error& e) {
        return e.what();
    }
    return {};
}

// Bytes currently allocated with malloc/new (the sanitizers replace glibc's malloc).
long long allocated_bytes() {
#if COMPLOG_TEST_SANITIZED
    return static_cast<long long>(__sanitizer_get_current_allocated_bytes());
#else
    return static_cast<long long>(mallinfo2().uordblks);
#endif
}

}  // namespace

TEST_CASE("an empty TEST_LOGS means the defaults, and set_logs is ignored", "[bad_input]") {
    fresh_complog env("");
    stderr_capture err;
    CHECK(init_with_names().outcome == init_result::status::unset);
    const auto net = complog::get_logger("app.net");
    CHECK_FALSE(logs_at(net, spdlog::level::info));
    CHECK(logs_at(net, spdlog::level::warn));
    // The variable is set (to nothing): it owns the settings.
    CHECK_FALSE(complog::set_logs("+net"));
    CHECK_FALSE(logs_at(net, spdlog::level::debug));
    CHECK(occurrences(err.text(), "ignoring calls to set_logs") == 1);
}

TEST_CASE("an empty spec passed to set_logs restores the defaults", "[bad_input]") {
    fresh_complog env;
    init_with_names();
    const auto net = complog::get_logger("app.net");
    REQUIRE(complog::set_logs("+net"));
    CHECK(logs_at(net, spdlog::level::debug));
    CHECK(complog::set_logs(""));
    CHECK_FALSE(logs_at(net, spdlog::level::info));
    CHECK(complog::detail::parse_spec("").items.empty());
}

TEST_CASE("a whitespace-only spec is rejected and the defaults are used", "[bad_input]") {
    for (const char* spec : {" ", "\t", "  \n ", " , "}) {
        INFO("spec '" << spec << "'");
        CHECK_THROWS_AS(complog::detail::parse_spec(spec), complog::spec_error);
        fresh_complog env(spec);
        stderr_capture err;
        const auto result = init_with_names();
        CHECK(result.outcome == init_result::status::invalid);
        CHECK(result.message.find("whitespace") != std::string::npos);
        CHECK(err.text().find("Continuing with the default settings") != std::string::npos);
        CHECK_FALSE(logs_at(complog::get_logger("app.net"), spdlog::level::info));
    }
}

TEST_CASE("a 1 MB spec is accepted in bounded memory", "[bad_input]") {
    std::string spec;
    while (spec.size() < (1u << 20)) spec += "+net,-db,wire,";
    spec += "graph";
    fresh_complog env(spec);
    const auto before = allocated_bytes();
    // Its cost is measured by bench/ (parse_spec_validate), not timed here.
    CHECK(init_with_names().outcome == init_result::status::applied);
    // What the settings keep: a few hundred bytes per item is fine (75K items); a copy
    // of the spec per item is not.
    const auto held = allocated_bytes() - before;
    INFO("bytes held: " << held);
    CHECK(held < 64 * 1024 * 1024);
    CHECK(logs_at(complog::get_logger("app.net"), spdlog::level::debug));
    CHECK(logs_at(complog::get_artifact_logger("app", "graph"), spdlog::level::debug));
}

TEST_CASE("a 1 MB spec that is wrong at its end is rejected at its end", "[bad_input]") {
    std::string spec;
    while (spec.size() < (1u << 20)) spec += "+net,";
    spec += "+nett";
    try {
        complog::detail::validate(
            [] {
                complog::detail::registry reg;
                reg.set_root("app");
                reg.add_component("net", {"app.net"});
                return reg;
            }(),
            complog::detail::parse_spec(spec), spec);
        FAIL("accepted");
    } catch (const complog::spec_error& e) {
        CHECK(e.item() == "nett");
        CHECK(e.suggestion() == "net");
        CHECK(e.position() == spec.size() - 5);
        // The error shows the spec around the problem, not all of it.
        CHECK(std::string_view(e.what()).size() < 4096);
    }
}

TEST_CASE("NUL bytes inside a spec are rejected with an escaped message", "[bad_input]") {
    const std::string spec("+net\0,wire", 10);
    try {
        complog::detail::parse_spec(spec);
        FAIL("accepted");
    } catch (const complog::spec_error& e) {
        CHECK(e.position() == 4);
        const std::string_view what = e.what();
        CHECK(what.find("\\x00") != std::string_view::npos);
        CHECK(printable_lines(what));
    }
    fresh_complog env;
    init_with_names();
    REQUIRE(complog::set_logs("+db"));
    CHECK_THROWS_AS(complog::set_logs(spec), complog::spec_error);
    // The previous settings stay.
    CHECK(logs_at(complog::get_logger("app.db"), spdlog::level::debug));
}

TEST_CASE("invalid UTF-8 in a spec is rejected at the bad byte", "[bad_input]") {
    const std::pair<std::string, std::size_t> cases[] = {
        {"+n\xff"
         "et",
         2},                      // never valid in UTF-8
        {"net,\xc0\xaf", 4},      // overlong '/'
        {"+\xed\xa0\x80", 1},     // a UTF-16 surrogate
        {"net,wire\xe2\x82", 8},  // truncated at the end
        {"\x80net", 0},           // a lone continuation byte
    };
    for (const auto& [spec, position] : cases) {
        INFO("position " << position);
        try {
            complog::detail::parse_spec(spec);
            FAIL("accepted");
        } catch (const complog::spec_error& e) {
            CHECK(e.position() == position);
            CHECK(std::string_view(e.what()).find("invalid UTF-8") != std::string_view::npos);
            CHECK(printable_lines(e.what()));
        }
    }
}

TEST_CASE("control characters in a spec are rejected and escaped in the message", "[bad_input]") {
    const std::pair<const char*, const char*> cases[] = {{"+net\x1b[31m", "+net\\x1b[31m"},
                                                         {"net,\x01wire", "net,\\x01wire"},
                                                         {"net\r", "net\\x0d"},
                                                         {"+net\n", "+net\\n"},
                                                         {"\x7f", "\\x7f"}};
    for (const auto& [spec, shown] : cases) {
        const auto message = spec_error_of(spec);
        INFO("message: " << message);
        // The spec is quoted escaped, the caret under the offending byte.
        CHECK(message.find("\n  " + std::string(shown) + "\n") != std::string::npos);
        CHECK(printable_lines(message));
    }
    // Whitespace, newlines included, is fine right after a comma.
    CHECK(complog::detail::parse_spec("+net,\n\t wire").items.size() == 2);
}

TEST_CASE("control characters in a set_logs name are escaped in the message", "[bad_input]") {
    // A name read from outside (a config file) must not carry a terminal escape or a NUL
    // into stderr.
    fresh_complog env;
    init_with_names();
    try {
        complog::set_logs(
            complog::log_settings{}.set(std::string("n\x1b[2J\0et", 8), spdlog::level::debug));
        FAIL("accepted");
    } catch (const complog::spec_error& e) {
        CHECK(printable_lines(e.what()));
    }
}

TEST_CASE("10,000 items of repeated aliases are accepted", "[bad_input]") {
    std::string spec;
    for (int i = 0; i < 10000; ++i) spec += i % 2 ? "-net," : "+net,";
    spec += "wire,db";
    const auto parsed = complog::detail::parse_spec(spec);
    CHECK(parsed.items.size() == 10002);
    fresh_complog env(spec);
    CHECK(init_with_names().outcome == init_result::status::applied);
    // The last `net` item wins: "-net" (item 10000).
    const auto net = complog::get_logger("app.net");
    CHECK(logs_at(net, spdlog::level::err));
    CHECK_FALSE(logs_at(net, spdlog::level::warn));
    CHECK(logs_at(complog::get_logger("app.db"), spdlog::level::info));
}

TEST_CASE("a 64 KB unknown name is reported with a bounded message", "[bad_input]") {
    const std::string name(64 * 1024, 'n');
    fresh_complog env(name);
    stderr_capture err;
    const auto result = init_with_names();
    CHECK(result.outcome == init_result::status::applied);  // kept until registered
    // The name's first 80 bytes and its size, not the whole name.
    CHECK(contains(err.text(), "unknown name '" + std::string(80, 'n') + "...' (65536 bytes)"));
    CHECK(err.text().size() < 4096);
}

TEST_CASE("a 64 KB name is not printed whole in the error", "[bad_input]") {
    // One bad 64 KB item must not become a 64 KB line on stderr.
    const std::string name(64 * 1024, 'n');
    fresh_complog env(name);
    stderr_capture err;
    const auto result = init_with_names();
    CHECK(result.message.size() < 4096);
}

TEST_CASE("a 64 KB registered name works like any other", "[bad_input]") {
    const std::string alias(64 * 1024, 'a');
    const std::string module = "app." + std::string(64 * 1024, 'm');
    fresh_complog env;
    init_with_names();
    complog::register_component(alias, {module});
    const auto logger = complog::get_logger(module);
    REQUIRE(complog::set_logs("+" + alias));
    CHECK(logs_at(logger, spdlog::level::debug));
    CHECK(logger->name() == module);
}

TEST_CASE("a deeply dotted name costs linear memory", "[bad_input]") {
    // Each ancestor once held its own copy of the name: O(N^2) bytes for N dots, and one
    // recursion per dot. get_logger, register_module and lenient specs all reach it.
    std::string name = "app";
    while (name.size() < 16 * 1024) name += ".m";
    const auto before = allocated_bytes();
    complog::detail::registry reg;
    reg.intern(name);
    const auto used = allocated_bytes() - before;
    INFO("bytes held: " << used);
    CHECK(used < 4 * 1024 * 1024);
}

TEST_CASE("a 256 KB dotted name is interned without deep recursion", "[bad_input]") {
    std::string name = "app";
    while (name.size() < 256 * 1024) name += ".m";
    complog::detail::registry reg;
    const auto id = reg.intern(name);
    CHECK(reg.at(id).name == name);
    CHECK(reg.find(name) == id);
    CHECK_FALSE(reg.under_sink_owner(name));
}

TEST_CASE("a name given twice: the later item wins", "[bad_input]") {
    fresh_complog env("+net,-net,wire,wire,db,+db");
    CHECK(init_with_names().outcome == init_result::status::applied);
    const auto net = complog::get_logger("app.net");
    CHECK(logs_at(net, spdlog::level::err));
    CHECK_FALSE(logs_at(net, spdlog::level::warn));
    CHECK(logs_at(complog::get_logger("app.db"), spdlog::level::debug));
    CHECK(logs_at(complog::get_artifact_logger("app.net", "wire"), spdlog::level::debug));
}

TEST_CASE("an unknown artifact asked for by code throws, listing the registered ones",
          "[bad_input]") {
    fresh_complog env;
    init_with_names();
    try {
        complog::get_artifact_logger("app.net", "wires");
        FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        const std::string_view what = e.what();
        CHECK(what.find("'wires'") != std::string_view::npos);
        CHECK(what.find("'wire', 'graph") != std::string_view::npos);
    }
    complog::reset();
    CHECK_THROWS_AS(complog::get_artifact_logger("app", "wire"), std::invalid_argument);
}

TEST_CASE("registering an alias or an artifact twice replaces it", "[bad_input]") {
    fresh_complog env;
    init_with_names();
    complog::register_component("net", {"app.transport"});
    complog::register_artifact({"wire", "second description"});
    REQUIRE(complog::set_logs("+net"));
    CHECK(logs_at(complog::get_logger("app.transport"), spdlog::level::debug));
    // app.net and app.rpc are no longer `net`: they follow `all` (warning).
    CHECK_FALSE(logs_at(complog::get_logger("app.net"), spdlog::level::info));
    CHECK_FALSE(logs_at(complog::get_logger("app.rpc"), spdlog::level::info));
    const auto listing = complog::help(true);
    CHECK(occurrences(listing, "second description") == 1);
    CHECK(occurrences(listing, "bytes on the wire") == 0);
    CHECK(occurrences(listing, "app.transport") >= 1);
}

namespace {

// init() with TEST_LOGS_OUT=`path`; checks that the problem is reported once and that
// records still reach the console sink with no exception escaping a log call.
void check_unusable_out(const std::string& path, std::string_view expected_reason) {
    fresh_complog env("+net");
    scoped_env out(std::string(fresh_complog::var) + "_OUT", path);
    stderr_capture err;
    CHECK(init_with_names().outcome == init_result::status::applied);
    const auto net = complog::get_logger("app.net");
    CHECK_NOTHROW(net->debug("still logged"));
    CHECK_NOTHROW(net->flush());
    const auto text = err.text();
    INFO("stderr: " << text);
    CHECK(occurrences(text, "TEST_LOGS_OUT: cannot open") == 1);
    CHECK(text.find(expected_reason) != std::string::npos);
    CHECK(env.sink->size() == 1);
}

}  // namespace

TEST_CASE("an _OUT path in a missing directory is reported; the console still works",
          "[bad_input]") {
    scratch_dir dir;
    check_unusable_out((dir.path / "missing" / "out.txt").string(), "No such file or directory");
    CHECK_FALSE(std::filesystem::exists(dir.path / "missing"));
}

TEST_CASE("an _OUT path that is a directory is reported; the console still works", "[bad_input]") {
    scratch_dir dir;
    check_unusable_out(dir.path.string(), "Is a directory");
}

TEST_CASE("an _OUT path in an unwritable directory is reported; the console still works",
          "[bad_input]") {
    if (geteuid() == 0) {
        // Root ignores file permissions, but sysfs lets no one create a file.
        REQUIRE(std::filesystem::is_directory("/sys"));
        check_unusable_out("/sys/complog_out.txt", "Permission denied");
        return;
    }
    scratch_dir dir;
    REQUIRE(chmod(dir.path.c_str(), 0) == 0);
    check_unusable_out((dir.path / "out.txt").string(), "Permission denied");
}

TEST_CASE("_OUT=/dev/full: one error reported, records still reach the console", "[bad_input]") {
    if (!std::filesystem::exists("/dev/full")) {
        WARN("skipped: no /dev/full");
        return;
    }
    fresh_complog env("+net");
    scoped_env out(std::string(fresh_complog::var) + "_OUT", "/dev/full");
    stderr_capture err;
    CHECK(init_with_names().outcome == init_result::status::applied);
    const auto net = complog::get_logger("app.net");
    // Far more than stdio's buffer, so writes fail, not just the final flush.
    const std::string payload(200, 'x');
    for (int i = 0; i < 1000; ++i) CHECK_NOTHROW(net->debug("{} {}", i, payload));
    CHECK_NOTHROW(net->flush());
    const auto text = err.text();
    INFO("stderr: " << text);
    CHECK(occurrences(text, "complog: ") == 1);
    CHECK(text.find("No space left on device") != std::string::npos);
    CHECK(env.sink->size() == 1000);
}

TEST_CASE("an invalid _FORMAT is reported and the default format used", "[bad_input]") {
    for (const char* format : {"%Q", "%(bogus)s", "%", "%(levelname", "%(name)"}) {
        INFO("format '" << format << "'");
        fresh_complog env("+net");
        scoped_env fmt_var(std::string(fresh_complog::var) + "_FORMAT", format);
        std::ostringstream text;
        complog::set_sinks({std::make_shared<spdlog::sinks::ostream_sink_mt>(text)});
        stderr_capture err;
        CHECK(init_with_names().outcome == init_result::status::applied);
        complog::get_logger("app.net")->info("hello");
        const auto reported = err.text();
        CHECK(occurrences(reported, "TEST_LOGS_FORMAT: invalid format") == 1);
        CHECK(reported.find("using the default format") != std::string::npos);
        // The default record: "I<MMDD HH:MM:SS.ffffff> <pid> ?:0] hello".
        const auto line = text.str();
        REQUIRE(line.size() > 2);
        CHECK(line[0] == 'I');
        CHECK(line.find("?:0] hello") != std::string::npos);
    }
}

TEST_CASE("help in a program without a terminal returns the listing", "[bad_input]") {
    for (const char* request : {"help", "+help"}) {
        INFO(request);
        fresh_complog env(request);
        stderr_capture err;  // stderr is a file now, not a terminal
        const auto result = init_with_names();
        CHECK(result.outcome == init_result::status::help);
        CHECK(result.message.rfind("TEST_LOGS help\n", 0) == 0);
        CHECK(result.message.find("\n    app.net ") != std::string::npos);  // under app
        CHECK(result.message.find("\n  wire ") != std::string::npos);
        // Printed once, as returned, with no terminal codes.
        const auto printed = err.text();
        CHECK(occurrences(printed, result.message) == 1);
        CHECK(printed.find('\x1b') == std::string::npos);
        // Default settings, and logging works.
        const auto net = complog::get_logger("app.net");
        CHECK_FALSE(logs_at(net, spdlog::level::info));
        CHECK_NOTHROW(net->warn("after help"));
        CHECK(env.sink->size() == 1);
    }
}
