// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The small registry every fuzz target uses, shaped like the conformance registry:
// a root, components sharing loggers, artifacts of each kind, known modules, an
// artifact logger, and non-ASCII names (the grammar accepts Unicode letters).

#pragma once

#include <complog/complog.h>

#include "internal.h"

#include <string>
#include <vector>

namespace complog::fuzz {

struct component_names {
    const char* alias;
    std::vector<std::string> loggers;
};

inline const char* const root_name = "app";

inline const std::vector<component_names>& components() {
    static const std::vector<component_names> list = {
        {"net", {"app.net", "app.rpc"}},
        {"db", {"app.db"}},
        {"dynamo", {"app.dynamo", "app.fx.sym"}},
        {"export", {"app.dynamo", "app.export"}},            // shares app.dynamo with `dynamo`
        {"caf\xc3\xa9", {"app.caf\xc3\xa9"}},                // "café"
        {"\xe6\x97\xa5\xe6\x9c\xac", {"app.\xe6\x97\xa5"}},  // "日本"
    };
    return list;
}

inline const std::vector<artifact_info>& artifacts() {
    static const std::vector<artifact_info> list = {
        {"wire", "bytes on the wire"},
        {"graph_code", "generated code", true, /*off_by_default*/ true},
        {"schedule", "hidden scheduler trace", /*visible*/ false},
        {"bytes", "raw message only", true, false, "%v"},
    };
    return list;
}

inline const std::vector<std::string>& modules() {
    static const std::vector<std::string> list = {"app.net.http", "app.fx.experimental",
                                                  "other.lib", "app.caf\xc3\xa9.\xc3\x9f",
                                                  "app.net.__wire"};
    return list;
}

/// Fills a registry value (for the pure parse/validate/resolve functions).
inline void fill(detail::registry& reg) {
    reg.set_root(root_name);
    for (const auto& c : components()) reg.add_component(c.alias, c.loggers);
    for (const auto& a : artifacts()) reg.add_artifact(a);
    for (const auto& m : modules()) reg.add_module(m);
}

/// Registers the same names with complog's global configuration.
inline void register_globally() {
    for (const auto& c : components()) register_component(c.alias, c.loggers);
    for (const auto& a : artifacts()) register_artifact(a);
    for (const auto& m : modules()) register_module(m);
}

}  // namespace complog::fuzz
