// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Fuzzes complog::set_logs(std::string_view) on the global configuration, then
// logs through component, module, artifact and gate-sink loggers so that the
// levels it computed are used.

#include "fuzz_names.h"

#include <spdlog/sinks/base_sink.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace {

// Formats every record (so the formatter runs) and throws the text away.
class discarding_sink final : public spdlog::sinks::base_sink<std::mutex> {
protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
    }
    void flush_() override {}
};

struct fuzz_setup {
    std::vector<std::shared_ptr<spdlog::logger>> loggers;

    fuzz_setup() {
        complog::reset();
        complog::set_sinks({std::make_shared<discarding_sink>()});
        complog::fuzz::register_globally();
        complog::options opts;
        opts.root = complog::fuzz::root_name;  // no env_var: set_logs is never ignored
        complog::init(opts);
        for (const char* name : {"app", "app.net", "app.net.http.client", "app.db", "other.lib",
                                 "app.caf\xc3\xa9.\xc3\x9f", "unrelated"}) {
            loggers.push_back(complog::get_logger(name));
        }
        loggers.push_back(complog::get_artifact_logger("app.net", "wire"));
        loggers.push_back(complog::get_artifact_logger("app.dynamo", "graph_code"));
        loggers.push_back(complog::get_artifact_logger("app", "bytes"));
        // A logger complog did not create, writing through the gate sink.
        loggers.push_back(std::make_shared<spdlog::logger>("app.db.pool", complog::sink()));
        loggers.back()->set_level(spdlog::level::trace);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz_setup setup;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // `help` only prints the listing (fuzz_spec covers its parsing): keep the output quiet.
    if (text == "help" || text == "+help") return 0;
    try {
        complog::set_logs(text);
    } catch (const complog::spec_error&) {
        // Rejected: the previous settings stay.
    }
    for (const auto& logger : setup.loggers) {
        logger->debug("record {}", size);
        logger->warn("line one\nline two");
    }
    return 0;
}
