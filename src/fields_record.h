// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// What a record carries beside its text (private): where the message ends in the
// payload, its typed fields, and the context tag captured at the call.
//
// A per-thread note names the payload it describes: it is set while a record is being
// written on this thread (by log_with_fields on the calling thread, by the asynchronous
// logger's pool side around the record it unpacks), and a formatter or sink finds it
// only for that very payload (the same bytes: spdlog passes the log_msg, or a copy of
// it, to every sink of a synchronous logger). A record the note does not describe (no
// fields, or a copy made by spdlog's own async_logger) is its whole payload, without
// fields, with the context tag of the thread that formats it.
//
// Notes nest: a sink that logs another record restores the outer note afterwards.

#pragma once

#include <complog/fields.h>

#include <spdlog/details/log_msg.h>

#include <cstddef>
#include <string_view>

namespace complog::detail {

struct record_note {
    const char* payload = nullptr;  ///< the payload described
    std::size_t message_size = 0;   ///< the message: payload[0, message_size)
    const field_value* fields = nullptr;
    std::size_t field_count = 0;    ///< none deferred: each is formatted
    bool context_captured = false;  ///< false: the context is the formatting thread's
    std::string_view context;
};

/// Makes `note` this thread's note while it lives.
class note_scope {
public:
    explicit note_scope(const record_note& note) noexcept;
    ~note_scope();
    note_scope(const note_scope&) = delete;
    note_scope& operator=(const note_scope&) = delete;

private:
    const record_note* previous_;
};

/// The note describing `msg` on this thread, or nullptr.
const record_note* note_of(const spdlog::details::log_msg& msg) noexcept;

/// The record's message (without its fields) and context tag.
std::string_view message_of(const spdlog::details::log_msg& msg, const record_note* note) noexcept;
std::string_view context_of(const record_note* note) noexcept;

/// Appends ` key=value` for each field (see complog/fields.h for the rules).
void append_fields_text(spdlog::memory_buf_t& out, const field_value* fields, std::size_t count);

}  // namespace complog::detail
