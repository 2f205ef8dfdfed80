// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The sink of complog's asynchronous loggers (private). It runs on the calling thread:
// it applies the trace filter there, then hands the record to a private spdlog
// async_logger whose pool thread writes it to the library sink. (spdlog 1.10's
// async_logger is final: complog cannot hook its calling-thread side otherwise.)

#pragma once

#include "snapshot.h"

#include <spdlog/async_logger.h>
#include <spdlog/sinks/sink.h>

#include <memory>

namespace complog::detail {

class async_sink final : public spdlog::sinks::sink {
public:
    async_sink(const snapshot_cell& published, std::shared_ptr<spdlog::async_logger> backend)
        : published_(published), backend_(std::move(backend)) {}

    void log(const spdlog::details::log_msg& msg) override;
    void flush() override { backend_->flush(); }
    void set_pattern(const std::string& /*pattern*/) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

private:
    const snapshot_cell& published_;
    std::shared_ptr<spdlog::async_logger> backend_;
};

}  // namespace complog::detail
