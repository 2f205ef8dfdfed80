// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// MD5 (RFC 1321), for the trace's `has_payload` digest, which tlparse compares with the
// payload. Not for security. Private; no crypto library needed.

#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace complog::detail {

class md5 {
public:
    md5() noexcept;
    void update(std::string_view bytes) noexcept;
    /// The digest as 32 lower-case hex digits; the object is spent afterwards.
    std::array<char, 32> hex_digest() noexcept;

private:
    void block(const unsigned char* data) noexcept;
    std::uint32_t state_[4];
    std::uint64_t length_ = 0;  // bytes
    unsigned char buffer_[64];
};

/// MD5 of `bytes` as 32 lower-case hex digits.
std::array<char, 32> md5_hex(std::string_view bytes) noexcept;

}  // namespace complog::detail
