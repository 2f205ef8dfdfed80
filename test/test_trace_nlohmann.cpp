// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The optional nlohmann::json adapter (built only when nlohmann_json is found).

#include <complog/nlohmann.h>

#include "catch_compat.h"
#include "trace_format.h"

#include <string>

namespace {

std::string compact(const complog::trace::value& v) {
    fmt::memory_buffer out;
    complog::detail::append_compact_json(out, v);
    return fmt::to_string(out);
}

}  // namespace

TEST_CASE("nlohmann adapter: values, key order, non-JSON values", "[trace]") {
    nlohmann::ordered_json ordered = {
        {"z", 1}, {"a", {1.5, "x", nullptr, true}}, {"u", 18446744073709551615ull}};
    CHECK(compact(complog::trace::from_json(ordered)) ==
          R"({"z": 1, "a": [1.5, "x", null, true], "u": 18446744073709551615})");
    nlohmann::json sorted = {{"z", 1}, {"a", "caf\xc3\xa9"}};
    CHECK(compact(complog::trace::from_json(sorted)) == R"({"a": "caf\u00e9", "z": 1})");
    const auto before = complog::trace::statistics().unwritable_values;
    CHECK(compact(complog::trace::from_json(nlohmann::json::binary({1, 2}))) == R"("<binary>")");
    CHECK(compact(complog::trace::from_json(nlohmann::json(nlohmann::json::value_t::discarded))) ==
          R"("<discarded>")");
    CHECK(complog::trace::statistics().unwritable_values == before + 2);
}

TEST_CASE("nlohmann adapter: nesting past the trace's depth is a string, not a deep value",
          "[trace]") {
    nlohmann::json deep = nlohmann::json::array();
    for (int i = 0; i < 150; ++i) deep = nlohmann::json::array({deep});
    const auto before = complog::trace::statistics().unwritable_values;
    const std::string text = compact(complog::trace::from_json(deep));
    CHECK(text == std::string(100, '[') + "\"<nested too deep>\"" + std::string(100, ']'));
    CHECK(complog::trace::statistics().unwritable_values == before + 1);
}
