// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The structured trace channel: layouts, MD5, the file's life (lazy creation, mode, name,
// description record, per-record flush, fork), laziness when off, unwritable values,
// compile scopes, init() reading <VAR>_TRACE. Byte-level PyTorch conformance is
// trace-conformance/ (its own executable).

#include <complog/complog.h>
#include <complog/trace.h>

#include "catch_compat.h"
#include "md5.h"
#include "test_sink.h"
#include "trace_format.h"
#include "trace_testing.h"

#include <unistd.h>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

namespace fs = std::filesystem;
namespace trace = complog::trace;
namespace testing = complog::detail::trace_testing;

namespace {

std::string md5_of(std::string_view text) {
    const auto digest = complog::detail::md5_hex(text);
    return std::string(digest.data(), digest.size());
}

std::string compact(const trace::value& v) {
    fmt::memory_buffer out;
    complog::detail::append_compact_json(out, v);
    return fmt::to_string(out);
}

std::string indent0(const trace::value& v) {
    fmt::memory_buffer out;
    complog::detail::append_indent0_json(out, v);
    return fmt::to_string(out);
}

std::string list_payload(const trace::value& v) {
    fmt::memory_buffer out;
    complog::detail::append_list_payload(out, v);
    return fmt::to_string(out);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// A fresh channel writing into a directory that does not exist yet, fixed clock and pid.
struct trace_fixture {
    fs::path dir;
    explicit trace_fixture(const std::string& name, bool describe = false) {
        dir = fs::temp_directory_path() / ("complog_test_trace." + std::to_string(::getpid())) /
              name / "sub";
        std::error_code ignored;
        fs::remove_all(dir.parent_path(), ignored);
        testing::reset();
        testing::set_clock([] { return std::int64_t{1735787045678500}; });
        testing::set_pid(4242);
        trace::options opts;
        opts.directory = dir.string();
        opts.describe_file = describe;
        trace::start(opts);
    }
    ~trace_fixture() {
        trace::stop();
        testing::reset();
        testing::set_clock({});
        testing::set_pid(0);
        std::error_code ignored;
        fs::remove_all(dir.parent_path(), ignored);
    }
    std::string content() const { return read_file(trace::file_path()); }
};

constexpr const char* header = "V0102 03:04:05.678000 4242 ";

}  // namespace

TEST_CASE("md5 digests", "[trace]") {
    CHECK(md5_of("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(md5_of("abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(md5_of("The quick brown fox jumps over the lazy dog") ==
          "9e107d9d372bb6826bd81d3542a419d6");
    CHECK(md5_of(std::string(1000, 'a')) == "cabe45dcc9ae5b66ba86600cca6b8ba8");
    complog::detail::md5 pieces;  // fed in uneven pieces across block boundaries
    const std::string text(200, 'x');
    for (std::size_t at = 0; at < text.size(); at += 7)
        pieces.update(std::string_view(text).substr(at, 7));
    const auto digest = pieces.hex_digest();
    CHECK(std::string(digest.data(), digest.size()) == md5_of(text));
}

TEST_CASE("trace values: compact, indent 0 and list layouts", "[trace]") {
    const trace::value v = trace::object(
        {{"a", trace::array({1, 2.5, "x", nullptr, true})}, {"b", trace::object({})}, {"c", -7}});
    CHECK(compact(v) == R"({"a": [1, 2.5, "x", null, true], "b": {}, "c": -7})");
    CHECK(indent0(v) == "{\n\"a\": [\n1,\n2.5,\n\"x\",\nnull,\ntrue\n],\n\"b\": {},\n\"c\": -7\n}");
    CHECK(list_payload(trace::array({trace::object({{"k", "\xc3\xa9"}}), trace::array({})})) ==
          "[\n{\"k\": \"\\u00e9\"},\n[]\n]");
    CHECK(list_payload(trace::array({})) == "[\n\n]");
    trace::value o = trace::object({{"k", 1}, {"z", 2}});
    o.set("k", "replaced");  // in place, not appended
    CHECK(compact(o) == R"({"k": "replaced", "z": 2})");
    CHECK(compact(std::uint64_t{18446744073709551615ull}) == "18446744073709551615");
}

TEST_CASE("trace off: nothing is built, no file, ids still counted", "[trace]") {
    testing::reset();
    trace::stop();
    REQUIRE_FALSE(trace::enabled());
    int built = 0;
    CHECK(trace::event(
        "e",
        [&] {
            ++built;
            return trace::object({});
        },
        [&] {
            ++built;
            return "p";
        }));
    trace::artifact("a", "string", [&] {
        ++built;
        return "p";
    });
    trace::dump_file("eval_with_key_1", [&] {
        ++built;
        return "src";
    });
    CHECK(built == 0);
    CHECK(trace::file_path().empty());
    CHECK(trace::intern_string("first") == 0);
    CHECK(trace::intern_string("second") == 1);
    CHECK(trace::intern_string("first") == 0);
    CHECK(trace::intern_string(nullptr) == -1);
    testing::reset();
}

TEST_CASE("trace file: made on the first record, mode 0600, PyTorch's name, flushed per record",
          "[trace]") {
    trace_fixture fixture("file");
    CHECK_FALSE(fs::exists(fixture.dir));  // lazy: nothing until a record
    complog::set_rank(3);
    trace::event(
        "first",
        [] {
            return trace::object({{"n", 1}});
        },
        trace::site{"app.cpp", 10});
    complog::set_rank(-1);
    const std::string path = trace::file_path();
    REQUIRE_FALSE(path.empty());
    CHECK(fs::path(path).parent_path() == fixture.dir);
    CHECK(std::regex_match(fs::path(path).filename().string(),
                           std::regex("dedicated_log_torch_trace_rank_3_[a-z0-9_]{8}\\.log")));
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(fixture.content() ==
          std::string(header) +
              "app.cpp:10] {\"first\": {\"n\": 1}, \"rank\": 3, \"stack\": []}\n");
    trace::event(
        "second", [] { return 5; }, [] { return "a\nb\n"; }, {}, trace::site{"app.cpp", 11});
    CHECK(fixture.content().size() > 0);
    const std::string second = std::string(header) +
                               "app.cpp:11] {\"second\": 5, \"stack\": [], \"has_payload\": \"" +
                               md5_of("a\nb\n") + "\"}\n\ta\n\tb\n\t\n";
    CHECK(fixture.content().substr(fixture.content().size() - second.size()) == second);
    CHECK(trace::statistics().records >= 2);
}

TEST_CASE("trace file: the first record describes the file", "[trace]") {
    trace_fixture fixture("describe", true);
    trace::event(
        "e", [] { return trace::object({}); }, trace::site{"app.cpp", 1});
    const std::string content = fixture.content();
    const auto first_line = content.substr(0, content.find('\n'));
    CHECK(first_line.rfind(std::string(header) + "complog/trace:1] {\"artifact\": {\"name\": "
                                                 "\"complog_process\", \"encoding\": \"json\"}, "
                                                 "\"has_payload\": \"",
                           0) == 0);
    CHECK(content.find("\n\t\"complog_version\": \"") != std::string::npos);
    CHECK(content.find("\n\t\"pid\": 4242,\n") != std::string::npos);
    CHECK(content.find("\n\t\"start_time\": \"2025-01-02T03:04:05.678500Z\",\n") !=
          std::string::npos);
    CHECK(content.find("app.cpp:1] {\"e\": {}, \"stack\": []}\n") != std::string::npos);
}

TEST_CASE("trace: unwritable values are written as strings and counted; reserved names rejected",
          "[trace]") {
    trace_fixture fixture("unwritable");
    const auto before = trace::statistics();
    trace::event(
        "e",
        [] {
            return trace::object({{"x", std::nan("")}, {"s", "bad\xff"}});
        },
        trace::site{"f", 1});
    CHECK(fixture.content() ==
          std::string(header) +
              "f:1] {\"e\": {\"x\": \"NaN\", \"s\": \"bad\\ufffd\"}, \"stack\": []}\n");
    CHECK(trace::statistics().unwritable_values == before.unwritable_values + 2);
    for (const char* reserved : {"rank", "frame_id", "attempt", "thread", "severity"}) {
        CHECK_FALSE(trace::event(reserved, [] { return 1; }));
    }
    CHECK(trace::statistics().rejected == before.rejected + 5);
    CHECK(trace::event("stack", [] { return 1; }));  // not reserved: replaced in place
}

TEST_CASE("trace: compile_scope gives records its ids and the text log its tag", "[trace]") {
    trace_fixture fixture("scope");
    {
        trace::compile_scope outer({{0, 1, std::nullopt}, 0});
        CHECK(complog::current_context() == "0/1");
        {
            trace::compile_scope inner({{2, 0, 5}, 1});
            CHECK(complog::current_context() == "!5/2/0_1");
            trace::event(
                "in", [] { return 1; }, trace::site{"f", 1});
        }
        REQUIRE(trace::current_compile() != nullptr);
        CHECK(trace::current_compile()->id.frame_id == 0);
        trace::event(
            "out", [] { return 2; }, trace::site{"f", 2});
    }
    CHECK(trace::current_compile() == nullptr);
    CHECK(fixture.content() ==
          std::string(header) +
              "f:1] {\"in\": 1, \"compiled_autograd_id\": 5, \"frame_id\": 2, "
              "\"frame_compile_id\": 0, \"attempt\": 1}\n" +
              header +
              "f:2] {\"out\": 2, \"frame_id\": 0, \"frame_compile_id\": 1, \"attempt\": 0}\n");
}

TEST_CASE("trace: an artifact goes to the text log, the trace, or both, built once", "[trace]") {
    trace_fixture fixture("artifact");
    auto sink = std::make_shared<complog::test::recording_sink>();
    auto text = std::make_shared<spdlog::logger>("test_trace_artifact", sink);
    text->set_level(spdlog::level::debug);
    int built = 0;
    trace::artifact(
        "graph", "json",
        [&] {
            ++built;
            return trace::object({{"nodes", 3}});
        },
        text.get(), {}, trace::site{"f", 1});
    CHECK(built == 1);
    REQUIRE(sink->size() == 1);
    CHECK(sink->records()[0].text == "graph: {\n\"nodes\": 3\n}");
    CHECK(fixture.content().find("{\"artifact\": {\"name\": \"graph\", \"encoding\": \"json\"}") !=
          std::string::npos);
    trace::stop();
    text->set_level(spdlog::level::info);
    trace::artifact(
        "graph", "json",
        [&] {
            ++built;
            return 1;
        },
        text.get());
    CHECK(built == 1);  // neither wants it
}

TEST_CASE("trace: a forked child writes its own file, never its parent's bytes", "[trace]") {
    trace_fixture fixture("fork");
    testing::set_pid(0);  // real pids, so parent and child differ
    trace::event(
        "parent_before", [] { return 1; }, trace::site{"f", 1});
    const std::int64_t parent_id = trace::intern_string("/parent/file.cpp");
    const std::string parent_path = trace::file_path();
    const pid_t child = ::fork();
    if (child == 0) {
        trace::event(
            "child", [] { return 2; }, trace::site{"f", 2});
        const bool own_file = trace::file_path() != parent_path;
        const std::string content = read_file(trace::file_path());
        const bool only_child = content.find("parent_before") == std::string::npos &&
                                content.find("\"child\": 2") != std::string::npos;
        // The parent's ids stay valid: the child's file starts with their str records.
        const bool table = content.find("{\"str\": [\"/parent/file.cpp\", " +
                                        std::to_string(parent_id) + "]}") != std::string::npos &&
                           trace::intern_string("/parent/file.cpp") == parent_id;
        ::_exit(own_file && only_child && table ? 0 : 1);
    }
    REQUIRE(child > 0);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    trace::event(
        "parent_after", [] { return 3; }, trace::site{"f", 3});
    const std::string content = read_file(parent_path);
    CHECK(content.find("parent_before") != std::string::npos);
    CHECK(content.find("parent_after") != std::string::npos);
    CHECK(content.find("\"child\"") == std::string::npos);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(fixture.dir)) ++files;
    CHECK(files == 2);
}

TEST_CASE("trace: an unwritable directory is reported once, no throw", "[trace]") {
    testing::reset();
    const auto before = trace::statistics();
    trace::options opts;
    opts.directory = "/proc/complog_cannot_make_this";
    trace::start(opts);
    CHECK(trace::event("e", [] { return 1; }));
    CHECK(trace::event("e", [] { return 1; }));
    CHECK(trace::statistics().write_errors == before.write_errors + 1);
    CHECK(trace::file_path().empty());
    trace::stop();
    testing::reset();
}

TEST_CASE("trace: init() reads <VAR>_TRACE (TRACETEST_LOGS_TRACE), else options::trace_dir",
          "[trace]") {
    testing::reset();
    const fs::path dir =
        fs::temp_directory_path() / ("complog_test_trace_init." + std::to_string(::getpid()));
    ::setenv("TRACETEST_LOGS_TRACE", dir.c_str(), 1);
    complog::init({"TRACETEST_LOGS", ""});
    CHECK(trace::enabled());
    trace::event("e", [] { return 1; });
    CHECK(fs::path(trace::file_path()).parent_path() == dir);
    ::unsetenv("TRACETEST_LOGS_TRACE");
    trace::stop();
    complog::options opts;
    opts.env_var = "TRACETEST_LOGS";
    opts.trace_dir = (dir / "from_options").string();
    complog::init(opts);
    CHECK(trace::enabled());
    trace::stop();
    complog::reset();
    testing::reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

TEST_CASE(
    "trace: the channel an init() started ends with an init() without a directory or "
    "reset(); one the program started stays",
    "[trace]") {
    testing::reset();
    const fs::path dir =
        fs::temp_directory_path() / ("complog_test_trace_reinit." + std::to_string(::getpid()));
    complog::options with_dir;
    with_dir.env_var = "TRACETEST_LOGS";
    with_dir.trace_dir = dir.string();
    complog::options without_dir;
    without_dir.env_var = "TRACETEST_LOGS";

    complog::init(with_dir);
    CHECK(trace::enabled());
    complog::init(without_dir);
    CHECK_FALSE(trace::enabled());

    complog::init(with_dir);
    CHECK(trace::enabled());
    complog::reset();
    CHECK_FALSE(trace::enabled());

    trace::options by_program;
    by_program.directory = dir.string();
    const auto program_channel_survives_init_and_reset = [&] {
        complog::init(without_dir);
        CHECK(trace::enabled());
        complog::reset();
        CHECK(trace::enabled());
        trace::stop();
    };
    trace::start(by_program);
    program_channel_survives_init_and_reset();

    // The program's start() after an init() that started the channel: the program's now.
    complog::init(with_dir);
    trace::start(by_program);
    program_channel_survives_init_and_reset();
    testing::reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

TEST_CASE("trace: a span writes begin and end chromium events", "[trace]") {
    trace_fixture fixture("span");
    {
        trace::compile_scope compiling({{1, 2, std::nullopt}, 0});
        trace::span timed(
            "step",
            [] {
                return trace::object({{"n", 1}});
            },
            "dynamo_timed", trace::site{"f", 7});
    }
    const std::string begin =
        "{\n\"name\": \"step\",\n\"ts\": 1735787045678500.0,\n\"args\": {\n"
        "\"n\": 1,\n\"compile_id\": \"1/2\"\n},\n\"ph\": \"B\",\n"
        "\"cat\": \"dynamo_timed\",\n\"tid\": ";
    const std::string content = fixture.content();
    CHECK(content.rfind(std::string(header) +
                            "f:7] {\"chromium_event\": {}, \"frame_id\": 1, \"frame_compile_id\": "
                            "2, \"attempt\": 0, \"has_payload\": \"",
                        0) == 0);
    std::string unindented;  // the payload lines without their TABs
    for (std::size_t at = content.find("\n\t"); at != std::string::npos;
         at = content.find("\n\t", at + 1)) {
        const auto end = content.find('\n', at + 1);
        unindented += content.substr(at + 2, end - at - 2) + "\n";
    }
    CHECK(unindented.find(begin) == 0);
    CHECK(unindented.find("\"ph\": \"E\"") != std::string::npos);
    trace::stop();
    int built = 0;
    trace::span off("off", [&] {
        ++built;
        return trace::object({});
    });
    CHECK(built == 0);
}

TEST_CASE("trace: strings interned while off are written at the top of the file", "[trace]") {
    trace_fixture fixture("early");
    trace::stop();
    CHECK(trace::intern_string("early.cpp") == 0);
    trace::options opts;
    opts.directory = fixture.dir.string();
    opts.describe_file = false;
    opts.string_table_site = {"s", 1};
    trace::start(opts);
    trace::event_options with_stack;
    with_stack.stack = {{"early.cpp", 3, "f", "x"}};
    trace::event(
        "e", [] { return 1; }, [] { return nullptr; }, with_stack, trace::site{"f", 2});
    CHECK(fixture.content() == std::string(header) + "s:1] {\"str\": [\"early.cpp\", 0]}\n" +
                                   header +
                                   "f:2] {\"e\": 1, \"stack\": [{\"line\": 3, \"name\": \"f\", "
                                   "\"filename\": 0, \"loc\": \"x\"}]}\n");
}

TEST_CASE("trace: compile scopes may end out of order", "[trace]") {
    auto outer = std::make_unique<trace::compile_scope>(trace::compile_context{{1, 0, {}}, 0});
    {
        trace::compile_scope inner({{2, 0, {}}, 0});
        outer.reset();  // ends first
        REQUIRE(trace::current_compile() != nullptr);
        CHECK(trace::current_compile()->id.frame_id == 2);
    }
    CHECK(trace::current_compile() == nullptr);
}

TEST_CASE("trace: a value nested past the depth limit is a string, not a stack overflow",
          "[trace]") {
    const auto nested = [](std::size_t depth) {
        trace::value v = trace::value::make_array();
        for (std::size_t i = 1; i < depth; ++i) {
            trace::value outer = trace::value::make_array();
            outer.push_back(std::move(v));
            v = std::move(outer);
        }
        return v;
    };
    const std::size_t limit = complog::detail::max_json_depth;
    CHECK(compact(nested(limit)) == std::string(limit, '[') + std::string(limit, ']'));
    CHECK(compact(nested(limit + 1)) ==
          std::string(limit, '[') + "\"<nested too deep>\"" + std::string(limit, ']'));

    // In a record too (the recursive writer overflowed an 8 MB stack at about 50,000 levels).
    trace_fixture fixture("deep");
    const auto before = trace::statistics();
    trace::value deep = nested(20000);
    trace::event(
        "deep", [] { return trace::object({}); }, [&] { return std::move(deep); },
        trace::site{"f", 1});
    const std::string content = fixture.content();
    CHECK(content.find("[[\"<nested too deep>\"]]") != std::string::npos);
    CHECK(trace::statistics().unwritable_values == before.unwritable_values + 1);
}

TEST_CASE("trace: destroying a value nested 300,000 deep does not recurse", "[trace]") {
    // Before ~value() took nested values apart iteratively, this overflowed the stack.
    trace::value v = trace::value::make_object();
    for (int i = 0; i < 300000; ++i) {
        trace::value outer = i % 2 ? trace::value::make_array() : trace::value::make_object();
        if (i % 2) {
            outer.push_back(std::move(v));
        } else {
            outer.set("k", std::move(v));
        }
        v = std::move(outer);
    }
    CHECK(v.type() == trace::value::kind::array);
}

TEST_CASE("trace: a callable that throws gives a string naming the exception, never a throw",
          "[trace]") {
    trace_fixture fixture("throwing");
    const auto before = trace::statistics();
    const auto boom = []() -> trace::value { throw std::runtime_error("boom"); };
    CHECK_NOTHROW(trace::event("e", boom, trace::site{"f", 1}));
    CHECK_NOTHROW(trace::event(
        "p", [] { return trace::object({}); }, []() -> std::string { throw 42; },
        trace::site{"f", 2}));
    CHECK_NOTHROW(trace::artifact("a", "string", boom, nullptr, trace::site{"f", 3}));
    CHECK_NOTHROW(trace::dump_file("eval_with_key_1", boom, trace::site{"f", 4}));
    CHECK_NOTHROW(trace::span("s", boom, "complog", trace::site{"f", 5}));
    const std::string content = fixture.content();
    CHECK(content.find("f:1] {\"e\": \"<exception: boom>\", \"stack\": []}\n") !=
          std::string::npos);
    CHECK(content.find("f:2] {\"p\": {}, \"stack\": [], \"has_payload\": \"" +
                       md5_of("<exception>") + "\"}\n\t<exception>\n") != std::string::npos);
    CHECK(content.find("f:3] {\"artifact\": {\"name\": \"a\", \"encoding\": \"string\"}") !=
          std::string::npos);
    CHECK(content.find("f:4] {\"dump_file\": {\"name\": \"eval_with_key_1\"}") !=
          std::string::npos);
    CHECK(trace::statistics().unwritable_values == before.unwritable_values + 5);
}

TEST_CASE("trace: after a write cut short (a full disk), the next record starts a line",
          "[trace]") {
    trace_fixture fixture("torn");
    trace::event(
        "first", [] { return 1; }, trace::site{"f", 1});
    const auto before = trace::statistics();
    // A file size limit stands in for a full disk: write(2) stops inside the next record.
    struct rlimit saved {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    struct rlimit limited = saved;
    limited.rlim_cur = static_cast<rlim_t>(fs::file_size(trace::file_path()) + 60);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
    trace::event(
        "torn", [] { return std::string(100, 'x'); }, trace::site{"f", 2});
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
    CHECK(trace::statistics().write_errors == before.write_errors + 1);
    trace::event(
        "after", [] { return 3; }, trace::site{"f", 3});
    const std::string content = fixture.content();
    CHECK(content.find(std::string("xxx\n") + header + "f:3] {\"after\": 3") != std::string::npos);
}
