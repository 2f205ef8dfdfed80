// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Optional adapter: trace metadata and payloads from an nlohmann::json value, for programs
// that already hold one. complog itself does not depend on nlohmann/json; include this
// header only where <nlohmann/json.hpp> is available.
//
//     #include <complog/nlohmann.h>
//     nlohmann::ordered_json meta = {{"model", "resnet"}, {"layers", 50}};
//     complog::trace::event("model", [&] { return complog::trace::from_json(meta); });
//
// Key order: nlohmann::json keeps objects sorted by key, nlohmann::ordered_json in
// insertion order; the trace writes what the value holds. Binary values and discarded
// values are not JSON: they are written as the strings "<binary>" and "<discarded>" and
// counted in trace::statistics().unwritable_values.

#pragma once

#include <complog/trace.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace complog::trace {

namespace detail {

// Arrays and objects deeper than the trace writes (100 levels) become a string here
// already, so that no input nests deep enough to overflow the stack.
template <class BasicJson>
value from_json_at(const BasicJson& j, std::size_t depth) {
    using type = typename BasicJson::value_t;
    if ((j.is_array() || j.is_object()) && depth >= 100) {
        count_unwritable();
        return value("<nested too deep>");
    }
    switch (j.type()) {
        case type::null:
            return value();
        case type::boolean:
            return value(j.template get<bool>());
        case type::number_integer:
            return value(j.template get<std::int64_t>());
        case type::number_unsigned:
            return value(j.template get<std::uint64_t>());
        case type::number_float:
            return value(j.template get<double>());
        case type::string:
            return value(j.template get_ref<const typename BasicJson::string_t&>());
        case type::array: {
            std::vector<value> items;
            items.reserve(j.size());
            for (const auto& item : j) items.push_back(from_json_at(item, depth + 1));
            return value::make_array(std::move(items));
        }
        case type::object: {
            std::vector<value::member> members;
            members.reserve(j.size());
            for (auto it = j.begin(); it != j.end(); ++it) {
                members.emplace_back(it.key(), from_json_at(it.value(), depth + 1));
            }
            return value::make_object(std::move(members));
        }
        case type::binary:
            count_unwritable();
            return value("<binary>");
        case type::discarded:
            break;
    }
    count_unwritable();
    return value("<discarded>");
}

}  // namespace detail

/// `j` as a trace value; arrays and objects nested deeper than 100 levels are written as
/// the string "<nested too deep>" and counted (statistics().unwritable_values).
template <class BasicJson>
value from_json(const BasicJson& j) {
    return detail::from_json_at(j, 0);
}

}  // namespace complog::trace
