// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// JSON text as Python's json.dumps writes it (the trace conformance README's examples).

#include "catch_compat.h"
#include "json.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

using namespace complog::detail;

namespace {

std::string json_string(std::string_view text, bool* valid = nullptr) {
    fmt::memory_buffer out;
    const bool ok = append_json_string(out, text);
    if (valid != nullptr) {
        *valid = ok;
    }
    return fmt::to_string(out);
}

std::string json_float(double value) {
    fmt::memory_buffer out;
    append_json_float(out, value);
    return fmt::to_string(out);
}

}  // namespace

TEST_CASE("json strings: Python's ensure_ascii escapes", "[json]") {
    CHECK(json_string("") == R"("")");
    CHECK(json_string("plain / text") == R"("plain / text")");
    CHECK(json_string("q\"b\\") == R"("q\"b\\")");
    CHECK(json_string("\n\r\t\b\f") == R"("\n\r\t\b\f")");
    CHECK(json_string(std::string_view("\0\x01\x1f", 3)) == R"("\u0000\u0001\u001f")");
    CHECK(json_string("\x7f") == R"("\u007f")");
    CHECK(json_string("caf\xc3\xa9") == R"("caf\u00e9")");
    CHECK(json_string("\xc2\x85") == R"("\u0085")");  // NEL, a C1 control
    CHECK(json_string("\xe2\x80\xa8\xe2\x80\xa9") == R"("\u2028\u2029")");
    CHECK(json_string("\xef\xbb\xbf") == R"("\ufeff")");  // BOM
    CHECK(json_string("\xe6\x97\xa5\xe6\x9c\xac") == R"("\u65e5\u672c")");
    CHECK(json_string("\xf0\x9f\x98\x80") == R"("\ud83d\ude00")");  // U+1F600, a surrogate pair
    CHECK(json_string("\xf4\x8f\xbf\xbf") == R"("\udbff\udfff")");  // U+10FFFF
}

TEST_CASE("json strings: invalid UTF-8 becomes U+FFFD per byte and is reported", "[json]") {
    bool valid = true;
    CHECK(json_string("a\xff"
                      "b",
                      &valid) == R"("a\ufffdb")");
    CHECK_FALSE(valid);
    CHECK(json_string("\xc3", &valid) == R"("\ufffd")");  // truncated
    CHECK_FALSE(valid);
    CHECK(json_string("\xc0\xaf", &valid) == R"("\ufffd\ufffd")");            // overlong '/'
    CHECK(json_string("\xed\xa0\x80", &valid) == R"("\ufffd\ufffd\ufffd")");  // a surrogate
    CHECK_FALSE(valid);
    json_string("ok", &valid);
    CHECK(valid);
}

TEST_CASE("json integers", "[json]") {
    fmt::memory_buffer out;
    append_json_integer(out, 0);
    out.push_back(' ');
    append_json_integer(out, -42);
    out.push_back(' ');
    append_json_integer(out, std::numeric_limits<std::int64_t>::min());
    out.push_back(' ');
    append_json_unsigned(out, std::numeric_limits<std::uint64_t>::max());
    out.push_back(' ');
    append_json_bool(out, true);
    out.push_back(' ');
    append_json_bool(out, false);
    out.push_back(' ');
    append_json_null(out);
    CHECK(fmt::to_string(out) == "0 -42 -9223372036854775808 18446744073709551615 true false null");
}

TEST_CASE("json floats: Python's repr", "[json]") {
    CHECK(json_float(1.0) == "1.0");
    CHECK(json_float(100.0) == "100.0");
    CHECK(json_float(0.1) == "0.1");
    CHECK(json_float(-0.0) == "-0.0");
    CHECK(json_float(0.0) == "0.0");
    CHECK(json_float(0.0001) == "0.0001");
    CHECK(json_float(0.00001) == "1e-05");
    CHECK(json_float(1.5e-7) == "1.5e-07");
    CHECK(json_float(1e15) == "1000000000000000.0");
    CHECK(json_float(1e16) == "1e+16");
    CHECK(json_float(1234567890123456.7) == "1234567890123456.8");
    CHECK(json_float(12345678901234567.0) == "1.2345678901234568e+16");
    CHECK(json_float(3.14159) == "3.14159");
    CHECK(json_float(-2.5) == "-2.5");
    CHECK(json_float(123.456) == "123.456");
    CHECK(json_float(1.7976931348623157e308) == "1.7976931348623157e+308");
    CHECK(json_float(5e-324) == "5e-324");
    CHECK(json_float(0.1 + 0.2) == "0.30000000000000004");
}

TEST_CASE("json floats: NaN and infinities are written as strings and reported", "[json]") {
    fmt::memory_buffer out;
    CHECK_FALSE(append_json_float(out, std::nan("")));
    CHECK_FALSE(append_json_float(out, std::numeric_limits<double>::infinity()));
    CHECK_FALSE(append_json_float(out, -std::numeric_limits<double>::infinity()));
    CHECK(fmt::to_string(out) == R"("NaN""Infinity""-Infinity")");
    CHECK(append_json_float(out, 2.0));
}
