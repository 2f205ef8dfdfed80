// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Explain: why each logger has its level. For every known logger, its
// effective level, whether its records are written, and where that came
// from (a spec item or set_logs entry, an ancestor, the default); for every
// artifact, on or off and why.
//
// complog::explain() prints it for the global configuration; explain_levels() is the
// pure form over a registry, settings and level table.

#pragma once

#include "registry.h"
#include "resolve.h"
#include "settings.h"

#include <optional>
#include <string>
#include <vector>

namespace complog::detail {

struct logger_explanation {
    std::string name;
    level effective;
    bool writes;         ///< records at `effective` or above reach a library sink
    std::string reason;  ///< e.g. "inherited from app.net, set by '+net'"
    /// The spdlog logger's own level when it differs from the one complog gives it.
    std::optional<level> real;
};

struct artifact_explanation {
    std::string name;
    std::string state;  ///< "on", "off" or "follows its module"
    std::string reason;
};

struct explanation {
    std::vector<logger_explanation> loggers;  ///< known loggers, sorted by name
    std::vector<artifact_explanation> artifacts;
};

/// The level each node's spdlog logger really has, by node id; std::nullopt (or an id past
/// the end) where it is not known. A level changed behind complog's back (spdlog::set_level,
/// the logger's owner) differs from the one complog pushed.
using real_levels = std::vector<std::optional<level>>;

/// Pure: explains `table`, the resolution of `s` over `reg`. A logger whose entry in `real`
/// differs from the level complog gives it says so.
explanation explain_levels(const registry& reg, const settings& s, const level_table& table,
                           const real_levels& real = {});

/// The explanation as an aligned text table.
std::string to_string(const explanation& e);

}  // namespace complog::detail
