// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// COMPLOG_API marks the functions and classes complog exports. The library is built with
// hidden visibility, so everything else (complog::detail) stays inside it, whether it is
// libcomplog.so or a static archive linked into an executable that exports it to plugins.

#pragma once

#if defined(_WIN32)
#if defined(COMPLOG_SHARED_LIB) && defined(COMPLOG_EXPORTS)
#define COMPLOG_API __declspec(dllexport)
#elif defined(COMPLOG_SHARED_LIB)
#define COMPLOG_API __declspec(dllimport)
#else
#define COMPLOG_API
#endif
#else
#define COMPLOG_API __attribute__((visibility("default")))
#endif
