// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_ranks: one process of a multi-process job. It logs one record with the rank,
// local rank and world size complog read; `--set-rank N` calls set_rank(N) before init.

#include <complog/complog.h>

#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--set-rank") == 0) {
        complog::set_rank(std::atoi(argv[2]));
    }
    complog::options opts{"RANKS_LOGS", "ranks"};
    opts.out_per_rank = true;
    complog::init(opts);
    const auto log = complog::get_logger("ranks.main");
    COMPLOG_WARN(log, "rank {} local {} of {}", complog::rank(), complog::local_rank(),
                 complog::world_size());
    return 0;
}
