// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The mixing step of complog's hashes (private).

#pragma once

#include <cstdint>

namespace complog::detail {

/// The two halves of a's and b's 128-bit product, folded: every bit of either input reaches
/// both halves (wyhash's mix), so a changed input bit never moves the result by a fixed
/// difference, as the top bit of a 64-bit product does. One multiplication.
inline std::uint64_t folded_product(std::uint64_t a, std::uint64_t b) noexcept {
    __extension__ using wide = unsigned __int128;
    const wide product = static_cast<wide>(a) * b;
    return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

}  // namespace complog::detail
