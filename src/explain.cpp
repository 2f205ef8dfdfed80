// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "explain.h"

#include "text.h"

#include <algorithm>
#include <utility>

namespace complog::detail {
namespace {

using detail::escaped;
using detail::level_name;
using detail::padded;

std::string setting_text(const settings& s, std::int32_t entry) {
    if (entry < 0 || static_cast<std::size_t>(entry) >= s.levels.size()) return "a setting";
    const auto& e = s.levels[static_cast<std::size_t>(entry)];
    return "'" + std::string(e.origin) + "'" + (s.source.empty() ? "" : " (" + s.source + ")");
}

std::string reason_for(const registry& reg, const settings& s, const level_table& table,
                       registry::node_id id) {
    const auto& n = reg.at(id);
    const auto& r = table[id];
    if (r.artifact_off) return "artifact " + std::string(n.artifact) + " is off by default";
    std::string why;
    switch (r.source) {
        case level_source::artifact_on:
            why = "artifact " + std::string(n.artifact) + " is on";
            break;
        case level_source::setting:
            why = "set by " + setting_text(s, r.entry);
            break;
        case level_source::inherited:
            why = "inherited from " + std::string(reg.at(r.from).name) + ", set by " +
                  setting_text(s, r.entry);
            break;
        case level_source::default_level:
            why = "default level";
            break;
    }
    if (!r.reaches_sink) why += "; no component above it, so nothing is written";
    return why;
}

}  // namespace

explanation explain_levels(const registry& reg, const settings& s, const level_table& table,
                           const real_levels& real) {
    explanation out;
    for (registry::node_id id = 0; id < table.size(); ++id) {
        const auto& n = reg.at(id);
        if (!n.known && !n.owns_sink) continue;
        const auto& r = table[id];
        logger_explanation l{n.name.empty() ? "(default logger)" : std::string(n.name), r.effective,
                             r.reaches_sink && r.effective != level::off,
                             reason_for(reg, s, table, id), std::nullopt};
        // Compared with what complog pushes into the logger (off where nothing is written).
        if (id < real.size() && real[id] && *real[id] != r.pushed()) {
            l.real = real[id];
            l.reason += "; real level " + std::string(level_name(*l.real)) +
                        " (set outside complog: spdlog::set_level or the logger's owner)";
        }
        out.loggers.push_back(std::move(l));
    }
    std::sort(out.loggers.begin(), out.loggers.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& a : reg.artifacts()) {
        if (s.artifact_enabled(a.name)) {
            out.artifacts.push_back(
                {a.name, "on", "named" + (s.source.empty() ? "" : " in " + s.source)});
        } else if (a.off_by_default) {
            out.artifacts.push_back({a.name, "off", "off by default; name it to turn it on"});
        } else {
            out.artifacts.push_back(
                {a.name, "follows its module", "shown when its module's level is debug"});
        }
    }
    std::sort(out.artifacts.begin(), out.artifacts.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

std::string to_string(const explanation& e) {
    // Names come from the program and, with accept_unknown_modules, from the spec or
    // set_logs: escaped, so that none can add lines or drive the terminal.
    std::vector<std::string> loggers;
    std::vector<std::string> artifacts;
    std::size_t width = 6;
    for (const auto& l : e.loggers) {
        loggers.push_back(escaped(l.name));
        width = std::max(width, loggers.back().size());
    }
    for (const auto& a : e.artifacts) {
        artifacts.push_back(escaped(a.name));
        width = std::max(width, artifacts.back().size());
    }
    std::string out = padded("logger", width) + "  " + padded("level", 8) + "  writes  why\n";
    for (std::size_t i = 0; i < e.loggers.size(); ++i) {
        const auto& l = e.loggers[i];
        out += padded(loggers[i], width) + "  " + padded(level_name(l.effective), 8) + "  " +
               padded(l.writes ? "yes" : "no", 6) + "  " + escaped(l.reason) + "\n";
    }
    out += "\n" + padded("artifact", width) + "  state\n";
    for (std::size_t i = 0; i < e.artifacts.size(); ++i) {
        const auto& a = e.artifacts[i];
        out += padded(artifacts[i], width) + "  " + a.state + ": " + escaped(a.reason) + "\n";
    }
    return out;
}

}  // namespace complog::detail
