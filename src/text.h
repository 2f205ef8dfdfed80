// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Text for messages (private).

#pragma once

#include <string>
#include <string_view>

namespace complog::detail {

/// `text` in single quotes for an error message: control characters and invalid UTF-8
/// escaped, at most 80 bytes shown (then "...' (<n> bytes)"), so a hostile name can
/// neither reach the terminal raw nor flood it.
std::string quoted(std::string_view text);

}  // namespace complog::detail
