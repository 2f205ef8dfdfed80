// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Fuzzes the <VAR>_FORMAT path: translate_format, make_pattern_formatter (on its
// result and on the raw input), and formatting records with them, alone and as an
// artifact's own format of record_formatter.
//
// Input: a <VAR>_FORMAT value, or, after a first byte 0, pairs of bytes that build a
// pattern of every flag with every kind of padding (see structured_pattern). Each
// pattern formats records of every level (with off, n_levels and values outside the
// enum), multi-line, empty and newline-only payloads, artifact loggers with and without
// their own format, full, nameless and absent source locations, times before 1970, a
// rank and a context tag.

#include <complog/context.h>
#include <complog/format.h>

#include <spdlog/details/log_msg.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

// Every spdlog and complog flag, then a few that are not flags.
constexpr std::string_view flags = "+vtPnlLaAbBhcCYDxmdHIMSefFprRTXzEiuoOsg#!@^$JKN%w(";
constexpr std::array<std::string_view, 16> widths = {"",
                                                     "0",
                                                     "1",
                                                     "2",
                                                     "3",
                                                     "7",
                                                     "8",
                                                     "10",
                                                     "63",
                                                     "64",
                                                     "65",
                                                     "000",
                                                     "99999999",
                                                     "9!",
                                                     "18446744073709551617",
                                                     "184467440737095516160"};

// Byte pairs (a, b): a >= 0x80 is the literal character a - 0x80; otherwise a picks a
// flag and b its padding: bits 0-1 the side ("", '-', '=', "-="), bit 2 the '!',
// bits 3-6 the width.
std::string structured_pattern(std::string_view input) {
    std::string pattern;
    for (std::size_t i = 0; i + 1 < input.size(); i += 2) {
        const auto a = static_cast<unsigned char>(input[i]);
        const auto b = static_cast<unsigned char>(input[i + 1]);
        if (a >= 0x80) {
            pattern += static_cast<char>(a - 0x80);
            continue;
        }
        static constexpr std::array<std::string_view, 4> sides = {"", "-", "=", "-="};
        pattern += '%';
        pattern += sides[b & 3u];
        pattern += widths[(b >> 3) & 15u];
        if ((b & 4u) != 0) pattern += '!';
        pattern += flags[a % flags.size()];
    }
    return pattern;
}

void format_records(spdlog::formatter& pattern, complog::record_formatter& records) {
    static constexpr std::array<const char*, 4> loggers = {"app.net", "app.net.__wire",
                                                           "app.net.__dump", ""};
    static constexpr std::array<std::string_view, 4> payloads = {"first\nsecond\n", "", "\n",
                                                                 "a\n\nb"};
    const std::array<spdlog::source_loc, 4> sources = {
        spdlog::source_loc{"/src/app/net.cpp", 42, "send"}, spdlog::source_loc{nullptr, 7, nullptr},
        spdlog::source_loc{}, spdlog::source_loc{"net.cpp", 1, nullptr}};
    const std::array<spdlog::log_clock::time_point, 4> times = {
        spdlog::log_clock::time_point(std::chrono::seconds(1795345183)),
        spdlog::log_clock::time_point(-std::chrono::milliseconds(1500)),
        spdlog::log_clock::time_point(-std::chrono::milliseconds(500)),
        spdlog::log_clock::time_point()};
    spdlog::memory_buf_t out;
    for (int level = -1; level <= spdlog::level::n_levels + 1; ++level) {
        for (std::size_t v = 0; v < 4; ++v) {
            // Each variant pairs a logger, payload, source and time differently.
            const auto payload = payloads[(v + static_cast<std::size_t>(level + 1)) % 4];
            const spdlog::details::log_msg msg(
                times[v], sources[(v + 1) % 4], loggers[v],
                static_cast<spdlog::level::level_enum>(level),
                spdlog::string_view_t(payload.data(), payload.size()));
            if (v == 3) {
                complog::set_rank(5);
                complog::context_scope scope("0/1");
                records.format(msg, out);
                complog::set_rank(-1);
            } else {
                records.format(msg, out);
            }
            pattern.format(msg, out);
            out.clear();
        }
    }
}

void fuzz_pattern(const std::string& pattern) {
    auto formatter = complog::make_pattern_formatter(pattern);
    complog::record_formatter records({{"wire", pattern}}, 1234);
    format_records(*formatter, records);
    auto clone = formatter->clone();
    const auto records_clone = records.clone();
    spdlog::memory_buf_t out;
    const spdlog::details::log_msg msg(spdlog::source_loc{"a/b.cpp", 3, "f"}, "app.__wire",
                                       spdlog::level::off, "x");
    clone->format(msg, out);
    records_clone->format(msg, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string value = !input.empty() && input[0] == '\0'
                                  ? structured_pattern(input.substr(1))
                                  : std::string(input);
    // make_pattern_formatter takes any pattern, not only translate_format's.
    fuzz_pattern(value);
    try {
        fuzz_pattern(complog::translate_format(value));
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
