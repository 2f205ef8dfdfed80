// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The test's two shared libraries, libalpha.so and libbeta.so. Each is built with hidden
// visibility, like a real library, and links libcomplog.so; it exports only these.

#pragma once

#define SHARED_TEST_API __attribute__((visibility("default")))

/// Registers component `alpha` (logger tree `shared.alpha`).
SHARED_TEST_API void alpha_register();
/// Logs "alpha debug <round>" and "alpha warn <round>" on logger `shared.alpha.io`.
SHARED_TEST_API void alpha_log(int round);

/// Registers component `beta` (logger tree `shared.beta`).
SHARED_TEST_API void beta_register();
/// Logs "beta debug <round>" and "beta warn <round>" on logger `shared.beta.io`.
SHARED_TEST_API void beta_log(int round);
