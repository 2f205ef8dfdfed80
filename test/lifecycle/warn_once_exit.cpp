// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_warn_once_exit MODE: warns once in main, then leaves by MODE (`return` from main
// or `exit`, std::exit(0)); a static object's destructor then repeats main's warning and
// warns another text twice. warn_once_exit_test.sh checks that stderr holds each warning
// exactly once: warn_once's memory of what it warned must outlive static destruction
// (under ASan a destroyed one is a use-after-free).

#include <complog/complog.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

namespace {

// Constructed before main, so destroyed after everything main creates, warn_once's
// storage included.
struct warns_at_exit {
    std::shared_ptr<spdlog::logger> log;
    ~warns_at_exit() {
        if (!log) return;
        COMPLOG_WARN_ONCE(log, "warned in {}", "main");  // already warned: not again
        for (int i = 0; i < 2; ++i) COMPLOG_WARN_ONCE(log, "warned at {}", "exit");
    }
};

warns_at_exit at_exit;

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc == 2 ? argv[1] : "";
    if (mode != "return" && mode != "exit") {
        std::cerr << "usage: complog_warn_once_exit return|exit\n";
        return 2;
    }
    complog::init({"ONCE_LOGS", "once"});
    at_exit.log = complog::get_logger("once.exit");
    COMPLOG_WARN_ONCE(at_exit.log, "warned in {}", "main");
    if (mode == "exit") std::exit(0);
    return 0;
}
