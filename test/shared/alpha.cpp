// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// libalpha.so: registers its component and logs through libcomplog.so, whose registry,
// settings and <VAR>_OUT file it shares with the executable and the other library.

#include <complog/complog.h>

#include "shared.h"

void alpha_register() { complog::register_component("alpha", {"shared.alpha"}); }

void alpha_log(int round) {
    const auto log = complog::get_logger("shared.alpha.io");
    COMPLOG_DEBUG(log, "alpha debug {}", round);
    COMPLOG_WARN(log, "alpha warn {}", round);
}
