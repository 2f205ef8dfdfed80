// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The sink filter for loggers whose level complog did not compute (made by
// spdlog's factories, with complog::sink()). Each record is checked against
// the threshold the spec gives its logger name: parent component's level,
// artifact enabled or off_by_default. The decision is cached per thread and
// logger, so a record costs no lock, lookup or allocation once cached.

#pragma once

#include <spdlog/sinks/sink.h>

namespace complog::detail {

struct state;

class gate_sink final : public spdlog::sinks::sink {
public:
    explicit gate_sink(state& st) : st_(st) {}

    void log(const spdlog::details::log_msg& msg) override;
    void flush() override;
    // complog owns the output format.
    void set_pattern(const std::string& /*pattern*/) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

private:
    state& st_;
};

}  // namespace complog::detail
