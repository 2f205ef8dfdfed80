// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_dropin: an ordinary spdlog program that adopts complog with four added
// lines (marked "complog"). Its loggers come from spdlog's own factories, some
// before and some after complog::init, plus spdlog's default logger and one
// with an extra file sink. APP_LOGS then governs all of them:
//
//     APP_LOGS=+db ./complog_dropin           app.db and app.db.pool at debug
//     APP_LOGS=-all,+net ./complog_dropin     errors only, but net at debug
//     APP_LOGS=app.db.pool=trace ...          SPDLOG_LEVEL's form works too
//
// With APP_LOGS unset, it prints exactly what it printed before adopting complog.

#include <complog/complog.h>  // complog

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

namespace {

void log_every_level(spdlog::logger& log) {
    log.trace("trace");
    log.debug("debug");
    log.info("info");
    log.warn("warn");
    log.error("error");
}

}  // namespace

int main(int argc, char** argv) {
    const std::string audit_path = argc > 1 ? argv[1] : "audit.log";
    spdlog::set_pattern("[%n] %l: %v");  // the program's own format, kept
    auto net = spdlog::stdout_logger_mt("app.net");
    auto db = spdlog::stdout_logger_mt("app.db");
    auto audit = std::make_shared<spdlog::logger>(
        "app.audit", spdlog::sinks_init_list{
                         std::make_shared<spdlog::sinks::stdout_sink_mt>(),
                         std::make_shared<spdlog::sinks::basic_file_sink_mt>(audit_path, true)});
    spdlog::initialize_logger(audit);

    complog::register_component("net", {"app.net"});               // complog
    complog::register_component("db", {"app.db", "app.db.pool"});  // complog
    complog::init({"APP_LOGS", "app", spdlog::level::info});       // complog

    auto pool = spdlog::stdout_logger_mt("app.db.pool");  // created after init
    for (auto* log : {net.get(), db.get(), pool.get(), audit.get()}) log_every_level(*log);
    spdlog::info("default logger: info");
    spdlog::debug("default logger: debug");
    spdlog::shutdown();
}
