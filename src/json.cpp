// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "json.h"

#include "unicode.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <system_error>

namespace complog::detail {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_u_escape(fmt::memory_buffer& out, unsigned unit) {
    const char escape[6] = {'\\',
                            'u',
                            hex_digits[(unit >> 12) & 0xF],
                            hex_digits[(unit >> 8) & 0xF],
                            hex_digits[(unit >> 4) & 0xF],
                            hex_digits[unit & 0xF]};
    out.append(escape, escape + sizeof escape);
}

bool is_plain_ascii(unsigned char c) { return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\'; }

}  // namespace

bool append_json_string(fmt::memory_buffer& out, std::string_view text) {
    bool valid = true;
    out.push_back('"');
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Copy runs of plain ASCII at once: the common case.
        std::size_t run = pos;
        while (run < text.size() && is_plain_ascii(static_cast<unsigned char>(text[run]))) {
            ++run;
        }
        out.append(text.data() + pos, text.data() + run);
        pos = run;
        if (pos == text.size()) {
            break;
        }
        const char c = text[pos];
        switch (c) {
            case '"':
                append_text(out, "\\\"");
                ++pos;
                continue;
            case '\\':
                append_text(out, "\\\\");
                ++pos;
                continue;
            case '\n':
                append_text(out, "\\n");
                ++pos;
                continue;
            case '\r':
                append_text(out, "\\r");
                ++pos;
                continue;
            case '\t':
                append_text(out, "\\t");
                ++pos;
                continue;
            case '\b':
                append_text(out, "\\b");
                ++pos;
                continue;
            case '\f':
                append_text(out, "\\f");
                ++pos;
                continue;
            default:
                break;
        }
        const decoded_char decoded = decode_utf8(text, pos);
        if (decoded.length == 0) {
            append_u_escape(out, 0xFFFD);
            valid = false;
            ++pos;
            continue;
        }
        pos += decoded.length;
        if (decoded.value > 0xFFFF) {
            const char32_t offset = decoded.value - 0x10000;
            append_u_escape(out, 0xD800 + static_cast<unsigned>(offset >> 10));
            append_u_escape(out, 0xDC00 + static_cast<unsigned>(offset & 0x3FF));
        } else {
            append_u_escape(out, static_cast<unsigned>(decoded.value));
        }
    }
    out.push_back('"');
    return valid;
}

void append_json_integer(fmt::memory_buffer& out, std::int64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void append_json_unsigned(fmt::memory_buffer& out, std::uint64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

bool append_json_float(fmt::memory_buffer& out, double value) {
    if (std::isnan(value)) {
        append_text(out, "\"NaN\"");
        return false;
    }
    if (std::isinf(value)) {
        append_text(out, value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        return false;
    }
    // Shortest round-trip digits in scientific form, "-d.ddde±XX", then laid out as repr.
    char sci[40];
    const auto result = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
    const std::string_view text(sci, static_cast<std::size_t>(result.ptr - sci));
    const std::size_t e = text.find('e');
    int exponent = 0;
    std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                    exponent);
    const int point = exponent + 1;  // value = 0.DIGITS x 10^point
    if (point <= -4 || point > 16) {
        out.append(text.data(), text.data() + text.size());  // to_chars writes >= 2 exponent digits
        return true;
    }
    char digits[24];
    std::size_t count = 0;
    std::size_t i = 0;
    if (text[0] == '-') {
        out.push_back('-');
        i = 1;
    }
    for (; i < e; ++i) {
        if (text[i] != '.') {
            digits[count++] = text[i];
        }
    }
    if (point <= 0) {
        append_text(out, "0.");
        for (int zero = point; zero < 0; ++zero) {
            out.push_back('0');
        }
        out.append(digits, digits + count);
    } else if (static_cast<std::size_t>(point) < count) {
        out.append(digits, digits + point);
        out.push_back('.');
        out.append(digits + point, digits + count);
    } else {
        out.append(digits, digits + count);
        for (std::size_t zero = count; zero < static_cast<std::size_t>(point); ++zero) {
            out.push_back('0');
        }
        append_text(out, ".0");
    }
    return true;
}

void append_json_bool(fmt::memory_buffer& out, bool value) {
    append_text(out, value ? "true" : "false");
}

void append_json_null(fmt::memory_buffer& out) { append_text(out, "null"); }

}  // namespace complog::detail
