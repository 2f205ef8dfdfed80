// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_dropin: a program shaped like spdlog's own example (example/example.cpp in
// spdlog's repository), adopting complog with three added lines marked "complog".
// Its loggers have flat names and are made by spdlog's factories after complog::init:
// a console logger, a file logger, an asynchronous file logger, a logger with two sinks
// of its own, and a replacement for spdlog's default logger. `-v` is the program's own
// switch to spdlog::set_level(debug). EXAMPLE_LOGS then governs all of them:
//
//     EXAMPLE_LOGS=+all ./complog_dropin            every logger at debug
//     EXAMPLE_LOGS=-files ./complog_dropin          the file loggers at error
//     EXAMPLE_LOGS=console=trace ./complog_dropin   SPDLOG_LEVEL's form
//
// With EXAMPLE_LOGS unset it prints what it printed before adopting complog. The build
// also makes complog_dropin_plain, this file without its "complog" lines.
//
// Usage: complog_dropin [-v] [log directory (default: logs)]

#include <complog/complog.h>  // complog

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <string>

namespace {

std::string log_dir = "logs";

// One record at each level, its text naming the logger and the level.
void log_every_level(spdlog::logger& log, const std::string& name) {
    log.trace("{} trace", name);
    log.debug("{} debug", name);
    log.info("{} info", name);
    log.warn("{} warning", name);
    log.error("{} error", name);
    log.critical("{} critical", name);
}

void stdout_logger_example() {
    auto console = spdlog::stdout_color_mt("console");
    log_every_level(*console, "console");
}

void basic_example() {
    auto my_logger = spdlog::basic_logger_mt("file_logger", log_dir + "/basic-log.txt", true);
    log_every_level(*my_logger, "file_logger");
}

void async_example() {
    auto async_file = spdlog::basic_logger_mt<spdlog::async_factory>(
        "async_file_logger", log_dir + "/async_log.txt", true);
    for (int i = 1; i < 101; ++i) async_file->info("Async message #{}", i);
    log_every_level(*async_file, "async_file_logger");
}

// A logger with two sinks, each with its own format and level.
void multi_sink_example() {
    auto console_sink = std::make_shared<spdlog::sinks::stdout_color_sink_mt>();
    console_sink->set_level(spdlog::level::warn);
    auto file_sink =
        std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_dir + "/multisink.txt", true);
    file_sink->set_level(spdlog::level::trace);
    auto logger = std::make_shared<spdlog::logger>(
        "multi_sink", spdlog::sinks_init_list{console_sink, file_sink});
    spdlog::initialize_logger(logger);  // spdlog's global settings, and its registry
    console_sink->set_pattern("[multi_sink_example] [%^%l%$] %v");  // after the global one
    log_every_level(*logger, "multi_sink");
}

// spdlog's free functions (spdlog::info, ...) write to the default logger.
void log_every_level_to_default(const std::string& name) {
    spdlog::trace("{} trace", name);
    spdlog::debug("{} debug", name);
    spdlog::info("{} info", name);
    spdlog::warn("{} warning", name);
    spdlog::error("{} error", name);
    spdlog::critical("{} critical", name);
}

void replace_default_logger_example() {
    auto new_logger =
        spdlog::basic_logger_mt("new_default_logger", log_dir + "/new-default-log.txt", true);
    spdlog::set_default_logger(new_logger);
    log_every_level_to_default("new_default_logger");
}

}  // namespace

int main(int argc, char* argv[]) {
    complog::register_component("files", {"file_logger", "async_file_logger"});  // complog
    complog::init({"EXAMPLE_LOGS", ""});  // complog: the variable, no root: `all` is every logger
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "-v") {
            spdlog::set_level(spdlog::level::debug);
        } else {
            log_dir = argv[i];
        }
    }
    spdlog::set_pattern("[%n] [%l] %v");  // for all loggers
    log_every_level_to_default("default");
    try {
        stdout_logger_example();
        basic_example();
        async_example();
        multi_sink_example();
        replace_default_logger_example();
        spdlog::shutdown();  // flushes the asynchronous logger's queue
    } catch (const spdlog::spdlog_ex& ex) {
        std::printf("Log initialization failed: %s\n", ex.what());
        return 1;
    }
}
