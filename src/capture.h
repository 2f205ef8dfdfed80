// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog::capture's sink (private): the last destinations of every record while a
// capture lives (configuration::attach_capture). Its own mutex orders the records of all
// threads; a record in flight when the capture ends may still arrive, into the sink the
// snapshot keeps alive, and is dropped with it.

#pragma once

#include <complog/testing.h>

#include <spdlog/sinks/sink.h>

#include <mutex>
#include <vector>

namespace complog::detail {

class capture_sink final : public spdlog::sinks::sink {
public:
    void log(const spdlog::details::log_msg& msg) override;
    void flush() override {}
    void set_pattern(const std::string& /*pattern*/) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

    /// The records so far, without their component.
    std::vector<captured_record> records() const;
    void clear();

private:
    mutable std::mutex mutex_;
    std::vector<captured_record> records_;
};

}  // namespace complog::detail
