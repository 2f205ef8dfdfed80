// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT
// Character classes of the spec grammar and a UTF-8 decoder (private).
#pragma once

#include <cstddef>
#include <string_view>

namespace complog::detail {

/// True for the characters Python's `\w` matches in Unicode mode (letters, digits, numbers, '_').
bool is_word_char(char32_t c) noexcept;

/// True for the characters Python's `\s` matches in Unicode mode.
bool is_space_char(char32_t c) noexcept;

/// One decoded code point and its length in bytes; length 0 means invalid UTF-8 at that position
/// (overlong forms, surrogates, code points above U+10FFFF and truncated sequences are invalid).
struct decoded_char {
    char32_t value;
    std::size_t length;
};

/// Decodes the UTF-8 character starting at text[pos]; pos < text.size() is required.
inline decoded_char decode_utf8(std::string_view text, std::size_t pos) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
        return {lead, 1};
    }
    std::size_t length = 0;
    char32_t value = 0;
    char32_t min_value = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1Fu;
        min_value = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0Fu;
        min_value = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07u;
        min_value = 0x10000;
    } else {
        return {0, 0};  // Continuation byte, overlong lead 0xC0/0xC1, or 0xF5..0xFF.
    }
    if (text.size() - pos < length) {
        return {0, 0};
    }
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(i);
        if ((next & 0xC0u) != 0x80u) {
            return {0, 0};
        }
        value = (value << 6) | (next & 0x3Fu);
    }
    if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return {0, 0};
    }
    return {value, length};
}

}  // namespace complog::detail
