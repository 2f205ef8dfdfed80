// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/macros.h>

#include <mutex>
#include <string>
#include <unordered_set>

namespace complog::detail {
namespace {

struct seen_texts {
    std::mutex mutex;
    std::unordered_set<std::string> seen;  // "<logger>\n<text>"
};

// Created on first use and intentionally never destroyed: COMPLOG_WARN_ONCE may run in
// static destructors and atexit handlers (after exit() begins), when function-local
// statics created before them are already gone. The pointer is trivially destructible,
// and the object stays reachable from it, so leak checkers do not report it.
seen_texts& texts() {
    static seen_texts* const texts = new seen_texts;
    return *texts;
}

}  // namespace

void warn_once(spdlog::logger& logger, spdlog::source_loc location, std::string text) {
    auto& t = texts();
    {
        std::lock_guard<std::mutex> lock(t.mutex);
        if (!t.seen.insert(logger.name() + '\n' + text).second) return;
    }
    logger.log(location, spdlog::level::warn, spdlog::string_view_t(text));
}

}  // namespace complog::detail
