// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The sink of complog's asynchronous loggers (private). It runs on the calling thread:
// it applies the trace filter there, then hands the record to a private spdlog
// async_logger whose pool thread writes it to the library sink. (spdlog 1.10's
// async_logger is final: complog cannot hook its calling-thread side otherwise.)
//
// Where the pool cannot write, the record is written at the call instead: in a forked
// child (the pool's thread stayed in the parent) and once spdlog's registry, which owns
// the pool, is destroyed at exit.
//
// Known limit: the context tag is the pool thread's when the record is formatted, so
// asynchronous records show no [<context>] (the filter, applied here, is right).

#pragma once

#include "snapshot.h"

#include <spdlog/async_logger.h>
#include <spdlog/sinks/sink.h>

#include <memory>

namespace complog::detail {

class async_sink final : public spdlog::sinks::sink {
public:
    async_sink(const snapshot_cell& published, std::shared_ptr<spdlog::async_logger> backend,
               spdlog::sink_ptr direct);

    void log(const spdlog::details::log_msg& msg) override;
    void flush() override;
    void set_pattern(const std::string& /*pattern*/) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

private:
    const snapshot_cell& published_;
    [[nodiscard]] bool pool_usable() const noexcept;

    std::shared_ptr<spdlog::async_logger> backend_;
    spdlog::sink_ptr direct_;  // the library sink
    int pid_;                  // of the process whose pool this is
};

}  // namespace complog::detail
