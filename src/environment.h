// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Reading the environment (private, pure): the program's variable (or SPDLOG_LEVEL in its
// place) and its companions <VAR>_FORMAT, <VAR>_OUT, <VAR>_TRACE_ID_FILTER, <VAR>_TRACE,
// <VAR>_RANKS, <VAR>_CONTROL, and the job's ranks (rank.h).
// getenv is injected, so every case is testable without touching the process's
// environment; nothing here has side effects.
//
//     auto env = read_environment(opts, [](const char* name) { return std::getenv(name); });
//     auto outcome = settings_from_environment(reg, env, opts);   // may throw (strict)

#pragma once

#include <complog/logger.h>

#include "rank.h"
#include "registry.h"
#include "settings.h"
#include "spec.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace complog::detail {

using getenv_function = std::function<const char*(const char*)>;

struct environment {
    bool owns_settings =
        false;             ///< the program's variable is set (even empty): set_logs is ignored
    std::string variable;  ///< where `spec` came from: the program's variable or SPDLOG_LEVEL
    std::string spec;      ///< the spec text, as written; empty: none
    bool spdlog_grammar = false;  ///< SPDLOG_LEVEL's value: read as spdlog reads it
    bool accept_unknown = false;  ///< SPDLOG_LEVEL's names are not checked, as spdlog does not
    std::optional<std::string> format_pattern;  ///< from _FORMAT, translated to a spdlog pattern
    bool json_lines = false;                    ///< _FORMAT=json
    std::optional<std::string> out_path;        ///< from _OUT, per rank when asked
    std::vector<std::string> trace_filter;      ///< from _TRACE_ID_FILTER
    std::optional<std::string> trace_dir;       ///< from _TRACE: the structured trace
    std::optional<int> rank;      ///< the program's (set_rank), else the job's (rank.h)
    job_ranks job;                ///< rank, local rank and world size from the launchers' variables
    rank_list console_ranks;      ///< from _RANKS: the ranks writing to the console; empty: all
    std::optional<bool> control;  ///< from _CONTROL (1 or 0)
    std::string diagnostics;      ///< one line per bad companion (each falls back to its default)
};

/// `program_rank`: the rank the program set (set_rank), which wins over the variables.
environment read_environment(const options& opts, const getenv_function& getenv,
                             std::optional<int> program_rank = std::nullopt);

/// What the spec of `env` gives over `reg`.
struct environment_outcome {
    init_result result;
    settings applied;  ///< default settings unless result.outcome is applied
    bool verbose_help = false;
    /// The spec when some of its names are unknown and kept: bind them as they register.
    std::optional<pending_spec> pending;
};

/// Parses and validates `env.spec` against `reg`. A bad spec gives the default settings
/// and a message, or throws spec_error with options::strict. An unknown name is kept
/// pending and reported (result.message) while the known items apply, unless
/// options::strict or options::reject_whole_spec rejects the whole spec for it, as
/// PyTorch does. SPDLOG_LEVEL's value is read as spdlog reads it: a bad item is skipped
/// and reported, the others apply.
environment_outcome settings_from_environment(const registry& reg, const environment& env,
                                              const options& opts);

}  // namespace complog::detail
