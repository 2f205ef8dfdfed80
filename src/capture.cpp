// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "capture.h"

#include <complog/testing.h>

#include "configuration.h"
#include "registry.h"
#include "spdlog_adapter.h"

#include <algorithm>
#include <stdexcept>

namespace complog {
namespace detail {

void capture_sink::log(const spdlog::details::log_msg& msg) {
    captured_record r;
    r.logger.assign(msg.logger_name.data(), msg.logger_name.size());
    r.artifact = std::string(registry::artifact_of(r.logger));
    r.level = msg.level;
    r.text.assign(msg.payload.data(), msg.payload.size());
    std::lock_guard<std::mutex> lock(mutex_);
    records_.push_back(std::move(r));
}

std::vector<captured_record> capture_sink::records() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return records_;
}

void capture_sink::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    records_.clear();
}

void configuration::attach_capture(spdlog::sink_ptr sink) {
    std::lock_guard<std::mutex> lock(mutex_);
    captures_.push_back(std::move(sink));
    publish();
}

void configuration::detach_capture(const spdlog::sink_ptr& sink) {
    std::lock_guard<std::mutex> lock(mutex_);
    captures_.erase(std::remove(captures_.begin(), captures_.end(), sink), captures_.end());
    publish();
}

void configuration::describe(std::vector<captured_record>& records) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& r : records) {
        // An artifact logger `m.__x` belongs where `m` does.
        std::string_view module = r.logger;
        if (!r.artifact.empty()) module.remove_suffix(r.artifact.size() + 3);
        // The component naming the longest prefix of the module (whole dotted parts).
        std::size_t best = 0;
        for (const auto& c : reg_.components()) {
            for (const auto& name : c.logger_names) {
                const bool under = module.substr(0, name.size()) == name &&
                                   (module.size() == name.size() || module[name.size()] == '.');
                if (under && name.size() + 1 > best) {
                    best = name.size() + 1;
                    r.component = c.alias;
                }
            }
        }
    }
}

std::uint64_t configuration::begin_override(settings s) {
    s.source = "scoped_settings";
    overrides_.reserve(overrides_.size() + 1);  // pending_ is not lost to a failed push_back
    overrides_.push_back({++next_override_, current_, std::move(pending_)});
    pending_.reset();
    commit(std::move(s));
    return next_override_;
}

std::uint64_t configuration::override_settings(const log_settings& args) {
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_made_since_init(std::move(found));
    auto s = validate(reg_, args, {opts_.accept_unknown_modules});
    return begin_override(std::move(s));
}

std::uint64_t configuration::override_settings(std::string_view spec) {
    auto found = loggers_if_changed();
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_made_since_init(std::move(found));
    const auto parsed = parse_spec(spec);
    if (parsed.kind != parsed_spec::request::settings) {
        throw spec_error("complog::scoped_settings: `help` is no setting", std::string(spec), 0,
                         "");
    }
    auto s = validate(reg_, parsed, spec, {opts_.accept_unknown_modules});
    return begin_override(std::move(s));
}

void configuration::end_override(std::uint64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = std::find_if(overrides_.begin(), overrides_.end(),
                                 [&](const live_override& o) { return o.id == id; });
    if (it == overrides_.end()) return;  // init() or reset() since: their settings stay
    if (it + 1 != overrides_.end()) {
        // A newer override still lives: it restores, at its end, what this one found.
        (it + 1)->found = std::move(it->found);
        (it + 1)->found_pending = std::move(it->found_pending);
        overrides_.erase(it);
        return;
    }
    auto found = std::move(it->found);
    pending_ = std::move(it->found_pending);
    overrides_.erase(it);
    commit(std::move(found));
}

}  // namespace detail

record_matcher& record_matcher::component(std::string alias) {
    component_ = std::move(alias);
    return *this;
}
record_matcher& record_matcher::artifact(std::string name) {
    artifact_ = std::move(name);
    return *this;
}
record_matcher& record_matcher::logger(std::string name) {
    logger_ = std::move(name);
    return *this;
}
record_matcher& record_matcher::level(spdlog::level::level_enum value) {
    level_ = value;
    return *this;
}
record_matcher& record_matcher::at_least(spdlog::level::level_enum value) {
    at_least_ = value;
    return *this;
}
record_matcher& record_matcher::contains(std::string text) {
    text_ = std::move(text);
    return *this;
}

bool record_matcher::operator()(const captured_record& r) const {
    return (!component_ || r.component == *component_) &&
           (!artifact_ || r.artifact == *artifact_) && (!logger_ || r.logger == *logger_) &&
           (!level_ || r.level == *level_) && (!at_least_ || r.level >= *at_least_) &&
           (!text_ || r.text.find(*text_) != std::string::npos);
}

capture::capture() : sink_(std::make_shared<detail::capture_sink>()) {
    detail::configuration::instance().attach_capture(sink_);
}

capture::~capture() { detail::configuration::instance().detach_capture(sink_); }

std::vector<captured_record> capture::records() const {
    auto out = sink_->records();
    detail::configuration::instance().describe(out);
    return out;
}

std::vector<captured_record> capture::records(const record_matcher& which) const {
    auto out = records();
    out.erase(
        std::remove_if(out.begin(), out.end(), [&](const captured_record& r) { return !which(r); }),
        out.end());
    return out;
}

std::size_t capture::count(const record_matcher& which) const { return records(which).size(); }

bool capture::contains(std::string_view text) const {
    const auto all = sink_->records();
    return std::any_of(all.begin(), all.end(), [&](const captured_record& r) {
        return r.text.find(text) != std::string::npos;
    });
}

void capture::clear() { sink_->clear(); }

struct scoped_settings::saved {
    std::uint64_t override_id;
};

scoped_settings::scoped_settings(const log_settings& args)
    : saved_(new saved{detail::configuration::instance().override_settings(args)}) {}

scoped_settings::scoped_settings(std::string_view spec)
    : saved_(new saved{detail::configuration::instance().override_settings(spec)}) {}

scoped_settings::~scoped_settings() {
    try {
        detail::configuration::instance().end_override(saved_->override_id);
    } catch (...) {
        // Only allocation can fail here; the settings then stay as they are.
    }
}

}  // namespace complog
