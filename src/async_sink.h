// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The sink of complog's asynchronous loggers (private). It runs on the calling thread:
// it applies the trace filter there, then hands the record to a private spdlog
// async_logger whose pool thread writes it to the library sink. (spdlog 1.10's
// async_logger is final: complog cannot hook its calling-thread side otherwise.)
//
// What the record carries beside its text is captured at the call: the context tag and
// the record's note (fields_record.h: where the message ends, the typed fields). spdlog's
// async_logger copies only a log_msg (name, level, time, thread id, source location,
// payload), so they travel packed in the payload of the copy (a private layout no other
// sink sees: the private async_logger's only sink is this file's unpacking sink), which
// the pool thread unpacks into the record's text and a note before the library sink
// writes it. The rank is read when the record is formatted.
//
// Where the pool cannot write, the record is written at the call instead: in a forked
// child (the pool's thread stayed in the parent), once spdlog's registry, which owns
// the pool, is destroyed at exit, and once the pool is gone (spdlog::shutdown()).

#pragma once

#include "snapshot.h"

#include <spdlog/async_logger.h>
#include <spdlog/sinks/sink.h>

#include <memory>

namespace complog::detail {

class async_sink final : public spdlog::sinks::sink {
public:
    /// `backend`'s sinks are replaced by one that unpacks records for `direct`.
    /// `pool` is `backend`'s.
    async_sink(const snapshot_cell& published, std::shared_ptr<spdlog::async_logger> backend,
               std::weak_ptr<spdlog::details::thread_pool> pool, spdlog::sink_ptr direct);

    void log(const spdlog::details::log_msg& msg) override;
    void flush() override;
    void set_pattern(const std::string& /*pattern*/) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

private:
    const snapshot_cell& published_;
    [[nodiscard]] bool pool_usable() const noexcept;

    std::shared_ptr<spdlog::async_logger> backend_;
    std::weak_ptr<spdlog::details::thread_pool> pool_;  // held while a record is handed over
    spdlog::sink_ptr direct_;                           // the library sink
    int pid_;                                           // of the process whose pool this is
};

}  // namespace complog::detail
