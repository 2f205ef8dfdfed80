// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The sink every complog logger writes to (private). It hands each record to
// the library's destinations: the console sinks (stderr by default, replaced by
// complog::set_sinks) and the <VAR>_OUT file, all with complog's formatter.
// spdlog::set_pattern() does not reach it: complog owns the output format.
// A destination that throws (a full disk) is reported once and does not keep
// the record from the others.

#pragma once

#include <spdlog/sinks/base_sink.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

namespace complog::detail {

class library_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    library_sink();

    void set_console(std::vector<spdlog::sink_ptr> sinks);
    /// The _OUT file sink (nullptr: none).
    void set_file(spdlog::sink_ptr file);
    /// The formatter every destination uses (cloned into each).
    void use_formatter(std::unique_ptr<spdlog::formatter> formatter);
    /// Context tags to keep; empty: keep every record.
    void set_trace_filter(std::vector<std::string> tags);

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override;
    void flush_() override;
    void set_pattern_(const std::string& /*pattern*/) override {}
    void set_formatter_(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

private:
    void apply_formatter(const spdlog::sink_ptr& destination) const;

    std::vector<spdlog::sink_ptr> console_;
    spdlog::sink_ptr file_;
    std::unique_ptr<spdlog::formatter> prototype_;
    std::vector<std::string> trace_filter_;
    std::unordered_set<const spdlog::sinks::sink*> failed_;  // reported once each
};

}  // namespace complog::detail
