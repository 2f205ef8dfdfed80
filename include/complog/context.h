// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Per-record context shown in the header: the process rank of a multi-process
// job (`[rank3]:`) and a thread-local context tag (`[0/1]`, PyTorch shows its
// compile id there).
//
//     complog::set_rank(3);                     // or RANK=3 in the environment
//     {
//         complog::context_scope compile("0/1");
//         log->info("compiling");                // I1122 ... main.cpp:12] [0/1] compiling
//     }
//
// Thread-safety: set_rank is atomic; context tags are per thread. A record shows the tag
// of the thread that logs it: synchronous loggers format it on that thread, and
// complog::get_async_logger's loggers capture it at the call. A record that reaches
// complog through spdlog's own async_logger (spdlog::async_factory with complog::sink())
// is formatted on the pool's thread, where the caller's tag is unknown: it shows none.
// The rank is read when a record is formatted.
//
// Scopes nest and may end in any order: the tag is the newest live scope's, so a scope
// held in a std::optional or a unique_ptr may outlive scopes created after it. A scope
// must be destroyed on the thread that created it (it cannot be copied or moved).
//
// Lifetime: current_context() views the newest scope's own copy of its tag, valid until
// that scope ends; copy it to keep it longer. Nothing here throws; only building the
// std::string a scope takes can (std::bad_alloc).
//
// Static destructors and thread exit: the per-thread state is one pointer with no
// destructor, so records logged from static or thread_local destructors, or while a
// thread exits, see the tag of whatever scope is still alive (none: empty).

#pragma once

#include <complog/export.h>

#include <string>
#include <string_view>

namespace complog {

/// Sets the rank shown as `[rank<R>]:` before every header; a negative rank hides it.
/// init() takes it from the first of RANK, OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID
/// that holds a rank, unless the program called set_rank first: the program's wins.
COMPLOG_API void set_rank(int rank) noexcept;
/// The rank, or -1.
COMPLOG_API int rank() noexcept;
/// The rank within the node, as init() read it from LOCAL_RANK,
/// OMPI_COMM_WORLD_LOCAL_RANK or SLURM_LOCALID (the first that holds one), or -1.
COMPLOG_API int local_rank() noexcept;
/// The number of processes of the job, as init() read it from WORLD_SIZE,
/// OMPI_COMM_WORLD_SIZE, PMI_SIZE or SLURM_NTASKS (the first that holds one), or -1.
COMPLOG_API int world_size() noexcept;

/// The current thread's context tag, empty when no scope is active.
COMPLOG_API std::string_view current_context() noexcept;

/// Makes `tag` this thread's context tag while it lives, unless a newer scope of this
/// thread is alive; when it ends, the newest remaining scope's tag applies again.
class COMPLOG_API context_scope {
public:
    explicit context_scope(std::string tag);
    ~context_scope();
    context_scope(const context_scope&) = delete;
    context_scope& operator=(const context_scope&) = delete;

private:
    friend std::string_view current_context() noexcept;

    // This thread's live scopes form a list, oldest to newest.
    std::string tag_;
    context_scope* older_;
    context_scope* newer_ = nullptr;
};

}  // namespace complog
