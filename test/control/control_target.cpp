// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// control_target READY_FILE: a program under live control for control_test.sh. Four
// threads log to app.a (info, written), app.b (info under -app.b: never written), app.c
// (debug under +app.c, written) and app.d (info, the logger the test changes), until
// SIGTERM. Then it prints, per logger, the records attempted and written, and exits 1
// when a logger whose setting the test keeps lost or gained a record.
//
// TARGET_LOGS gives the settings; live control is on by options::control unless
// TARGET_LOGS_CONTROL says otherwise. READY_FILE gets the socket path once it serves.

#include <complog/complog.h>

#include <spdlog/sinks/base_sink.h>

#include <pthread.h>
#include <signal.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace {

class counting_sink : public spdlog::sinks::base_sink<std::mutex> {
public:
    long count(const std::string& logger) {
        std::lock_guard<std::mutex> lock(mutex_);
        return counts_[logger];
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        ++counts_[std::string(msg.logger_name.data(), msg.logger_name.size())];
    }
    void flush_() override {}

private:
    std::map<std::string, long> counts_;
};

std::atomic<bool> stopping{false};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: control_target READY_FILE\n");
        return 2;
    }
    // SIGTERM is waited for by main: blocked in every thread, complog's included.
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &term, nullptr);

    auto sink = std::make_shared<counting_sink>();
    complog::set_sinks({sink});
    const std::array<std::string, 4> names = {"app.a", "app.b", "app.c", "app.d"};
    for (const auto& name : names) complog::register_module(name);
    complog::options opts{"TARGET_LOGS", "app"};
    opts.control = true;
    complog::init(opts);

    std::array<std::atomic<long>, 4> attempted{};
    std::array<std::thread, 4> threads;
    for (std::size_t i = 0; i < threads.size(); ++i) {
        threads[i] = std::thread([&, i] {
            const auto log = complog::get_logger(names[i]);
            while (!stopping.load(std::memory_order_relaxed)) {
                if (i == 2) {
                    COMPLOG_DEBUG(log, "record {}", attempted[i].load());
                } else {
                    COMPLOG_INFO(log, "record {}", attempted[i].load());
                }
                attempted[i].fetch_add(1, std::memory_order_relaxed);
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        });
    }
    {
        std::ofstream ready(std::string(argv[1]) + ".tmp");
        ready << complog::control::socket_path() << "\n";
    }
    std::rename((std::string(argv[1]) + ".tmp").c_str(), argv[1]);

    int signal = 0;
    sigwait(&term, &signal);
    stopping = true;
    for (auto& t : threads) t.join();

    bool exact = true;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const long written = sink->count(names[i]);
        const long expected = i == 1 ? 0 : attempted[i].load();
        std::printf("%s attempted %ld written %ld\n", names[i].c_str(), attempted[i].load(),
                    written);
        if (i != 3 && written != expected) exact = false;
    }
    return exact ? 0 : 1;
}
