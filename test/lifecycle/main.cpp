// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_lifecycle PLUGIN: registrations from static initialisers (two units of this
// program and liblife_early.so, before main), then complog::init({"LIFE_LOGS", "life"}),
// then dlopen(PLUGIN), whose static initialiser registers more. With
// LIFE_REGISTER_IN_MAIN=1 the same registrations are made by main() before init, in
// another order. Prints init's outcome, complog::explain(), complog::help(true) from its
// "Components" section on and the loggers' levels: registration_test.sh runs both modes
// and requires identical output. Exits non-zero when a check fails (e.g. two registries).

#include <complog/complog.h>

#include "life.h"

#include <spdlog/spdlog.h>

#include <dlfcn.h>

#include <cstdio>
#include <initializer_list>
#include <iostream>
#include <string>
#include <string_view>

namespace {

int failures = 0;

void check(bool ok, std::string_view what) {
    if (ok) return;
    std::cerr << "complog_lifecycle: FAIL: " << what << "\n";
    ++failures;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

template <typename Function>
Function* symbol(void* library, const char* name) {
    void* address = dlsym(library, name);
    if (address == nullptr) {
        std::cerr << "complog_lifecycle: dlsym(" << name << "): " << dlerror() << "\n";
        std::exit(2);
    }
    return reinterpret_cast<Function*>(address);
}

void* open_plugin(const char* path) {
    void* plugin = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (plugin == nullptr) {
        std::cerr << "complog_lifecycle: dlopen: " << dlerror() << "\n";
        std::exit(2);
    }
    return plugin;
}

std::string_view level_name(spdlog::level::level_enum lvl) {
    const auto name = spdlog::level::to_string_view(lvl);
    return {name.data(), name.size()};
}

std::string_view outcome_name(complog::init_result::status s) {
    switch (s) {
        case complog::init_result::status::unset:
            return "unset";
        case complog::init_result::status::applied:
            return "applied";
        case complog::init_result::status::help:
            return "help";
        case complog::init_result::status::invalid:
            return "invalid";
    }
    return "?";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: complog_lifecycle PLUGIN.so\n";
        return 2;
    }
    const bool in_main = life::register_in_main();
    void* plugin = nullptr;
    if (in_main) {
        // The plugin's static initialiser does nothing in this mode: call its function.
        plugin = open_plugin(argv[1]);
        symbol<void()>(plugin, "life_plugin_register")();
        life::register_b();
        life::register_a();
        life_register_early();
    } else {
        const auto before = complog::help(true);
        for (const char* name : {"life.early", "life.a", "life.a.core", "life.b", "life.bx",
                                 "graph", "bytes", "dump", "early_art"}) {
            check(contains(before, name),
                  std::string("registered before main, missing from help(): ") + name);
        }
        check(!contains(before, "plugin"), "the plugin registered before it was loaded");
    }
    // Known at init in both modes, so that LIFE_LOGS may name them.
    complog::register_module("life.plugin");
    complog::register_module("life.plugin.worker");

    const auto result = complog::init({"LIFE_LOGS", "life"});
    if (!in_main) plugin = open_plugin(argv[1]);

    // One registry: the plugin's and liblife_early.so's registrations are in the
    // executable's complog, and the plugin's calls reach the same state.
    const auto help = complog::help(true);
    for (const char* name : {"life.plugin", "plugin_art", "life.early", "early_art"}) {
        check(contains(help, name), std::string("missing from help(): ") + name);
    }
    std::string plugin_help;
    symbol<void(std::string*)>(plugin, "life_plugin_help")(&plugin_help);
    check(plugin_help == help, "the plugin's complog::help() differs: two registries?");
    check(symbol<const void*()>(plugin, "life_plugin_logger")() ==
              spdlog::get("life.plugin.worker").get(),
          "the plugin's logger is not the executable's: two registries?");

    std::cout << "outcome: " << outcome_name(result.outcome) << "\n";
    std::cout << "== explain\n" << complog::explain();
    const auto components = help.find("Components");
    check(components != std::string::npos, "help() has no Components section");
    // The Examples section above it names the first two components registered: it
    // depends on registration order by design, so it is not compared.
    std::cout << "== help(true) from Components on\n"
              << (components == std::string::npos ? help : help.substr(components));
    // Loggers made during registration, then every other known name made now.
    std::cout << "== levels\n";
    for (const char* name :
         {"life.a.core", "life.a.core.__graph", "life.early.io", "life.plugin.worker"}) {
        const auto logger = spdlog::get(name);
        check(logger != nullptr, std::string("no logger ") + name);
        if (logger) std::cout << name << " " << level_name(logger->level()) << "\n";
    }
    for (const char* name :
         {"life", "life.a", "life.b", "life.bx", "life.bx.deep", "life.early", "life.plugin",
          "life.plugin.__plugin_art", "life.b.__dump", "life.bx.__bytes"}) {
        std::cout << name << " " << level_name(complog::get_logger(name)->level())
                  << " (made after init)\n";
    }
    return failures == 0 ? 0 : 1;
}
