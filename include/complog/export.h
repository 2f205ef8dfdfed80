// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// COMPLOG_API marks the functions and classes libcomplog exports. The library is built
// with hidden visibility, so everything else stays inside it; a static build exports
// nothing it need not.

#pragma once

#if defined(COMPLOG_SHARED_LIB)
#if defined(_WIN32)
#if defined(COMPLOG_EXPORTS)
#define COMPLOG_API __declspec(dllexport)
#else
#define COMPLOG_API __declspec(dllimport)
#endif
#else
#define COMPLOG_API __attribute__((visibility("default")))
#endif
#else
#define COMPLOG_API
#endif
