// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_cg_driver: the hot paths of complog_bench, for instruction counts.
//
//     valgrind --tool=callgrind --callgrind-out-file=cg.out complog_cg_driver [case...]
//
// Each case runs at two iteration counts, each between CALLGRIND_ZERO_STATS and
// CALLGRIND_DUMP_STATS_AT("<case> <iterations>"), so bench/run computes
// instructions per call as ΔIr / Δiterations: warm-up and setup cancel out. Every
// iteration ends in a compiler barrier (benchmark::ClobberMemory's).
//
//     complog_cg_driver --list     the cases
//     complog_cg_driver --show     one formatted record of each enabled case
//
// Built as complog_count_driver (COMPLOG_BENCH_COUNT), it prints heap allocations
// (operator new) and mutex locks per call instead, without valgrind.

#include "bench_common.h"
#include "control.h"
#include "trace_bench.h"

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <valgrind/callgrind.h>
#include <vector>

#if COMPLOG_BENCH_COUNT
#include <dlfcn.h>
#include <pthread.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_news{0};
std::atomic<long> g_locks{0};
int (*g_real_lock)(pthread_mutex_t*) = nullptr;

__attribute__((constructor)) void find_real_lock() {
    void* real = dlsym(RTLD_NEXT, "pthread_mutex_lock");
    std::memcpy(&g_real_lock, &real, sizeof real);
}
}  // namespace

// Counts every lock of a pthread mutex (std::mutex included) in the process.
extern "C" int pthread_mutex_lock(pthread_mutex_t* mutex) {
    g_locks.fetch_add(1, std::memory_order_relaxed);
    return g_real_lock(mutex);
}

void* operator new(std::size_t size) {
    g_news.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
// libstdc++'s operator delete calls free(): it needs no replacement.
#endif

namespace {

using namespace complog_bench;

inline void clobber() { asm volatile("" : : : "memory"); }

#define BENCH_LOG(logger, lvl, ...) \
    (logger)->log(spdlog::source_loc{__FILE__, __LINE__, SPDLOG_FUNCTION}, lvl, __VA_ARGS__)

struct bench_case {
    const char* name;
    std::size_t lo, hi;  // the two iteration counts
    std::function<void(std::size_t)> run;
    std::function<void()> setup = {};  // before the case (unmeasured)
};

template <typename Body>
std::function<void(std::size_t)> loop(Body body) {
    return [body](std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            body(static_cast<long>(i));
            clobber();
        }
    };
}

constexpr std::size_t cheap_lo = 1000000, cheap_hi = 2000000;
constexpr std::size_t rec_lo = 10000, rec_hi = 50000;
constexpr std::size_t cfg_lo = 100, cfg_hi = 300;

unsigned g_turn = 0;
volatile bool g_enabled = false;  // keeps enabled_check's result

void skipped_every_n() { COMPLOG_EVERY_N(g_hot.component, spdlog::level::info, 1LL << 62, "x"); }
void skipped_first_n() { COMPLOG_FIRST_N(g_hot.component, spdlog::level::info, 1, "x"); }
void skipped_every_sec() { COMPLOG_EVERY_SEC(g_hot.component, spdlog::level::info, 1e9, "x"); }

// JSON lines: the same logger name and call as fmt_complog, into a JSON-lines format sink.
std::shared_ptr<format_sink> g_sink_json;
std::shared_ptr<spdlog::logger> g_fmt_json;
void make_json_logger() {
    if (g_fmt_json) return;
    g_sink_json = make_format_sink(std::make_unique<complog::json_lines_formatter>());
    g_fmt_json = plain_logger("bench.fmt", g_sink_json, spdlog::level::info);
}

// The reconfiguration population (as complog_bench's): N complog loggers, or N loggers
// made by spdlog's factories and adopted.
std::size_t g_factory_loggers = 0;
void population(std::size_t n, bool adopted) {
    static std::size_t made_n = 0;
    static bool made_adopted = false;
    if (made_n == n && made_adopted == adopted) return;
    made_n = n;
    made_adopted = adopted;
    make_population(n, adopted, g_factory_loggers);
    apply_hot_settings();
}

std::vector<bench_case> cases() {
    return {
        {"empty_loop", cheap_lo, cheap_hi, loop([](long) {})},
        {"disabled_raw_spdlog", cheap_lo, cheap_hi,
         loop([](long) { g_hot.raw->debug("x {}", 42); })},
        {"disabled_component", cheap_lo, cheap_hi,
         loop([](long) { COMPLOG_DEBUG(g_hot.component, "x {}", 42); })},
        {"disabled_component_expensive_arg", cheap_lo, cheap_hi,
         loop([](long i) { COMPLOG_DEBUG(g_hot.component, "x {}", expensive(i)); })},
        {"disabled_artifact", cheap_lo, cheap_hi,
         loop([](long) { COMPLOG_ARTIFACT(g_hot.artifact, "x {}", 42); })},
        {"disabled_artifact_obd", cheap_lo, cheap_hi,
         loop([](long) { COMPLOG_ARTIFACT(g_hot.artifact_obd, "x {}", 42); })},
        // Rate limits: disabled as COMPLOG_DEBUG; skipped by the limit next to the plain
        // enabled check (setup makes each site's one written record unmeasured).
        {"enabled_check", cheap_lo, cheap_hi,
         loop([](long) { g_enabled = g_hot.component->should_log(spdlog::level::info); })},
        {"disabled_every_n", cheap_lo, cheap_hi, loop([](long i) {
             COMPLOG_EVERY_N(g_hot.component, spdlog::level::debug, 100, "x {}", expensive(i));
         })},
        {"skipped_every_n", cheap_lo, cheap_hi, loop([](long) { skipped_every_n(); }),
         [] { skipped_every_n(); }},
        {"skipped_first_n", cheap_lo, cheap_hi, loop([](long) { skipped_first_n(); }),
         [] { skipped_first_n(); }},
        {"skipped_every_sec", cheap_lo, cheap_hi, loop([](long) { skipped_every_sec(); }),
         [] { skipped_every_sec(); }},
        {"enabled_spdlog_pattern", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.fmt_pattern, spdlog::level::info, "x {}", 42); })},
        {"enabled_spdlog_pattern_no_pid", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.fmt_pattern_no_pid, spdlog::level::info, "x {}", 42); })},
        {"enabled_complog_formatter", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, "x {}", 42); })},
        {"enabled_spdlog_pattern_no_pid_5_lines", rec_lo, rec_hi, loop([](long) {
             BENCH_LOG(g_hot.fmt_pattern_no_pid, spdlog::level::info, COMPLOG_BENCH_FIVE_LINES, 42);
         })},
        {"enabled_complog_formatter_5_lines", rec_lo, rec_hi, loop([](long) {
             BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, COMPLOG_BENCH_FIVE_LINES, 42);
         })},
        {"enabled_complog_formatter_1_header_same_text", rec_lo, rec_hi, loop([](long) {
             BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, COMPLOG_BENCH_ONE_LINE, 42);
         })},
        {"enabled_complog_end_to_end", rec_lo, rec_hi,
         loop([](long) { COMPLOG_INFO(g_hot.end_to_end, "x {}", 42); })},
        // Fields and JSON lines, side by side with the records above.
        {"disabled_component_2_fields", cheap_lo, cheap_hi, loop([](long i) {
             COMPLOG_DEBUG(g_hot.component, "x {}", 42, complog::kv("peer", "a"),
                           complog::kv("bytes", i));
         })},
        {"enabled_complog_formatter_macro", rec_lo, rec_hi,
         loop([](long) { COMPLOG_INFO(g_hot.fmt_complog, "x {}", 42); })},
        {"enabled_complog_formatter_macro_2_fields", rec_lo, rec_hi, loop([](long i) {
             COMPLOG_INFO(g_hot.fmt_complog, "x {}", 42, complog::kv("peer", "a"),
                          complog::kv("bytes", i));
         })},
        {"enabled_complog_end_to_end_2_fields", rec_lo, rec_hi, loop([](long i) {
             COMPLOG_INFO(g_hot.end_to_end, "x {}", 42, complog::kv("peer", "a"),
                          complog::kv("bytes", i));
         })},
        {"enabled_json_lines_formatter", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_fmt_json, spdlog::level::info, "x {}", 42); }),
         make_json_logger},
        {"enabled_json_lines_formatter_macro_2_fields", rec_lo, rec_hi, loop([](long i) {
             COMPLOG_INFO(g_fmt_json, "x {}", 42, complog::kv("peer", "a"),
                          complog::kv("bytes", i));
         }),
         make_json_logger},
        {"filter_gate_sink<1>", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.gated16[0], spdlog::level::info, "x {}", 42); })},
        {"filter_direct<1>", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.direct16[0], spdlog::level::info, "x {}", 42); })},
        {"filter_gate_sink<8>", rec_lo, rec_hi, loop([](long) {
             BENCH_LOG(g_hot.gated16[g_turn++ % 8], spdlog::level::info, "x {}", 42);
         })},
        {"filter_direct<8>", rec_lo, rec_hi, loop([](long) {
             BENCH_LOG(g_hot.direct16[g_turn++ % 8], spdlog::level::info, "x {}", 42);
         })},
        {"filter_gate_sink<64>", rec_lo, rec_hi, loop([](long) {
             BENCH_LOG(g_hot.gated16[g_turn++ % 64], spdlog::level::info, "x {}", 42);
         })},
        {"filter_direct<64>", rec_lo, rec_hi, loop([](long) {
             BENCH_LOG(g_hot.direct16[g_turn++ % 64], spdlog::level::info, "x {}", 42);
         })},
        {"filter_gate_sink_200", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.gated200, spdlog::level::info, "x {}", 42); })},
        {"filter_direct_200", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.direct200, spdlog::level::info, "x {}", 42); })},
        // Into the mutex-free sink (the multi-threaded cases' sink): locks of the gate alone.
        {"filter_gate_sink_parallel", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.gated_par, spdlog::level::info, "x {}", 42); }),
         [] { use_parallel_destination(true); }},
        {"filter_direct_parallel", rec_lo, rec_hi,
         loop([](long) { BENCH_LOG(g_hot.direct_par, spdlog::level::info, "x {}", 42); }),
         [] { use_parallel_destination(false); }},
        // Reconfiguration over 1,000 loggers, alternating between two settings.
        {"reconfigure_set_logs_settings/1000", cfg_lo, cfg_hi,
         loop([](long i) { complog::set_logs(settings_variant(i & 1)); }),
         [] { population(1000, false); }},
        {"reconfigure_set_logs_spec/1000", cfg_lo, cfg_hi,
         loop([](long i) { complog::set_logs(std::string_view(i & 1 ? spec_a : spec_b)); }),
         [] { population(1000, false); }},
        {"reconfigure_spdlog_set_level/1000", cfg_lo, cfg_hi,
         loop([](long i) { spdlog::set_level(i & 1 ? spdlog::level::info : spdlog::level::warn); }),
         [] { population(1000, false); }},
        {"reconfigure_set_logs_settings_adopted/1000", cfg_lo, cfg_hi,
         loop([](long i) { complog::set_logs(settings_variant(i & 1)); }),
         [] {
             spdlog::set_level(spdlog::level::info);
             population(1000, true);
         }},
        {"reconfigure_set_logs_spec_adopted/1000", cfg_lo, cfg_hi,
         loop([](long i) { complog::set_logs(std::string_view(i & 1 ? spec_a : spec_b)); }),
         [] { population(1000, true); }},
        {"reconfigure_spdlog_set_level_adopted/1000", cfg_lo, cfg_hi,
         loop([](long i) { spdlog::set_level(i & 1 ? spdlog::level::info : spdlog::level::warn); }),
         [] { population(1000, true); }},
        // The structured trace (trace_bench.h).
        {"trace_off_event", cheap_lo, cheap_hi, loop([](long i) { trace_bench::off_event(i); }),
         trace_bench::channel_off},
        {"trace_record", rec_lo, rec_hi, loop([](long i) { trace_bench::record(i); }),
         trace_bench::channel_on},
        {"trace_fmt_same_bytes", rec_lo, rec_hi,
         loop([](long i) { trace_bench::fmt_same_bytes(i); })},
        // disabled_component with live control serving its socket (started here, so the
        // cases before run without it).
        {"disabled_component_control_on", cheap_lo, cheap_hi,
         loop([](long) { COMPLOG_DEBUG(g_hot.component, "x {}", 42); }),
         [] {
             if (const auto why = complog::detail::control_thread::start(); !why.empty()) {
                 std::fprintf(stderr, "live control is off: %s\n", why.c_str());
                 std::exit(1);
             }
         }},
    };
}

void show() {
    make_json_logger();
    const struct {
        const char* name;
        std::shared_ptr<format_sink> sink;
        std::function<void()> call;
    } shown[] = {
        {"spdlog pattern", g_hot.sink_pattern,
         [] { BENCH_LOG(g_hot.fmt_pattern, spdlog::level::info, "x {}", 42); }},
        {"spdlog pattern without %P", g_hot.sink_pattern_no_pid,
         [] { BENCH_LOG(g_hot.fmt_pattern_no_pid, spdlog::level::info, "x {}", 42); }},
        {"complog formatter", g_hot.sink_complog,
         [] { BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, "x {}", 42); }},
        {"complog 5 lines", g_hot.sink_complog,
         [] { BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, COMPLOG_BENCH_FIVE_LINES, 42); }},
        {"complog 1 header, same text", g_hot.sink_complog,
         [] { BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, COMPLOG_BENCH_ONE_LINE, 42); }},
        {"complog formatter, 2 fields", g_hot.sink_complog,
         [] {
             COMPLOG_INFO(g_hot.fmt_complog, "x {}", 42, complog::kv("peer", "a"),
                          complog::kv("bytes", 7));
         }},
        {"JSON lines", g_sink_json, [] { BENCH_LOG(g_fmt_json, spdlog::level::info, "x {}", 42); }},
        {"JSON lines, 2 fields", g_sink_json,
         [] {
             COMPLOG_INFO(g_fmt_json, "x {}", 42, complog::kv("peer", "a"),
                          complog::kv("bytes", 7));
         }},
        {"gate sink", g_hot.sink_console,
         [] { BENCH_LOG(g_hot.gated, spdlog::level::info, "x {}", 42); }},
        {"direct", g_hot.sink_direct,
         [] { BENCH_LOG(g_hot.direct, spdlog::level::info, "x {}", 42); }},
    };
    for (const auto& s : shown) {
        s.sink->keep = true;
        s.call();
        std::printf("--- %s\n%s", s.name, s.sink->last().c_str());
        s.sink->keep = false;
    }
}

}  // namespace

int main(int argc, char** argv) {
    configure_complog();
    make_hot_loggers();
    apply_hot_settings();
    if (!hot_levels_ok()) return 1;

    const auto all = cases();
    if (argc >= 2 && std::strcmp(argv[1], "--list") == 0) {
        for (const auto& c : all) std::printf("%s\n", c.name);
        return 0;
    }
    if (argc >= 2 && std::strcmp(argv[1], "--show") == 0) {
        show();
        return 0;
    }
    std::vector<const bench_case*> selected;
    for (const auto& c : all) {
        bool wanted = argc < 2;
        for (int a = 1; a < argc; ++a) wanted = wanted || std::strcmp(argv[a], c.name) == 0;
        if (wanted) selected.push_back(&c);
    }

    const long evaluated = g_evaluated;
    for (const auto* c : selected) {
        if (c->setup) c->setup();
        c->run(c->lo / 10);  // warm-up: caches, the formatter's time text, the gate's decision
#if COMPLOG_BENCH_COUNT
        const long news = g_news.load(), locks = g_locks.load();
        c->run(c->hi);
        std::printf("count %s news_per_call %.3f locks_per_call %.3f\n", c->name,
                    static_cast<double>(g_news.load() - news) / static_cast<double>(c->hi),
                    static_cast<double>(g_locks.load() - locks) / static_cast<double>(c->hi));
#else
        for (const auto n : {c->lo, c->hi}) {
            const std::string label = std::string(c->name) + " " + std::to_string(n);
            CALLGRIND_ZERO_STATS;
            c->run(n);
            CALLGRIND_DUMP_STATS_AT(label.c_str());
        }
#endif
    }
    if (g_evaluated != evaluated) {
        std::fprintf(stderr, "complog_cg_driver: a disabled macro evaluated its arguments\n");
        return 1;
    }
    std::printf("arguments evaluated by disabled macros: 0\n");
    for (std::size_t i = 0; i < g_factory_loggers; ++i) spdlog::drop(population_name(i));
    remove_bench_files();
    complog::reset();
    return 0;
}
