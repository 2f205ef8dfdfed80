// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/context.h>
#include <complog/format.h>

#include "fields_record.h"
#include "json.h"
#include "process.h"
#include "registry.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/pattern_formatter.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <unordered_map>

namespace complog {
namespace {

using spdlog::memory_buf_t;

constexpr std::string_view short_format = "%J:%n:%v";

// The per-level tables below have an entry for trace..critical; off and values outside
// the enum (a log_msg can carry any) count as critical.
std::size_t level_index(spdlog::level::level_enum lvl) {
    const auto index = static_cast<std::size_t>(static_cast<unsigned>(lvl));
    return index < spdlog::level::off ? index : std::size_t{spdlog::level::critical};
}

char level_letter(spdlog::level::level_enum lvl) {
    static constexpr char letters[] = {'T', 'V', 'I', 'W', 'E', 'C'};
    return letters[level_index(lvl)];
}

std::string_view python_level_name(spdlog::level::level_enum lvl) {
    static constexpr std::string_view names[] = {"TRACE",   "DEBUG", "INFO",
                                                 "WARNING", "ERROR", "CRITICAL"};
    return names[level_index(lvl)];
}

int python_level_number(spdlog::level::level_enum lvl) {
    static constexpr int numbers[] = {5, 10, 20, 30, 40, 50};
    return numbers[level_index(lvl)];
}

void append(memory_buf_t& dest, std::string_view text) {
    dest.append(text.data(), text.data() + text.size());
}

template <typename Int>
void append_int(memory_buf_t& dest, Int value) {
    const fmt::format_int text(value);
    dest.append(text.data(), text.data() + text.size());
}

// The last two components of a path: "/home/me/proj/src/net.cpp" -> "src/net.cpp".
std::string_view short_path(const char* file) {
    const std::string_view path(file);
    const auto last = path.rfind('/');
    if (last == std::string_view::npos || last == 0) return path;
    const auto previous = path.rfind('/', last - 1);
    return previous == std::string_view::npos ? path : path.substr(previous + 1);
}

// The record text is emitted twice through the same function: into a `measure`, then,
// after one resize, into a `write`, so the size cannot disagree with what is written
// (fmt's per-append overhead dominated multi-line records).
// A literal's size is known at compile time: its copy is a few moves, not a call.
struct measure {
    std::size_t size = 0;
    void operator()(std::string_view text) { size += text.size(); }
    void operator()(char) { ++size; }
    template <std::size_t N>
    void operator()(const char (&)[N]) {
        size += N - 1;
    }
};

struct write {
    char* out;
    void operator()(std::string_view text) {
        std::memcpy(out, text.data(), text.size());
        out += text.size();
    }
    void operator()(char c) { *out++ = c; }
    template <std::size_t N>
    void operator()(const char (&literal)[N]) {
        std::memcpy(out, literal, N - 1);
        out += N - 1;
    }
};

template <typename Emit>
void append_twice(memory_buf_t& dest, Emit emit) {
    measure m;
    emit(m);
    const auto start = dest.size();
    dest.resize(start + m.size);
    write w{dest.data() + start};
    emit(w);
}

// Each line of `text`: header, ' ', the line, eol.
template <typename Out>
void emit_lines(std::string_view header, std::string_view text, Out& out) {
    const std::string_view eol(spdlog::details::os::default_eol);
    for (;;) {
        const auto end = text.find('\n');
        out(header);
        out(' ');
        out(text.substr(0, end));
        out(eol);
        if (end == std::string_view::npos) return;
        text.remove_prefix(end + 1);
    }
}

// ---- patterns ------------------------------------------------------------------------

constexpr std::string_view spdlog_flags = "+vtPnlLaAbBhcCYDxmdHIMSefFprRTXzEiuoOsg#!@^$";
constexpr std::string_view complog_flags = "JKN";
// Flags that write no text of their own or set the colour range: padding is ignored
// for them, as spdlog does.
constexpr std::string_view unpadded_flags = "^$+";

bool is_flag(char c) {
    return spdlog_flags.find(c) != std::string_view::npos ||
           complog_flags.find(c) != std::string_view::npos;
}

constexpr std::size_t max_width = 64;  // spdlog's cap too

struct padding {
    enum class side { left, right, center };  // where the spaces go
    bool enabled = false;
    side where = side::left;
    std::size_t width = 0;  // at most max_width
    bool truncate = false;
};

// "%<spec><flag>" at pattern[pos] == '%', pattern[pos + 1] not '%' or '(':
// spec is [-=]<digits>[!]; '!' truncates only before a flag, else it is the flag
// (%!: function name), as in spdlog.
struct flag_spec {
    padding pad;
    bool complete = false;  // false: the pattern ends inside the spec
    char flag = 0;
    std::size_t end = 0;  // just after the flag
};

std::size_t parse_width(std::string_view text, std::size_t& i) {
    std::size_t width = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        width = std::min(width * 10 + static_cast<std::size_t>(text[i] - '0'), max_width);
    }
    return width;
}

flag_spec parse_flag(std::string_view pattern, std::size_t pos) {
    flag_spec spec;
    auto i = pos + 1;
    auto where = padding::side::left;
    if (i < pattern.size() && (pattern[i] == '-' || pattern[i] == '=')) {
        where = pattern[i++] == '-' ? padding::side::right : padding::side::center;
    }
    const auto digits = i;
    const auto width = parse_width(pattern, i);
    if (i > digits) {
        spec.pad = {true, where, width, false};
        if (i + 1 < pattern.size() && pattern[i] == '!' && is_flag(pattern[i + 1])) {
            spec.pad.truncate = true;
            ++i;
        }
    }
    spec.complete = i < pattern.size();
    spec.flag = spec.complete ? pattern[i] : '\0';
    spec.end = std::min(i + 1, pattern.size());
    return spec;
}

void append_spec(std::string& out, const padding& pad, char flag) {
    out += '%';
    if (pad.enabled) {
        if (pad.where == padding::side::right) out += '-';
        if (pad.where == padding::side::center) out += '=';
        out += std::to_string(pad.width);
        if (pad.truncate) out += '!';
    }
    out += flag;
}

// Pads or truncates, in place, the text that a flag wrote at dest[start...].
void pad_in_place(memory_buf_t& dest, std::size_t start, const padding& pad) {
    auto size = dest.size() - start;
    if (pad.truncate && size > pad.width) {
        size = pad.width;
        dest.resize(start + size);
    }
    const auto fill = pad.width > size ? pad.width - size : 0;
    if (fill == 0) return;
    const auto before = pad.where == padding::side::left     ? fill
                        : pad.where == padding::side::center ? fill / 2
                                                             : 0;
    dest.resize(start + size + fill);
    char* text = dest.data() + start;
    std::memmove(text + before, text, size);
    std::memset(text, ' ', before);
    std::memset(text + before + size, ' ', fill - before);
}

// complog's extra pattern flags: %J Python level name, %K Python level number, %N pid.
using write_flag = void (*)(const spdlog::details::log_msg&, memory_buf_t&);

write_flag complog_flag(char c) {
    switch (c) {
        case 'J':
            return [](const spdlog::details::log_msg& msg, memory_buf_t& dest) {
                append(dest, python_level_name(msg.level));
            };
        case 'K':
            return [](const spdlog::details::log_msg& msg, memory_buf_t& dest) {
                append_int(dest, python_level_number(msg.level));
            };
        case 'N':
            return [](const spdlog::details::log_msg&, memory_buf_t& dest) {
                append_int(dest, detail::cached_pid());
            };
        default:
            return nullptr;
    }
}

class flag final : public spdlog::custom_flag_formatter {
public:
    explicit flag(write_flag write) : write_(write) {}
    void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/,
                memory_buf_t& dest) override {
        write_(msg, dest);
    }
    [[nodiscard]] std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<flag>(write_);
    }

private:
    write_flag write_;
};

// A spdlog formatter for a pattern without padding, with complog's flags.
std::unique_ptr<spdlog::pattern_formatter> make_spdlog_formatter(std::string pattern,
                                                                 std::string eol) {
    spdlog::pattern_formatter::custom_flags flags;
    for (const char c : complog_flags) flags[c] = std::make_unique<flag>(complog_flag(c));
    return std::make_unique<spdlog::pattern_formatter>(
        std::move(pattern), spdlog::pattern_time_type::local, std::move(eol), std::move(flags));
}

// A pattern whose padding complog applies itself: spdlog 1.10's own padding aborts or
// reads out of bounds for some flags (it truncates %D, %x and %c by a size they do not
// write). spdlog formats the runs without padding as they are; each padded flag is
// formatted alone, then padded or truncated here, in place.
class padded_pattern_formatter final : public spdlog::formatter {
public:
    explicit padded_pattern_formatter(std::string pattern) : pattern_(std::move(pattern)) {
        const std::string_view p(pattern_);
        std::string run;  // a stretch without padding
        const auto flush = [&] {
            if (!run.empty()) {
                pieces_.push_back({make_spdlog_formatter(std::move(run), ""), nullptr, {}});
            }
            run.clear();
        };
        for (std::size_t i = 0; i < p.size();) {
            if (p[i] != '%') {
                run += p[i++];
                continue;
            }
            if (i + 1 < p.size() && p[i + 1] == '%') {
                run += "%%";
                i += 2;
                continue;
            }
            const auto spec = parse_flag(p, i);
            i = spec.end;
            if (!spec.complete) break;  // spdlog drops a dangling '%' too
            if (spec.flag == '%') {
                run += "%%";
            } else if (!is_flag(spec.flag)) {
                run += "%%";  // an unknown flag shows as it is, as in spdlog
                run += spec.flag;
            } else if (!spec.pad.enabled ||
                       unpadded_flags.find(spec.flag) != std::string_view::npos) {
                run += '%';
                run += spec.flag;
            } else {
                flush();
                const auto write = complog_flag(spec.flag);
                pieces_.push_back({write ? nullptr : make_spdlog_formatter({'%', spec.flag}, ""),
                                   write, spec.pad});
            }
        }
        // The last piece has no padding and writes the eol.
        pieces_.push_back(
            {make_spdlog_formatter(std::move(run), spdlog::details::os::default_eol), nullptr, {}});
    }

    void format(const spdlog::details::log_msg& msg, memory_buf_t& dest) override {
        const bool level_ok = static_cast<unsigned>(msg.level) <= spdlog::level::off;
        const bool source_ok = msg.source.empty() || (msg.source.filename && msg.source.funcname);
        if (level_ok && source_ok) return format_valid(msg, dest);
        // spdlog's level names (%l, %L, %+) end at off: anything beyond shows as off.
        // spdlog reads the names of every source location with a line: one without a
        // file is shown as absent, a missing function name as empty.
        auto valid = msg;
        if (!level_ok) valid.level = spdlog::level::off;
        if (!msg.source.filename) valid.source = {};
        if (!msg.source.funcname) valid.source.funcname = "";
        format_valid(valid, dest);
        msg.color_range_start = valid.color_range_start;
        msg.color_range_end = valid.color_range_end;
    }

    [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override {
        return std::make_unique<padded_pattern_formatter>(pattern_);
    }

private:
    struct piece {
        std::unique_ptr<spdlog::pattern_formatter> formatter;  // or, for complog's flags:
        write_flag write;
        padding pad;
    };

    void format_valid(const spdlog::details::log_msg& msg, memory_buf_t& dest) {
        for (const auto& p : pieces_) {
            if (!p.pad.enabled) {
                p.formatter->format(msg, dest);
                continue;
            }
            const auto start = dest.size();
            p.write ? p.write(msg, dest) : p.formatter->format(msg, dest);
            pad_in_place(dest, start, p.pad);
        }
    }

    std::string pattern_;
    std::vector<piece> pieces_;
};

}  // namespace

record_formatter::record_formatter(artifact_formats formats, int pid)
    : formats_(std::move(formats)), pid_(pid) {
    for (const auto& [name, pattern] : formats_) {
        artifact_formatters_.push_back({name, make_pattern_formatter(pattern)});
    }
}

std::unique_ptr<spdlog::formatter> record_formatter::clone() const {
    return std::make_unique<record_formatter>(formats_, pid_);
}

void record_formatter::append_header(const spdlog::details::log_msg& msg, std::string_view artifact,
                                     memory_buf_t& dest) {
    const auto since_epoch = msg.time.time_since_epoch();
    // floor, not duration_cast: before 1970 the fraction counts up from the second before.
    const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
    if (seconds.count() != cached_second_) {
        // localtime_r is the expensive part of a header: once per second is enough.
        const auto t = static_cast<std::time_t>(seconds.count());
        std::tm tm{};
        localtime_r(&t, &tm);
        time_size_ = std::strftime(time_text_, sizeof time_text_, "%m%d %H:%M:%S", &tm);
        cached_second_ = seconds.count();
    }
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(since_epoch - seconds);
    const fmt::format_int micros_text(micros.count() + 1000000);  // "1" + six digits
    const fmt::format_int pid_text(pid_ ? pid_ : detail::cached_pid());
    const int r = rank();
    const fmt::format_int rank_text(r);
    const fmt::format_int line_text(msg.source.line);

    // Every part of the header, measured then written by append_twice.
    const std::string_view rank_sv =
        r >= 0 ? std::string_view(rank_text.data(), rank_text.size()) : std::string_view();
    const char letter = level_letter(msg.level);
    const std::string_view time_sv(time_text_, time_size_);
    const std::string_view micros_sv(micros_text.data() + 1, 6);
    const std::string_view pid_sv(pid_text.data(), pid_text.size());
    const std::string_view file = msg.source.filename ? short_path(msg.source.filename) : "?";
    const std::string_view line =
        msg.source.filename ? std::string_view(line_text.data(), line_text.size()) : "0";
    const auto context = detail::context_of(detail::note_of(msg));
    append_twice(dest, [&](auto& out) {
        if (!rank_sv.empty()) {
            out("[rank");
            out(rank_sv);
            out("]:");
        }
        out(letter);
        out(time_sv);
        out('.');
        out(micros_sv);
        out(' ');
        out(pid_sv);
        out(' ');
        out(file);
        out(':');
        out(line);
        out(']');
        if (!context.empty()) {
            out(" [");
            out(context);
            out(']');
        }
        if (!artifact.empty()) {
            out(" [__");
            out(artifact);
            out(']');
        }
    });
}

void record_formatter::format(const spdlog::details::log_msg& msg, memory_buf_t& dest) {
    const auto artifact = detail::registry::artifact_of(
        std::string_view(msg.logger_name.data(), msg.logger_name.size()));
    if (!artifact.empty()) {
        for (const auto& f : artifact_formatters_) {
            if (f.name == artifact) return f.formatter->format(msg, dest);
        }
    }
    // The header is built once and copied before every line.
    memory_buf_t header_buffer;
    append_header(msg, artifact, header_buffer);
    const std::string_view header(header_buffer.data(), header_buffer.size());

    std::string_view text(msg.payload.data(), msg.payload.size());
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    msg.color_range_start = dest.size();
    msg.color_range_end = dest.size() + header.size();
    append_twice(dest, [&](auto& out) { emit_lines(header, text, out); });
}

// ---- JSON lines ----------------------------------------------------------------------

namespace {

// Whether a JSON string of `text` is `text` between quotes: printable ASCII but '"' and
// '\\' (json.dumps escapes everything else).
bool is_plain_json(std::string_view text) {
    static constexpr auto table = [] {
        std::array<bool, 256> plain{};
        for (unsigned c = 0x20; c < 0x7f; ++c) plain[c] = c != '"' && c != '\\';
        return plain;
    }();
    for (const char c : text) {
        if (!table[static_cast<unsigned char>(c)]) return false;
    }
    return true;
}

}  // namespace

struct json_lines_formatter::state {
    component_names components;
    std::unordered_map<std::string, std::string> alias_of;  // the first listing wins
    int pid;
    // The last logger's component: records of one logger usually follow each other.
    std::string last_logger;
    const std::string* last_alias = nullptr;
    bool last_valid = false;
    bool last_plain = false;  // the logger's name and its alias need no escaping
    std::int64_t cached_second = std::numeric_limits<std::int64_t>::min();
    char time_text[24] = {};  // "YYYY-MM-DDTHH:MM:SS"
    std::size_t time_size = 0;
    // Texts that rarely change, kept from the last record.
    struct number_text {
        char text[24] = {};
        std::size_t size = 0;
        template <typename Int>
        void set(Int value) {
            const fmt::format_int f(value);
            size = f.size();
            std::memcpy(text, f.data(), size);
        }
        [[nodiscard]] std::string_view view() const { return {text, size}; }
    };
    int pid_of_text = 0;
    number_text pid_text;
    std::size_t thread_of_text = ~std::size_t{0};
    number_text thread_text;
    const char* file_of_short = nullptr;
    std::string_view short_file;
    bool short_file_plain = true;
    fmt::memory_buffer escaped;  // the fields, then the strings that need escaping

    const std::string* component_of(std::string_view logger) {
        if (last_valid && logger == last_logger) return last_alias;
        last_logger.assign(logger.data(), logger.size());
        last_alias = nullptr;
        std::string name(logger);
        for (;;) {
            const auto found = alias_of.find(name);
            if (found != alias_of.end()) {
                last_alias = &found->second;
                break;
            }
            const auto dot = name.rfind('.');
            if (dot == std::string::npos) break;
            name.resize(dot);
        }
        last_valid = true;
        last_plain = is_plain_json(logger) && (!last_alias || is_plain_json(*last_alias));
        return last_alias;
    }
};

namespace {

constexpr std::string_view reserved_keys[] = {"time",     "level", "logger",  "component",
                                              "artifact", "rank",  "pid",     "thread",
                                              "file",     "line",  "context", "message"};

bool is_reserved(std::string_view key) {
    return std::find(std::begin(reserved_keys), std::end(reserved_keys), key) !=
           std::end(reserved_keys);
}

void append_json_key(fmt::memory_buffer& out, std::string_view key) {
    out.push_back(',');
    if (is_reserved(key)) {
        fmt::memory_buffer renamed;
        detail::append_text(renamed, "fields.");
        detail::append_text(renamed, key);
        detail::append_json_string(out, std::string_view(renamed.data(), renamed.size()));
    } else {
        detail::append_json_string(out, key);
    }
    out.push_back(':');
}

void append_json_field(fmt::memory_buffer& out, const detail::field_value& f) {
    append_json_key(out, f.key);
    switch (f.type) {
        case detail::field_type::boolean:
            detail::append_json_bool(out, f.number.boolean);
            break;
        case detail::field_type::integer:
            detail::append_json_integer(out, f.number.integer);
            break;
        case detail::field_type::unsigned_integer:
            detail::append_json_unsigned(out, f.number.unsigned_integer);
            break;
        case detail::field_type::floating:
            detail::append_json_float(out, f.number.floating);
            break;
        case detail::field_type::string:
        case detail::field_type::deferred:  // formatted before the record was logged
            detail::append_json_string(out, f.text);
            break;
    }
}

}  // namespace

json_lines_formatter::json_lines_formatter(component_names components, int pid)
    : state_(std::make_unique<state>()) {
    state_->components = std::move(components);
    for (const auto& [name, alias] : state_->components) state_->alias_of.emplace(name, alias);
    state_->pid = pid;
}

json_lines_formatter::~json_lines_formatter() = default;

std::unique_ptr<spdlog::formatter> json_lines_formatter::clone() const {
    return std::make_unique<json_lines_formatter>(state_->components, state_->pid);
}

void json_lines_formatter::format(const spdlog::details::log_msg& msg, memory_buf_t& dest) {
    auto& s = *state_;
    const auto* note = detail::note_of(msg);

    const auto since_epoch = msg.time.time_since_epoch();
    const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
    if (seconds.count() != s.cached_second) {
        const auto t = static_cast<std::time_t>(seconds.count());
        std::tm tm{};
        gmtime_r(&t, &tm);
        s.time_size = std::strftime(s.time_text, sizeof s.time_text, "%Y-%m-%dT%H:%M:%S", &tm);
        s.cached_second = seconds.count();
    }
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(since_epoch - seconds);
    const fmt::format_int micros_text(micros.count() + 1000000);  // "1" + six digits
    const int pid = s.pid ? s.pid : detail::cached_pid();
    if (pid != s.pid_of_text) s.pid_text.set(s.pid_of_text = pid);
    if (msg.thread_id != s.thread_of_text) s.thread_text.set(s.thread_of_text = msg.thread_id);
    const int r = rank();
    const fmt::format_int rank_text(r);
    const fmt::format_int line_text(msg.source.line);

    // Strings go out as they are between quotes when nothing in them needs escaping (the
    // common case); the others, and the fields, are written into `escaped` first.
    auto& escaped = s.escaped;
    escaped.clear();
    for (std::size_t i = 0; note && i < note->field_count; ++i) {
        append_json_field(escaped, note->fields[i]);
    }
    const std::size_t fields_size = escaped.size();
    struct json_string {
        std::string_view text;       // plain: written between quotes
        std::size_t escaped_at = 0;  // else: where its JSON text starts in `escaped`
        std::size_t escaped_size = 0;
        bool plain = true;
    };
    // `known_plain`: the text was found plain before (the logger's and file's names).
    const auto prepare = [&](std::string_view text, bool known_plain = false) {
        json_string j{text};
        if (known_plain || is_plain_json(text)) return j;
        j.plain = false;
        j.escaped_at = escaped.size();
        detail::append_json_string(escaped, text);
        j.escaped_size = escaped.size() - j.escaped_at;
        return j;
    };
    const std::string_view logger_name(msg.logger_name.data(), msg.logger_name.size());
    const auto* alias = s.component_of(logger_name);
    const auto artifact_name = detail::registry::artifact_of(logger_name);
    if (msg.source.filename != s.file_of_short) {
        s.file_of_short = msg.source.filename;
        s.short_file = msg.source.filename ? short_path(msg.source.filename) : std::string_view{};
        s.short_file_plain = is_plain_json(s.short_file);
    }
    auto message_text = detail::message_of(msg, note);
    if (!message_text.empty() && message_text.back() == '\n') message_text.remove_suffix(1);
    const auto context_text = detail::context_of(note);

    const auto logger = prepare(logger_name, s.last_plain);
    const auto component = alias ? prepare(*alias, s.last_plain) : json_string{};
    const auto artifact = prepare(artifact_name, s.last_plain);
    const auto file = prepare(s.short_file, s.short_file_plain);
    const auto context = prepare(context_text);
    const auto message = prepare(message_text);
    // `escaped` no longer grows: views into it stay valid.
    const auto json = [&](const json_string& j, auto& out) {
        if (j.plain) {
            out('"');
            out(j.text);
            out('"');
        } else {
            out(std::string_view(escaped.data() + j.escaped_at, j.escaped_size));
        }
    };
    const std::string_view time_sv(s.time_text, s.time_size);
    const std::string_view micros_sv(micros_text.data() + 1, 6);
    const auto level_name = python_level_name(msg.level);
    const std::string_view fields(escaped.data(), fields_size);
    const std::string_view eol(spdlog::details::os::default_eol);
    append_twice(dest, [&](auto& out) {
        out("{\"time\":\"");
        out(time_sv);
        out('.');
        out(micros_sv);
        out("Z\",\"level\":\"");
        out(level_name);
        out("\",\"logger\":");
        json(logger, out);
        if (alias) {
            out(",\"component\":");
            json(component, out);
        }
        if (!artifact_name.empty()) {
            out(",\"artifact\":");
            json(artifact, out);
        }
        if (r >= 0) {
            out(",\"rank\":");
            out(std::string_view(rank_text.data(), rank_text.size()));
        }
        out(",\"pid\":");
        out(s.pid_text.view());
        out(",\"thread\":");
        out(s.thread_text.view());
        if (msg.source.filename) {
            out(",\"file\":");
            json(file, out);
            out(",\"line\":");
            out(std::string_view(line_text.data(), line_text.size()));
        }
        if (!context_text.empty()) {
            out(",\"context\":");
            json(context, out);
        }
        out(",\"message\":");
        json(message, out);
        out(fields);
        out('}');
        out(eol);
    });
    msg.color_range_start = 0;
    msg.color_range_end = 0;
}

std::string translate_format(std::string_view value) {
    if (value == "short" || value == "basic") return std::string(short_format);
    const auto error = [&](std::size_t pos, const std::string& what) {
        return std::invalid_argument("invalid format at column " + std::to_string(pos + 1) + ": " +
                                     what + " (in '" + std::string(value) + "')");
    };
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '%') {
            out += value[i];
            continue;
        }
        const auto start = i++;
        if (i == value.size()) throw error(start, "a '%' ends the format; write '%%' for a '%'");
        if (value[i] == '%') {
            out += "%%";
            continue;
        }
        if (value[i] == '(') {
            // Python's %(key)<flags><width><conversion>, e.g. %(levelname)-8s.
            const auto close = value.find(')', i);
            if (close == std::string_view::npos) throw error(start, "'%(' without ')'");
            const auto key = value.substr(i + 1, close - i - 1);
            i = close + 1;
            padding pad;
            if (i < value.size() && value[i] == '-') {
                pad.where = padding::side::right;
                ++i;
            }
            const auto digits = i;
            pad.width = parse_width(value, i);
            pad.enabled = i > digits;
            if (i == value.size() ||
                std::string_view("sdri").find(value[i]) == std::string_view::npos) {
                throw error(start, "'%(" + std::string(key) + ")' needs a conversion such as 's'");
            }
            static constexpr std::pair<std::string_view, char> keys[] = {
                {"levelname", 'J'}, {"levelno", 'K'},  {"name", 'n'},   {"message", 'v'},
                {"filename", 's'},  {"pathname", 'g'}, {"lineno", '#'}, {"process", 'N'},
                {"thread", 't'},    {"funcName", '!'}};
            if (key == "asctime") {
                out += "%Y-%m-%d %H:%M:%S,%e";
                continue;
            }
            const auto* found = std::find_if(std::begin(keys), std::end(keys),
                                             [&](const auto& k) { return k.first == key; });
            if (found == std::end(keys)) {
                throw error(start, "unknown key '" + std::string(key) +
                                       "' (known: levelname, levelno, name, message, filename, "
                                       "pathname, lineno, process, thread, funcName, asctime)");
            }
            append_spec(out, pad, found->second);
            continue;
        }
        // A flag with optional padding: %[-=]<width>[!]<flag>.
        const auto spec = parse_flag(value, start);
        if (!spec.complete) throw error(start, "a '%' ends the format");
        if (!is_flag(spec.flag)) {
            throw error(start, "unknown flag '%" + std::string(1, spec.flag) + "'");
        }
        append_spec(out, spec.pad, spec.flag);
        i = spec.end - 1;
    }
    return out;
}

std::unique_ptr<spdlog::formatter> make_pattern_formatter(const std::string& pattern) {
    return std::make_unique<padded_pattern_formatter>(pattern);
}

}  // namespace complog
