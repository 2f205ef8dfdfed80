// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog::trace::span: begin/end Chrome trace events as chromium_event records.

#include <complog/trace.h>

#include "trace_format.h"

#include <atomic>

namespace complog::trace {

namespace {

std::int64_t thread_index() {
    static std::atomic<std::int64_t> next{0};
    thread_local const std::int64_t index = next++;
    return index;
}

value chrome_event(std::string_view name, std::string_view category, std::string_view phase,
                   value args) {
    return object({{"name", name},
                   {"ts", static_cast<double>(complog::detail::trace_clock_us())},
                   {"args", std::move(args)},
                   {"ph", phase},
                   {"cat", category},
                   {"tid", thread_index()},
                   {"pid", 0}});
}

void write(std::string_view phase, std::string_view name, std::string_view category, value args,
           site where) noexcept {
    try {
        if (const compile_context* c = current_compile();
            c != nullptr && args.type() == value::kind::object) {
            args.set("compile_id", complog::detail::compile_tag(*c));
        }
        event_options opts;
        opts.expect_trace_id = false;
        detail::write_event("chromium_event", value::make_object(),
                            chrome_event(name, category, phase, std::move(args)), &opts, where);
    } catch (...) {
        // bad_alloc building the event: the span is lost, the program goes on
    }
}

}  // namespace

void span::begin(std::string_view name, std::string_view category, value args,
                 site where) noexcept {
    try {
        name_ = name;
        category_ = category;
        where_ = where;
        active_ = true;
    } catch (...) {
        return;
    }
    write("B", name_, category_, std::move(args), where_);
}

void span::end() noexcept { write("E", name_, category_, value::make_object(), where_); }

}  // namespace complog::trace
