// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The process's place in a multi-process job (private): rank, local rank and world size
// from the launchers' variables, and <VAR>_RANKS, the ranks that write to the console.
// Pure but for the setters, which context.cpp implements next to set_rank.

#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace complog::detail {

struct job_ranks {
    std::optional<int> rank;
    std::optional<int> local_rank;
    std::optional<int> world_size;
};

/// Each quantity from the first of its variables that holds a usable number: RANK,
/// OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID; LOCAL_RANK, OMPI_COMM_WORLD_LOCAL_RANK,
/// SLURM_LOCALID; WORLD_SIZE, OMPI_COMM_WORLD_SIZE, PMI_SIZE, SLURM_NTASKS. A set variable
/// that is no number is reported (a line in `diagnostics`) and the next one is read.
job_ranks read_job_ranks(const std::function<const char*(const char*)>& getenv,
                         std::string& diagnostics);

/// Inclusive ranges of ranks; empty: every rank.
using rank_list = std::vector<std::pair<int, int>>;

/// "0,4-7" (spaces around items allowed); std::nullopt for anything else, or no rank.
std::optional<rank_list> parse_rank_list(std::string_view text);

/// Whether `rank` is in `ranks`; an unknown rank (negative) is in every list.
bool rank_in(const rank_list& ranks, int rank) noexcept;

/// What init() read: the rank unless the program set one (set_rank), the others always.
void use_job_ranks(const job_ranks& ranks) noexcept;
/// Whether the program called set_rank since the last forget_job_ranks().
bool rank_set_by_program() noexcept;
/// Back to no rank, no local rank, no world size (complog::reset()).
void forget_job_ranks() noexcept;

}  // namespace complog::detail
