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
    std::lock_guard<std::mutex> lock(mutex_);
    console_[0]->set_formatter(prototype_->clone());
    publish();
}

void library_sink::set_console(std::vector<spdlog::sink_ptr> sinks) {
    std::lock_guard<std::mutex> lock(mutex_);
    console_ = std::move(sinks);
    for (const auto& s : console_) s->set_formatter(prototype_->clone());
    publish();
}

void library_sink::set_file(spdlog::sink_ptr file) {
    std::lock_guard<std::mutex> lock(mutex_);
    file_ = std::move(file);
    if (file_) file_->set_formatter(prototype_->clone());
    publish();
}

void library_sink::use_formatter(std::unique_ptr<spdlog::formatter> formatter) {
    std::lock_guard<std::mutex> lock(mutex_);
    prototype_ = std::move(formatter);
    for (const auto& s : console_) s->set_formatter(prototype_->clone());
    if (file_) file_->set_formatter(prototype_->clone());
}

void library_sink::set_trace_filter(std::vector<std::string> tags) {
    std::lock_guard<std::mutex> lock(mutex_);
    trace_filter_ = std::move(tags);
    publish();
}

void library_sink::publish() {
    auto next = std::make_unique<snapshot>();
    for (const auto& s : console_) next->destinations.push_back({s});
    if (file_) next->destinations.push_back({file_});
    next->trace_filter = trace_filter_;
    current_.store(next.get(), std::memory_order_release);
    snapshots_.push_back(std::move(next));
}

namespace {

// Runs `io` on a destination; the first failure is reported, none escapes.
template <typename Io>
void guarded(std::atomic<bool>& failed, const char* what, Io io) {
    try {
        io();
    } catch (const std::exception& e) {
        if (!failed.exchange(true)) report(std::string(what) + ": " + e.what());
    } catch (...) {
        if (!failed.exchange(true)) report(std::string(what) + ": unknown exception");
    }
}

}  // namespace

void library_sink::write(const destination& d, const spdlog::details::log_msg& msg) const {
    if (!d.sink->should_log(msg.level)) return;
    guarded(*d.failed, "a log destination failed, its records are lost", [&] { d.sink->log(msg); });
}

void library_sink::log(const spdlog::details::log_msg& msg) {
    const auto& now = *current_.load(std::memory_order_acquire);
    if (!now.trace_filter.empty() && std::find(now.trace_filter.begin(), now.trace_filter.end(),
                                               current_context()) == now.trace_filter.end()) {
        return;  // not even an empty line
    }
    for (const auto& d : now.destinations) write(d, msg);
}

void library_sink::flush() {
    const auto& now = *current_.load(std::memory_order_acquire);
    for (const auto& d : now.destinations) {
        guarded(*d.failed, "a log destination failed to flush", [&] { d.sink->flush(); });
    }
}

}  // namespace complog::detail
