// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Fuzzes the <VAR>_FORMAT path: translate_format, make_pattern_formatter, and
// formatting records with the result, alone and as an artifact's own format.

#include <complog/format.h>

#include <spdlog/details/log_msg.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value(reinterpret_cast<const char*>(data), size);
    std::string pattern;
    try {
        pattern = complog::translate_format(value);
    } catch (const std::invalid_argument&) {
        return 0;
    }
    const auto level = static_cast<spdlog::level::level_enum>(size % spdlog::level::n_levels);
    const spdlog::details::log_msg plain(spdlog::source_loc{"/src/app/net.cpp", 42, "send"},
                                         "app.net", level, "first\nsecond\n");
    const spdlog::details::log_msg artifact(spdlog::source_loc{}, "app.net.__wire", level,
                                            "payload");

    spdlog::memory_buf_t out;
    auto formatter = complog::make_pattern_formatter(pattern);
    formatter->format(plain, out);
    formatter->clone()->format(artifact, out);

    complog::record_formatter records({{"wire", pattern}}, 1234);
    records.format(plain, out);
    records.format(artifact, out);
    return 0;
}
