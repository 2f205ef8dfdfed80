// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The spec: the text of the environment variable (e.g. MYAPP_LOGS), with
// TORCH_LOGS's grammar. Comma-separated items, each an optional prefix and a
// name: `+name` debug, `-name` error, bare `name` info. Whitespace is allowed
// only directly after a comma. `help` / `+help` alone ask for the listing.
// SPDLOG_LEVEL's items mix in: `name=level` with spdlog's level names
// (trace, debug, info, warn, err, critical, off, in any case) and `*=level` for `all`.
//
// Names. A name is any text but the spec's separators: it ends at a ',', a '=',
// whitespace or a control character, and a leading '+' or '-' is its prefix. So every
// name spdlog programs use can be written: `my-logger`, `erhe::net::socket`,
// `Tcp/1`, `a+b` (a '+' or '-' inside a name is part of it). Only '.' builds the
// hierarchy: `app.net` is below `app`, while `erhe::net::socket` and `my-logger` are
// flat names with no parent ('::', '-', '/' are ordinary characters). Names spdlog
// allows but a spec cannot write: ones holding ',', '=', whitespace or control
// characters, ones starting with '+' or '-', and `*` (the wildcard).
//
//     auto parsed = complog::parse_spec("+net,wire");          // syntax only
//     complog::settings s = complog::validate(reg, parsed);    // names checked
//
// Both are pure functions and throw complog::spec_error on bad input. Then
// promote_named_modules(reg, s) (registry.h) and resolve(reg, s, ...) (resolve.h)
// complete what init() and set_logs() do, without global state.
//
// Late names: validate() can keep the items naming nothing registered yet (a plugin,
// a logger made later) instead of rejecting the whole spec; the known items apply and
// a pending_spec re-validates the text when a registration may bind a kept name.

#pragma once

#include "registry.h"
#include "resolve.h"
#include "settings.h"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
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

/// An item naming nothing registered (yet), kept by validate() when asked to.
struct unknown_item {
    std::string name;        ///< as written
    std::size_t position;    ///< byte offset of the item in the spec
    std::string suggestion;  ///< the closest registered name, or empty
    std::string message;     ///< one report: the item, its column and caret, the suggestion
    /// The item's level; none for a bare word (it may name an artifact registered later).
    std::optional<level> value;
};

/// Checks every name of a parsed spec against the registry. Artifacts ignore the
/// prefix. Throws spec_error naming the first unknown item, with a suggestion; given
/// `unknown`, appends each unknown item there instead and leaves it out of the settings.
/// Other errors (a level for an artifact) always throw.
settings validate(const registry& reg, const parsed_spec& spec, std::string_view text,
                  validation_options options = {}, std::vector<unknown_item>* unknown = nullptr);

/// A spec some of whose names are not registered yet. Pure: the configuration keeps one
/// and, when a registration binds one of the names (may_bind), replaces its settings by
/// revalidate()'s, which apply every item the registry now knows, in the spec's order.
struct pending_spec {
    std::string text;
    std::string source;  ///< where the text came from ("MYAPP_LOGS", "set_logs")
    validation_options options;
    std::vector<std::string> unknown;  ///< the names still unknown, in the spec's order
    /// The level the last item with a level (`+`, `-` or `=level`) of each unknown name
    /// gives it: spdlog's per-name level map
    /// gives it to a logger spdlog's factories make under that exact name (as SPDLOG_LEVEL
    /// does), before complog sees the logger.
    std::vector<std::pair<std::string, level>> levels;

    /// Whether `reg` now knows one of the unknown names.
    [[nodiscard]] bool may_bind(const registry& reg) const;
    /// The settings of the whole text over `reg`; `unknown` keeps the names still unknown.
    settings revalidate(const registry& reg);
};

/// The pending spec of the `unknown` items validate() kept from `text`, and their report
/// appended to `report`: one entry per name (its first item), each line "<source>: ...".
pending_spec keep_unknown(std::string text, std::string source, validation_options options,
                          const std::vector<unknown_item>& unknown, std::string& report);

/// Checks a set_logs call: levels for "all", aliases and modules, booleans for artifacts.
settings validate(const registry& reg, const log_settings& args, validation_options options = {});

/// A SPDLOG_LEVEL value read exactly as spdlog 1.10-1.15's cfg::helpers::load_levels
/// reads it: items split at ',' (empty ones skipped), each `name=level` or a bare level
/// (spdlog's global level, here `all`), both sides trimmed of " \n\r\t", the level
/// lowercased; for a name given twice the last item counts; an item with an unknown level
/// is skipped, the others apply; a value over 512 bytes is ignored whole. complog adds one
/// thing spdlog only documents: `*=level` means the global level (spdlog 1.10-1.15 sets a
/// logger named "*"). The items view `text`; a bare level comes first, as spdlog lets
/// named loggers win over it whatever the order.
struct spdlog_level_value {
    parsed_spec spec;
    std::vector<std::string> skipped;  ///< one line per ignored item, quoting it as written
};
spdlog_level_value parse_spdlog_level(std::string_view text);

/// Every name a spec may use: "all", the aliases and the artifacts, sorted.
std::vector<std::string> valid_names(const registry& reg);

/// The `help` listing: examples written with `env_var`; the components as a tree of
/// their logger names with each logger's aliases (and level, given `levels`); then the
/// visible artifacts with descriptions and flags (verbose, as `+help`: every artifact).
std::string help_listing(const registry& reg, std::string_view env_var, bool verbose,
                         const level_table* levels = nullptr);

}  // namespace complog::detail
