// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_shared MODE OUT: this executable, libalpha.so and libbeta.so all log through
// libcomplog.so. Sets SHARED_LOGS_OUT=OUT, calls init, then logs rounds of records from
// all three (see shared_test.sh for what each round must show):
//   spec      SHARED_LOGS="+alpha,-beta": the environment's spec governs every logger;
//             set_logs from here is refused (round 2 is governed like round 1).
//   set_logs  SHARED_LOGS unset: round 1 has the defaults, set_logs calls made here
//             change the libraries' loggers (rounds 2 and 3).
// Prints explain() to stdout; it must list the loggers of all three.

#include <complog/complog.h>

#include "shared.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void log_round(int round) {
    alpha_log(round);
    beta_log(round);
    const auto log = complog::get_logger("shared.app.main");
    COMPLOG_DEBUG(log, "main debug {}", round);
    COMPLOG_WARN(log, "main warn {}", round);
}

int fail(const char* what) {
    std::fprintf(stderr, "complog_shared: %s\n", what);
    return EXIT_FAILURE;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) return fail("usage: complog_shared spec|set_logs OUT");
    const std::string mode = argv[1];
    setenv("SHARED_LOGS_OUT", argv[2], 1);
    if (mode == "spec") {
        setenv("SHARED_LOGS", "+alpha,-beta", 1);
    } else if (mode == "set_logs") {
        unsetenv("SHARED_LOGS");
    } else {
        return fail("unknown mode");
    }

    // The spec names the libraries' components: init knows them only if they registered
    // in the same registry.
    alpha_register();
    beta_register();
    complog::register_component("app", {"shared.app"});
    const auto result = complog::init({"SHARED_LOGS", "shared"});
    const auto expected = mode == "spec" ? complog::init_result::status::applied
                                         : complog::init_result::status::unset;
    if (result.outcome != expected) return fail(("init: " + result.message).c_str());

    log_round(1);
    if (mode == "spec") {
        if (complog::set_logs("+beta")) return fail("set_logs was not refused");
        log_round(2);
    } else {
        if (!complog::set_logs("+beta,-alpha")) return fail("set_logs(\"+beta,-alpha\") refused");
        log_round(2);
        if (!complog::set_logs(complog::log_settings{}.set("alpha", spdlog::level::debug))) {
            return fail("set_logs(alpha=debug) refused");
        }
        log_round(3);
    }
    std::fputs(complog::explain().c_str(), stdout);
    return EXIT_SUCCESS;
}
