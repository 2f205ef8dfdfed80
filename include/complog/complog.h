// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog: TORCH_LOGS-style logging controls for spdlog programs.
// Include this header for everything; see README.md for a tour.

#pragma once

#include <complog/async.h>
#include <complog/context.h>
#include <complog/control.h>
#include <complog/export.h>
#include <complog/format.h>
#include <complog/logger.h>
#include <complog/macros.h>
#include <complog/rate_limit.h>
#include <complog/version.h>
