// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The sink every complog logger writes to: it hands each record to the
// library's destinations (stderr by default, the _OUT file, sinks added with
// complog::set_sinks). Destinations can be swapped while other threads log.
// spdlog::set_pattern() does not reach it: complog owns the output format.

#pragma once

#include <spdlog/sinks/base_sink.h>

#include <mutex>
#include <vector>

namespace complog::sinks {

class library_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    /// Replaces the destinations.
    void set_destinations(std::vector<spdlog::sink_ptr> destinations) {
        std::lock_guard<std::mutex> lock(mutex_);
        destinations_ = std::move(destinations);
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        for (const auto& destination : destinations_) {
            if (destination->should_log(msg.level)) destination->log(msg);
        }
    }
    void flush_() override {
        for (const auto& destination : destinations_) destination->flush();
    }
    void set_pattern_(const std::string& /*pattern*/) override {}
    void set_formatter_(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

private:
    std::vector<spdlog::sink_ptr> destinations_;
};

}  // namespace complog::sinks
