// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// A small order-preserving JSON reader for test vectors (test code, not part of complog).
// Numbers with a fraction or an exponent are floats, the others 64-bit integers; strings
// are decoded to UTF-8 (surrogate pairs joined). Throws std::runtime_error on bad input.

#pragma once

#include <complog/trace.h>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace complog_test {

class json_reader {
public:
    explicit json_reader(std::string_view text) : text_(text) {}

    complog::trace::value read_document() {
        auto v = read_value();
        skip_space();
        if (pos_ != text_.size()) fail("trailing characters");
        return v;
    }

private:
    using value = complog::trace::value;

    [[noreturn]] void fail(const char* what) const {
        throw std::runtime_error(std::string("bad JSON at ") + std::to_string(pos_) + ": " + what);
    }
    void skip_space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                       text_[pos_] == '\n' || text_[pos_] == '\r')) {
            ++pos_;
        }
    }
    bool consume(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }
    void expect(char c) {
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != c) fail("unexpected character");
        ++pos_;
    }

    value read_value() {
        skip_space();
        if (pos_ >= text_.size()) fail("unexpected end");
        const char c = text_[pos_];
        if (c == '{') return read_object();
        if (c == '[') return read_array();
        if (c == '"') return value(read_string());
        if (consume("true")) return value(true);
        if (consume("false")) return value(false);
        if (consume("null")) return value();
        return read_number();
    }

    value read_object() {
        expect('{');
        value object = value::make_object();
        skip_space();
        if (consume("}")) return object;
        while (true) {
            skip_space();
            std::string key = read_string();
            expect(':');
            object.set(std::move(key), read_value());
            skip_space();
            if (consume("}")) return object;
            expect(',');
        }
    }

    value read_array() {
        expect('[');
        value array = value::make_array();
        skip_space();
        if (consume("]")) return array;
        while (true) {
            array.push_back(read_value());
            skip_space();
            if (consume("]")) return array;
            expect(',');
        }
    }

    value read_number() {
        const std::size_t start = pos_;
        bool is_float = false;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '.' || c == 'e' || c == 'E') {
                is_float = true;
            } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
                break;
            }
            ++pos_;
        }
        if (start == pos_) fail("expected a value");
        const std::string number(text_.substr(start, pos_ - start));
        if (is_float) return value(std::strtod(number.c_str(), nullptr));
        if (number[0] != '-' && std::strtoull(number.c_str(), nullptr, 10) > INT64_MAX) {
            return value(static_cast<std::uint64_t>(std::strtoull(number.c_str(), nullptr, 10)));
        }
        return value(static_cast<std::int64_t>(std::strtoll(number.c_str(), nullptr, 10)));
    }

    unsigned read_hex4() {
        if (text_.size() - pos_ < 4) fail("short \\u escape");
        const std::string digits(text_.substr(pos_, 4));
        pos_ += 4;
        return static_cast<unsigned>(std::strtoul(digits.c_str(), nullptr, 16));
    }

    static void append_utf8(std::string& out, char32_t c) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }

    std::string read_string() {
        expect('"');
        std::string out;
        while (true) {
            if (pos_ >= text_.size()) fail("unterminated string");
            const char c = text_[pos_++];
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= text_.size()) fail("unterminated escape");
            const char e = text_[pos_++];
            switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case '/':
                    out += '/';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '"':
                    out += '"';
                    break;
                case 'u': {
                    char32_t unit = read_hex4();
                    if (unit >= 0xD800 && unit <= 0xDBFF && consume("\\u")) {
                        const char32_t low = read_hex4();
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    }
                    append_utf8(out, unit);
                    break;
                }
                default:
                    fail("unknown escape");
            }
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace complog_test
