// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Rate-limited logging, per call site (each macro expansion has its own counters).
//
//     COMPLOG_EVERY_N(log, spdlog::level::warn, 100, "queue full, dropping {}", id);
//     COMPLOG_FIRST_N(log, spdlog::level::info, 3, "using fallback {}", name);
//     COMPLOG_EVERY_SEC(log, spdlog::level::warn, 5, "retrying {}", host);   // or 0.5
//
// - COMPLOG_EVERY_N writes the 1st, (n+1)th, (2n+1)th... call; COMPLOG_FIRST_N the first n
//   calls and none after; COMPLOG_EVERY_SEC the first call, then the first call at least
//   `seconds` (a double) after the last one it wrote, by a monotonic clock (Linux:
//   CLOCK_MONOTONIC_COARSE, a few milliseconds of resolution). n <= 1 or seconds <= 0
//   writes every call; FIRST_N with n <= 0 writes none.
// - Only calls whose level is enabled count: a call the logger's level skips does
//   nothing but that level check, exactly as COMPLOG_LOG (the counters are not touched,
//   n and seconds are not evaluated).
// - A written record after suppressed ones ends in " [suppressed <k>]": the calls of this
//   site the rate limit skipped since its last written record (the message stays first,
//   so it reads and greps as without a limit). FIRST_N writes nothing after its n
//   records, so it never reports a count.
// - Arguments are evaluated only for a written record, once each, as in COMPLOG_LOG.
//   Nothing leaves a macro (format errors, throwing arguments: see macros.h).
// - Thread-safety: the counters are lock-free atomics shared by all threads calling the
//   site (one per expansion; in a template, per instantiation). Each call is counted
//   once. EVERY_N numbers its calls: call k*n (from 0) is written and reports the n-1
//   calls numbered before it (for a constant n). EVERY_SEC counts its skipped calls: the
//   k of consecutive written records add up to the calls skipped between them (a skip
//   racing with a write is reported by the next written record).
// - The counters are constant-initialised statics without destructor: no guard on the
//   first call, usable in static destructors and at exit.

#pragma once

#include <complog/macros.h>

#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <limits>
#include <type_traits>
#include <utility>

#define COMPLOG_EVERY_N(logger, lvl, n, ...)                                                \
    COMPLOG_DETAIL_IF_ENABLED_(                                                             \
        logger, lvl, static ::complog::detail::every_n_site complog_site_;                  \
        ::std::uint64_t complog_suppressed_ = 0;                                            \
        if (complog_site_.admit(                                                            \
                ::complog::detail::site_count(n),                                           \
                complog_suppressed_))::complog::detail::log_suppressed(*complog_logger_,    \
                                                                       complog_loc_,        \
                                                                       complog_level_,      \
                                                                       complog_suppressed_, \
                                                                       __VA_ARGS__))

#define COMPLOG_FIRST_N(logger, lvl, n, ...)                               \
    COMPLOG_DETAIL_IF_ENABLED_(                                            \
        logger, lvl, static ::complog::detail::first_n_site complog_site_; \
        if (complog_site_.admit(::complog::detail::site_count(n)))         \
            complog_logger_->log(complog_loc_, complog_level_, __VA_ARGS__))

#define COMPLOG_EVERY_SEC(logger, lvl, seconds, ...)                                               \
    COMPLOG_DETAIL_IF_ENABLED_(                                                                    \
        logger, lvl, static ::complog::detail::every_sec_site complog_site_;                       \
        ::std::uint64_t complog_suppressed_ = 0;                                                   \
        if (complog_site_.admit((seconds), complog_suppressed_))::complog::detail::log_suppressed( \
            *complog_logger_, complog_loc_, complog_level_, complog_suppressed_, __VA_ARGS__))

namespace complog::detail {

/// A macro's `n` as a count, 0 for n < 1 (NaN too): unsigned values above LLONG_MAX and
/// doubles above 2^63 stay huge instead of wrapping negative (or undefined behaviour).
template <typename N>
constexpr std::uint64_t site_count(N n) noexcept {
    if constexpr (std::is_floating_point_v<N>) {
        if (!(n >= 1)) return 0;
        return n < 18446744073709551615.0 ? static_cast<std::uint64_t>(n)
                                          : std::numeric_limits<std::uint64_t>::max();
    } else if constexpr (std::is_unsigned_v<N>) {
        return static_cast<std::uint64_t>(n);
    } else {
        const auto value = static_cast<long long>(n);
        return value < 1 ? 0 : static_cast<std::uint64_t>(value);
    }
}

/// COMPLOG_EVERY_N's counter: one atomic operation per call.
class every_n_site {
public:
    constexpr every_n_site() noexcept = default;
    /// Whether this call is written; then `suppressed` is the calls skipped since.
    bool admit(std::uint64_t every, std::uint64_t& suppressed) noexcept {
        const auto seen = calls_.fetch_add(1, std::memory_order_relaxed);
        if (every <= 1) return true;
        if (seen % every != 0) return false;
        // The calls numbered between this one and the previous multiple of n.
        suppressed = seen < every - 1 ? seen : every - 1;
        return true;
    }

private:
    std::atomic<std::uint64_t> calls_{0};
};

/// COMPLOG_FIRST_N's counter.
class first_n_site {
public:
    constexpr first_n_site() noexcept = default;
    bool admit(std::uint64_t limit) noexcept {
        if (limit == 0) return false;
        // A plain load once the limit is reached: a hot site stops writing the cache line.
        if (calls_.load(std::memory_order_relaxed) >= limit) return false;
        return calls_.fetch_add(1, std::memory_order_relaxed) < limit;
    }

private:
    std::atomic<std::uint64_t> calls_{0};
};

/// COMPLOG_EVERY_SEC's state: when the site last wrote a record.
class every_sec_site {
public:
    constexpr every_sec_site() noexcept = default;
    bool admit(double seconds, std::uint64_t& suppressed) noexcept {
        return admit_at(now_ns(), seconds, suppressed);
    }
    /// A monotonic clock. On Linux the coarse one (a few milliseconds of resolution, plenty
    /// for limits in seconds) at a fraction of steady_clock's cost per skipped call.
    static std::int64_t now_ns() noexcept {
#if defined(__linux__) && defined(CLOCK_MONOTONIC_COARSE)
        timespec now{};
        if (clock_gettime(CLOCK_MONOTONIC_COARSE, &now) == 0) {
            return static_cast<std::int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
        }
#endif
        return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                             std::chrono::steady_clock::now().time_since_epoch())
                                             .count());
    }
    /// admit() at the steady-clock time `now_ns`.
    bool admit_at(std::int64_t now_ns, double seconds, std::uint64_t& suppressed) noexcept {
        // NaN writes every call; a huge period never overflows (about 30 years at most).
        const double period = seconds > 0 ? seconds * 1e9 : 0;
        const auto period_ns = static_cast<std::int64_t>(period < 1e18 ? period : 1e18);
        auto last = last_ns_.load(std::memory_order_relaxed);
        if (period_ns <= 0) {
            // Every call is written, also one whose clock reading is older than the last
            // written record's (another thread's, read later and stored first).
            if (now_ns > last) last_ns_.store(now_ns, std::memory_order_relaxed);
            if (skipped_.load(std::memory_order_relaxed) != 0) {
                suppressed = skipped_.exchange(0, std::memory_order_relaxed);
            }
            return true;
        }
        while (last == never || now_ns - last >= period_ns) {
            // One thread wins the slot; the others see its time and are skipped.
            if (last_ns_.compare_exchange_weak(last, now_ns, std::memory_order_relaxed)) {
                suppressed = skipped_.exchange(0, std::memory_order_relaxed);
                return true;
            }
        }
        skipped_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }

private:
    static constexpr std::int64_t never = std::numeric_limits<std::int64_t>::min();
    std::atomic<std::int64_t> last_ns_{never};  // when the last record was written
    std::atomic<std::uint64_t> skipped_{0};
};

/// Logs the record, with " [suppressed <k>]" after its text when k > 0.
template <typename... Args>
void log_suppressed(spdlog::logger& logger, spdlog::source_loc location,
                    spdlog::level::level_enum lvl, std::uint64_t suppressed,
                    spdlog::format_string_t<Args...> format, Args&&... args) {
    if (suppressed == 0) {
        logger.log(location, lvl, format, std::forward<Args>(args)...);
        return;
    }
    fmt::memory_buffer text;
    fmt::format_to(std::back_inserter(text), format, std::forward<Args>(args)...);
    fmt::format_to(std::back_inserter(text), " [suppressed {}]", suppressed);
    logger.log(location, lvl, spdlog::string_view_t(text.data(), text.size()));
}

/// A message without format arguments (a string or any formattable value), as spdlog's.
/// A runtime format string (fmt::runtime(s)) is no value: the overload above formats it.
template <typename T,
          std::enable_if_t<std::is_convertible_v<const T&, spdlog::string_view_t> ||
                               !spdlog::is_convertible_to_any_format_string<const T&>::value,
                           int> = 0>
void log_suppressed(spdlog::logger& logger, spdlog::source_loc location,
                    spdlog::level::level_enum lvl, std::uint64_t suppressed, const T& message) {
    if (suppressed == 0) {
        logger.log(location, lvl, message);
        return;
    }
    logger.log(location, lvl, "{} [suppressed {}]", message, suppressed);
}

}  // namespace complog::detail
