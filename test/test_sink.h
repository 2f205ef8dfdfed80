// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Test helpers: a sink that records what complog writes, and a guard that
// gives each test a fresh complog and restores the environment variable.

#pragma once

#include <complog/complog.h>

#include <spdlog/sinks/base_sink.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace complog::test {

struct record {
    std::string logger;
    spdlog::level::level_enum level;
    std::string text;
};

class recording_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::vector<record> records() {
        std::lock_guard<std::mutex> lock(mutex_);
        return records_;
    }
    std::size_t size() {
        std::lock_guard<std::mutex> lock(mutex_);
        return records_.size();
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        records_.push_back({std::string(msg.logger_name.data(), msg.logger_name.size()), msg.level,
                            std::string(msg.payload.data(), msg.payload.size())});
    }
    void flush_() override {}

private:
    std::vector<record> records_;
};

/// Resets complog, points its output at a recording sink, sets (or unsets) the
/// environment variable TEST_LOGS; undoes all of it on destruction.
class fresh_complog {
public:
    explicit fresh_complog(std::optional<std::string> env = std::nullopt) {
        complog::reset();
        complog::set_sinks({sink});
        if (env) {
            setenv(var, env->c_str(), 1);
        } else {
            unsetenv(var);
        }
    }
    ~fresh_complog() {
        unsetenv(var);
        complog::reset();
    }
    fresh_complog(const fresh_complog&) = delete;
    fresh_complog& operator=(const fresh_complog&) = delete;

    static constexpr const char* var = "TEST_LOGS";
    std::shared_ptr<recording_sink> sink = std::make_shared<recording_sink>();
};

// Sets (or unsets) an environment variable for one scope and restores it after.
class scoped_env {
public:
    scoped_env(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str())) saved_ = old;
        if (value) {
            setenv(name_.c_str(), value->c_str(), 1);
        } else {
            unsetenv(name_.c_str());
        }
    }
    ~scoped_env() {
        if (saved_) {
            setenv(name_.c_str(), saved_->c_str(), 1);
        } else {
            unsetenv(name_.c_str());
        }
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    std::string name_;
    std::optional<std::string> saved_;
};

/// Whether `logger` writes a record at `lvl` to the library's sinks.
inline bool writes(fresh_complog& env, const std::shared_ptr<spdlog::logger>& logger,
                   spdlog::level::level_enum lvl) {
    const auto before = env.sink->size();
    logger->log(lvl, "probe");
    return env.sink->size() > before;
}

/// The lowest level at which `logger` writes to the library's sinks (off: it writes nothing).
inline spdlog::level::level_enum lowest(fresh_complog& env,
                                        const std::shared_ptr<spdlog::logger>& logger) {
    for (auto lvl : {spdlog::level::trace, spdlog::level::debug, spdlog::level::info,
                     spdlog::level::warn, spdlog::level::err, spdlog::level::critical}) {
        if (writes(env, logger, lvl)) return lvl;
    }
    return spdlog::level::off;
}

/// The spec_error `run` throws, if any.
template <typename Run>
std::optional<spec_error> error_of(Run run) {
    try {
        run();
    } catch (const spec_error& e) {
        return e;
    }
    return std::nullopt;
}

inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

}  // namespace complog::test
