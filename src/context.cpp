// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/context.h>

#include "process.h"
#include "rank.h"

#include <pthread.h>
#include <unistd.h>

#include <atomic>

namespace complog {
namespace {

std::atomic<int> current_rank{-1};
std::atomic<int> current_local_rank{-1};
std::atomic<int> current_world_size{-1};
std::atomic<bool> program_set_rank{false};
// The newest live scope of this thread. A pointer, trivially destructible: no thread-exit
// destructor, so records logged while a thread exits still read it safely.
thread_local context_scope* newest_scope = nullptr;

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

void use_job_ranks(const job_ranks& ranks) noexcept {
    if (ranks.rank && !program_set_rank.load()) current_rank.store(*ranks.rank);
    if (ranks.local_rank) current_local_rank.store(*ranks.local_rank);
    if (ranks.world_size) current_world_size.store(*ranks.world_size);
}

bool rank_set_by_program() noexcept { return program_set_rank.load(); }

void forget_job_ranks() noexcept {
    program_set_rank.store(false);
    current_rank.store(-1);
    current_local_rank.store(-1);
    current_world_size.store(-1);
}
}  // namespace detail

void set_rank(int rank) noexcept {
    program_set_rank.store(true);
    current_rank.store(rank < 0 ? -1 : rank);
}

int rank() noexcept { return current_rank.load(std::memory_order_relaxed); }
int local_rank() noexcept { return current_local_rank.load(std::memory_order_relaxed); }
int world_size() noexcept { return current_world_size.load(std::memory_order_relaxed); }

std::string_view current_context() noexcept {
    return newest_scope ? std::string_view(newest_scope->tag_) : std::string_view{};
}

context_scope::context_scope(std::string tag) : tag_(std::move(tag)), older_(newest_scope) {
    if (older_) older_->newer_ = this;
    newest_scope = this;
}

// Unlinks this scope wherever it is in the list, so scopes may end in any order.
context_scope::~context_scope() {
    if (older_) older_->newer_ = newer_;
    if (newer_) {
        newer_->older_ = older_;
    } else {
        newest_scope = older_;
    }
}

}  // namespace complog
