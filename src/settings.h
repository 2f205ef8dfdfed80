// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Settings: the levels and artifacts a spec or a set_logs call asks for.
//
// `log_settings` is what code passes to complog::set_logs:
//
//     complog::set_logs(complog::log_settings{}
//                           .set("all", spdlog::level::info)
//                           .set("net", spdlog::level::debug)
//                           .unset("myapp.net.http")        // follow its parent
//                           .artifact("wire"));
//
// `settings` is the validated form both the environment spec and set_logs
// produce (see spec.h); each application replaces the previous one.
// Both are plain values: building one never throws (but for std::bad_alloc);
// set_logs validates it. A `settings` entry views its text (the spec's, or set_logs'
// arguments) in storage its copies share, so an entry costs no allocation of its own.

#pragma once

#include <complog/logger.h>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace complog::detail {

/// What a level entry names.
enum class target_kind : unsigned char { root, component, module };

/// Validated settings: every name is registered or known.
struct settings {
    struct level_entry {
        target_kind kind;
        std::string_view name;       ///< alias or module name ("all" for the root)
        std::optional<level> value;  ///< std::nullopt: not set
        std::string_view origin;     ///< where it came from, for explanations ("+net", "set_logs")
    };
    std::vector<level_entry> levels;     ///< applied in order; later entries win
    std::vector<std::string> artifacts;  ///< enabled artifacts
    std::string source;                  ///< where they came from ("MYAPP_LOGS", "set_logs")
    /// What the entries' names and origins view (but for literals): never changed once
    /// built, kept alive by every copy. A deque, so that adding a text moves none.
    std::shared_ptr<const std::deque<std::string>> text;

    [[nodiscard]] bool artifact_enabled(std::string_view name) const {
        for (const auto& a : artifacts) {
            if (a == name) return true;
        }
        return false;
    }
};

}  // namespace complog::detail
