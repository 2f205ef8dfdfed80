// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Concurrency stress: loggers log while the settings change thousands of times and
// new loggers appear. Loggers whose level cannot change during the run must lose
// no record and gain none. Meant to run under TSan too (the tsan preset).

#include "catch_compat.h"
#include "test_sink.h"

#include <spdlog/sinks/base_sink.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

// Counts records per logger name; keeping every record would need gigabytes.
class counting_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::map<std::string, std::size_t> counts() {
        std::lock_guard<std::mutex> lock(mutex_);
        return counts_;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);  // the formatter runs as in production
        ++counts_[std::string(msg.logger_name.data(), msg.logger_name.size())];
    }
    void flush_() override {}

private:
    std::map<std::string, std::size_t> counts_;
};

constexpr int config_changes = 3000;
constexpr int created_loggers = 300;
constexpr int logging_threads = 4;

// Every spec names `stable` at debug and enables `trace`: app.stable, everything under
// it, and every `.__trace` artifact logger stay at debug whatever else changes.
const char* const specs[] = {
    "+stable,trace,+churn",
    "+stable,trace,-churn,dump",
    "trace,+stable,churn,-all",
    "+stable,trace,+all,+app.churn.deep",
    "+stable,trace",
    "+churn,+stable,trace,dump,-app.churn.deep",
};

complog::log_settings settings_for(int i) {
    complog::log_settings s;
    s.set("stable", spdlog::level::debug).artifact("trace");
    switch (i % 4) {
        case 0:
            s.set("churn", spdlog::level::trace).artifact("dump");
            break;
        case 1:
            s.unset("churn").set("all", spdlog::level::err);
            break;
        case 2:
            s.set("app.churn.deep", spdlog::level::info).artifact("dump", false);
            break;
        default:
            s.set("all", spdlog::level::off);
            break;
    }
    return s;
}

struct counted_logger {
    std::shared_ptr<spdlog::logger> logger;
    bool stable;  // its level never changes during the run
};

}  // namespace

TEST_CASE("logging while settings change and loggers are created", "[stress]") {
    complog::test::fresh_complog env;
    auto sink = std::make_shared<counting_sink>();
    complog::set_sinks({sink});
    complog::register_component("stable", {"app.stable"});
    complog::register_component("churn", {"app.churn"});
    complog::register_artifact({"trace", "always enabled"});
    complog::register_artifact({"dump", "toggled", true, /*off_by_default*/ true});
    complog::register_artifact({"note", "never named"});
    REQUIRE(complog::init({"TEST_LOGS", "app"}).outcome == complog::init_result::status::unset);
    REQUIRE(complog::set_logs(specs[0]));

    const std::vector<counted_logger> loggers = {
        {complog::get_logger("app.stable"), true},
        {complog::get_logger("app.stable.child.grandchild"), true},
        {complog::get_artifact_logger("app.stable", "note"), true},  // follows app.stable
        {complog::get_artifact_logger("app.churn", "trace"), true},  // trace always on
        {complog::get_artifact_logger("app.other", "trace"), true},
        // A logger complog did not create: the gate sink decides, under app.stable.
        {std::make_shared<spdlog::logger>("app.stable.foreign", complog::sink()), true},
        {complog::get_logger("app.churn"), false},
        {complog::get_logger("app.churn.deep"), false},
        {complog::get_artifact_logger("app.churn", "dump"), false},
        {complog::get_logger("app.elsewhere"), false},
    };
    loggers[5].logger->set_level(spdlog::level::trace);

    std::atomic<bool> stop{false};
    std::vector<std::vector<std::size_t>> logged(logging_threads,
                                                 std::vector<std::size_t>(loggers.size()));
    std::vector<std::thread> threads;
    for (int t = 0; t < logging_threads; ++t) {
        threads.emplace_back([&, t] {
            auto& mine = logged[static_cast<std::size_t>(t)];
            while (!stop.load(std::memory_order_relaxed)) {
                for (std::size_t i = 0; i < loggers.size(); ++i) {
                    COMPLOG_DEBUG(loggers[i].logger, "thread {} record {}", t, mine[i]);
                    ++mine[i];
                }
            }
        });
    }

    // New loggers under app.stable and new .__trace artifact loggers are at debug from
    // their first record on; each logs once right after creation.
    std::size_t created_failures = 0;
    std::thread creator([&] {
        for (int i = 0; i < created_loggers; ++i) {
            const auto name = "app.stable.new" + std::to_string(i);
            const auto plain = complog::get_logger(name);
            const auto artifact =
                complog::get_artifact_logger("app.dyn" + std::to_string(i), "trace");
            if (!plain->should_log(spdlog::level::debug)) ++created_failures;
            if (!artifact->should_log(spdlog::level::debug)) ++created_failures;
            plain->debug("created");
            artifact->debug("created");
        }
    });

    std::size_t rejected = 0;
    std::thread configurer([&] {
        for (int i = 0; i < config_changes; ++i) {
            try {
                if (i % 2 == 0) {
                    complog::set_logs(specs[static_cast<std::size_t>(i / 2) % std::size(specs)]);
                } else {
                    complog::set_logs(settings_for(i));
                }
            } catch (const complog::spec_error&) {
                ++rejected;
            }
        }
    });

    configurer.join();
    creator.join();
    stop = true;
    for (auto& t : threads) t.join();

    CHECK(rejected == 0);
    CHECK(created_failures == 0);
    const auto counts = sink->counts();
    const auto written = [&](const std::string& name) {
        const auto it = counts.find(name);
        return it == counts.end() ? std::size_t{0} : it->second;
    };
    for (std::size_t i = 0; i < loggers.size(); ++i) {
        std::size_t total = 0;
        for (const auto& per_thread : logged) total += per_thread[i];
        const auto& name = loggers[i].logger->name();
        INFO(name << ": logged " << total << ", written " << written(name));
        CHECK(total > 0);
        if (loggers[i].stable) {
            CHECK(written(name) == total);
        } else {
            CHECK(written(name) <= total);
        }
    }
    for (int i = 0; i < created_loggers; ++i) {
        CHECK(written("app.stable.new" + std::to_string(i)) == 1);
        CHECK(written("app.dyn" + std::to_string(i) + ".__trace") == 1);
    }
}
