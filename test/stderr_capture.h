// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Test helper: redirects file descriptor 2 (complog's diagnostics) into a
// temporary file while it lives, so tests can read what was printed.

#pragma once

#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace complog::test {

class stderr_capture {
public:
    stderr_capture() : file_(std::tmpfile()) {
        std::fflush(stderr);
        if (file_ == nullptr) return;
        saved_ = ::dup(2);
        if (saved_ >= 0) ::dup2(::fileno(file_), 2);
    }
    ~stderr_capture() {
        restore();
        if (file_ != nullptr) std::fclose(file_);
    }
    stderr_capture(const stderr_capture&) = delete;
    stderr_capture& operator=(const stderr_capture&) = delete;

    /// Stops capturing and returns everything written to stderr meanwhile.
    std::string text() {
        restore();
        std::string out;
        if (file_ == nullptr) return out;
        std::rewind(file_);
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;) {
            out.append(buffer, n);
        }
        return out;
    }

private:
    void restore() {
        if (saved_ < 0) return;
        std::fflush(stderr);
        ::dup2(saved_, 2);
        ::close(saved_);
        saved_ = -1;
    }

    std::FILE* file_;
    int saved_ = -1;
};

/// How many times `part` occurs in `text`.
inline std::size_t occurrences(std::string_view text, std::string_view part) {
    std::size_t count = 0;
    for (auto pos = text.find(part); pos != std::string_view::npos;
         pos = text.find(part, pos + part.size())) {
        ++count;
    }
    return count;
}

}  // namespace complog::test
