// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// What complog_bench and complog_cg_driver share: the "format sink", the loggers of
// each hot path, and the complog configuration they run under. See BENCHMARKS.md.

#pragma once

#include <complog/complog.h>

#include "fd_sink.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace complog_bench {

/// A file sink without the fwrite: runs its formatter into a memory_buf_t and discards
/// the text. (spdlog's null_sink does not run the formatter.)
class format_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    /// Bytes formatted so far (keeps the output observable).
    std::size_t bytes() {
        std::lock_guard<std::mutex> lock(mutex_);
        return bytes_;
    }
    /// The last record as formatted, when `keep` is set.
    std::string last() {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_;
    }
    bool keep = false;

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t formatted;  // as spdlog's file sinks do, per record
        formatter_->format(msg, formatted);
        bytes_ += formatted.size();
        if (keep) last_.assign(formatted.data(), formatted.size());
    }
    void flush_() override {}

private:
    std::size_t bytes_ = 0;
    std::string last_;
};

/// The format sink without its mutex, for the multi-threaded filter cases: each thread
/// formats with its own clone of the formatter into its own buffer, so threads share
/// nothing here and what the gate adds (shared cache lines) is not hidden behind a
/// contended sink mutex. One thread-local formatter per thread, re-cloned whenever the
/// thread logs to another parallel_format_sink or the formatter changed.
class parallel_format_sink final : public spdlog::sinks::sink {
public:
    void log(const spdlog::details::log_msg& msg) override {
        struct local {
            const parallel_format_sink* owner = nullptr;
            unsigned version = 0;
            std::unique_ptr<spdlog::formatter> formatter;
        };
        thread_local local mine;
        const unsigned version = version_.load(std::memory_order_acquire);
        if (mine.owner != this || mine.version != version) {
            std::lock_guard<std::mutex> lock(mutex_);  // only when the clone is made
            mine.formatter = prototype_->clone();
            mine.owner = this;
            mine.version = version;
        }
        spdlog::memory_buf_t formatted;
        mine.formatter->format(msg, formatted);
        if (formatted.size() != 0 && !formatted_.load(std::memory_order_relaxed))
            formatted_.store(true, std::memory_order_relaxed);
    }
    void flush() override {}
    void set_pattern(const std::string& pattern) override {
        set_formatter(std::make_unique<spdlog::pattern_formatter>(pattern));
    }
    void set_formatter(std::unique_ptr<spdlog::formatter> f) override {
        std::lock_guard<std::mutex> lock(mutex_);
        prototype_ = std::move(f);
        version_.fetch_add(1, std::memory_order_release);
    }
    /// Whether anything was formatted since the last call.
    bool formatted_since() { return formatted_.exchange(false); }

private:
    std::mutex mutex_;
    std::unique_ptr<spdlog::formatter> prototype_ = std::make_unique<spdlog::pattern_formatter>();
    std::atomic<unsigned> version_{1};
    std::atomic<bool> formatted_{false};
};

/// Logger names of the gate cases: exactly 16 and 200 bytes, under the root.
inline std::string gate_name_16(int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "app.g.mod_%06d", i);
    return buf;  // 16 bytes
}
inline std::string gate_name_200(int i) {
    std::string name = "app.g";
    for (int k = 0; name.size() < 180; ++k) name += ".segment_" + std::to_string(k);
    name += ".leaf_" + std::to_string(i) + "_";
    name.resize(200, 'x');
    return name;
}
constexpr int gate_loggers = 64;

/// Files of the _OUT cases (removed at exit by remove_bench_files()).
inline std::string bench_file(const char* what) {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/complog_bench_" +
           std::to_string(::getpid()) + "_" + what + ".log";
}

/// complog's header fields as a spdlog pattern, with and without %P (spdlog 1.10's %P
/// calls getpid() for every record).
inline const std::string glog_pattern = "%L%m%d %H:%M:%S.%f %P %s:%#] %v";
inline const std::string glog_pattern_no_pid = "%L%m%d %H:%M:%S.%f %s:%#] %v";

/// The payload of the multi-line cases: five lines, and the same bytes on one line.
#define COMPLOG_BENCH_FIVE_LINES                                                             \
    "line one of a record {}\nline two of a record\nline three of a record\nline four of a " \
    "record\nline five of a record"
#define COMPLOG_BENCH_ONE_LINE                                                                   \
    "line one of a record {} line two of a record line three of a record line four of a record " \
    "line five of a record"

inline std::shared_ptr<format_sink> make_format_sink(std::unique_ptr<spdlog::formatter> f) {
    auto sink = std::make_shared<format_sink>();
    sink->set_formatter(std::move(f));
    return sink;
}

/// Loggers of the hot paths. The complog ones are re-fetched whenever complog is reset.
struct hot_loggers {
    // Disabled paths.
    std::shared_ptr<spdlog::logger> raw;           // plain spdlog at info (not registered)
    std::shared_ptr<spdlog::logger> component;     // complog::get_logger("app.net.http"), at info
    std::shared_ptr<spdlog::logger> artifact;      // artifact "graph", off: follows app.net (info)
    std::shared_ptr<spdlog::logger> artifact_obd;  // artifact "wire", off_by_default: off

    // Enabled paths: one logger per format sink (same call, different formatter).
    std::shared_ptr<format_sink> sink_pattern, sink_pattern_no_pid, sink_complog, sink_console,
        sink_direct;
    std::shared_ptr<spdlog::logger> fmt_pattern;         // spdlog pattern with %P
    std::shared_ptr<spdlog::logger> fmt_pattern_no_pid;  // spdlog pattern without %P
    std::shared_ptr<spdlog::logger> fmt_complog;         // complog::record_formatter
    std::shared_ptr<spdlog::logger> gated;   // plain spdlog logger "app.x" -> complog::sink()
    std::shared_ptr<spdlog::logger> direct;  // the same name straight to a format sink
    std::shared_ptr<spdlog::logger>
        end_to_end;  // complog::get_logger -> library sink -> sink_console

    // Gate variants: 64 loggers of 16-byte names (used 1, 8 or 64 in turn) and one of
    // 200 bytes, each gated (-> complog::sink() -> sink_console) and direct (the same
    // name -> sink_direct).
    std::vector<std::shared_ptr<spdlog::logger>> gated16, direct16;
    std::shared_ptr<spdlog::logger> gated200, direct200;
    // Multi-threaded gate: parallel sinks (no mutex); the gate reaches sink_par_gate
    // while a multi-threaded case runs (use_parallel_destination()).
    std::shared_ptr<parallel_format_sink> sink_par_gate, sink_par_direct;
    std::shared_ptr<spdlog::logger> gated_par, direct_par;

    // _OUT write-through: the same record_formatter into complog's fd_sink (one write(2)
    // per record), spdlog's basic_file_sink_mt (stdio buffer), and basic_file_sink_mt
    // flushed after every record (as PyTorch's FileHandler).
    std::string path_fd, path_basic, path_flush;
    std::shared_ptr<spdlog::logger> file_fd, file_basic, file_flush;
};

/// A namespace-scope object, so that reaching a logger costs one load (no guard).
inline hot_loggers g_hot;

inline std::shared_ptr<spdlog::logger> plain_logger(const std::string& name, spdlog::sink_ptr sink,
                                                    spdlog::level::level_enum lvl) {
    auto l = std::make_shared<spdlog::logger>(name, std::move(sink));
    l->set_level(lvl);
    return l;
}

/// Registrations every scenario starts from: root "app", component "net", artifacts
/// "graph" (off unless named) and "wire" (off_by_default), and ten components c0..c9
/// (app.c0 .. app.c9) for the reconfiguration cases.
inline void configure_complog() {
    complog::reset();
    complog::options o;
    o.root = "app";
    complog::init(o);
    complog::register_component("net", {"app.net"});
    for (int k = 0; k < 10; ++k) {
        complog::register_component("c" + std::to_string(k), {"app.c" + std::to_string(k)});
    }
    complog::register_artifact({"graph", "graph dumps"});
    complog::register_artifact({"wire", "bytes on the wire", true, /*off_by_default=*/true});
}

/// The hot-path settings: everything at info, artifacts off.
inline void apply_hot_settings() {
    complog::set_logs(complog::log_settings{}.set("all", spdlog::level::info));
}

/// (Re)creates the hot loggers after configure_complog().
inline void make_hot_loggers() {
    auto& h = g_hot;
    if (!h.raw) {
        h.raw = plain_logger("raw", std::make_shared<spdlog::sinks::null_sink_mt>(),
                             spdlog::level::info);
        h.sink_pattern =
            make_format_sink(std::make_unique<spdlog::pattern_formatter>(glog_pattern));
        h.sink_pattern_no_pid =
            make_format_sink(std::make_unique<spdlog::pattern_formatter>(glog_pattern_no_pid));
        h.sink_complog = make_format_sink(std::make_unique<complog::record_formatter>());
        h.sink_direct = make_format_sink(std::make_unique<complog::record_formatter>());
        h.sink_console =
            std::make_shared<format_sink>();  // complog::set_sinks gives it the formatter
        h.fmt_pattern = plain_logger("bench.fmt", h.sink_pattern, spdlog::level::info);
        h.fmt_pattern_no_pid =
            plain_logger("bench.fmt", h.sink_pattern_no_pid, spdlog::level::info);
        h.fmt_complog = plain_logger("bench.fmt", h.sink_complog, spdlog::level::info);
        h.direct = plain_logger("app.x", h.sink_direct, spdlog::level::trace);
        for (int i = 0; i < gate_loggers; ++i)
            h.direct16.push_back(
                plain_logger(gate_name_16(i), h.sink_direct, spdlog::level::trace));
        h.direct200 = plain_logger(gate_name_200(0), h.sink_direct, spdlog::level::trace);
        h.sink_par_gate = std::make_shared<parallel_format_sink>();
        h.sink_par_direct = std::make_shared<parallel_format_sink>();
        h.sink_par_direct->set_formatter(std::make_unique<complog::record_formatter>());
        h.direct_par = plain_logger(gate_name_16(0), h.sink_par_direct, spdlog::level::trace);

        h.path_fd = bench_file("fd_sink");
        h.path_basic = bench_file("basic_file_sink");
        h.path_flush = bench_file("basic_file_sink_flush");
        std::string error;
        auto fd = complog::detail::fd_sink::open_file(h.path_fd, error);
        if (!fd) std::fprintf(stderr, "complog_bench: %s: %s\n", h.path_fd.c_str(), error.c_str());
        if (fd) fd->set_formatter(std::make_unique<complog::record_formatter>());
        auto basic = std::make_shared<spdlog::sinks::basic_file_sink_mt>(h.path_basic, true);
        basic->set_formatter(std::make_unique<complog::record_formatter>());
        auto flushed = std::make_shared<spdlog::sinks::basic_file_sink_mt>(h.path_flush, true);
        flushed->set_formatter(std::make_unique<complog::record_formatter>());
        if (fd) h.file_fd = plain_logger("app.file", fd, spdlog::level::info);
        h.file_basic = plain_logger("app.file", basic, spdlog::level::info);
        h.file_flush = plain_logger("app.file", flushed, spdlog::level::info);
        h.file_flush->flush_on(spdlog::level::trace);
    }
    complog::set_sinks({h.sink_console});
    h.gated = plain_logger("app.x", complog::sink(), spdlog::level::trace);
    h.gated16.clear();
    for (int i = 0; i < gate_loggers; ++i)
        h.gated16.push_back(plain_logger(gate_name_16(i), complog::sink(), spdlog::level::trace));
    h.gated200 = plain_logger(gate_name_200(0), complog::sink(), spdlog::level::trace);
    h.gated_par = plain_logger(gate_name_16(0), complog::sink(), spdlog::level::trace);
    h.component = complog::get_logger("app.net.http");
    h.artifact = complog::get_artifact_logger("app.net", "graph");
    h.artifact_obd = complog::get_artifact_logger("app.net", "wire");
    h.end_to_end = complog::get_logger("app.net.rpc");
}

/// While a multi-threaded gate case runs, complog's destination is the parallel sink.
inline void use_parallel_destination(bool on) {
    complog::set_sinks({on ? spdlog::sink_ptr(g_hot.sink_par_gate) : g_hot.sink_console});
}

/// Empties the _OUT case files (between repetitions: they would grow without bound).
inline void truncate_bench_files() {
    for (const auto* l : {&g_hot.file_basic, &g_hot.file_flush})
        if (*l) (*l)->flush();
    for (const auto* p : {&g_hot.path_fd, &g_hot.path_basic, &g_hot.path_flush})
        if (!p->empty() && ::truncate(p->c_str(), 0) != 0) std::perror(p->c_str());
}
inline void remove_bench_files() {
    for (const auto* p : {&g_hot.path_fd, &g_hot.path_basic, &g_hot.path_flush})
        if (!p->empty()) std::remove(p->c_str());
}

/// Checks that the hot loggers have the levels the cases assume; prints and returns
/// false otherwise.
inline bool hot_levels_ok() {
    const auto& h = g_hot;
    const bool ok = h.raw->level() == spdlog::level::info &&
                    h.component->level() == spdlog::level::info &&
                    h.artifact->level() == spdlog::level::info &&
                    h.artifact_obd->level() == spdlog::level::off &&
                    h.end_to_end->level() == spdlog::level::info;
    if (!ok) {
        std::fprintf(
            stderr, "complog_bench: unexpected levels raw=%d component=%d artifact=%d obd=%d\n",
            static_cast<int>(h.raw->level()), static_cast<int>(h.component->level()),
            static_cast<int>(h.artifact->level()), static_cast<int>(h.artifact_obd->level()));
    }
    return ok;
}

/// An argument that is costly to evaluate, counting its evaluations: a disabled
/// complog macro must leave it unevaluated.
inline long g_evaluated = 0;
inline std::string expensive(long i) {
    ++g_evaluated;
    return std::to_string(i);
}

/// Name of population logger i: app.c<k>.g<j>.mod_<i>, 3 levels under the root.
inline std::string population_name(std::size_t i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "app.c%zu.g%zu.mod_%07zu", i % 10, (i / 10) % 100, i);
    return buf;
}

/// A spec of `entries` items naming population modules (needs that many loggers or
/// registered modules), prefixes cycling through +, none and -.
inline std::string module_spec(std::size_t entries, std::size_t population) {
    std::string spec;
    for (std::size_t e = 0; e < entries; ++e) {
        if (e) spec += ',';
        static const char* const prefixes[] = {"+", "", "-"};
        spec += prefixes[e % 3];
        spec += population_name((e * 7919) % population);
    }
    return spec;
}

/// Replaces the population of loggers the reconfiguration benchmarks walk: drops the
/// factory loggers of the previous one (`factory_loggers` counts them), configures complog
/// afresh with its hot loggers, then makes `n` loggers, by spdlog's factories and adopted
/// (`adopted`), or through complog::get_logger.
inline void make_population(std::size_t n, bool adopted, std::size_t& factory_loggers) {
    for (std::size_t i = 0; i < factory_loggers; ++i) spdlog::drop(population_name(i));
    factory_loggers = 0;
    configure_complog();
    make_hot_loggers();
    if (adopted) {
        for (std::size_t i = 0; i < n; ++i)
            spdlog::create<spdlog::sinks::null_sink_mt>(population_name(i));
        factory_loggers = n;
        complog::adopt_loggers();
    } else {
        for (std::size_t i = 0; i < n; ++i) complog::get_logger(population_name(i));
    }
}

/// The two settings the reconfiguration benchmarks alternate: levels for "all" and
/// components, one artifact.
inline const complog::log_settings& settings_variant(bool odd) {
    static const auto a = complog::log_settings{}
                              .set("all", spdlog::level::info)
                              .set("c0", spdlog::level::debug)
                              .set("c3", spdlog::level::err)
                              .set("c5", spdlog::level::debug)
                              .artifact("graph");
    static const auto b = complog::log_settings{}
                              .set("all", spdlog::level::warn)
                              .set("c1", spdlog::level::debug)
                              .set("c4", spdlog::level::info)
                              .set("c7", spdlog::level::err);
    return odd ? a : b;
}

/// The same as specs: ten entries each, components and one artifact.
inline const char* const spec_a = "+c0,c1,-c2,+c3,c4,-c5,+c6,c7,-c8,graph";
inline const char* const spec_b = "all,-c0,+c1,c2,-c3,+c4,c5,-c6,+c7,c8";

}  // namespace complog_bench
