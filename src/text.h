// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Text for messages (private).

#pragma once

#include <spdlog/common.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace complog::detail {

/// Appends `text` to `out` with control characters (\n, \t, \x1b, ...) and invalid
/// UTF-8 bytes (\xff) escaped, so whatever a name holds it prints on one line and
/// cannot drive the terminal.
void append_escaped(std::string& out, std::string_view text);

/// `text` escaped as append_escaped does, unquoted (for tables and listings).
inline std::string escaped(std::string_view text) {
    std::string out;
    append_escaped(out, text);
    return out;
}

/// `text` in single quotes for an error message: control characters and invalid UTF-8
/// escaped, at most 80 bytes shown (then "...' (<n> bytes)"), so a hostile name can
/// neither reach the terminal raw nor flood it.
std::string quoted(std::string_view text);

/// spdlog's name of a level ("debug", "warning", ...).
inline std::string level_name(spdlog::level::level_enum lvl) {
    const auto name = spdlog::level::to_string_view(lvl);
    return std::string(name.data(), name.size());
}

/// `text` padded with spaces to `width` columns (for aligned listings).
inline std::string padded(std::string text, std::size_t width) {
    text.resize(std::max(text.size(), width), ' ');
    return text;
}

}  // namespace complog::detail
