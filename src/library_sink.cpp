// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "library_sink.h"

#include <complog/context.h>
#include <complog/format.h>

#include "state.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>

namespace complog::detail {

library_sink::library_sink()
    : console_{std::make_shared<spdlog::sinks::stderr_color_sink_mt>()},
      prototype_(std::make_unique<record_formatter>()) {
    apply_formatter(console_[0]);
}

void library_sink::set_console(std::vector<spdlog::sink_ptr> sinks) {
    std::lock_guard<std::mutex> lock(mutex_);
    console_ = std::move(sinks);
    for (const auto& s : console_) apply_formatter(s);
}

void library_sink::set_file(spdlog::sink_ptr file) {
    std::lock_guard<std::mutex> lock(mutex_);
    file_ = std::move(file);
    if (file_) apply_formatter(file_);
}

void library_sink::use_formatter(std::unique_ptr<spdlog::formatter> formatter) {
    std::lock_guard<std::mutex> lock(mutex_);
    prototype_ = std::move(formatter);
    for (const auto& s : console_) apply_formatter(s);
    if (file_) apply_formatter(file_);
}

void library_sink::set_trace_filter(std::vector<std::string> tags) {
    std::lock_guard<std::mutex> lock(mutex_);
    trace_filter_ = std::move(tags);
}

void library_sink::apply_formatter(const spdlog::sink_ptr& destination) const {
    destination->set_formatter(prototype_->clone());
}

void library_sink::sink_it_(const spdlog::details::log_msg& msg) {
    if (!trace_filter_.empty() &&
        std::find(trace_filter_.begin(), trace_filter_.end(), current_context()) == trace_filter_.end()) {
        return;  // not even an empty line
    }
    const auto write = [&](const spdlog::sink_ptr& destination) {
        if (!destination->should_log(msg.level)) return;
        try {
            destination->log(msg);
        } catch (const std::exception& e) {
            if (failed_.insert(destination.get()).second) {
                report(std::string("a log destination failed, its records are lost: ") + e.what());
            }
        }
    };
    for (const auto& destination : console_) write(destination);
    if (file_) write(file_);
}

void library_sink::flush_() {
    for (const auto& destination : console_) destination->flush();
    if (file_) {
        try {
            file_->flush();
        } catch (const std::exception& e) {
            if (failed_.insert(file_.get()).second) report(std::string("flush failed: ") + e.what());
        }
    }
}

}  // namespace complog::detail
