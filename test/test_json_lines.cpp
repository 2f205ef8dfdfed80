// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// JSON lines (<VAR>_FORMAT=json): every line is read back by jq and by Python's json.

#include <complog/complog.h>

#include "catch_compat.h"
#include "test_sink.h"

#include <spdlog/async.h>
#include <spdlog/sinks/base_sink.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <mutex>
#include <string>
#include <thread>

namespace {

using complog::kv;
using complog::test::fresh_complog;
using complog::test::scoped_env;

std::string run(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        std::size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
        if (pclose(pipe) != 0) out += "<exit status not 0>";
    }
    return out;
}

// Keeps what its formatter (complog's, set by set_sinks) writes.
class text_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::string text() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return text_;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t out;
        formatter_->format(msg, out);
        text_.append(out.data(), out.size());
    }
    void flush_() override {}

private:
    std::string text_;
};

// complog with TEST_LOGS_FORMAT=json, writing to a text_sink.
struct json_env {
    explicit json_env(std::string spec = "+all") : env(std::move(spec)) {
        complog::register_component("net", {"app.net", "app.rpc"});
        complog::register_artifact({"wire", "bytes on the wire", true, false});
        complog::set_sinks({sink});
        complog::init({fresh_complog::var, "app"});
    }
    // The lines written so far, in a file, for jq and python3.
    std::string file() {
        const auto path = "/tmp/complog_test_json_" + std::to_string(getpid()) + ".jsonl";
        std::ofstream(path) << sink->text();
        return path;
    }
    scoped_env format{"TEST_LOGS_FORMAT", std::string("json")};
    fresh_complog env;
    std::shared_ptr<text_sink> sink = std::make_shared<text_sink>();
};

// Each object, keys sorted, without the keys that change from run to run (or compiler).
constexpr const char* python_dump =
    "python3 -c 'import json, sys\n"
    "for line in open(sys.argv[1]):\n"
    "    o = json.loads(line)\n"
    "    assert isinstance(o.pop(\"pid\"), int) and isinstance(o.pop(\"thread\"), int)\n"
    "    assert o.pop(\"time\").endswith(\"Z\")\n"
    "    assert \"file\" not in o or isinstance(o.pop(\"line\"), int)\n"
    "    print(json.dumps(o, sort_keys=True))' ";

}  // namespace

TEST_CASE("JSON lines: reserved keys, then typed fields, read by jq and Python", "[json_lines]") {
    json_env t;
    const auto net = complog::get_logger("app.net.http");
    const auto wire = complog::get_artifact_logger("app.net", "wire");
    const auto other = complog::get_logger("app.other");
    complog::set_rank(2);
    {
        const complog::context_scope scope("0/1");
        COMPLOG_INFO(net, "sent {}", 5, kv("peer", "a"), kv("bytes", 5), kv("ok", true),
                     kv("ratio", 0.5), kv("big", ~0ull), kv("nan", std::nan("")));
    }
    complog::set_rank(-1);
    COMPLOG_WARN(other, "two\nlines \"quoted\" caf\xc3\xa9\t\x01\n", kv("level", "mine"),
                 kv("message", 1), kv("x", -7));
    COMPLOG_ARTIFACT(wire, "{}", "00 01");
    other->error("no location");

    const auto path = t.file();
    CHECK(run("jq -c . < " + path + " | wc -l") == "4\n");
    CHECK(run("jq -r '[.message, .peer, (.bytes|type), (.ok|type), .level] | @tsv' < " + path +
              " | head -1") == "sent 5\ta\tnumber\tboolean\tINFO\n");
    CHECK(
        run(python_dump + path) ==
        fmt::format(
            "{{\"big\": 18446744073709551615, \"bytes\": 5, \"component\": \"net\", \"context\": "
            "\"0/1\", \"file\": \"test/test_json_lines.cpp\", \"level\": \"INFO\", "
            "\"logger\": \"app.net.http\", \"message\": \"sent 5\", \"nan\": \"NaN\", \"ok\": "
            "true, \"peer\": \"a\", \"rank\": 2, \"ratio\": 0.5}}\n"
            "{{\"fields.level\": \"mine\", \"fields.message\": 1, \"file\": "
            "\"test/test_json_lines.cpp\", \"level\": \"WARNING\", \"logger\": "
            "\"app.other\", \"message\": \"two\\nlines \\\"quoted\\\" caf\\u00e9\\t\\u0001\", "
            "\"x\": -7}}\n"
            "{{\"artifact\": \"wire\", \"component\": \"net\", \"file\": "
            "\"test/test_json_lines.cpp\", \"level\": \"DEBUG\", \"logger\": "
            "\"app.net.__wire\", \"message\": \"00 01\"}}\n"
            "{{\"level\": \"ERROR\", \"logger\": \"app.other\", \"message\": \"no location\"}}\n"));
    std::remove(path.c_str());
}

TEST_CASE("JSON lines: keys in the documented order, one line per record", "[json_lines]") {
    json_env t;
    complog::set_rank(0);
    {
        const complog::context_scope scope("1/0");
        COMPLOG_INFO(complog::get_logger("app.rpc"), "a\nb", kv("k", "v"));
    }
    complog::set_rank(-1);
    const auto text = t.sink->text();
    REQUIRE(!text.empty());
    CHECK(std::count(text.begin(), text.end(), '\n') == 1);
    CHECK(run("jq -r 'keys_unsorted | join(\",\")' < " + t.file()) ==
          "time,level,logger,component,rank,pid,thread,file,line,context,message,k\n");
}

TEST_CASE("_FORMAT=json selects JSON lines, not a spdlog pattern", "[json_lines]") {
    json_env t;
    complog::get_logger("app.x")->warn("w");
    CHECK(t.sink->text().rfind("{\"time\":\"", 0) == 0);
}

TEST_CASE(
    "JSON lines through asynchronous loggers: complog's keep fields typed, spdlog's "
    "carry their text",
    "[json_lines][async]") {
    json_env t;
    const auto log = complog::get_async_logger("app.net.async");
    {
        const complog::context_scope scope("3/0");
        COMPLOG_INFO(log, "sent {}", 5, kv("bytes", 5));
    }
    auto pool = std::make_shared<spdlog::details::thread_pool>(64, 1);
    {
        auto foreign =
            std::make_shared<spdlog::async_logger>("app.net.spdlog_async", complog::sink(), pool);
        foreign->set_level(spdlog::level::trace);
        const complog::context_scope scope("4/0");
        COMPLOG_INFO(foreign, "sent {}", 6, kv("bytes", 6));
    }
    pool.reset();  // joins its thread: the spdlog record is written
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    const auto written = [&] {
        const auto text = t.sink->text();
        return std::count(text.begin(), text.end(), '\n');
    };
    while (written() < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
    }
    CHECK(run("jq -c -S '[.logger, .context, .message, .bytes]' < " + t.file() + " | sort") ==
          "[\"app.net.async\",\"3/0\",\"sent 5\",5]\n"
          "[\"app.net.spdlog_async\",null,\"sent 6 bytes=6\",null]\n");
}
