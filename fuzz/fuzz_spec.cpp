// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Fuzzes the pure spec functions: parse_spec, then validate (strict and with
// unknown modules accepted), promote_named_modules and resolve, as init() chains them.

#include "fuzz_names.h"
#include "internal.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void check_table(const complog::detail::registry& reg, const complog::detail::level_table& table) {
    if (table.size() != reg.size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const complog::detail::registry base = [] {
        complog::detail::registry reg;
        complog::fuzz::fill(reg);
        return reg;
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    complog::detail::parsed_spec parsed;
    try {
        parsed = complog::detail::parse_spec(text);
    } catch (const complog::spec_error& e) {
        if (e.position() > text.size()) __builtin_trap();
        return 0;
    }
    for (const auto& item : parsed.items) {
        if (item.position + item.length > text.size() || item.name.empty()) __builtin_trap();
    }

    try {
        const auto strict = complog::detail::validate(base, parsed, text);
        check_table(base, complog::detail::resolve(base, strict, complog::level::warn));
    } catch (const complog::spec_error& e) {
        if (e.position() > text.size()) __builtin_trap();
    }

    // A fresh registry per input: accepting unknown modules adds names to it.
    complog::detail::registry open;
    complog::fuzz::fill(open);
    try {
        const auto lenient = complog::detail::validate(open, parsed, text, {true});
        complog::detail::promote_named_modules(open, lenient);
        check_table(open, complog::detail::resolve(open, lenient, complog::level::info));
    } catch (const complog::spec_error&) {
        // Only artifacts given a level can still be rejected here.
    }
    return 0;
}
