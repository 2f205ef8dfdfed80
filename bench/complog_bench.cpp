// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_bench: each complog path next to its spdlog reference, in one binary, so
// that ratios come from one run (run it with --benchmark_enable_random_interleaving;
// bench/run does). Every timed loop ends in benchmark::ClobberMemory(), so loggers
// and levels are reloaded on every call as at a real call site.
//
//     complog_bench [google benchmark flags]
//     complog_bench --memory=complog|spdlog_init|spdlog_register [N]   bytes per logger

#include "bench_common.h"
#include "internal.h"
#include "trace_bench.h"

#include <benchmark/benchmark.h>
#include <spdlog/details/registry.h>

#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <unordered_map>

namespace {

using namespace complog_bench;
using spdlog::level::level_enum;

// ---------------------------------------------------------------------------------------
// Scenarios. complog's state is global: the hot paths and the reconfiguration cases run
// under one configuration, rebuilt only when the logger population must change.
// ---------------------------------------------------------------------------------------

constexpr std::size_t no_population = std::numeric_limits<std::size_t>::max();
std::size_t g_population = no_population;
bool g_population_adopted = false;
std::size_t g_factory_loggers = 0;  // made by spdlog's factories (still in its registry)

// N loggers app.c<k>.g<j>.mod_<i>: complog's own (complog::get_logger), or, `adopted`,
// made by spdlog's factories and adopted with complog::adopt_loggers().
void drop_factory_loggers() {
    for (std::size_t i = 0; i < g_factory_loggers; ++i) spdlog::drop(population_name(i));
    g_factory_loggers = 0;
}

void ensure_population(std::size_t n, bool adopted = false) {
    if (g_population == n && g_population_adopted == adopted) return;
    make_population(n, adopted, g_factory_loggers);
    g_population = n;
    g_population_adopted = adopted;
}

bool ensure_hot(benchmark::State& state) {
    if (g_population == no_population) ensure_population(0);
    apply_hot_settings();
    if (!hot_levels_ok()) {
        state.SkipWithError("hot loggers do not have the expected levels");
        return false;
    }
    return true;
}

#define BENCH_LOG(logger, lvl, ...) \
    (logger)->log(spdlog::source_loc{__FILE__, __LINE__, SPDLOG_FUNCTION}, lvl, __VA_ARGS__)

// ---------------------------------------------------------------------------------------
// Disabled calls (logger at info, a debug record)
// ---------------------------------------------------------------------------------------

void disabled_raw_spdlog(benchmark::State& state) {
    if (!ensure_hot(state)) return;
    for (auto _ : state) {
        g_hot.raw->debug("x {}", 42);
        benchmark::ClobberMemory();
    }
}

void disabled_raw_spdlog_expensive_arg(benchmark::State& state) {
    if (!ensure_hot(state)) return;
    long i = 0;
    for (auto _ : state) {
        g_hot.raw->debug("x {}", expensive(i++));
        benchmark::ClobberMemory();
    }
}

template <typename Call>
void disabled_complog(benchmark::State& state, Call call) {
    if (!ensure_hot(state)) return;
    const long before = g_evaluated;
    long i = 0;
    for (auto _ : state) {
        call(i++);
        benchmark::ClobberMemory();
    }
    if (g_evaluated != before) state.SkipWithError("a disabled macro evaluated its arguments");
}

void disabled_component(benchmark::State& state) {
    disabled_complog(state, [](long) { COMPLOG_DEBUG(g_hot.component, "x {}", 42); });
}
void disabled_component_expensive_arg(benchmark::State& state) {
    disabled_complog(state, [](long i) { COMPLOG_DEBUG(g_hot.component, "x {}", expensive(i)); });
}
void disabled_artifact(benchmark::State& state) {
    disabled_complog(state, [](long) { COMPLOG_ARTIFACT(g_hot.artifact, "x {}", 42); });
}
void disabled_artifact_expensive_arg(benchmark::State& state) {
    disabled_complog(state, [](long i) { COMPLOG_ARTIFACT(g_hot.artifact, "x {}", expensive(i)); });
}
void disabled_artifact_obd(benchmark::State& state) {
    disabled_complog(state, [](long) { COMPLOG_ARTIFACT(g_hot.artifact_obd, "x {}", 42); });
}
void disabled_artifact_obd_expensive_arg(benchmark::State& state) {
    disabled_complog(state,
                     [](long i) { COMPLOG_ARTIFACT(g_hot.artifact_obd, "x {}", expensive(i)); });
}

// Rate limits (rate_limit.h): at a disabled level as COMPLOG_DEBUG; at an enabled level a
// call the limit skips, next to the plain enabled check every call starts with. Each
// site's first call writes one record (before the timing settles).
void enabled_check(benchmark::State& state) {
    if (!ensure_hot(state)) return;
    for (auto _ : state) {
        benchmark::DoNotOptimize(g_hot.component->should_log(spdlog::level::info));
        benchmark::ClobberMemory();
    }
}
void disabled_every_n(benchmark::State& state) {
    disabled_complog(state, [](long i) {
        COMPLOG_EVERY_N(g_hot.component, spdlog::level::debug, 100, "x {}", expensive(i));
    });
}
template <typename Call>
void skipped(benchmark::State& state, Call call) {
    if (!ensure_hot(state)) return;
    for (auto _ : state) {
        call();
        benchmark::ClobberMemory();
    }
}
void skipped_every_n(benchmark::State& state) {
    skipped(state, [] { COMPLOG_EVERY_N(g_hot.component, spdlog::level::info, 1LL << 62, "x"); });
}
void skipped_first_n(benchmark::State& state) {
    skipped(state, [] { COMPLOG_FIRST_N(g_hot.component, spdlog::level::info, 1, "x"); });
}
void skipped_every_sec(benchmark::State& state) {
    skipped(state, [] { COMPLOG_EVERY_SEC(g_hot.component, spdlog::level::info, 1e9, "x"); });
}

// ---------------------------------------------------------------------------------------
// Enabled records into the format sink: spdlog's pattern vs complog's record_formatter
// ---------------------------------------------------------------------------------------

template <typename Call>
void enabled(benchmark::State& state, const std::shared_ptr<format_sink>& sink, Call call) {
    if (state.thread_index() == 0 && !ensure_hot(state)) return;
    const auto before = sink->bytes();
    for (auto _ : state) {
        call();
        benchmark::ClobberMemory();
    }
    if (state.thread_index() == 0 && sink->bytes() == before)
        state.SkipWithError("nothing formatted");
}

void enabled_spdlog_pattern(benchmark::State& state) {
    enabled(state, g_hot.sink_pattern,
            [] { BENCH_LOG(g_hot.fmt_pattern, spdlog::level::info, "x {}", 42); });
}
void enabled_spdlog_pattern_no_pid(benchmark::State& state) {
    enabled(state, g_hot.sink_pattern_no_pid,
            [] { BENCH_LOG(g_hot.fmt_pattern_no_pid, spdlog::level::info, "x {}", 42); });
}
void enabled_complog_formatter(benchmark::State& state) {
    enabled(state, g_hot.sink_complog,
            [] { BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, "x {}", 42); });
}
void enabled_spdlog_pattern_no_pid_5_lines(benchmark::State& state) {
    enabled(state, g_hot.sink_pattern_no_pid, [] {
        BENCH_LOG(g_hot.fmt_pattern_no_pid, spdlog::level::info, COMPLOG_BENCH_FIVE_LINES, 42);
    });
}
void enabled_complog_formatter_5_lines(benchmark::State& state) {
    enabled(state, g_hot.sink_complog, [] {
        BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, COMPLOG_BENCH_FIVE_LINES, 42);
    });
}
void enabled_complog_formatter_1_header_same_text(benchmark::State& state) {
    enabled(state, g_hot.sink_complog,
            [] { BENCH_LOG(g_hot.fmt_complog, spdlog::level::info, COMPLOG_BENCH_ONE_LINE, 42); });
}
// complog's own path end to end: complog logger -> library sink -> the console format sink.
void enabled_complog_end_to_end(benchmark::State& state) {
    enabled(state, g_hot.sink_console, [] { COMPLOG_INFO(g_hot.end_to_end, "x {}", 42); });
}

// Fields and JSON lines: the same call with two fields, and the same record as JSON.
void disabled_component_2_fields(benchmark::State& state) {
    disabled_complog(state, [](long i) {
        COMPLOG_DEBUG(g_hot.component, "x {}", 42, complog::kv("peer", "a"),
                      complog::kv("bytes", expensive(i)));
    });
}
void enabled_complog_formatter_macro(benchmark::State& state) {
    enabled(state, g_hot.sink_complog, [] { COMPLOG_INFO(g_hot.fmt_complog, "x {}", 42); });
}
void enabled_complog_formatter_macro_2_fields(benchmark::State& state) {
    long i = 0;
    enabled(state, g_hot.sink_complog, [&] {
        COMPLOG_INFO(g_hot.fmt_complog, "x {}", 42, complog::kv("peer", "a"),
                     complog::kv("bytes", ++i));
    });
}
std::shared_ptr<format_sink> json_sink() {
    static const auto sink = make_format_sink(std::make_unique<complog::json_lines_formatter>());
    return sink;
}
std::shared_ptr<spdlog::logger> json_logger() {
    static const auto logger = plain_logger("bench.fmt", json_sink(), spdlog::level::info);
    return logger;
}
void enabled_json_lines_formatter(benchmark::State& state) {
    const auto logger = json_logger();
    enabled(state, json_sink(), [&] { BENCH_LOG(logger, spdlog::level::info, "x {}", 42); });
}

// ---------------------------------------------------------------------------------------
// The drop-in sink filter: plain spdlog logger -> complog::sink() -> format sink
// ---------------------------------------------------------------------------------------

// One logger (16-byte name), 8 and 64 loggers used in turn (one record each), one logger
// of a 200-byte name; gate vs the same names straight into the format sink.
unsigned g_turn = 0;
template <unsigned Loggers>
void filter_gate_sink(benchmark::State& state) {
    enabled(state, g_hot.sink_console,
            [] { BENCH_LOG(g_hot.gated16[g_turn++ % Loggers], spdlog::level::info, "x {}", 42); });
}
template <unsigned Loggers>
void filter_direct(benchmark::State& state) {
    enabled(state, g_hot.sink_direct,
            [] { BENCH_LOG(g_hot.direct16[g_turn++ % Loggers], spdlog::level::info, "x {}", 42); });
}
void filter_gate_sink_200(benchmark::State& state) {
    enabled(state, g_hot.sink_console,
            [] { BENCH_LOG(g_hot.gated200, spdlog::level::info, "x {}", 42); });
}
void filter_direct_200(benchmark::State& state) {
    enabled(state, g_hot.sink_direct,
            [] { BENCH_LOG(g_hot.direct200, spdlog::level::info, "x {}", 42); });
}
// Threads on one logger, into a sink without a mutex (parallel_format_sink), so the
// gate's own shared writes are what could stop it scaling.
template <bool Gated>
void filter_threads(benchmark::State& state) {
    if (state.thread_index() == 0) {
        if (!ensure_hot(state)) return;
        if (Gated) use_parallel_destination(true);
        (Gated ? g_hot.sink_par_gate : g_hot.sink_par_direct)->formatted_since();
    }
    const auto& logger = Gated ? g_hot.gated_par : g_hot.direct_par;
    for (auto _ : state) {
        BENCH_LOG(logger, spdlog::level::info, "x {}", 42);
        benchmark::ClobberMemory();
    }
    if (state.thread_index() == 0) {
        if (!(Gated ? g_hot.sink_par_gate : g_hot.sink_par_direct)->formatted_since())
            state.SkipWithError("nothing formatted");
        if (Gated) use_parallel_destination(false);
    }
}
void filter_gate_sink_threads(benchmark::State& state) { filter_threads<true>(state); }
void filter_direct_threads(benchmark::State& state) { filter_threads<false>(state); }

// ---------------------------------------------------------------------------------------
// _OUT write-through: one record into a file
// ---------------------------------------------------------------------------------------

template <typename Get>
void file_case(benchmark::State& state, Get get) {
    if (!ensure_hot(state)) return;
    const auto& logger = get();
    if (!logger) {
        state.SkipWithError("cannot open the file");
        return;
    }
    truncate_bench_files();
    for (auto _ : state) {
        BENCH_LOG(logger, spdlog::level::info, "x {}", 42);
        benchmark::ClobberMemory();
    }
    logger->flush();
}
void file_complog_fd_sink(benchmark::State& state) {
    file_case(
        state, []() -> const auto& { return g_hot.file_fd; });
}
void file_spdlog_basic_file_sink(benchmark::State& state) {
    file_case(
        state, []() -> const auto& { return g_hot.file_basic; });
}
void file_spdlog_basic_file_sink_flush(benchmark::State& state) {
    file_case(
        state, []() -> const auto& { return g_hot.file_flush; });
}

// ---------------------------------------------------------------------------------------
// Reconfiguration over N loggers
// ---------------------------------------------------------------------------------------

void reconfigure_set_logs_settings(benchmark::State& state) {
    ensure_population(static_cast<std::size_t>(state.range(0)));
    bool odd = false;
    for (auto _ : state) {
        complog::set_logs(settings_variant(odd = !odd));
        benchmark::ClobberMemory();
    }
}

void reconfigure_set_logs_spec(benchmark::State& state) {
    ensure_population(static_cast<std::size_t>(state.range(0)));
    bool odd = false;
    for (auto _ : state) {
        complog::set_logs(std::string_view((odd = !odd) ? spec_a : spec_b));
        benchmark::ClobberMemory();
    }
}

void reconfigure_set_logs_settings_adopted(benchmark::State& state) {
    ensure_population(static_cast<std::size_t>(state.range(0)), true);
    bool odd = false;
    for (auto _ : state) {
        complog::set_logs(settings_variant(odd = !odd));
        benchmark::ClobberMemory();
    }
}

void reconfigure_set_logs_spec_adopted(benchmark::State& state) {
    ensure_population(static_cast<std::size_t>(state.range(0)), true);
    bool odd = false;
    for (auto _ : state) {
        complog::set_logs(std::string_view((odd = !odd) ? spec_a : spec_b));
        benchmark::ClobberMemory();
    }
}

void reconfigure_spdlog_set_level_adopted(benchmark::State& state) {
    ensure_population(static_cast<std::size_t>(state.range(0)), true);
    bool odd = false;
    for (auto _ : state) {
        spdlog::set_level((odd = !odd) ? spdlog::level::info : spdlog::level::warn);
        benchmark::ClobberMemory();
    }
    spdlog::set_level(spdlog::level::info);
}

void reconfigure_spdlog_set_level(benchmark::State& state) {
    ensure_population(static_cast<std::size_t>(state.range(0)));
    bool odd = false;
    for (auto _ : state) {
        spdlog::set_level((odd = !odd) ? spdlog::level::info : spdlog::level::warn);
        benchmark::ClobberMemory();
    }
    spdlog::set_level(spdlog::level::info);  // the registry default for new loggers
}

// A 1000-entry spec naming modules, applied to N loggers.
void reconfigure_set_logs_spec1000(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    ensure_population(n);
    const std::string a = module_spec(1000, n);
    const std::string b = "all," + module_spec(999, n / 2 + 1);
    bool odd = false;
    for (auto _ : state) {
        complog::set_logs(std::string_view((odd = !odd) ? a : b));
        benchmark::ClobberMemory();
    }
}

// spdlog's equivalent: parse "name=level,..." as spdlog::cfg does (without its 512-byte
// cap) and registry::set_levels.
spdlog::details::registry::log_levels parse_spdlog_levels(const std::string& text) {
    spdlog::details::registry::log_levels levels;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        const std::string item = text.substr(start, end - start);
        const auto eq = item.find('=');
        if (eq != std::string::npos)
            levels[item.substr(0, eq)] = spdlog::level::from_str(item.substr(eq + 1));
        start = end + 1;
    }
    return levels;
}

std::string spdlog_levels_spec(std::size_t entries, std::size_t population) {
    static const char* const names[] = {"debug", "info", "error"};
    std::string spec;
    for (std::size_t e = 0; e < entries; ++e) {
        if (e) spec += ',';
        spec += population_name((e * 7919) % population);
        spec += '=';
        spec += names[e % 3];
    }
    return spec;
}

void reconfigure_spdlog_parse_set_levels1000(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    ensure_population(n);
    const std::string a = spdlog_levels_spec(1000, n);
    const std::string b = spdlog_levels_spec(1000, n / 2 + 1);
    bool odd = false;
    auto global = spdlog::level::info;
    for (auto _ : state) {
        spdlog::details::registry::instance().set_levels(parse_spdlog_levels((odd = !odd) ? a : b),
                                                         &global);
        benchmark::ClobberMemory();
    }
    spdlog::details::registry::instance().set_levels({}, &global);
}

// ---------------------------------------------------------------------------------------
// Parsing a spec (parse_spec + validate) against a registry knowing 10k modules
// ---------------------------------------------------------------------------------------

// 10k modules, or as many as the spec has entries (each entry names another module).
const complog::detail::registry& parse_registry(std::size_t modules) {
    static std::unordered_map<std::size_t, std::unique_ptr<complog::detail::registry>> made;
    auto& reg = made[modules];
    if (!reg) {
        reg = std::make_unique<complog::detail::registry>();
        reg->set_root("app");
        for (std::size_t i = 0; i < modules; ++i) reg->add_module(population_name(i));
    }
    return *reg;
}

void parse_spec_validate(benchmark::State& state) {
    const auto entries = static_cast<std::size_t>(state.range(0));
    const auto modules = std::max<std::size_t>(entries, 10000);
    const auto& reg = parse_registry(modules);
    const std::string spec = module_spec(entries, modules);
    std::size_t levels = 0;
    for (auto _ : state) {
        const auto parsed = complog::detail::parse_spec(spec);
        const auto s = complog::detail::validate(reg, parsed, spec);
        levels = s.levels.size();
        benchmark::DoNotOptimize(levels);
        benchmark::ClobberMemory();
    }
    if (levels != entries) state.SkipWithError("spec not parsed in full");
    state.counters["spec_bytes"] = static_cast<double>(spec.size());
}

// ---------------------------------------------------------------------------------------
// Creating loggers: a batch of N per iteration, from a fresh registry
// ---------------------------------------------------------------------------------------

const std::vector<std::string>& creation_names(std::size_t n) {
    static std::vector<std::string> names;
    while (names.size() < n) names.push_back(population_name(names.size()));
    return names;
}

void fresh_registries() {
    drop_factory_loggers();
    g_population_adopted = false;
    configure_complog();  // drops every logger complog created
    make_hot_loggers();
    g_population = 0;
}

void create_complog_get_logger(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto& names = creation_names(n);
    std::vector<std::shared_ptr<spdlog::logger>> made;
    made.reserve(n);
    for (auto _ : state) {
        state.PauseTiming();
        made.clear();
        fresh_registries();
        state.ResumeTiming();
        for (std::size_t i = 0; i < n; ++i) made.push_back(complog::get_logger(names[i]));
        benchmark::ClobberMemory();
    }
    made.clear();
    fresh_registries();
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

template <bool Initialize>
void create_spdlog(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto& names = creation_names(n);
    const auto sink = std::make_shared<spdlog::sinks::null_sink_mt>();
    std::vector<std::shared_ptr<spdlog::logger>> made;
    made.reserve(n);
    for (auto _ : state) {
        state.PauseTiming();
        for (std::size_t i = 0; i < made.size(); ++i) spdlog::drop(names[i]);
        made.clear();
        fresh_registries();
        state.ResumeTiming();
        for (std::size_t i = 0; i < n; ++i) {
            auto logger = std::make_shared<spdlog::logger>(names[i], sink);
            if (Initialize) {
                spdlog::initialize_logger(logger);
            } else {
                spdlog::register_logger(logger);
            }
            made.push_back(std::move(logger));
        }
        benchmark::ClobberMemory();
    }
    for (std::size_t i = 0; i < made.size(); ++i) spdlog::drop(names[i]);
    made.clear();
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
void create_spdlog_initialize_logger(benchmark::State& state) { create_spdlog<true>(state); }
void create_spdlog_register_logger(benchmark::State& state) { create_spdlog<false>(state); }

// ---------------------------------------------------------------------------------------
// --memory: bytes per logger, each kind in its own process (bench/run runs them)
// ---------------------------------------------------------------------------------------

long rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4096L;
}

int measure_memory(const std::string& kind, std::size_t n) {
    const auto& names = creation_names(n);
    const auto sink = std::make_shared<spdlog::sinks::null_sink_mt>();
    configure_complog();
    std::vector<std::shared_ptr<spdlog::logger>> made;
    made.reserve(n);
    const long rss0 = rss_bytes();
    const auto heap0 = mallinfo2();
    for (std::size_t i = 0; i < n; ++i) {
        if (kind == "complog") {
            made.push_back(complog::get_logger(names[i]));
        } else {
            auto logger = std::make_shared<spdlog::logger>(names[i], sink);
            if (kind == "spdlog_init") {
                spdlog::initialize_logger(logger);
            } else if (kind == "spdlog_register") {
                spdlog::register_logger(logger);
            } else {
                std::fprintf(stderr, "complog_bench: unknown --memory kind '%s'\n", kind.c_str());
                return 2;
            }
            made.push_back(std::move(logger));
        }
    }
    const auto heap1 = mallinfo2();
    const long rss1 = rss_bytes();
    const auto heap =
        static_cast<double>((heap1.uordblks + heap1.hblkhd) - (heap0.uordblks + heap0.hblkhd));
    std::printf("memory %s %zu rss_per_logger %.0f heap_per_logger %.0f\n", kind.c_str(), n,
                static_cast<double>(rss1 - rss0) / static_cast<double>(n),
                heap / static_cast<double>(n));
    return 0;
}

}  // namespace

BENCHMARK(disabled_raw_spdlog);
BENCHMARK(disabled_raw_spdlog_expensive_arg);
BENCHMARK(disabled_component);
BENCHMARK(disabled_component_expensive_arg);
BENCHMARK(disabled_artifact);
BENCHMARK(disabled_artifact_expensive_arg);
BENCHMARK(disabled_artifact_obd);
BENCHMARK(disabled_artifact_obd_expensive_arg);
BENCHMARK(enabled_check);
BENCHMARK(disabled_every_n);
BENCHMARK(skipped_every_n);
BENCHMARK(skipped_first_n);
BENCHMARK(skipped_every_sec);
BENCHMARK(skipped_every_n)->Threads(2)->UseRealTime();
BENCHMARK(skipped_first_n)->Threads(2)->UseRealTime();

BENCHMARK(enabled_spdlog_pattern);
BENCHMARK(enabled_spdlog_pattern_no_pid);
BENCHMARK(enabled_complog_formatter);
BENCHMARK(enabled_spdlog_pattern_no_pid_5_lines);
BENCHMARK(enabled_complog_formatter_5_lines);
BENCHMARK(enabled_complog_formatter_1_header_same_text);
BENCHMARK(enabled_complog_end_to_end);
BENCHMARK(disabled_component_2_fields);
BENCHMARK(enabled_complog_formatter_macro);
BENCHMARK(enabled_complog_formatter_macro_2_fields);
BENCHMARK(enabled_json_lines_formatter);
BENCHMARK(enabled_spdlog_pattern)->Threads(2)->UseRealTime();
BENCHMARK(enabled_spdlog_pattern_no_pid)->Threads(2)->UseRealTime();
BENCHMARK(enabled_complog_formatter)->Threads(2)->UseRealTime();

BENCHMARK(filter_gate_sink<1>);
BENCHMARK(filter_direct<1>);
BENCHMARK(filter_gate_sink<8>);
BENCHMARK(filter_direct<8>);
BENCHMARK(filter_gate_sink<64>);
BENCHMARK(filter_direct<64>);
BENCHMARK(filter_gate_sink_200);
BENCHMARK(filter_direct_200);
BENCHMARK(filter_gate_sink_threads)->Threads(1)->Threads(4)->UseRealTime();
BENCHMARK(filter_direct_threads)->Threads(1)->Threads(4)->UseRealTime();

BENCHMARK(file_complog_fd_sink);
BENCHMARK(file_spdlog_basic_file_sink);
BENCHMARK(file_spdlog_basic_file_sink_flush);

BENCHMARK(reconfigure_set_logs_settings)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(reconfigure_set_logs_spec)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(reconfigure_set_logs_settings_adopted)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(reconfigure_set_logs_spec_adopted)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(reconfigure_spdlog_set_level_adopted)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(reconfigure_spdlog_set_level)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(reconfigure_set_logs_spec1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(reconfigure_spdlog_parse_set_levels1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);

BENCHMARK(parse_spec_validate)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

BENCHMARK(create_complog_get_logger)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(create_spdlog_initialize_logger)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(create_spdlog_register_logger)->Arg(10000)->Unit(benchmark::kMillisecond);

// The structured trace (trace_bench.h): off-channel call vs a disabled spdlog call; a
// record vs the same bytes made with fmt and written with one write(2).
void trace_off_event(benchmark::State& state) {
    complog_bench::trace_bench::channel_off();
    long i = 0;
    for (auto _ : state) complog_bench::trace_bench::off_event(i++);
}
void trace_record(benchmark::State& state) {
    complog_bench::trace_bench::channel_on();
    long i = 0;
    for (auto _ : state) complog_bench::trace_bench::record(i++);
    complog_bench::trace_bench::channel_off();
}
void trace_fmt_same_bytes(benchmark::State& state) {
    long i = 0;
    for (auto _ : state) complog_bench::trace_bench::fmt_same_bytes(i++);
}
BENCHMARK(trace_off_event);
BENCHMARK(trace_record);
BENCHMARK(trace_fmt_same_bytes);

int main(int argc, char** argv) {
    if (argc >= 2 && std::strncmp(argv[1], "--memory=", 9) == 0) {
        const std::size_t n = argc >= 3 ? std::stoul(argv[2]) : 100000;
        return measure_memory(argv[1] + 9, n);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    remove_bench_files();
    complog::reset();
    return 0;
}
