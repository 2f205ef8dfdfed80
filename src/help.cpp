// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "spec.h"
#include "text.h"

#include <algorithm>
#include <map>

namespace complog::detail {
namespace {

using detail::escaped;
using detail::padded;

// Every name printed here comes from the program (or, as module names, from a spec that
// accepted unknown modules): escaped, so that none can add lines or drive the terminal.
// Aliases and artifacts are spec words (registry.h), which need no escaping.

std::string examples(const registry& reg, const std::string& var) {
    const auto& components = reg.components();
    const std::string first = components.empty() ? "net" : components[0].alias;
    const std::string second = components.size() > 1 ? components[1].alias : first;
    std::string artifact = "graph_code";
    for (const auto& a : reg.artifacts()) {
        if (a.visible) {
            artifact = a.name;
            break;
        }
    }
    const std::string module =
        reg.root().empty() ? "myapp.module" : escaped(reg.root()) + ".some.module";
    std::string out = "Examples:\n";
    out += "  " + var + "=\"+" + first + "," + second + "\"  " + first + " at debug, " + second +
           " at info\n";
    out += "  " + var + "=\"-" + first + ",+" + second + "\"  " + first + " at error, " + second +
           " at debug\n";
    out += "  " + var + "=\"" + artifact + "\"  turns on the " + artifact + " artifact\n";
    out += "  " + var + "=\"+" + module + "," + artifact + "\"  " + module + " at debug and the " +
           artifact + " artifact\n";
    out += "  " + var + "=\"-all," + first + "=trace\"  everything at error, " + first +
           " at trace (SPDLOG_LEVEL's name=level)\n";
    out += "  " + var + "_FORMAT=short, " + var + "_OUT=log.txt, " + var +
           "_TRACE_ID_FILTER=0/1  format, output file, context filter\n";
    return out;
}

// The component loggers (and the root) as a tree: each name indented under the nearest
// listed ancestor, with the aliases that name it and its current level.
std::string component_tree(const registry& reg, const level_table* levels) {
    std::map<std::string, std::vector<std::string>> aliases;  // sorted by logger name
    if (!reg.root().empty()) aliases[reg.root()].push_back("all");
    for (const auto& c : reg.components()) {
        for (const auto& name : c.logger_names) aliases[name].push_back(c.alias);
    }
    std::size_t width = 0;
    std::vector<std::pair<std::string, std::size_t>> rows;  // (indented name, logger)
    std::vector<std::string> open;  // ancestors of the current row among the listed names
    for (const auto& [name, names] : aliases) {
        while (!open.empty() && name.rfind(open.back() + ".", 0) != 0) open.pop_back();
        rows.emplace_back(std::string(2 * open.size(), ' ') + escaped(name), 0);
        width = std::max(width, rows.back().first.size());
        open.push_back(name);
    }
    std::string out;
    std::size_t row = 0;
    for (const auto& [name, names] : aliases) {
        std::string line = "  " + padded(rows[row++].first, width + 2);
        if (levels) {
            const auto id = reg.find(name);
            const auto lvl = id < levels->size() ? (*levels)[id].effective : level::off;
            line += padded(detail::level_name(lvl), 10);
        }
        for (std::size_t i = 0; i < names.size(); ++i) line += (i ? ", " : "") + names[i];
        out += line + "\n";
    }
    return out;
}

}  // namespace

std::string help_listing(const registry& reg, std::string_view env_var, bool verbose,
                         const level_table* levels) {
    const std::string var = env_var.empty() ? std::string("the spec") : escaped(env_var);
    std::string out = var + " help\n\n" + examples(reg, var) + "\n";
    out += levels ? "Components (logger, level, names):\n" : "Components (logger, names):\n";
    out += component_tree(reg, levels);

    out += verbose ? "\nArtifacts (all):\n"
                   : "\nArtifacts (visible ones; " + var + "=+help lists all):\n";
    std::vector<const artifact_info*> listed;
    for (const auto& a : reg.artifacts()) {
        if (verbose || a.visible) listed.push_back(&a);
    }
    std::sort(listed.begin(), listed.end(),
              [](const auto* a, const auto* b) { return a->name < b->name; });
    std::size_t width = 0;
    for (const auto* a : listed) width = std::max(width, a->name.size());
    for (const auto* a : listed) {
        std::string flags;
        if (a->off_by_default) flags += " [off by default]";
        if (!a->visible) flags += " [hidden]";
        if (!a->format.empty()) flags += " [format " + escaped(a->format) + "]";
        out += "  " + padded(a->name, width + 2) + escaped(a->description) + flags + "\n";
    }
    out += "\nModules: any known dotted logger name, e.g. " +
           (reg.root().empty() ? std::string("myapp.net") : escaped(reg.root()) + ".sub") + "\n";
    return out;
}

}  // namespace complog::detail
