// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/context.h>

#include "process.h"

#include <pthread.h>
#include <unistd.h>

#include <atomic>

namespace complog {
namespace {

std::atomic<int> current_rank{-1};
thread_local const std::string* current_tag = nullptr;

std::atomic<int>& pid_cache() {
    static std::atomic<int> pid{[] {
        pthread_atfork(nullptr, nullptr, [] { pid_cache().store(static_cast<int>(getpid())); });
        return static_cast<int>(getpid());
    }()};
    return pid;
}

}  // namespace

namespace detail {
int cached_pid() noexcept { return pid_cache().load(std::memory_order_relaxed); }
}  // namespace detail

void set_rank(int rank) noexcept { current_rank.store(rank < 0 ? -1 : rank); }

int rank() noexcept { return current_rank.load(std::memory_order_relaxed); }

std::string_view current_context() noexcept {
    return current_tag ? std::string_view(*current_tag) : std::string_view{};
}

context_scope::context_scope(std::string tag) : tag_(std::move(tag)), outer_(current_tag) {
    current_tag = &tag_;
}

context_scope::~context_scope() { current_tag = outer_; }

}  // namespace complog
