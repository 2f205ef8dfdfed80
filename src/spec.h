// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The spec: the text of the environment variable (e.g. MYAPP_LOGS), with
// TORCH_LOGS's grammar. Comma-separated items, each an optional prefix and a
// name: `+name` debug, `-name` error, bare `name` info. Whitespace is allowed
// only directly after a comma. `help` / `+help` alone ask for the listing.
// SPDLOG_LEVEL's items mix in: `name=level` with spdlog's level names
// (trace, debug, info, warn, err, critical, off) and `*=level` for `all`.
//
//     auto parsed = complog::parse_spec("+net,wire");          // syntax only
//     complog::settings s = complog::validate(reg, parsed);    // names checked
//
// Both are pure functions and throw complog::spec_error on bad input. Then
// promote_named_modules(reg, s) (registry.h) and resolve(reg, s, ...) (resolve.h)
// complete what init() and set_logs() do, without global state.

#pragma once

#include "registry.h"
#include "resolve.h"
#include "settings.h"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace complog::detail {

/// One item of a spec: `+name`, `-name` or `name`.
struct spec_item {
    std::string_view name;  ///< in the spec's text; "all" for SPDLOG_LEVEL's `*`
    level value;            ///< from the prefix (debug, error, info) or `=level`
    std::size_t position;   ///< byte offset of the item in the spec
    std::size_t length;     ///< bytes of the item, prefix included
    bool assigned = false;  ///< written `name=level` (SPDLOG_LEVEL's form)
};

struct parsed_spec {
    enum class request { settings, help, help_verbose };
    request kind = request::settings;
    std::vector<spec_item> items;  ///< empty for the empty spec and for help
};

/// Checks the grammar and splits the spec into items. Throws spec_error. The items view
/// `text`: keep it alive while they are used (validate() copies what it keeps).
parsed_spec parse_spec(std::string_view text);

struct validation_options {
    /// Accept any dotted name as a module, even one no logger or registration mentions
    /// (for programs that create loggers lazily). Strict by default, as PyTorch is.
    bool accept_unknown_modules = false;
};

/// Checks every name of a parsed spec against the registry. Artifacts ignore the
/// prefix. Throws spec_error naming the first unknown item, with a suggestion.
settings validate(const registry& reg, const parsed_spec& spec, std::string_view text,
                  validation_options options = {});

/// Checks a set_logs call: levels for "all", aliases and modules, booleans for artifacts.
settings validate(const registry& reg, const log_settings& args, validation_options options = {});

/// Rewrites a SPDLOG_LEVEL value as a spec: a bare level ("info") becomes "*=info",
/// `name=level` items stay as they are. "off,app.net=debug" -> "*=off,app.net=debug".
std::string spec_from_spdlog_level(std::string_view value);

/// Every name a spec may use: "all", the aliases and the artifacts, sorted.
std::vector<std::string> valid_names(const registry& reg);

/// The `help` listing: examples written with `env_var`; the components as a tree of
/// their logger names with each logger's aliases (and level, given `levels`); then the
/// visible artifacts with descriptions and flags (verbose, as `+help`: every artifact).
std::string help_listing(const registry& reg, std::string_view env_var, bool verbose,
                         const level_table* levels = nullptr);

}  // namespace complog::detail
