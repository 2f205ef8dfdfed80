// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_exit_flush MODE N: logs N enabled records (exit_flush_test.sh sets FLUSH_LOGS=+flush
// and FLUSH_LOGS_OUT, complog's <VAR>_OUT file) and leaves by MODE: `return` from main,
// `exit` (std::exit(0)), or `destructor` (the last record is logged by a static object's
// destructor during exit).
// The file must hold all N records: nothing buffered may be lost at exit.

#include <complog/complog.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

namespace {

// Constructed before main, destroyed after it (and after spdlog's registry, which is
// created later): logs the last record when `log` is set.
struct last_words {
    std::shared_ptr<spdlog::logger> log;
    int index = 0;
    ~last_words() {
        if (log) COMPLOG_DEBUG(log, "record {}", index);
    }
};

last_words at_exit;

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: complog_exit_flush return|exit|destructor N\n";
        return 2;
    }
    const std::string mode = argv[1];
    const int n = std::atoi(argv[2]);
    complog::register_component("flush", {"flush.out"});
    const auto result = complog::init({"FLUSH_LOGS", "flush"});
    if (result.outcome != complog::init_result::status::applied) {
        std::cerr << "complog_exit_flush: FLUSH_LOGS was not applied\n";
        return 2;
    }
    const auto log = complog::get_logger("flush.out.records");
    const int in_main = mode == "destructor" ? n - 1 : n;
    for (int i = 0; i < in_main; ++i) COMPLOG_DEBUG(log, "record {}", i);
    if (mode == "destructor") {
        at_exit.log = complog::get_logger("flush.out.records");
        at_exit.index = n - 1;
        return 0;
    }
    if (mode == "exit") std::exit(0);
    if (mode != "return") {
        std::cerr << "complog_exit_flush: unknown mode " << mode << "\n";
        return 2;
    }
    return 0;
}
