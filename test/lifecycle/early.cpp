// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// liblife_early.so: linked at build time WITHOUT complog, so its undefined complog symbols
// resolve against the executable's copy. Its static initialiser runs before main's units.

#include <complog/complog.h>

#include "life.h"

extern "C" void life_register_early() {
    complog::register_component("early", {"life.early"});
    complog::register_artifact({"early_art", "a hidden artifact", false, false});
    complog::get_logger("life.early.io");
}

namespace {

struct registrar {
    registrar() {
        if (!life::register_in_main()) life_register_early();
    }
};

const registrar at_load;

}  // namespace
