// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The structured trace channel: records as PyTorch's trace_structured writes them (see
// trace.h and README "Structured trace"). One mutex guards the file, the string table and
// the dumped-file set; a record is built and written under it, so `str` records always
// precede the record that needs them and records never interleave. The record path never
// calls into complog's configuration.

#include <complog/trace.h>
#include <complog/version.h>

#include "json.h"
#include "md5.h"
#include "trace_format.h"
#include "trace_init.h"
#include "trace_testing.h"
#include "unicode.h"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <sys/stat.h>
#include <unordered_map>
#include <unordered_set>

namespace complog::trace {

// ---------------------------------------------------------------------------------------
// value
// ---------------------------------------------------------------------------------------

value::~value() {
    if (items_.empty() && members_.empty()) return;
    std::vector<value> childless_soon;
    const auto take_children = [&childless_soon](value& v) {
        for (auto& item : v.items_) childless_soon.push_back(std::move(item));
        for (auto& m : v.members_) childless_soon.push_back(std::move(m.second));
        v.items_.clear();
        v.members_.clear();
    };
    take_children(*this);
    while (!childless_soon.empty()) {
        value last = std::move(childless_soon.back());
        childless_soon.pop_back();
        take_children(last);
    }  // each `last` ends with no children: its destructor returns at once
}

value value::make_array(std::vector<value> items) {
    value v;
    v.kind_ = kind::array;
    v.items_ = std::move(items);
    return v;
}

value value::make_object(std::vector<member> members) {
    value v;
    v.kind_ = kind::object;
    v.members_ = std::move(members);
    return v;
}

value& value::push_back(value item) {
    items_.push_back(std::move(item));
    return *this;
}

value& value::set(std::string key, value v) {
    for (auto& m : members_) {
        if (m.first == key) {
            m.second = std::move(v);
            return *this;
        }
    }
    members_.emplace_back(std::move(key), std::move(v));
    return *this;
}

// ---------------------------------------------------------------------------------------
// compile_scope
// ---------------------------------------------------------------------------------------

namespace {

thread_local compile_scope* innermost_compile = nullptr;

}  // namespace

compile_scope::compile_scope(compile_context context)
    : context_(context), outer_(innermost_compile), tag_(complog::detail::compile_tag(context)) {
    innermost_compile = this;
}

compile_scope::~compile_scope() {
    // Usually the innermost; one held in a std::optional may end before newer ones: unlink
    // it from the scope that points at it.
    if (innermost_compile == this) {
        innermost_compile = outer_;
        return;
    }
    for (compile_scope* scope = innermost_compile; scope != nullptr; scope = scope->outer_) {
        if (scope->outer_ == this) {
            scope->outer_ = outer_;
            return;
        }
    }
}

const compile_context* current_compile() noexcept {
    return innermost_compile == nullptr ? nullptr : &innermost_compile->context_;
}

// ---------------------------------------------------------------------------------------
// The channel
// ---------------------------------------------------------------------------------------

namespace detail {
std::atomic<bool> channel_on{false};
}

namespace {

using complog::detail::append_text;

struct channel_state {
    std::mutex mutex;
    options opts;
    int fd = -1;
    int opened_pid = 0;  // the real pid that opened fd: a forked child opens its own
    std::string path;
    bool open_failed = false;      // reported once; no more attempts until start()
    bool started_by_init = false;  // by complog::init(): its next call or reset() stops it
    bool line_torn = false;        // the file ends inside a record
    std::unordered_map<std::string, std::int64_t> strings;
    std::vector<std::string> strings_by_id;  // to repeat the table at the top of a new file
    std::unordered_set<std::string> dumped;

    std::atomic<std::uint64_t> records{0};
    std::atomic<std::uint64_t> unwritable{0};
    std::atomic<std::uint64_t> rejected{0};
    std::atomic<std::uint64_t> write_errors{0};

    std::function<std::int64_t()> clock;
    int pid_override = 0;
    std::string random_name;

    channel_state() {
        // A fork while another thread writes must not leave the child's mutex locked.
        pthread_atfork([] { instance().mutex.lock(); }, [] { instance().mutex.unlock(); },
                       [] { instance().mutex.unlock(); });
    }
    static channel_state& instance() {
        static auto* state = new channel_state;  // never destroyed: records from static dtors
        return *state;
    }
};

bool is_reserved(std::string_view name) {
    static constexpr std::string_view reserved[] = {"rank",      "compiled_autograd_id",
                                                    "frame_id",  "frame_compile_id",
                                                    "attempt",   "severity",
                                                    "timestamp", "pathname",
                                                    "thread"};
    for (auto r : reserved) {
        if (name == r) return true;
    }
    return false;
}

std::int64_t now_us(const channel_state& s) {
    if (s.clock) return s.clock();
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int header_pid(const channel_state& s) {
    return s.pid_override != 0 ? s.pid_override : static_cast<int>(::getpid());
}

void append_two_digits(char* at, int value) {
    at[0] = static_cast<char>('0' + value / 10);
    at[1] = static_cast<char>('0' + value % 10);
}

// "V<MMDD> <HH:MM:SS>.<mmm>000 <pid> <file>:<line>] ", written by hand: through fmt's
// format-string parser it was half a record's cost.
void append_header(fmt::memory_buffer& out, std::int64_t time_us, int pid, site where) {
    std::int64_t seconds = time_us / 1000000;
    std::int64_t micros = time_us % 1000000;
    if (micros < 0) {
        micros += 1000000;
        --seconds;
    }
    // "VMMDD HH:MM:SS." changes once per second: localtime_r then, as spdlog does. Callers
    // hold the channel's mutex.
    static std::int64_t cached_seconds = INT64_MIN;
    static char prefix[16];
    if (seconds != cached_seconds) {
        const std::time_t t = static_cast<std::time_t>(seconds);
        std::tm local{};
        localtime_r(&t, &local);
        std::memcpy(prefix, "VMMDD HH:MM:SS.", 16);
        append_two_digits(prefix + 1, local.tm_mon + 1);
        append_two_digits(prefix + 3, local.tm_mday);
        append_two_digits(prefix + 6, local.tm_hour);
        append_two_digits(prefix + 9, local.tm_min);
        append_two_digits(prefix + 12, local.tm_sec);
        cached_seconds = seconds;
    }
    out.append(prefix, prefix + 15);
    const int millis = static_cast<int>(micros / 1000);
    char tail[32] = {static_cast<char>('0' + millis / 100),
                     static_cast<char>('0' + millis / 10 % 10),
                     static_cast<char>('0' + millis % 10),
                     '0',
                     '0',
                     '0',
                     ' '};
    char* end = std::to_chars(tail + 7, tail + sizeof tail, pid).ptr;
    *end++ = ' ';
    out.append(tail, end);
    append_text(out, where.file == nullptr ? "" : where.file);
    out.push_back(':');
    char digits[16];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, where.line).ptr);
    append_text(out, "] ");
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view space = " \t\n\r\f\v";
    const auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}

// The record builder; the caller holds the mutex.
class record_writer {
public:
    record_writer(channel_state& s, std::int64_t now) : s_(s), now_(now) {}

    std::int64_t intern(std::string_view text) {
        auto found = s_.strings.find(std::string(text));
        if (found != s_.strings.end()) return found->second;
        const auto id = static_cast<std::int64_t>(s_.strings.size());
        s_.strings.emplace(std::string(text), id);
        s_.strings_by_id.emplace_back(text);
        if (s_.fd >= 0) string_record(text, id);
        return id;
    }

    void string_record(std::string_view text, std::int64_t id) {
        append_header(out_, now_, header_pid(s_), s_.opts.string_table_site);
        append_text(out_, "{\"str\": [");
        count(complog::detail::append_json_string(out_, text));
        append_text(out_, ", ");
        complog::detail::append_json_integer(out_, id);
        append_text(out_, "]}\n");
        ++records_;
    }

    void record(std::string_view name, value metadata, const value& payload,
                const event_options& opts, site where) {
        value envelope = value::make_object();
        envelope.set(std::string(name), std::move(metadata));
        if (!opts.suppress_context) add_context(envelope, opts);
        std::string text;
        const bool has_payload = !payload.is_null();
        if (has_payload) {
            text = payload_text(payload);
            const auto digest = complog::detail::md5_hex(text);
            envelope.set("has_payload", std::string(digest.data(), digest.size()));
        }
        // str records (from the stack) are already in out_: the record follows them.
        append_header(out_, now_, header_pid(s_), where);
        unwritable_ += complog::detail::append_compact_json(out_, envelope);
        if (has_payload) {
            std::size_t start = 0;
            while (true) {
                const auto end = text.find('\n', start);
                append_text(out_, "\n\t");
                if (end == std::string::npos) {
                    out_.append(text.data() + start, text.data() + text.size());
                    break;
                }
                out_.append(text.data() + start, text.data() + end);
                start = end + 1;
            }
        }
        out_.push_back('\n');
        ++records_;
    }

    std::string payload_text(const value& payload) {
        if (payload.type() == value::kind::string) return valid_text(payload.as_string());
        fmt::memory_buffer text;
        if (payload.type() == value::kind::array) {
            unwritable_ += complog::detail::append_list_payload(text, payload);
        } else {
            unwritable_ += complog::detail::append_indent0_json(text, payload);
        }
        return fmt::to_string(text);
    }

    // A text payload is written raw, as PyTorch does; tlparse reads lines as UTF-8 and drops
    // a line that is not, so each invalid byte becomes U+FFFD here (and is counted).
    std::string valid_text(const std::string& text) {
        std::size_t pos = 0;
        while (pos < text.size() && complog::detail::decode_utf8(text, pos).length != 0) {
            pos += complog::detail::decode_utf8(text, pos).length;
        }
        if (pos == text.size()) return text;
        std::string fixed = text.substr(0, pos);
        while (pos < text.size()) {
            const auto decoded = complog::detail::decode_utf8(text, pos);
            if (decoded.length == 0) {
                fixed += "\xef\xbf\xbd";
                ++unwritable_;
                ++pos;
            } else {
                fixed.append(text, pos, decoded.length);
                pos += decoded.length;
            }
        }
        return fixed;
    }

    void flush() {
        s_.records += records_;
        s_.unwritable += unwritable_;
        records_ = 0;
        unwritable_ = 0;
        if (out_.size() == 0 || s_.fd < 0) return;
        // After a write that stopped inside a record (a full disk), the next record starts
        // on its own line: tlparse loses the torn one only.
        if (s_.line_torn && write_all("\n", 1) == 1) s_.line_torn = false;
        if (!s_.line_torn) {
            const std::size_t written = write_all(out_.data(), out_.size());
            if (written != out_.size()) {
                ++s_.write_errors;
                s_.line_torn = written != 0;
            }
        } else {
            ++s_.write_errors;
        }
        out_.clear();
    }

private:
    // Returns the bytes written: all of them unless write(2) fails.
    std::size_t write_all(const char* data, std::size_t size) {
        std::size_t done = 0;
        while (done < size) {
            const ssize_t n = ::write(s_.fd, data + done, size - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        return done;
    }

    void count(bool written) {
        if (!written) ++unwritable_;
    }

    void add_context(value& envelope, const event_options& opts) {
        const int r = complog::rank();
        if (r >= 0) envelope.set("rank", r);
        const compile_context* context = nullptr;
        if (opts.context) {
            context = &*opts.context;
        } else if (!opts.ignore_scope) {
            context = current_compile();
        }
        if (opts.expect_trace_id && context == nullptr && !opts.id) {
            value stack = value::make_array();
            for (const auto& f : opts.stack) {
                const std::int64_t file_id = intern(f.filename);
                stack.push_back(object({{"line", f.line},
                                        {"name", f.name},
                                        {"filename", file_id},
                                        {"loc", trim(f.source)}}));
            }
            envelope.set("stack", std::move(stack));
            return;
        }
        const compile_id* id = context != nullptr ? &context->id : opts.id ? &*opts.id : nullptr;
        if (id != nullptr) {
            if (id->compiled_autograd_id)
                envelope.set("compiled_autograd_id", *id->compiled_autograd_id);
            if (id->frame_id) envelope.set("frame_id", *id->frame_id);
            if (id->frame_compile_id) envelope.set("frame_compile_id", *id->frame_compile_id);
        }
        if (context != nullptr) envelope.set("attempt", context->attempt);
    }

    channel_state& s_;
    std::int64_t now_;
    fmt::memory_buffer out_;
    std::uint64_t records_ = 0;
    std::uint64_t unwritable_ = 0;
};

bool make_directories(const std::string& dir) {
    std::string partial;
    std::size_t pos = 0;
    while (pos <= dir.size()) {
        const auto slash = dir.find('/', pos);
        partial = dir.substr(0, slash == std::string::npos ? dir.size() : slash);
        if (!partial.empty() && ::mkdir(partial.c_str(), 0777) != 0 && errno != EEXIST) {
            return false;
        }
        if (slash == std::string::npos) break;
        pos = slash + 1;
    }
    struct stat info {};
    return ::stat(dir.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

std::string random_chars(const channel_state& s, unsigned attempt) {
    if (!s.random_name.empty() && attempt == 0) return s.random_name;
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
    // splitmix64 over the clock, the pid and the attempt: distinct per process and try.
    std::uint64_t x =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
        (static_cast<std::uint64_t>(::getpid()) << 32) ^ (attempt * 0x9E37u);
    std::string chars;
    for (int i = 0; i < 8; ++i) {
        x += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        chars += alphabet[z % (sizeof alphabet - 1)];
    }
    return chars;
}

std::string program_name() {
#if defined(__GLIBC__)
    return program_invocation_name != nullptr ? program_invocation_name : "";
#else
    return "";
#endif
}

void describe_file(channel_state& s, std::int64_t now) {
    const std::time_t t = static_cast<std::time_t>(now / 1000000);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char start[64];
    std::snprintf(start, sizeof start, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(now % 1000000));
    const int r = complog::rank();
    value payload = object({{"program", program_name()},
                            {"complog_version", fmt::format("{}.{}.{}", COMPLOG_VER_MAJOR,
                                                            COMPLOG_VER_MINOR, COMPLOG_VER_PATCH)},
                            {"pid", header_pid(s)},
                            {"rank", r >= 0 ? value(r) : value()},
                            {"start_time", start},
                            {"spec", s.opts.spec}});
    // The rank but no stack or compile ids: tlparse takes the first rank it sees as the
    // file's, and skips later records of another rank.
    event_options opts;
    opts.expect_trace_id = false;
    opts.ignore_scope = true;
    record_writer writer(s, now);
    writer.record("artifact", object({{"name", "complog_process"}, {"encoding", "json"}}), payload,
                  opts, s.opts.string_table_site);
    writer.flush();
}

// Opens the file on the first record (and again in a forked child). False: nowhere to write.
bool ensure_file(channel_state& s, std::int64_t now) {
    const int real_pid = static_cast<int>(::getpid());
    if (s.fd >= 0 && s.opened_pid == real_pid) return true;
    if (s.fd >= 0) {
        // A forked child: the descriptor is the parent's file. Nothing is buffered here
        // (each record is written whole), so closing drops none of the parent's bytes.
        ::close(s.fd);
        s.fd = -1;
        s.path.clear();
        s.dumped.clear();
    }
    if (s.open_failed) return false;
    if (!make_directories(s.opts.directory)) {
        s.open_failed = true;
        ++s.write_errors;
        std::fprintf(stderr, "complog: cannot create the trace directory %s: %s\n",
                     s.opts.directory.c_str(), std::strerror(errno));
        return false;
    }
    const int r = complog::rank();
    const std::string stem = s.opts.directory + "/" + s.opts.prefix +
                             (r >= 0 ? "rank_" + std::to_string(r) + "_" : std::string());
    for (unsigned attempt = 0; attempt < 100; ++attempt) {
        const std::string path = stem + random_chars(s, attempt) + ".log";
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            s.fd = fd;
            s.opened_pid = real_pid;
            s.line_torn = false;
            s.path = path;
            if (s.opts.describe_file) describe_file(s, now);
            // Ids interned before this file (channel off, another file, the parent of a
            // fork) stay valid: the file starts with their str records.
            record_writer writer(s, now);
            for (std::size_t id = 0; id < s.strings_by_id.size(); ++id) {
                writer.string_record(s.strings_by_id[id], static_cast<std::int64_t>(id));
            }
            writer.flush();
            return true;
        }
        if (errno != EEXIST) break;
    }
    s.open_failed = true;
    ++s.write_errors;
    std::fprintf(stderr, "complog: cannot create a trace file in %s: %s\n",
                 s.opts.directory.c_str(), std::strerror(errno));
    return false;
}

}  // namespace

namespace detail {

bool write_event(std::string_view name, value metadata, value payload, const event_options* opts,
                 site where) noexcept {
    // Never destroyed: a static object's destructor may still write records.
    static const event_options& defaults = *new event_options;
    auto& s = channel_state::instance();
    if (is_reserved(name)) {
        ++s.rejected;
        return false;
    }
    try {
        std::lock_guard<std::mutex> lock(s.mutex);
        if (!channel_on.load(std::memory_order_relaxed)) return true;
        const std::int64_t now = now_us(s);
        if (!ensure_file(s, now)) return true;
        record_writer writer(s, now);
        writer.record(name, std::move(metadata), payload, opts != nullptr ? *opts : defaults,
                      where);
        writer.flush();
    } catch (...) {
        ++s.write_errors;  // std::bad_alloc: the record is lost, the caller goes on
    }
    return true;
}

bool text_wants_artifact(const spdlog::logger& text) noexcept {
    return text.should_log(spdlog::level::debug);
}

void write_artifact_text(spdlog::logger& text, std::string_view name,
                         const value& payload) noexcept {
    try {
        auto& s = channel_state::instance();
        record_writer writer(s, 0);
        const std::string body = writer.payload_text(payload);
        text.log(spdlog::level::debug, "{}: {}", name, body);
    } catch (...) {
        ++channel_state::instance().write_errors;
    }
}

void count_unwritable() noexcept { ++channel_state::instance().unwritable; }

value failed_call_value() noexcept {
    count_unwritable();
    try {
        throw;
    } catch (const std::exception& e) {
        try {
            return value(std::string("<exception: ") + e.what() + ">");
        } catch (...) {  // bad_alloc: no text
        }
    } catch (...) {
    }
    return value("<exception>");  // fits std::string's small buffer: no allocation
}

bool dump_file_wanted(std::string_view filename) noexcept {
    return filename.find("eval_with_key") != std::string_view::npos;
}

void write_dump_file(std::string_view filename, const value& source, const event_options* opts,
                     site where) noexcept {
    // Never destroyed: a static object's destructor may still write records.
    static const event_options& defaults = *new event_options;
    auto& s = channel_state::instance();
    try {
        std::lock_guard<std::mutex> lock(s.mutex);
        if (!channel_on.load(std::memory_order_relaxed)) return;
        const std::int64_t now = now_us(s);
        if (!ensure_file(s, now)) return;
        if (!s.dumped.emplace(filename).second) return;
        record_writer writer(s, now);
        writer.record("dump_file", object({{"name", filename}}), source,
                      opts != nullptr ? *opts : defaults, where);
        writer.flush();
    } catch (...) {
        ++s.write_errors;
    }
}

}  // namespace detail

std::int64_t intern_string(std::string_view text) noexcept {
    auto& s = channel_state::instance();
    try {
        std::lock_guard<std::mutex> lock(s.mutex);
        const std::int64_t now = now_us(s);
        if (detail::channel_on.load(std::memory_order_relaxed) &&
            s.strings.find(std::string(text)) == s.strings.end()) {
            ensure_file(s, now);
        }
        record_writer writer(s, now);
        const auto id = writer.intern(text);
        writer.flush();
        return id;
    } catch (...) {
        ++s.write_errors;
        return -1;
    }
}

namespace {
void start_locked(channel_state& s, options opts) {
    const bool same_file = s.opts.directory == opts.directory && s.opts.prefix == opts.prefix;
    if (!same_file && s.fd >= 0) {
        ::close(s.fd);
        s.fd = -1;
        s.path.clear();
        s.dumped.clear();
    }
    s.opts = std::move(opts);
    s.open_failed = false;
    detail::channel_on.store(!s.opts.directory.empty(), std::memory_order_relaxed);
}

void stop_locked(channel_state& s) noexcept {
    detail::channel_on.store(false, std::memory_order_relaxed);
    if (s.fd >= 0) ::close(s.fd);
    s.fd = -1;
    s.path.clear();
    s.started_by_init = false;
}
}  // namespace

void start(options opts) {
    auto& s = channel_state::instance();
    std::lock_guard<std::mutex> lock(s.mutex);
    start_locked(s, std::move(opts));
    s.started_by_init = false;
}

void stop() noexcept {
    auto& s = channel_state::instance();
    std::lock_guard<std::mutex> lock(s.mutex);
    stop_locked(s);
}

statistics_data statistics() noexcept {
    const auto& s = channel_state::instance();
    return {s.records.load(), s.unwritable.load(), s.rejected.load(), s.write_errors.load()};
}

std::string file_path() {
    auto& s = channel_state::instance();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.path;
}

}  // namespace complog::trace

namespace complog::detail {

std::string compile_tag(const trace::compile_context& c) {
    std::string tag;
    if (c.id.compiled_autograd_id) tag += "!" + std::to_string(*c.id.compiled_autograd_id) + "/";
    tag += c.id.frame_id ? std::to_string(*c.id.frame_id) : "-";
    tag += "/";
    tag += c.id.frame_compile_id ? std::to_string(*c.id.frame_compile_id) : "-";
    if (c.attempt != 0) tag += "_" + std::to_string(c.attempt);
    return tag;
}

void start_trace_for_init(trace::options opts) {
    auto& s = complog::trace::channel_state::instance();
    std::lock_guard<std::mutex> lock(s.mutex);
    complog::trace::start_locked(s, std::move(opts));
    s.started_by_init = true;
}

void stop_trace_started_by_init() noexcept {
    auto& s = complog::trace::channel_state::instance();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.started_by_init) complog::trace::stop_locked(s);
}

void create_trace_channel() { (void)complog::trace::channel_state::instance(); }

std::int64_t trace_clock_us() {
    auto& s = complog::trace::channel_state::instance();
    std::lock_guard<std::mutex> lock(s.mutex);
    return complog::trace::now_us(s);
}

}  // namespace complog::detail

namespace complog::detail::trace_testing {

namespace {
auto& state() { return complog::trace::channel_state::instance(); }
}  // namespace

void set_clock(std::function<std::int64_t()> clock) {
    std::lock_guard<std::mutex> lock(state().mutex);
    state().clock = std::move(clock);
}

void set_pid(int pid) {
    std::lock_guard<std::mutex> lock(state().mutex);
    state().pid_override = pid;
}

void set_random_name(std::string chars) {
    std::lock_guard<std::mutex> lock(state().mutex);
    state().random_name = std::move(chars);
}

void reset() {
    auto& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.fd >= 0) ::close(s.fd);
    s.fd = -1;
    s.path.clear();
    s.open_failed = false;
    s.strings.clear();
    s.strings_by_id.clear();
    s.dumped.clear();
}

}  // namespace complog::detail::trace_testing
