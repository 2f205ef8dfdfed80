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

// A module to show in the examples: the first by name (so the listing does not depend on
// registration order) of the known loggers that are neither the root, the default logger
// nor an artifact's logger, preferring one that is not a component's own logger; empty
// when the application has none.
std::string example_module(const registry& reg) {
    std::string module;
    std::string component_logger;
    for (registry::node_id id = 0; id < reg.size(); ++id) {
        const auto& n = reg.at(id);
        if (!n.known || n.name.empty() || n.name == reg.root() || !n.artifact.empty()) continue;
        auto& best = n.owns_sink ? component_logger : module;
        if (best.empty() || n.name < best) best = n.name;
    }
    return module.empty() ? component_logger : module;
}

// Examples built only from what the application registered, so each one works as written.
std::string examples(const registry& reg, const std::string& var, const std::string& module) {
    const auto& components = reg.components();
    std::string artifact;
    for (const auto& a : reg.artifacts()) {
        if (a.visible) {
            artifact = a.name;
            break;
        }
    }
    std::string out = "Examples:\n";
    const auto example = [&](const std::string& value, const std::string& meaning) {
        out += "  " + var + "=\"" + value + "\"  " + meaning + "\n";
    };
    if (components.size() > 1) {
        const auto& first = components[0].alias;
        const auto& second = components[1].alias;
        example("+" + first + "," + second, first + " at debug, " + second + " at info");
        example("-" + first + ",+" + second, first + " at error, " + second + " at debug");
    } else if (!components.empty()) {
        example("+" + components[0].alias, components[0].alias + " at debug");
    }
    if (!artifact.empty()) example(artifact, "turns on the " + artifact + " artifact");
    if (!module.empty()) {
        const auto shown = escaped(module);
        if (artifact.empty()) {
            example("+" + shown, shown + " at debug");
        } else {
            example("+" + shown + "," + artifact,
                    shown + " at debug and the " + artifact + " artifact");
        }
    }
    // With a root, `all` is the root's tree; without one it is every logger complog governs.
    const std::string everything = reg.root().empty()
                                       ? std::string("every logger")
                                       : escaped(reg.root()) + " and everything below it";
    if (components.empty()) {
        example("-all", everything + " at error");
    } else {
        const auto& first = components[0].alias;
        example("-all," + first + "=trace",
                everything + " at error, " + first + " at trace (SPDLOG_LEVEL's name=level)");
    }
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
    // Without a root, `all` is no logger of its own: every logger, at the implicit top's level.
    const std::string every_logger = "(every logger)";
    if (reg.root().empty()) width = std::max(width, every_logger.size());
    std::string out;
    if (reg.root().empty()) {
        out += "  " + padded(every_logger, width + 2);
        if (levels) out += padded(detail::level_name(levels->top().effective), 10);
        out += "all\n";
    }
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
    const auto module = example_module(reg);
    std::string out = var + " help\n\n" + examples(reg, var, module) + "\n";
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
    out += "\nModules: any known logger name" +
           (module.empty() ? std::string() : ", e.g. " + escaped(module)) + "\n";
    return out;
}

}  // namespace complog::detail
