// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// A checker of tlparse's input contract, written from tlparse's parser (src/lib.rs and
// src/types.rs of meta-pytorch/tlparse), for the trace files complog's tests produce:
//   * every non-empty line either starts with a TAB (a payload line) or matches the glog
//     header `[VIWEC]MMDD HH:MM:SS.ffffff <digits> <path>:<line>] ` followed by one JSON
//     object (the envelope);
//   * `has_payload` is 32 lower-case hex digits, the MD5 of the TAB lines that follow it
//     (each without its TAB, joined by \n); payload lines appear only after such a record;
//   * typed keys have tlparse's types: str [string, id], rank / frame_id /
//     frame_compile_id / attempt / compiled_autograd_id u32, artifact {name, encoding}
//     strings, dump_file {name} string, stack [{line, name, filename (an interned id),
//     loc}]; a chromium_event's payload is JSON;
//   * every record but `str` records carries the same rank (tlparse drops other ranks);
//   * lines are read as tlparse reads them (Rust's BufRead::lines: a trailing \r is
//     dropped, a line that is not UTF-8 is lost), so such payload lines fail the MD5.
// Returns the problems found, one per line; empty when the file passes.

#pragma once

#include <complog/trace.h>

#include "md5.h"
#include "trace-conformance/json_reader.h"
#include "unicode.h"

#include <cstdint>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace complog_test {

inline std::string check_tlparse_contract(const std::string& path) {
    using complog::trace::value;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream whole;
    whole << in.rdbuf();
    const std::string content = whole.str();
    // Lines as Rust's BufRead::lines gives them to tlparse: split at \n, one trailing \r
    // removed; a line that is not UTF-8 is an error tlparse drops (kept empty here, and
    // reported).
    std::vector<std::string> lines;
    std::vector<std::size_t> not_utf8;
    std::size_t start = 0;
    while (start < content.size()) {
        auto end = content.find('\n', start);
        if (end == std::string::npos) end = content.size();
        std::string line = content.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        for (std::size_t pos = 0; pos < line.size();) {
            const auto decoded = complog::detail::decode_utf8(line, pos);
            if (decoded.length == 0) {
                not_utf8.push_back(lines.size());
                line.clear();
                break;
            }
            pos += decoded.length;
        }
        lines.push_back(std::move(line));
        start = end + 1;
    }
    const std::regex header(
        R"(^[VIWEC]\d{2}\d{2} \d{2}:\d{2}:\d{2}\.\d{6} \d+[^:]+:\d+\] (\{.*\})$)");
    std::string problems;
    const auto problem = [&](std::size_t line, const std::string& what) {
        problems += path + ":" + std::to_string(line + 1) + ": " + what + "\n";
    };
    const auto get = [](const value& object, std::string_view key) -> const value* {
        for (const auto& [k, v] : object.members()) {
            if (k == key) return &v;
        }
        return nullptr;
    };
    // tlparse reads ids, ranks and interned file ids as u32: a larger number fails the record.
    const auto is_unsigned = [](const value* v) {
        return (v->type() == value::kind::unsigned_integer && v->as_unsigned() <= UINT32_MAX) ||
               (v->type() == value::kind::integer && v->as_integer() >= 0 &&
                v->as_integer() <= INT64_C(4294967295));
    };
    for (const std::size_t line : not_utf8) problem(line, "not UTF-8 (tlparse drops the line)");
    std::set<std::int64_t> interned;
    std::optional<std::int64_t> file_rank;
    bool rank_seen = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.empty()) continue;  // tlparse skips blank lines
        if (line[0] == '\t') {
            problem(i, "payload line without a record with has_payload before it");
            continue;
        }
        std::smatch match;
        if (!std::regex_match(line, match, header)) {
            problem(i, "not a glog header line");
            continue;
        }
        value envelope;
        try {
            envelope = json_reader(match[1].str()).read_document();
        } catch (const std::exception& e) {
            problem(i, std::string("envelope is not JSON: ") + e.what());
            continue;
        }
        if (envelope.type() != value::kind::object) {
            problem(i, "envelope is not an object");
            continue;
        }
        std::string payload;
        const std::size_t record_line = i;
        bool first = true;
        while (i + 1 < lines.size() && !lines[i + 1].empty() && lines[i + 1][0] == '\t') {
            if (!first) payload += '\n';
            first = false;
            payload += lines[++i].substr(1);
        }
        if (const value* digest = get(envelope, "has_payload")) {
            const auto actual = complog::detail::md5_hex(payload);
            if (digest->type() != value::kind::string ||
                digest->as_string() != std::string(actual.data(), actual.size())) {
                problem(record_line, "has_payload is not the MD5 of the payload");
            }
        } else if (!first) {
            problem(record_line, "payload lines without has_payload");
        }
        if (const value* str = get(envelope, "str")) {
            if (str->type() != value::kind::array || str->items().size() != 2 ||
                str->items()[0].type() != value::kind::string || !is_unsigned(&str->items()[1])) {
                problem(record_line, "str is not [string, id]");
            } else {
                interned.insert(str->items()[1].as_integer());
            }
            continue;
        }
        for (const char* key :
             {"rank", "frame_id", "frame_compile_id", "attempt", "compiled_autograd_id"}) {
            if (const value* v = get(envelope, key); v != nullptr && !is_unsigned(v)) {
                problem(record_line, std::string(key) + " is not an unsigned integer");
            }
        }
        const value* rank = get(envelope, "rank");
        const std::optional<std::int64_t> this_rank =
            rank ? std::optional<std::int64_t>(rank->as_integer()) : std::nullopt;
        if (rank_seen && this_rank != file_rank) {
            problem(record_line, "a record of another rank (tlparse skips it)");
        } else if (!rank_seen && this_rank) {
            rank_seen = true;
            file_rank = this_rank;
        }
        if (const value* a = get(envelope, "artifact")) {
            const value* name = get(*a, "name");
            const value* encoding = get(*a, "encoding");
            if (!name || !encoding || name->type() != value::kind::string ||
                encoding->type() != value::kind::string) {
                problem(record_line, "artifact is not {name, encoding}");
            }
        }
        if (const value* d = get(envelope, "dump_file")) {
            const value* name = get(*d, "name");
            if (!name || name->type() != value::kind::string)
                problem(record_line, "dump_file.name");
        }
        if (const value* stack = get(envelope, "stack")) {
            for (const auto& f : stack->items()) {
                const value* file = get(f, "filename");
                if (!get(f, "line") || !get(f, "name") || !get(f, "loc") || !file ||
                    !is_unsigned(file) || interned.count(file->as_integer()) == 0) {
                    problem(record_line, "stack frame without an interned filename");
                }
            }
        }
        if (get(envelope, "chromium_event") != nullptr) {
            try {
                json_reader(payload).read_document();
            } catch (const std::exception&) {
                problem(record_line, "chromium_event payload is not JSON");
            }
        }
    }
    return problems;
}

}  // namespace complog_test
