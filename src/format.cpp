// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/context.h>
#include <complog/format.h>

#include "process.h"
#include "registry.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/pattern_formatter.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace complog {
namespace {

using spdlog::memory_buf_t;

constexpr std::string_view short_format = "%J:%n:%v";

char level_letter(spdlog::level::level_enum lvl) {
    static constexpr char letters[] = "TVIWEC";
    return lvl < spdlog::level::off ? letters[lvl] : 'C';
}

std::string_view python_level_name(spdlog::level::level_enum lvl) {
    static constexpr std::string_view names[] = {"TRACE",   "DEBUG", "INFO",
                                                 "WARNING", "ERROR", "CRITICAL"};
    return lvl < spdlog::level::off ? names[lvl] : "CRITICAL";
}

int python_level_number(spdlog::level::level_enum lvl) {
    static constexpr int numbers[] = {5, 10, 20, 30, 40, 50};
    return lvl < spdlog::level::off ? numbers[lvl] : 50;
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

// complog's extra pattern flags.
template <typename Write>
class flag final : public spdlog::custom_flag_formatter {
public:
    explicit flag(Write write) : write_(write) {}
    void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/,
                memory_buf_t& dest) override {
        if (!padinfo_.enabled()) return write_(msg, dest);
        // Custom flags pad themselves: %-8J must look like Python's %(levelname)-8s.
        memory_buf_t text;
        write_(msg, text);
        auto size = text.size();
        if (padinfo_.truncate_ && size > padinfo_.width_) size = padinfo_.width_;
        const auto pad = padinfo_.width_ > size ? padinfo_.width_ - size : 0;
        using side = spdlog::details::padding_info::pad_side;
        const auto before = padinfo_.side_ == side::left     ? pad
                            : padinfo_.side_ == side::center ? pad / 2
                                                             : 0;
        for (std::size_t i = 0; i < before; ++i) dest.push_back(' ');
        dest.append(text.data(), text.data() + size);
        for (std::size_t i = before; i < pad; ++i) dest.push_back(' ');
    }
    [[nodiscard]] std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<flag>(write_);
    }

private:
    Write write_;
};

template <typename Write>
std::unique_ptr<spdlog::custom_flag_formatter> make_flag(Write write) {
    return std::make_unique<flag<Write>>(write);
}

// The record text is emitted twice through the same function: into a `measure`, then,
// after one resize, into a `write`, so the size cannot disagree with what is written
// (fmt's per-append overhead dominated multi-line records).
struct measure {
    std::size_t size = 0;
    void operator()(std::string_view text) { size += text.size(); }
    void operator()(char) { ++size; }
};

struct write {
    char* out;
    void operator()(std::string_view text) {
        std::memcpy(out, text.data(), text.size());
        out += text.size();
    }
    void operator()(char c) { *out++ = c; }
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
    const auto context = current_context();
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

std::string translate_format(std::string_view value) {
    if (value == "short" || value == "basic") return std::string(short_format);
    static constexpr std::string_view spdlog_flags =
        "+vtPnlLaAbBhcCYDxmdHIMSefFprRTXzEiuoOsg#!@^$JKN";
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
            std::string padding;
            if (i < value.size() && value[i] == '-') padding += value[i++];
            while (i < value.size() && value[i] >= '0' && value[i] <= '9') padding += value[i++];
            if (i == value.size() ||
                std::string_view("sdri").find(value[i]) == std::string_view::npos) {
                throw error(start, "'%(" + std::string(key) + ")' needs a conversion such as 's'");
            }
            static const std::pair<std::string_view, std::string_view> keys[] = {
                {"levelname", "J"}, {"levelno", "K"},  {"name", "n"},   {"message", "v"},
                {"filename", "s"},  {"pathname", "g"}, {"lineno", "#"}, {"process", "N"},
                {"thread", "t"},    {"funcName", "!"}};
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
            out += '%' + padding + std::string(found->second);
            continue;
        }
        // A spdlog flag with optional padding: %[-=]<width>[!]<flag>.
        std::string flag_text = "%";
        if (value[i] == '-' || value[i] == '=') flag_text += value[i++];
        while (i < value.size() && value[i] >= '0' && value[i] <= '9') flag_text += value[i++];
        bool truncated = false;
        if (i < value.size() && value[i] == '!' && i + 1 < value.size() &&
            spdlog_flags.find(value[i + 1]) != std::string_view::npos) {
            flag_text += value[i++];
            truncated = true;
        }
        // spdlog 1.10 sizes %D and %x as 10 characters but writes 8: truncating them below
        // 2 underflows and aborts (found by fuzz_format).
        if (truncated && i < value.size() && (value[i] == 'D' || value[i] == 'x')) {
            throw error(start, "'%" + std::string(1, value[i]) + "' cannot be truncated ('!')");
        }
        if (i == value.size() || spdlog_flags.find(value[i]) == std::string_view::npos) {
            throw error(start, i == value.size()
                                   ? "a '%' ends the format"
                                   : "unknown flag '%" + std::string(1, value[i]) + "'");
        }
        out += flag_text + value[i];
    }
    return out;
}

std::unique_ptr<spdlog::formatter> make_pattern_formatter(const std::string& pattern) {
    spdlog::pattern_formatter::custom_flags flags;
    flags['J'] = make_flag([](const spdlog::details::log_msg& msg, memory_buf_t& dest) {
        append(dest, python_level_name(msg.level));
    });
    flags['K'] = make_flag([](const spdlog::details::log_msg& msg, memory_buf_t& dest) {
        append_int(dest, python_level_number(msg.level));
    });
    flags['N'] = make_flag([](const spdlog::details::log_msg&, memory_buf_t& dest) {
        append_int(dest, detail::cached_pid());
    });
    return std::make_unique<spdlog::pattern_formatter>(pattern, spdlog::pattern_time_type::local,
                                                       spdlog::details::os::default_eol,
                                                       std::move(flags));
}

}  // namespace complog
