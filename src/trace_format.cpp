// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "trace_format.h"

#include "json.h"

namespace complog::detail {

namespace {

using trace::value;

std::size_t append_scalar(fmt::memory_buffer& out, const value& v) {
    switch (v.type()) {
        case value::kind::null:
            append_json_null(out);
            return 0;
        case value::kind::boolean:
            append_json_bool(out, v.as_bool());
            return 0;
        case value::kind::integer:
            append_json_integer(out, v.as_integer());
            return 0;
        case value::kind::unsigned_integer:
            append_json_unsigned(out, v.as_unsigned());
            return 0;
        case value::kind::floating:
            return append_json_float(out, v.as_double()) ? 0u : 1u;
        case value::kind::string:
            return append_json_string(out, v.as_string()) ? 0u : 1u;
        case value::kind::array:
        case value::kind::object:
            break;
    }
    return 0;
}

// Python's separators: compact ", " / ": "; with an indent "," + newline / ": ". `depth`
// counts the arrays and objects around `v`: the writer recurses, so a value nested deeper
// than max_json_depth is written as a string (it would overflow the stack, and tlparse's
// JSON reader stops at 128 levels anyway).
template <bool Indented>
std::size_t append_json(fmt::memory_buffer& out, const value& v, std::size_t depth) {
    constexpr std::string_view item_separator = Indented ? ",\n" : ", ";
    std::size_t unwritable = 0;
    const bool container = v.type() == value::kind::array || v.type() == value::kind::object;
    if (container && depth >= max_json_depth) {
        append_text(out, "\"<nested too deep>\"");
        return 1;
    }
    if (v.type() == value::kind::array) {
        if (v.items().empty()) {
            append_text(out, "[]");
            return 0;
        }
        append_text(out, Indented ? "[\n" : "[");
        bool first = true;
        for (const auto& item : v.items()) {
            if (!first) append_text(out, item_separator);
            first = false;
            unwritable += append_json<Indented>(out, item, depth + 1);
        }
        append_text(out, Indented ? "\n]" : "]");
        return unwritable;
    }
    if (v.type() == value::kind::object) {
        if (v.members().empty()) {
            append_text(out, "{}");
            return 0;
        }
        append_text(out, Indented ? "{\n" : "{");
        bool first = true;
        for (const auto& [key, member] : v.members()) {
            if (!first) append_text(out, item_separator);
            first = false;
            unwritable += append_json_string(out, key) ? 0u : 1u;
            append_text(out, ": ");
            unwritable += append_json<Indented>(out, member, depth + 1);
        }
        append_text(out, Indented ? "\n}" : "}");
        return unwritable;
    }
    return append_scalar(out, v);
}

}  // namespace

std::size_t append_compact_json(fmt::memory_buffer& out, const trace::value& v) {
    return append_json<false>(out, v, 0);
}

std::size_t append_indent0_json(fmt::memory_buffer& out, const trace::value& v) {
    return append_json<true>(out, v, 0);
}

std::size_t append_list_payload(fmt::memory_buffer& out, const trace::value& list) {
    std::size_t unwritable = 0;
    append_text(out, "[\n");
    bool first = true;
    for (const auto& item : list.items()) {
        if (!first) append_text(out, ",\n");
        first = false;
        unwritable += append_json<false>(out, item, 1);
    }
    append_text(out, "\n]");
    return unwritable;
}

}  // namespace complog::detail
