// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/context.h>
#include <complog/fields.h>

#include "fields_record.h"

#include <spdlog/fmt/fmt.h>

#include <cstring>

namespace complog::detail {
namespace {

// Trivially destructible: usable while a thread exits and in static destructors.
thread_local const record_note* current_note = nullptr;

void append(spdlog::memory_buf_t& out, std::string_view text) {
    out.append(text.data(), text.data() + text.size());
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

bool needs_quotes(std::string_view text) {
    if (text.empty()) return true;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_control(c) || c == ' ' || c == '=' || c == '"' || c == '\\') return true;
    }
    return false;
}

void append_quoted(spdlog::memory_buf_t& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '"':
                append(out, "\\\"");
                break;
            case '\\':
                append(out, "\\\\");
                break;
            case '\n':
                append(out, "\\n");
                break;
            case '\r':
                append(out, "\\r");
                break;
            case '\t':
                append(out, "\\t");
                break;
            default:
                if (is_control(c)) {
                    const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                    out.append(escape, escape + sizeof escape);
                } else {
                    out.push_back(ch);
                }
        }
    }
    out.push_back('"');
}

void append_key(spdlog::memory_buf_t& out, std::string_view key) {
    if (key.empty()) return out.push_back('_');
    for (const char ch : key) {
        const auto c = static_cast<unsigned char>(ch);
        out.push_back(is_control(c) || c == ' ' || c == '=' || c == '"' ? '_' : ch);
    }
}

}  // namespace

note_scope::note_scope(const record_note& note) noexcept : previous_(current_note) {
    current_note = &note;
}

note_scope::~note_scope() { current_note = previous_; }

const record_note* note_of(const spdlog::details::log_msg& msg) noexcept {
    const auto* note = current_note;
    return note && note->payload == msg.payload.data() ? note : nullptr;
}

std::string_view message_of(const spdlog::details::log_msg& msg, const record_note* note) noexcept {
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    return note ? payload.substr(0, note->message_size) : payload;
}

std::string_view context_of(const record_note* note) noexcept {
    return note && note->context_captured ? note->context : current_context();
}

void append_fields_text(spdlog::memory_buf_t& out, const field_value* fields, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        const auto& f = fields[i];
        out.push_back(' ');
        append_key(out, f.key);
        out.push_back('=');
        switch (f.type) {
            case field_type::boolean:
                append(out, f.number.boolean ? "true" : "false");
                break;
            case field_type::integer: {
                const fmt::format_int text(f.number.integer);
                out.append(text.data(), text.data() + text.size());
                break;
            }
            case field_type::unsigned_integer: {
                const fmt::format_int text(f.number.unsigned_integer);
                out.append(text.data(), text.data() + text.size());
                break;
            }
            case field_type::floating:
                fmt::format_to(fmt::appender(out), "{}", f.number.floating);
                break;
            case field_type::string:
            case field_type::deferred:  // formatted before: see log_with_fields
                needs_quotes(f.text) ? append_quoted(out, f.text) : append(out, f.text);
                break;
        }
    }
}

void log_with_fields(spdlog::logger& logger, spdlog::source_loc location,
                     spdlog::level::level_enum level, spdlog::memory_buf_t& payload,
                     field_value* fields, std::size_t count) {
    // Deferred values are formatted into one buffer; views into it are taken once it no
    // longer grows.
    spdlog::memory_buf_t rendered;
    for (std::size_t i = 0; i < count; ++i) {
        auto& f = fields[i];
        if (f.type != field_type::deferred) continue;
        const auto start = rendered.size();
        f.render(f.object, rendered);
        f.number.unsigned_integer = start;
        f.text = std::string_view(nullptr, rendered.size() - start);
    }
    for (std::size_t i = 0; i < count; ++i) {
        auto& f = fields[i];
        if (f.type != field_type::deferred) continue;
        f.type = field_type::string;
        f.text = std::string_view(rendered.data() + f.number.unsigned_integer, f.text.size());
    }
    record_note note;
    note.message_size = payload.size();
    note.fields = fields;
    note.field_count = count;
    append_fields_text(payload, fields, count);
    note.payload = payload.data();
    const note_scope scope(note);
    logger.log(location, level, spdlog::string_view_t(payload.data(), payload.size()));
}

}  // namespace complog::detail
