// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "report.h"

#include <unistd.h>

#include <mutex>
#include <unordered_set>

namespace complog::detail {

void report(std::string_view text) {
    std::string line = "complog: ";
    line += text;
    if (line.back() != '\n') line += '\n';
    // One write: a diagnostic is not interleaved with records written meanwhile.
    for (std::size_t done = 0; done < line.size();) {
        const auto n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

void report_once(const void* key, const std::string& text) {
    // Never destroyed: destinations may fail during static destruction.
    static auto* const mutex = new std::mutex;
    static auto* const seen = new std::unordered_set<const void*>;
    {
        std::lock_guard<std::mutex> lock(*mutex);
        if (!seen->insert(key).second) return;
    }
    report(text);
}

}  // namespace complog::detail
