// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The sink every complog logger writes to (private). It hands each record to
// the library's destinations: the console sinks (stderr by default, replaced by
// complog::set_sinks) and the <VAR>_OUT file, all with complog's formatter.
//
// A record takes no lock of its own here: the destinations and the trace filter
// are an immutable snapshot read through an atomic pointer, replaced as a whole
// when the output is reconfigured (rare), and each destination locks itself.
// spdlog::set_pattern() does not reach it: complog owns the output format.
// A destination that throws (a full disk) is reported once and does not keep
// the record from the others.

#pragma once

#include <spdlog/sinks/sink.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace complog::detail {

class library_sink final : public spdlog::sinks::sink {
public:
    library_sink();

    void set_console(std::vector<spdlog::sink_ptr> sinks);
    /// The _OUT file sink (nullptr: none).
    void set_file(spdlog::sink_ptr file);
    /// The formatter every destination uses (cloned into each).
    void use_formatter(std::unique_ptr<spdlog::formatter> formatter);
    /// Context tags to keep; empty: keep every record.
    void set_trace_filter(std::vector<std::string> tags);

    void log(const spdlog::details::log_msg& msg) override;
    void flush() override;
    void set_pattern(const std::string& /*pattern*/) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

private:
    struct destination {
        spdlog::sink_ptr sink;
        std::unique_ptr<std::atomic<bool>> failed = std::make_unique<std::atomic<bool>>(false);
    };
    struct snapshot {
        std::vector<destination> destinations;  // the console sinks, then the file
        std::vector<std::string> trace_filter;
    };

    void write(const destination& d, const spdlog::details::log_msg& msg) const;
    // Builds and publishes a new snapshot from the parts below; mutex_ held.
    void publish();

    std::mutex mutex_;  // reconfiguration only
    std::vector<spdlog::sink_ptr> console_;
    spdlog::sink_ptr file_;
    std::vector<std::string> trace_filter_;
    std::unique_ptr<spdlog::formatter> prototype_;
    std::atomic<const snapshot*> current_{nullptr};
    // Replaced snapshots stay alive: a logging thread may still be reading one, and
    // reconfigurations are few.
    std::vector<std::unique_ptr<const snapshot>> snapshots_;
};

}  // namespace complog::detail
