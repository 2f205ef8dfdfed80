// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog's internal headers, for white-box tests, fuzzers and benchmarks: the pure
// core (registry, spec, settings, resolve, explain) in complog::detail.

#pragma once

#include "explain.h"
#include "registry.h"
#include "resolve.h"
#include "settings.h"
#include "spec.h"
