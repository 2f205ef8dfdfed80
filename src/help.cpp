// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/spec.h>

#include <algorithm>

namespace complog {
namespace {

constexpr std::size_t name_column = 30;

void add_line(std::string& out, std::string_view name, std::string_view description) {
    out += "  ";
    out += name;
    if (!description.empty()) {
        out.append(name.size() < name_column ? name_column - name.size() : 1, ' ');
        out += description;
    }
    out += '\n';
}

}  // namespace

std::string help_listing(const registry& reg, std::string_view env_var, bool verbose) {
    const std::string var = env_var.empty() ? std::string("the spec") : std::string(env_var);
    // Examples use the program's own names where it has them.
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
    const std::string module = reg.root().empty() ? "myapp.module" : reg.root() + ".some.module";

    std::string out = var + " help\n\nExamples:\n";
    out += "  " + var + "=\"+" + first + "," + second + "\" sets " + first + " to debug and " +
           second + " to info\n";
    out += "  " + var + "=\"-" + first + ",+" + second + "\" sets " + first + " to error and " +
           second + " to debug\n";
    out += "  " + var + "=\"" + artifact + "\" turns on the " + artifact + " artifact\n";
    out += "  " + var + "=\"+" + module + "," + artifact + "\" sets " + module +
           " to debug and turns on " + artifact + "\n";
    out += "  " + var + "=\"-all\" sets everything to error\n";
    out += "  " + var + "_FORMAT, " + var + "_OUT and " + var +
           "_TRACE_ID_FILTER change the format, add an output file, filter by trace id\n\n";
    out += verbose ? "All registered names:\n"
                   : "Visible registered names (" + var + "=+help lists all):\n";

    if (!reg.root().empty()) add_line(out, "all", "everything under " + reg.root());
    std::vector<const component_info*> sorted_components;
    for (const auto& c : components) sorted_components.push_back(&c);
    std::sort(sorted_components.begin(), sorted_components.end(),
              [](const auto* a, const auto* b) { return a->alias < b->alias; });
    for (const auto* c : sorted_components) {
        std::string loggers;
        for (const auto& name : c->logger_names) loggers += (loggers.empty() ? "" : ", ") + name;
        add_line(out, c->alias, loggers);
    }
    std::vector<const artifact_info*> sorted_artifacts;
    for (const auto& a : reg.artifacts()) {
        if (verbose || a.visible) sorted_artifacts.push_back(&a);
    }
    std::sort(sorted_artifacts.begin(), sorted_artifacts.end(),
              [](const auto* a, const auto* b) { return a->name < b->name; });
    for (const auto* a : sorted_artifacts) {
        add_line(out, a->name,
                 a->description + (a->off_by_default ? " (off by default)" : ""));
    }
    return out;
}

}  // namespace complog
