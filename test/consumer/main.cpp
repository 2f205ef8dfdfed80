// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Exits 0 when MYAPP_LOGS=+net turns on the debug record of a net logger.
#include <complog/complog.h>

#include <spdlog/sinks/ostream_sink.h>

#include <cstdlib>
#include <sstream>

int main() {
    setenv("MYAPP_LOGS", "+net", 1);
    std::ostringstream out;
    complog::register_component("net", {"myapp.net"});
    complog::init({"MYAPP_LOGS", "myapp"});
    complog::set_sinks({std::make_shared<spdlog::sinks::ostream_sink_mt>(out)});
    complog::get_logger("myapp.net.http")->debug("connected");
    complog::get_logger("myapp.db")->debug("hidden");
    const auto text = out.str();
    const bool ok =
        text.find("connected") != std::string::npos && text.find("hidden") == std::string::npos;
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
