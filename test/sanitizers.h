// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Test helper: which sanitizer the tests are built with (gcc says so with __SANITIZE_*__,
// clang with __has_feature), as 0/1 macros usable in `if` and `#if`.

#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define COMPLOG_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COMPLOG_TEST_ASAN 1
#endif
#endif
#ifndef COMPLOG_TEST_ASAN
#define COMPLOG_TEST_ASAN 0
#endif

#if defined(__SANITIZE_THREAD__)
#define COMPLOG_TEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define COMPLOG_TEST_TSAN 1
#endif
#endif
#ifndef COMPLOG_TEST_TSAN
#define COMPLOG_TEST_TSAN 0
#endif

#define COMPLOG_TEST_SANITIZED (COMPLOG_TEST_ASAN || COMPLOG_TEST_TSAN)
