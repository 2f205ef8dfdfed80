// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// One include for Catch2 v2 (Debian bookworm) and v3.

#pragma once

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif
