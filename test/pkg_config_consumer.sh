#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# ctest package/pkg_config: compiles test/consumer/main.cpp against an installed complog
# using only `pkg-config complog`, then runs it.
# Usage: pkg_config_consumer.sh <pkg-config> <c++> <std> <pc-path> <main.cpp> <out-binary>
# <pc-path> (complog's install dir first) replaces PKG_CONFIG_PATH.
# CXXFLAGS/LDFLAGS from the environment are added (the sanitizer presets set them).
set -euo pipefail
pkg_config=$1 cxx=$2 std=$3 pc_path=$4 main=$5 out=$6

export PKG_CONFIG_PATH=$pc_path
cflags=$("$pkg_config" --cflags complog)
libs=$("$pkg_config" --libs complog)
# Libraries outside the loader's default path (e.g. a scratch spdlog) need a run path.
rpath=()
for dir in $("$pkg_config" --libs-only-L complog); do
    rpath+=("-Wl,-rpath,${dir#-L}")
done
echo "complog $("$pkg_config" --modversion complog): $cflags $libs"
set -x
# shellcheck disable=SC2086 # the pkg-config output and *FLAGS are lists of flags
"$cxx" "-std=$std" ${CXXFLAGS:-} $cflags "$main" -o "$out" ${LDFLAGS:-} $libs "${rpath[@]}"
"$out"
