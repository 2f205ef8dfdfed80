// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "async_sink.h"

#include <complog/context.h>

#include "fields_record.h"
#include "library_sink.h"
#include "process.h"
#include "spdlog_adapter.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace complog::detail {
namespace {

// The packed record: context size, context, message size, field count, then per field
// its type, key size, key and value (8 bytes, or a size and the string), then the text.
// Sizes are 32 bits: a longer context, key or string is cut (the text never is).
struct packer {
    spdlog::memory_buf_t& out;
    void bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const char*>(data);
        out.append(p, p + size);
    }
    void size(std::size_t value) {
        const auto v = static_cast<std::uint32_t>(std::min<std::size_t>(value, UINT32_MAX));
        bytes(&v, sizeof v);
    }
    void text(std::string_view value) {
        const auto v = value.substr(0, UINT32_MAX);
        size(v.size());
        bytes(v.data(), v.size());
    }
};

struct unpacker {
    std::string_view in;
    bool ok = true;
    std::uint32_t size() {
        std::uint32_t v = 0;
        if (in.size() < sizeof v) return ok = false, 0;
        std::memcpy(&v, in.data(), sizeof v);
        in.remove_prefix(sizeof v);
        return v;
    }
    std::string_view text() {
        const auto n = size();
        if (in.size() < n) return ok = false, std::string_view{};
        const auto v = in.substr(0, n);
        in.remove_prefix(n);
        return v;
    }
    template <typename T>
    T value() {
        T v{};
        if (in.size() < sizeof v) return ok = false, v;
        std::memcpy(&v, in.data(), sizeof v);
        in.remove_prefix(sizeof v);
        return v;
    }
};

void pack(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& out) {
    const auto* note = note_of(msg);
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    packer p{out};
    p.text(current_context());
    p.size(note ? note->message_size : payload.size());
    p.size(note ? note->field_count : 0);
    for (std::size_t i = 0; note && i < note->field_count; ++i) {
        const auto& f = note->fields[i];
        p.bytes(&f.type, sizeof f.type);
        p.text(f.key);
        if (f.type == field_type::string) {
            p.text(f.text);
        } else {
            p.bytes(&f.number, sizeof f.number);
        }
    }
    p.bytes(payload.data(), payload.size());
}

// The pool side of the private async_logger: unpacks each record, then writes it to the
// library sink with its note.
class unpacking_sink final : public spdlog::sinks::sink {
public:
    explicit unpacking_sink(spdlog::sink_ptr direct) : direct_(std::move(direct)) {}

    void log(const spdlog::details::log_msg& msg) override {
        unpacker u{std::string_view(msg.payload.data(), msg.payload.size())};
        record_note note;
        note.context_captured = true;
        note.context = u.text();
        note.message_size = u.size();
        const auto count = u.size();
        std::array<field_value, 16> few;
        std::vector<field_value> many;
        field_value* fields = few.data();
        if (count > few.size()) {
            many.resize(count);
            fields = many.data();
        }
        for (std::uint32_t i = 0; u.ok && i < count; ++i) {
            auto& f = fields[i];
            f.type = u.value<field_type>();
            f.key = u.text();
            if (f.type == field_type::string) {
                f.text = u.text();
            } else {
                f.number = u.value<decltype(f.number)>();
            }
        }
        if (!u.ok) return;  // never: this file packed it
        auto record = msg;
        record.payload = spdlog::string_view_t(u.in.data(), u.in.size());
        note.payload = u.in.data();
        note.message_size = std::min<std::size_t>(note.message_size, u.in.size());
        note.fields = fields;
        note.field_count = count;
        const note_scope scope(note);
        direct_->log(record);
    }
    void flush() override { direct_->flush(); }
    void set_pattern(const std::string& /*pattern*/) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

private:
    spdlog::sink_ptr direct_;
};

}  // namespace

async_sink::async_sink(const snapshot_cell& published,
                       std::shared_ptr<spdlog::async_logger> backend,
                       std::weak_ptr<spdlog::details::thread_pool> pool, spdlog::sink_ptr direct)
    : published_(published),
      backend_(std::move(backend)),
      pool_(std::move(pool)),
      direct_(std::move(direct)),
      pid_(cached_pid()) {
    // Before the logger is shared: no record is in flight yet.
    backend_->sinks() = {std::make_shared<unpacking_sink>(direct_)};
}

bool async_sink::pool_usable() const noexcept {
    return cached_pid() == pid_ && spdlog_adapter::registry_alive();
}

void async_sink::log(const spdlog::details::log_msg& msg) {
    {
        const snapshot_cell::reader now(published_);
        if (!passes_trace_filter(*now)) return;
    }
    if (!pool_usable()) return direct_->log(msg);
    // Without its pool the async_logger drops the record (its error handler says why).
    const auto pool = pool_.lock();
    if (!pool) return direct_->log(msg);
    // Same time, location and (calling) thread id: the pool thread writes this record.
    spdlog::memory_buf_t packed;
    pack(msg, packed);
    backend_->log(msg.time, msg.source, msg.level,
                  spdlog::string_view_t(packed.data(), packed.size()));
}

void async_sink::flush() {
    const auto pool = pool_usable() ? pool_.lock() : nullptr;
    if (pool) return backend_->flush();
    direct_->flush();
}

}  // namespace complog::detail
