// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Registers from a static initialiser: components `b` (two loggers) and `core` (a logger
// under registration_a.cpp's component), artifacts `bytes` (off by default) and `dump`
// (own format), a module.

#include <complog/complog.h>

#include "life.h"

namespace life {

void register_b() {
    complog::register_component("b", {"life.b", "life.bx"});
    complog::register_component("core", {"life.a.core"});
    complog::register_artifact({"bytes", "every byte", true, true});
    complog::register_artifact({"dump", "raw dumps", true, false, "%v"});
    complog::register_module("life.bx.deep");
}

}  // namespace life

namespace {

struct registrar {
    registrar() {
        if (!life::register_in_main()) life::register_b();
    }
};

const registrar at_startup;

}  // namespace
