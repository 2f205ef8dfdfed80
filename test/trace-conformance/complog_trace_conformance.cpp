// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_trace_conformance CASES.jsonl: replays each case of a structured-trace vector
// file (format: README.md next to this file) through complog's public trace API and
// compares the bytes of the file written with the expected output. Each case is a fresh
// process: the test hooks (trace_testing.h) reset the channel and fix the clock and the
// pid; the rank is set with complog::set_rank. Prints each case it cannot express with the
// reason, each failure with the first difference, then "N passed, M failed".

#include <complog/context.h>
#include <complog/trace.h>

#include "json_reader.h"
#include "trace_testing.h"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace trace = complog::trace;
namespace testing = complog::detail::trace_testing;
using trace::value;

namespace {

const value& get(const value& object, std::string_view key) {
    static const value null;
    for (const auto& [k, v] : object.members()) {
        if (k == key) return v;
    }
    return null;
}

std::optional<std::int64_t> optional_integer(const value& v) {
    if (v.is_null()) return std::nullopt;
    return v.as_integer();
}

trace::compile_id compile_id_of(const value& v) {
    return {optional_integer(get(v, "frame_id")), optional_integer(get(v, "frame_compile_id")),
            optional_integer(get(v, "compiled_autograd_id"))};
}

// The context arguments every call carries: the current compile (or none) and the frames.
trace::event_options options_of(const value& call) {
    trace::event_options opts;
    opts.ignore_scope = true;
    if (const value& context = get(call, "context"); !context.is_null()) {
        opts.context =
            trace::compile_context{compile_id_of(context), get(context, "attempt").as_integer()};
    }
    for (const auto& f : get(call, "stack").items()) {
        opts.stack.push_back({get(f, "filename").as_string(), get(f, "line").as_integer(),
                              get(f, "name").as_string(), get(f, "source").as_string()});
    }
    return opts;
}

struct call_outcome {
    value returned;  // what intern_string returned, else null
    bool rejected = false;
};

call_outcome run_call(const value& call, std::int64_t& clock) {
    clock = get(call, "time_us").as_integer();
    const std::string function = get(call, "function").as_string();
    const value& site_value = get(call, "site");
    const std::string& file = get(site_value, "file").as_string();
    const trace::site where{file.c_str(), static_cast<int>(get(site_value, "line").as_integer())};
    call_outcome outcome;
    if (function == "trace_structured") {
        trace::event_options opts = options_of(call);
        opts.suppress_context = get(call, "suppress_context").as_bool();
        opts.expect_trace_id = get(call, "expect_trace_id").as_bool();
        if (const value& id = get(call, "compile_id"); !id.is_null()) opts.id = compile_id_of(id);
        outcome.rejected = !trace::event(
            get(call, "name").as_string(), [&] { return get(call, "metadata"); },
            [&] { return get(call, "payload"); }, opts, where);
    } else if (function == "trace_structured_artifact") {
        trace::artifact(
            get(call, "name").as_string(), get(call, "encoding").as_string(),
            [&] { return get(call, "payload"); }, nullptr, options_of(call), where);
    } else if (function == "intern_string") {
        const value& text = get(call, "string");
        outcome.returned =
            text.is_null() ? trace::intern_string(nullptr) : trace::intern_string(text.as_string());
    } else if (function == "dump_file") {
        trace::dump_file(
            get(call, "filename").as_string(), [&] { return get(call, "source"); },
            options_of(call), where);
    } else {
        throw std::runtime_error("unknown function " + function);
    }
    return outcome;
}

// Why a case cannot be replayed in C++, or empty.
std::string cannot_express(const value& c) {
    if (!get(c, "trace_dir").as_bool()) {
        // With tracing off, PyTorch's first call still interns its stack's file names
        // (README "Tracing off"); complog does nothing while off, so ids would differ.
        for (const auto& call : get(c, "calls").items()) {
            const std::string& function = get(call, "function").as_string();
            if (function == "intern_string") break;
            if (get(call, "context").is_null() && !get(call, "stack").items().empty()) {
                return "tracing off: PyTorch interns the first off call's stack, complog "
                       "does nothing while off";
            }
        }
    }
    return {};
}

std::string show_difference(const std::string& expected, const std::string& actual) {
    std::size_t at = 0;
    while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
    const std::size_t from = at > 60 ? at - 60 : 0;
    std::ostringstream out;
    out << "first difference at byte " << at
        << "\n      expected: " << value(expected.substr(from, 120)).as_string()
        << "\n      actual:   " << actual.substr(from, 120);
    return out.str();
}

std::string read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// Returns an empty string when the case passes, else what differed.
std::string run_case(const value& c, const fs::path& scratch) {
    std::int64_t clock = 0;
    testing::reset();
    testing::set_clock([&clock] { return clock; });
    testing::set_pid(static_cast<int>(get(c, "pid").as_integer()));
    const value& rank = get(c, "rank");
    complog::set_rank(rank.is_null() ? -1 : static_cast<int>(rank.as_integer()));
    const fs::path dir = scratch / get(c, "id").as_string() / "not" / "yet";
    if (get(c, "trace_dir").as_bool()) {
        trace::options opts;
        opts.directory = dir.string();
        opts.describe_file = false;  // PyTorch at the pin writes no such record
        opts.string_table_site = {"torch/_logging/structured.py", 28};
        trace::start(opts);
    } else {
        trace::stop();
    }

    const value& expected = get(c, "expected");
    const auto& calls = get(c, "calls").items();
    std::string problems;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const call_outcome outcome = run_call(calls[i], clock);
        const value& expected_return = get(expected, "returns").items()[i];
        const bool expect_error = !get(expected, "errors").items()[i].is_null();
        if (expected_return.is_null() != outcome.returned.is_null() ||
            (!expected_return.is_null() &&
             expected_return.as_integer() != outcome.returned.as_integer())) {
            problems += "    call " + std::to_string(i) + ": wrong return value\n";
        }
        if (expect_error != outcome.rejected) {
            problems += "    call " + std::to_string(i) +
                        (expect_error ? ": not rejected\n" : ": rejected\n");
        }
    }
    trace::stop();
    complog::set_rank(-1);

    std::vector<fs::path> files;
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(dir, ignored)) files.push_back(entry.path());
    const value& file = get(expected, "file");
    if (file.is_null()) {
        if (!files.empty()) problems += "    a file was created: " + files[0].string() + "\n";
        return problems;
    }
    if (files.size() != 1) {
        return problems + "    expected one file, found " + std::to_string(files.size()) + "\n";
    }
    const std::regex name_pattern(
        get(file, "prefix").as_string() + "[a-z0-9_]{" +
        std::to_string(get(file, "random_chars").as_integer()) + "}" +
        std::regex_replace(get(file, "suffix").as_string(), std::regex(R"(\.)"), R"(\.)"));
    if (!std::regex_match(files[0].filename().string(), name_pattern)) {
        problems += "    file name " + files[0].filename().string() + " does not match\n";
    }
    const std::string actual = read_whole(files[0]);
    const std::string& wanted = get(expected, "output").as_string();
    if (actual != wanted)
        problems += "    output differs: " + show_difference(wanted, actual) + "\n";
    return problems;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: complog_trace_conformance CASES.jsonl\n";
        return 2;
    }
    ::setenv("TZ", "UTC", 1);  // the vectors' time zone; headers are in local time
    ::tzset();
    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << "cannot read " << argv[1] << "\n";
        return 2;
    }
    std::vector<value> cases;
    std::string line;
    try {
        while (std::getline(in, line)) {
            if (!line.empty()) cases.push_back(complog_test::json_reader(line).read_document());
        }
    } catch (const std::exception& e) {
        std::cerr << argv[1] << ": line " << cases.size() + 1 << ": " << e.what() << "\n";
        return 2;
    }

    std::error_code error;
    const fs::path scratch =
        fs::temp_directory_path() / ("complog_trace_conformance." + std::to_string(::getpid()));
    fs::remove_all(scratch, error);

    std::map<std::string, std::vector<std::string>> skipped;  // reason -> case ids
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::ostringstream failures;
    for (const auto& c : cases) {
        const std::string id = get(c, "id").as_string();
        if (const std::string reason = cannot_express(c); !reason.empty()) {
            skipped[reason].push_back(id);
            continue;
        }
        std::string problems;
        try {
            problems = run_case(c, scratch);
        } catch (const std::exception& e) {
            problems = std::string("    ") + e.what() + "\n";
        }
        if (problems.empty()) {
            ++passed;
        } else {
            ++failed;
            failures << "FAIL " << id << " (" << get(c, "title").as_string() << ")\n" << problems;
        }
    }
    fs::remove_all(scratch, error);

    std::size_t skipped_count = 0;
    for (const auto& [reason, ids] : skipped) {
        std::cout << "cannot express " << ids.size() << " case(s): " << reason << ":";
        for (const auto& id : ids) std::cout << " " << id;
        std::cout << "\n";
        skipped_count += ids.size();
    }
    std::cout << "cannot express " << skipped_count << " case(s) in all\n";
    std::cout << failures.str();
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 && passed > 0 ? 0 : 1;
}
