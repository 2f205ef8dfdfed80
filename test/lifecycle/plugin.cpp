// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// life_plugin.so, loaded with dlopen after complog::init and built WITHOUT complog: its
// static initialiser registers a component and an artifact, creates a logger and logs.

#include <complog/complog.h>

#include "life.h"

#include <string>

extern "C" void life_plugin_register() {
    complog::register_component("plugin", {"life.plugin"});
    complog::register_artifact({"plugin_art", "the plugin's artifact"});
    COMPLOG_DEBUG(complog::get_logger("life.plugin.worker"), "plugin registered");
}

/// The logger the plugin sees under that name (one registry: the executable's).
extern "C" const void* life_plugin_logger() {
    return complog::get_logger("life.plugin.worker").get();
}

/// complog::help(true) as the plugin sees it.
extern "C" void life_plugin_help(std::string* out) { *out = complog::help(true); }

namespace {

struct registrar {
    registrar() {
        if (!life::register_in_main()) life_plugin_register();
    }
};

const registrar at_load;

}  // namespace
