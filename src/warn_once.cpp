// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/macros.h>

#include <mutex>
#include <unordered_set>

namespace complog::detail {

void warn_once(spdlog::logger& logger, spdlog::source_loc location, std::string text) {
    static std::mutex mutex;
    static std::unordered_set<std::string> seen;  // "<logger>\n<text>"
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (!seen.insert(logger.name() + '\n' + text).second) return;
    }
    logger.log(location, spdlog::level::warn, spdlog::string_view_t(text));
}

}  // namespace complog::detail
