// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Registers from a static initialiser: component `a`, artifact `graph`, and loggers made
// before complog::init (in link order, maybe before complog's own units are initialised).

#include <complog/complog.h>

#include "life.h"

namespace life {

void register_a() {
    complog::register_component("a", {"life.a"});
    complog::register_artifact({"graph", "the graph"});
    complog::get_logger("life.a.core");
    complog::get_artifact_logger("life.a.core", "graph");
}

}  // namespace life

namespace {

struct registrar {
    registrar() {
        if (!life::register_in_main()) life::register_a();
    }
};

const registrar at_startup;

}  // namespace
