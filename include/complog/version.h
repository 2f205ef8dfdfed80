// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog's version; CMake reads it from here.

#pragma once

#define COMPLOG_VER_MAJOR 0
#define COMPLOG_VER_MINOR 1
#define COMPLOG_VER_PATCH 0

#define COMPLOG_VERSION (COMPLOG_VER_MAJOR * 10000 + COMPLOG_VER_MINOR * 100 + COMPLOG_VER_PATCH)
