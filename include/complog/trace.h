// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The structured trace: PyTorch's second logging channel (`TORCH_TRACE=<dir>`), byte for
// byte, so that tlparse reads what a C++ program writes. One file per process, written
// only when the channel is on (<VAR>_TRACE=<dir> read by init(), options::trace_dir, or
// trace::start), independent of the text levels.
//
//     namespace trace = complog::trace;
//     trace::event("compile_start", [&] { return trace::object({{"model", name}, {"n", 3}}); });
//     trace::artifact("graph", "string", [&] { return graph.to_text(); });
//     {
//         trace::compile_scope compiling({{0, 1}, 0});        // frame 0, compile 1, attempt 0
//         trace::event("step", [] { return trace::object({}); },
//                      [&] { return trace::array({1, 2.5, "three"}); });
//     }
//
// A record is `V<MMDD> <HH:MM:SS>.<mmm>000 <pid> <file>:<line>] <envelope JSON>`, then one
// TAB-prefixed line per payload line. The envelope is {name: metadata, rank?, then a stack
// or the compile ids, has_payload?} with PyTorch's rules (see README "Structured trace").
//
// Cost when the channel is off: one relaxed atomic load (trace::enabled(), inline); the
// callables that build metadata and payload are not called. Nothing here throws out of a
// record call: a value that cannot be written as JSON (NaN, an infinity, invalid UTF-8,
// arrays and objects nested more than 100 deep) is written as a string (or with U+FFFD)
// and counted in statistics().

#pragma once

#include <complog/context.h>
#include <complog/export.h>

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace spdlog {
class logger;
}

namespace complog::trace {

/// A JSON value for metadata and payloads, built without a JSON library. Objects keep
/// their keys in insertion order; set() replaces an existing key's value in place.
class COMPLOG_API value {
public:
    enum class kind { null, boolean, integer, unsigned_integer, floating, string, array, object };
    using member = std::pair<std::string, value>;

    value() noexcept = default;
    value(std::nullptr_t) noexcept {}
    value(bool b) noexcept : kind_(kind::boolean), bool_(b) {}
    template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                            std::is_signed_v<T>,
                                        int> = 0>
    value(T i) noexcept : kind_(kind::integer), int_(i) {}
    template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                            std::is_unsigned_v<T>,
                                        int> = 0>
    value(T u) noexcept : kind_(kind::unsigned_integer), uint_(u) {}
    value(double d) noexcept : kind_(kind::floating), double_(d) {}
    value(float f) noexcept : kind_(kind::floating), double_(f) {}
    value(std::string s) : kind_(kind::string), string_(std::move(s)) {}
    value(std::string_view s) : kind_(kind::string), string_(s) {}
    value(const char* s) : kind_(kind::string), string_(s == nullptr ? "" : s) {}

    // Out of line: destroying a deeply nested value takes its children apart one level at a
    // time instead of recursing, so no nesting depth overflows the stack.
    ~value();
    value(const value&) = default;
    value(value&&) noexcept = default;
    value& operator=(const value&) = default;
    value& operator=(value&&) noexcept = default;

    static value make_array(std::vector<value> items = {});
    static value make_object(std::vector<member> members = {});

    kind type() const noexcept { return kind_; }
    bool is_null() const noexcept { return kind_ == kind::null; }
    bool as_bool() const noexcept { return bool_; }
    std::int64_t as_integer() const noexcept { return int_; }
    std::uint64_t as_unsigned() const noexcept { return uint_; }
    double as_double() const noexcept { return double_; }
    const std::string& as_string() const noexcept { return string_; }
    const std::vector<value>& items() const noexcept { return items_; }
    const std::vector<member>& members() const noexcept { return members_; }

    /// Arrays: appends. Objects: sets `key`, replacing its value where it is if present.
    value& push_back(value item);
    value& set(std::string key, value v);

private:
    kind kind_ = kind::null;
    bool bool_ = false;
    std::int64_t int_ = 0;
    std::uint64_t uint_ = 0;
    double double_ = 0;
    std::string string_;
    std::vector<value> items_;
    std::vector<member> members_;
};

/// An object with the keys in this order: object({{"a", 1}, {"b", "two"}}).
inline value object(std::initializer_list<value::member> members) {
    return value::make_object(std::vector<value::member>(members));
}
/// An array: array({1, 2.5, "three", nullptr}).
inline value array(std::initializer_list<value> items) {
    return value::make_array(std::vector<value>(items));
}

/// PyTorch's compile id; a null part is left out of the envelope.
struct compile_id {
    std::optional<std::int64_t> frame_id;
    std::optional<std::int64_t> frame_compile_id;
    std::optional<std::int64_t> compiled_autograd_id;
};

/// The compile being traced: its ids and the attempt (restart) number.
struct compile_context {
    compile_id id;
    std::int64_t attempt = 0;
};

/// Makes `context` this thread's current compile while it lives (records inside carry its
/// ids and attempt), and the text log's context tag `[F/C]` (`[F/C_A]` when the attempt is
/// not 0, `[!CA/F/C]` with a compiled autograd id). Nests like context_scope: scopes may
/// end in any order; the newest live one applies. Destroy it on the thread that made it.
class COMPLOG_API compile_scope {
public:
    explicit compile_scope(compile_context context);
    ~compile_scope();
    compile_scope(const compile_scope&) = delete;
    compile_scope& operator=(const compile_scope&) = delete;

private:
    friend COMPLOG_API const compile_context* current_compile() noexcept;
    compile_context context_;
    compile_scope* outer_;
    context_scope tag_;
};

/// This thread's innermost compile_scope's context, or nullptr.
COMPLOG_API const compile_context* current_compile() noexcept;

/// One frame of a stack written outside a compile (outermost first). C++ has no portable
/// cheap stack capture: records carry the frames a caller gives, else `"stack": []`.
struct frame {
    std::string filename;  ///< interned: the envelope holds its id
    std::int64_t line = 0;
    std::string name;
    std::string source;  ///< the source line; written trimmed as `loc`
};

/// A source location for the header's `file:line`; defaults to the caller's.
struct site {
    const char* file = "";
    int line = 0;
    static constexpr site here(const char* file = __builtin_FILE(),
                               int line = __builtin_LINE()) noexcept {
        return {file, line};
    }
};

/// How an event takes its context (PyTorch's trace_structured arguments).
struct event_options {
    /// No rank, no stack, no compile ids.
    bool suppress_context = false;
    /// Outside a compile and without compile_id: write a stack (true) or nothing (false).
    bool expect_trace_id = true;
    /// Explicit ids, used when there is no current compile (they never add `attempt`).
    std::optional<compile_id> id;
    /// The current compile; unset: this thread's compile_scope, if any.
    std::optional<compile_context> context;
    /// Set: ignore this thread's compile_scope (context stays as given, possibly none).
    bool ignore_scope = false;
    /// The frames for `stack`.
    std::vector<frame> stack;
};

/// Where the channel writes. init() fills it from <VAR>_TRACE / options::trace_dir.
struct options {
    std::string directory;                              ///< created (with parents) if missing
    std::string prefix = "dedicated_log_torch_trace_";  ///< PyTorch's; tlparse looks for it
    /// The first record of each file is an `artifact` "complog_process" (JSON: program,
    /// complog version, pid, rank, start time, active spec), like PyTorch's torch_version.
    bool describe_file = true;
    /// The `file:line` of `str` records (interned strings), which no caller writes.
    site string_table_site = {"complog/trace", 1};
    std::string spec;  ///< the active spec, for the file's description
};

/// Turns the channel on with these options (no file until the first record). Calling it
/// again with the same directory and prefix keeps the file; another closes it. complog::init()
/// calls it for <VAR>_TRACE or options::trace_dir; a channel started that way ends at the
/// next init() without a directory, or at reset().
COMPLOG_API void start(options opts);
/// Turns the channel off and closes the file.
COMPLOG_API void stop() noexcept;

/// Counters since the process started.
struct statistics_data {
    std::uint64_t records = 0;            ///< records written (str records included)
    std::uint64_t unwritable_values = 0;  ///< NaN/inf/invalid UTF-8/too deep, as strings
    std::uint64_t rejected = 0;           ///< calls with a reserved event name
    std::uint64_t write_errors = 0;       ///< failed opens and writes
};
COMPLOG_API statistics_data statistics() noexcept;
/// The path of the current file, empty before the first record.
COMPLOG_API std::string file_path();

namespace detail {
COMPLOG_API extern std::atomic<bool> channel_on;
/// `opts` nullptr: the defaults.
COMPLOG_API bool write_event(std::string_view name, value metadata, value payload,
                             const event_options* opts, site where) noexcept;
COMPLOG_API void write_artifact_text(spdlog::logger& text, std::string_view name,
                                     const value& payload) noexcept;
COMPLOG_API bool text_wants_artifact(const spdlog::logger& text) noexcept;
COMPLOG_API void write_dump_file(std::string_view filename, const value& source,
                                 const event_options* opts, site where) noexcept;
COMPLOG_API bool dump_file_wanted(std::string_view filename) noexcept;
/// Counts a value an adapter could not express (statistics().unwritable_values).
COMPLOG_API void count_unwritable() noexcept;
/// In a catch handler: "<exception: what()>" for the exception being handled, counted.
COMPLOG_API value failed_call_value() noexcept;
/// What `fn()` returns; a callable that throws gives failed_call_value().
template <class Fn>
value call(Fn& fn) noexcept {
    try {
        return value(fn());
    } catch (...) {
        return failed_call_value();
    }
}
}  // namespace detail

/// True when the channel is on: one relaxed load.
inline bool enabled() noexcept { return detail::channel_on.load(std::memory_order_relaxed); }

/// Writes an event with the metadata `metadata_fn()` returns (any value) and the payload
/// `payload_fn()` returns: a string is written as is, an array one compact item per line,
/// anything else as JSON with indent 0; null means no payload. Neither is called when the
/// channel is off; one that throws gives the string "<exception: what()>", counted in
/// statistics().unwritable_values. Returns false (and writes nothing) for a reserved name: rank,
/// compiled_autograd_id, frame_id, frame_compile_id, attempt, severity, timestamp,
/// pathname, thread.
template <class MetadataFn, class PayloadFn,
          std::enable_if_t<std::is_invocable_v<PayloadFn&>, int> = 0>
bool event(std::string_view name, MetadataFn&& metadata_fn, PayloadFn&& payload_fn,
           site where = site::here()) {
    if (!enabled()) return true;
    return detail::write_event(name, detail::call(metadata_fn), detail::call(payload_fn), nullptr,
                               where);
}

/// The same with explicit context options.
template <class MetadataFn, class PayloadFn,
          std::enable_if_t<std::is_invocable_v<PayloadFn&>, int> = 0>
bool event(std::string_view name, MetadataFn&& metadata_fn, PayloadFn&& payload_fn,
           const event_options& opts, site where = site::here()) {
    if (!enabled()) return true;
    return detail::write_event(name, detail::call(metadata_fn), detail::call(payload_fn), &opts,
                               where);
}

/// An event without a payload.
template <class MetadataFn>
bool event(std::string_view name, MetadataFn&& metadata_fn, site where = site::here()) {
    if (!enabled()) return true;
    return detail::write_event(name, detail::call(metadata_fn), value(), nullptr, where);
}

namespace detail {
template <class PayloadFn>
void artifact(std::string_view name, std::string_view encoding, PayloadFn& payload_fn,
              spdlog::logger* text_log, const event_options* opts, site where) {
    const bool to_trace = enabled();
    const bool to_text = text_log != nullptr && text_wants_artifact(*text_log);
    if (!to_trace && !to_text) return;
    value payload = call(payload_fn);
    if (to_text) write_artifact_text(*text_log, name, payload);
    if (to_trace) {
        write_event("artifact", object({{"name", name}, {"encoding", encoding}}),
                    std::move(payload), opts, where);
    }
}
}  // namespace detail

/// PyTorch's trace_structured_artifact: event `artifact` with metadata {"name", "encoding"}
/// ("string" or "json": a label for readers) and `payload_fn()` as the payload. With
/// `text_log` (an artifact logger, get_artifact_logger) the payload also goes to the text
/// log at debug level when that logger is on; built once for both, not at all when neither
/// wants it.
template <class PayloadFn>
void artifact(std::string_view name, std::string_view encoding, PayloadFn&& payload_fn,
              spdlog::logger* text_log = nullptr, site where = site::here()) {
    detail::artifact(name, encoding, payload_fn, text_log, nullptr, where);
}

/// The same with explicit context options.
template <class PayloadFn>
void artifact(std::string_view name, std::string_view encoding, PayloadFn&& payload_fn,
              spdlog::logger* text_log, const event_options& opts, site where = site::here()) {
    detail::artifact(name, encoding, payload_fn, text_log, &opts, where);
}

/// PyTorch's structured.dump_file: for a file name containing `eval_with_key`, once per
/// name per process, an event `dump_file` {"name": filename} whose payload is
/// `source_fn()` (a string, or null for none).
template <class SourceFn>
void dump_file(std::string_view filename, SourceFn&& source_fn, site where = site::here()) {
    if (!enabled() || !detail::dump_file_wanted(filename)) return;
    detail::write_dump_file(filename, detail::call(source_fn), nullptr, where);
}

/// The same with explicit context options.
template <class SourceFn>
void dump_file(std::string_view filename, SourceFn&& source_fn, const event_options& opts,
               site where = site::here()) {
    if (!enabled() || !detail::dump_file_wanted(filename)) return;
    detail::write_dump_file(filename, detail::call(source_fn), &opts, where);
}

/// A Chrome trace span: writes a `chromium_event` record whose payload is a begin event
/// {"name", "ts" (microseconds), "args", "ph": "B", "cat", "tid", "pid": 0} when made and
/// the matching "E" event when destroyed, as PyTorch's dynamo_timed does; tlparse gathers
/// them into chromium_events.json (Perfetto opens it; in all-ranks mode the pid becomes the
/// rank). Inside a compile_scope, args carry "compile_id" ("F/C") and the envelope the ids.
/// `tid` numbers threads from 0 in the order they first write a span. Nothing is written
/// (nor `args_fn` called) when the channel is off at construction.
class COMPLOG_API span {
public:
    explicit span(std::string_view name, std::string_view category = "complog",
                  site where = site::here()) {
        if (enabled()) begin(name, category, value::make_object(), where);
    }
    /// `args_fn()` returns an object of arguments for the begin event.
    template <class ArgsFn, std::enable_if_t<std::is_invocable_v<ArgsFn&>, int> = 0>
    span(std::string_view name, ArgsFn&& args_fn, std::string_view category = "complog",
         site where = site::here()) {
        if (enabled()) begin(name, category, detail::call(args_fn), where);
    }
    ~span() {
        if (active_) end();
    }
    span(const span&) = delete;
    span& operator=(const span&) = delete;

private:
    void begin(std::string_view name, std::string_view category, value args, site where) noexcept;
    void end() noexcept;
    bool active_ = false;
    site where_;
    std::string name_;
    std::string category_;
};

/// The id of `text` in this file's string table, from 0 in first-seen order; the first
/// time writes a record {"str": [text, id]}. Ids are counted when the channel is off too,
/// and stay valid for the process: a new file (the first, one after start() with another
/// directory, a forked child's) begins with the str records of every string interned
/// before it. nullptr gives -1.
COMPLOG_API std::int64_t intern_string(std::string_view text) noexcept;
inline std::int64_t intern_string(const char* text) noexcept {
    return text == nullptr ? -1 : intern_string(std::string_view(text));
}

}  // namespace complog::trace
