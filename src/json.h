// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Writing JSON text the way Python's `json.dumps` does with its defaults (private).
// PyTorch's structured trace is read by tools that compare it with what Python writes, so
// every scalar here follows Python byte for byte:
//
//   * strings: ensure_ascii. `"` `\` and \n \r \t \b \f get their two-character escapes;
//     everything else outside U+0020..U+007E (other controls, DEL, all non-ASCII) becomes
//     \uXXXX in lower-case hex, characters above U+FFFF a UTF-16 surrogate pair; `/` stays.
//     Input is UTF-8; each byte that does not start a valid UTF-8 sequence is written as
//     \ufffd (U+FFFD, the replacement character) and the caller is told (returns false).
//   * integers in plain decimal.
//   * floats as Python's repr: the shortest digits that read back as the same double, in
//     fixed notation with at least one fraction digit ("1.0", "0.0001", "-0.0"), or in
//     scientific notation "d[.ddd]e±XX" when the decimal exponent is below -4 or above 16
//     ("1e+16", "1e-05"). NaN and the infinities are not JSON (Python writes bare NaN /
//     Infinity tokens that jq and tlparse reject): they are written as the JSON strings
//     "NaN", "Infinity", "-Infinity", and the caller is told (returns false).
//
//     fmt::memory_buffer out;
//     append_json_string(out, "caf\xc3\xa9");   // "caf\u00e9"
//     append_json_float(out, 1e16);             // 1e+16

#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string_view>

namespace complog::detail {

/// Appends `text` (UTF-8) as a quoted JSON string. Returns false if some bytes were not valid
/// UTF-8 (each was written as \ufffd).
bool append_json_string(fmt::memory_buffer& out, std::string_view text);

void append_json_integer(fmt::memory_buffer& out, std::int64_t value);
void append_json_unsigned(fmt::memory_buffer& out, std::uint64_t value);

/// Appends `value` as Python's repr of a float. Returns false for NaN and infinities, which
/// are written as the strings "NaN", "Infinity", "-Infinity".
bool append_json_float(fmt::memory_buffer& out, double value);

void append_json_bool(fmt::memory_buffer& out, bool value);
void append_json_null(fmt::memory_buffer& out);

inline void append_text(fmt::memory_buffer& out, std::string_view text) {
    out.append(text.data(), text.data() + text.size());
}

}  // namespace complog::detail
