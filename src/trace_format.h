// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Laying out trace::value as JSON text, as Python's json.dumps does (private). Each
// returns how many scalars could not be written as they are (NaN, infinities, invalid
// UTF-8; see json.h) so the channel can count them.
//
//   compact   {"a": [1, 2], "b": {}}            the envelope, list payload items
//   indent 0  {\n"a": [\n1,\n2\n],\n"b": {}\n}  object/number payloads (json.dumps(indent=0))
//   list      [\n<compact item>,\n<compact item>\n]   list payloads; [] gives "[\n\n]"

#pragma once

#include <complog/trace.h>

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace complog::detail {

/// Arrays and objects nested deeper than this (counting the outermost as 1) are written as
/// the string "<nested too deep>" and counted.
constexpr std::size_t max_json_depth = 100;

std::size_t append_compact_json(fmt::memory_buffer& out, const trace::value& v);
std::size_t append_indent0_json(fmt::memory_buffer& out, const trace::value& v);
std::size_t append_list_payload(fmt::memory_buffer& out, const trace::value& list);

/// PyTorch's text form of a compile id: "F/C", "F/C_A" when the attempt is not 0,
/// "!CA/F/C" with a compiled autograd id; a null part is "-".
std::string compile_tag(const trace::compile_context& context);

/// The channel's clock (the test hook's when set), microseconds since the Unix epoch.
std::int64_t trace_clock_us();

}  // namespace complog::detail
