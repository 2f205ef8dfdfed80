// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Fuzzes the JSON writers: append_json_string and append_json_float (json.h), the trace's
// value layouts (trace_format.h) and the JSON-lines formatter, on arbitrary bytes.
//
// Checks, beyond "no crash, no sanitizer report":
//  - a JSON string is pure printable ASCII, and reading it back gives the input when the
//    writer said the input was valid UTF-8;
//  - a float reads back as the same double (or is one of the three non-finite strings);
//  - compact JSON is one printable ASCII line that reads back to a value writing the same
//    text; indent-0 and list layouts only add '\n';
//  - a JSON-lines record is one printable ASCII line ending in '\n', whatever the logger
//    name, message and source file hold.
//
// Input: byte 0 chooses the check; the rest is the text, the double's bytes or a program
// building a trace::value (see build_value).

#include <complog/format.h>
#include <complog/trace.h>

#include "json.h"
#include "json_reader.h"
#include "trace_format.h"

#include <spdlog/details/log_msg.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using complog::trace::value;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_json: %s\n", what);
    std::abort();
}

void check(bool ok, const char* what) {
    if (!ok) fail(what);
}

bool printable_ascii(std::string_view text, bool newline_allowed) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\n' && newline_allowed) continue;
        if (u < 0x20 || u > 0x7e) return false;
    }
    return true;
}

// The value a JSON text stands for (the test vectors' reader: strict about escapes).
value read_json(std::string_view text) {
    try {
        return complog_test::json_reader(text).read_document();
    } catch (const std::runtime_error& e) {
        std::fprintf(stderr, "fuzz_json: %s in %.*s\n", e.what(), static_cast<int>(text.size()),
                     text.data());
        std::abort();
    }
}

std::string compact_text(const value& v) {
    fmt::memory_buffer out;
    complog::detail::append_compact_json(out, v);
    return fmt::to_string(out);
}

void check_string(std::string_view input) {
    fmt::memory_buffer out;
    const bool valid = complog::detail::append_json_string(out, input);
    const std::string_view text(out.data(), out.size());
    check(printable_ascii(text, false), "JSON string not printable ASCII");
    const value decoded = read_json(text);
    check(decoded.type() == value::kind::string, "JSON string reads back as another type");
    if (valid) check(decoded.as_string() == input, "JSON string does not decode to its input");
}

void check_float(std::string_view input) {
    double d = 0;
    std::memcpy(&d, input.data(), std::min(input.size(), sizeof d));
    fmt::memory_buffer out;
    const bool finite = complog::detail::append_json_float(out, d);
    const std::string text(out.data(), out.size());
    if (!finite) {
        check(text == "\"NaN\"" || text == "\"Infinity\"" || text == "\"-Infinity\"",
              "non-finite float");
        return;
    }
    check(text.find_first_of(".e") != std::string::npos, "float written like an integer");
    char* end = nullptr;
    const double back = std::strtod(text.c_str(), &end);
    check(end == text.c_str() + text.size(), "float text is not a number");
    check(std::memcmp(&back, &d, sizeof d) == 0, "float does not read back");
}

// A small stack program: each byte is an operation on a stack of open containers.
value build_value(std::string_view program) {
    std::vector<value> stack;
    stack.push_back(value::make_array());
    std::size_t i = 0;
    const auto take = [&](std::size_t n) {
        const auto piece = program.substr(i, n);
        i += piece.size();
        return piece;
    };
    // Objects get their members under keys the program chose (the last piece of text).
    std::string key;
    const auto attach = [&](value& parent, value v) {
        if (parent.type() == value::kind::object) {
            parent.set(key, std::move(v));
        } else {
            parent.push_back(std::move(v));
        }
    };
    const auto add = [&](value v) { attach(stack.back(), std::move(v)); };
    while (i < program.size() && stack.size() < 64) {
        const auto op = static_cast<unsigned char>(program[i++]);
        switch (op % 8) {
            case 0:
                key = std::string(take(op / 8));
                add(value(key));
                break;
            case 1:
                add(value(static_cast<std::int64_t>(op) * -1234567891011LL));
                break;
            case 2: {
                double d = 0;
                const auto bytes = take(sizeof d);
                std::memcpy(&d, bytes.data(), bytes.size());
                add(value(d));
                break;
            }
            case 3:
                add(value(op > 128));
                break;
            case 4:
                add(value(nullptr));
                break;
            case 5:
                stack.push_back(value::make_array());
                break;
            case 6: {
                value object = value::make_object();
                const auto key_size = static_cast<std::size_t>(op / 8);
                object.set(std::string(take(key_size)), value(std::string(take(3))));
                object.set(std::string(take(key_size)), value(op));
                key = std::string(take(key_size));
                stack.push_back(std::move(object));
                break;
            }
            case 7:
                if (stack.size() > 1) {
                    value done = std::move(stack.back());
                    stack.pop_back();
                    add(std::move(done));
                }
                break;
        }
    }
    while (stack.size() > 1) {
        value done = std::move(stack.back());
        stack.pop_back();
        add(std::move(done));
    }
    return std::move(stack.back());
}

void check_values(std::string_view program) {
    const value v = build_value(program);
    fmt::memory_buffer compact, indent0, list;
    const std::size_t substituted = complog::detail::append_compact_json(compact, v);
    complog::detail::append_indent0_json(indent0, v);
    complog::detail::append_list_payload(list, v);
    check(printable_ascii({compact.data(), compact.size()}, false), "compact JSON not one line");
    check(printable_ascii({indent0.data(), indent0.size()}, true), "indent-0 JSON not ASCII");
    check(printable_ascii({list.data(), list.size()}, true), "list payload not ASCII");
    // Compact JSON reads back to a value that writes the same text, unless something had to
    // be replaced (invalid UTF-8 can make two keys one).
    if (substituted == 0) {
        check(compact_text(read_json({compact.data(), compact.size()})) == fmt::to_string(compact),
              "compact JSON does not read back to itself");
    }
    // Dropping the layout's newlines (and the spaces compact JSON adds) gives the same text.
    const auto squeeze = [](std::string_view s) {
        std::string out;
        bool in_string = false;
        for (std::size_t k = 0; k < s.size(); ++k) {
            const char c = s[k];
            if (in_string) {
                out += c;
                if (c == '\\') out += s[++k];
                if (c == '"') in_string = false;
                continue;
            }
            if (c == '"') in_string = true;
            if (c != '\n' && c != ' ') out += c;
        }
        return out;
    };
    check(squeeze({compact.data(), compact.size()}) == squeeze({indent0.data(), indent0.size()}),
          "indent-0 layout differs from compact JSON");
}

void check_json_lines(std::string_view input) {
    if (input.empty()) return;
    const std::size_t cut = static_cast<unsigned char>(input[0]) % 64;
    const std::string_view rest = input.substr(1);
    const std::string name(rest.substr(0, cut));
    const std::string payload(rest.substr(std::min(rest.size(), cut)));
    const std::string file = name + "/" + payload.substr(0, 8) + ".cpp";
    complog::json_lines_formatter formatter({{"app", "app"}, {name, "n"}}, 4242);
    spdlog::details::log_msg msg(spdlog::source_loc{file.c_str(), 7, "f"}, name,
                                 static_cast<spdlog::level::level_enum>(cut % 8), payload);
    spdlog::memory_buf_t out;
    formatter.format(msg, out);
    const std::string_view text(out.data(), out.size());
    check(!text.empty() && text.back() == '\n', "JSON line without its newline");
    check(printable_ascii(text.substr(0, text.size() - 1), false), "JSON line not one ASCII line");
    check(text.front() == '{' && text[text.size() - 2] == '}', "JSON line not an object");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 4) {
        case 0:
            check_string(input);
            break;
        case 1:
            check_float(input);
            break;
        case 2:
            check_values(input);
            break;
        case 3:
            check_json_lines(input);
            break;
    }
    return 0;
}
