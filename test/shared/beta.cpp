// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// libbeta.so: registers its component and logs through libcomplog.so, whose registry,
// settings and <VAR>_OUT file it shares with the executable and the other library.

#include <complog/complog.h>

#include "shared.h"

void beta_register() { complog::register_component("beta", {"shared.beta"}); }

void beta_log(int round) {
    const auto log = complog::get_logger("shared.beta.io");
    COMPLOG_DEBUG(log, "beta debug {}", round);
    COMPLOG_WARN(log, "beta warn {}", round);
}
