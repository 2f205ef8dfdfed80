// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// What complog_bench and complog_cg_driver share: the "format sink", the loggers of
// each hot path, and the complog configuration they run under. See BENCHMARKS.md.

#pragma once

#include <complog/complog.h>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdio>
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
    }
    complog::set_sinks({h.sink_console});
    h.gated = plain_logger("app.x", complog::sink(), spdlog::level::trace);
    h.component = complog::get_logger("app.net.http");
    h.artifact = complog::get_artifact_logger("app.net", "graph");
    h.artifact_obd = complog::get_artifact_logger("app.net", "wire");
    h.end_to_end = complog::get_logger("app.net.rpc");
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

}  // namespace complog_bench
