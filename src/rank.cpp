// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "rank.h"

#include "text.h"

#include <cerrno>
#include <cstdlib>

namespace complog::detail {
namespace {

constexpr int largest_rank = 1000000;

std::optional<int> number(std::string_view text, int least) {
    if (text.empty() || text.size() > 7) return std::nullopt;
    long value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value < least || value > largest_rank) return std::nullopt;
    return static_cast<int>(value);
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

job_ranks read_job_ranks(const std::function<const char*(const char*)>& getenv,
                         std::string& diagnostics) {
    const auto first = [&](std::initializer_list<const char*> names, int least,
                           const char* what) -> std::optional<int> {
        for (const char* name : names) {
            const char* value = getenv(name);
            if (!value || !*value) continue;
            if (auto n = number(value, least)) return n;
            diagnostics +=
                std::string("ignoring ") + name + "=" + quoted(value) + ": not " + what + "\n";
        }
        return std::nullopt;
    };
    job_ranks out;
    out.rank = first({"RANK", "OMPI_COMM_WORLD_RANK", "PMI_RANK", "SLURM_PROCID"}, 0, "a rank");
    out.local_rank =
        first({"LOCAL_RANK", "OMPI_COMM_WORLD_LOCAL_RANK", "SLURM_LOCALID"}, 0, "a local rank");
    out.world_size = first({"WORLD_SIZE", "OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"}, 1,
                           "a world size");
    return out;
}

std::optional<rank_list> parse_rank_list(std::string_view text) {
    rank_list ranks;
    while (true) {
        const auto comma = text.find(',');
        const auto item = trimmed(text.substr(0, comma));
        const auto dash = item.find('-');
        const auto low = number(trimmed(item.substr(0, dash)), 0);
        const auto high =
            dash == std::string_view::npos ? low : number(trimmed(item.substr(dash + 1)), 0);
        if (!low || !high || *high < *low) return std::nullopt;
        ranks.emplace_back(*low, *high);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return ranks;
}

bool rank_in(const rank_list& ranks, int rank) noexcept {
    if (rank < 0) return true;
    for (const auto& [low, high] : ranks) {
        if (rank >= low && rank <= high) return true;
    }
    return false;
}

}  // namespace complog::detail
