// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The lifecycle program's registrations. Each unit registers from a static initialiser
// (namespace-scope object) unless LIFE_REGISTER_IN_MAIN=1, in which case main() makes the
// same calls itself, in another order. Static constructors cannot see argv, hence the
// environment variable.

#pragma once

#include <cstdlib>

namespace life {

inline bool register_in_main() {
    const char* value = std::getenv("LIFE_REGISTER_IN_MAIN");
    return value != nullptr && value[0] == '1';
}

void register_a();  // registration_a.cpp
void register_b();  // registration_b.cpp

}  // namespace life

// liblife_early.so, linked at build time: its static initialiser runs before main's units.
extern "C" void life_register_early();
