// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "catch_compat.h"
#include "test_sink.h"

TEST_CASE("a component at debug writes its debug records once", "[logger]") {
    complog::test::fresh_complog env("+net");
    complog::register_component("net", {"app.net"});
    complog::init({env.var, "app"});
    auto http = complog::get_logger("app.net.http");
    CHECK(complog::test::writes(env, http, spdlog::level::debug));
    CHECK(env.sink->size() == 1);
}
