#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# ctest package/pkg_config: compiles test/consumer/main.cpp against an installed complog
# using only `pkg-config complog` plus the build's own flags, then runs it.
# Usage: pkg_config_consumer.sh <pkg-config> <c++> <std> <pc-path> <main.cpp> <out-binary>
#                               <cxxflags> <ldflags> <shared: ON|OFF>
# <pc-path> (complog's install dir first) replaces PKG_CONFIG_PATH. <cxxflags>/<ldflags>
# are the build's CMAKE_CXX_FLAGS and CMAKE_EXE_LINKER_FLAGS (e.g. the sanitizer presets').
set -euo pipefail
pkg_config=$1 cxx=$2 std=$3 pc_path=$4 main=$5 out=$6 cxxflags=$7 ldflags=$8 shared=$9

export PKG_CONFIG_PATH=$pc_path
cflags=$("$pkg_config" --cflags complog)
libs=$("$pkg_config" --libs complog)
# A shared complog's declarations must match the library's (COMPLOG_API, export.h).
if [ "$shared" = ON ] && [[ " $cflags " != *" -DCOMPLOG_SHARED_LIB "* ]]; then
    echo "complog.pc of a shared build lacks -DCOMPLOG_SHARED_LIB: $cflags"
    exit 1
fi
# Libraries outside the loader's default path (e.g. a scratch spdlog, libcomplog.so in
# the scratch prefix) need a run path.
rpath=()
for dir in $("$pkg_config" --libs-only-L complog); do
    rpath+=("-Wl,-rpath,${dir#-L}")
done
echo "complog $("$pkg_config" --modversion complog): $cflags $libs"
set -x
# shellcheck disable=SC2086 # the pkg-config output and the flags are lists of flags
"$cxx" "-std=$std" $cxxflags $cflags "$main" -o "$out" $ldflags $libs "${rpath[@]}"
"$out"
