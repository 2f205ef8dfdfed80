// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Regression tests for bugs found in review.

#include "catch_compat.h"
#include "internal.h"
#include "stderr_capture.h"
#include "test_sink.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <type_traits>

namespace {

using complog::log_settings;
using complog::test::fresh_complog;

}  // namespace

// set_logs(std::string_view) once parsed the spec before checking whether the variable
// owns the settings, so a syntax error threw instead of being ignored (conformance rule 17).
TEST_CASE("set_logs ignores even a malformed spec while the variable is set", "[set_logs]") {
    fresh_complog env("+net");
    complog::register_component("net", {"app.net"});
    complog::init({env.var, "app"});
    const auto net = complog::get_logger("app.net");
    complog::test::stderr_capture capture;
    bool applied = true;
    CHECK_NOTHROW(applied = complog::set_logs("-net,,x"));
    CHECK_FALSE(applied);
    CHECK_NOTHROW(applied = complog::set_logs(" -net"));
    CHECK_FALSE(applied);
    const auto printed = capture.text();
    CHECK(complog::test::occurrences(printed, "ignoring calls to set_logs") == 1u);
    CHECK(net->level() == spdlog::level::debug);
}

// spdlog's default logger has the empty name; it follows `all`. The empty name itself
// once passed as a known module, so set_logs could set and promote it directly.
TEST_CASE("set_logs rejects the empty name and leaves spdlog's default logger alone",
          "[set_logs]") {
    fresh_complog env;
    complog::register_component("net", {"app.net"});
    complog::init({env.var, "app"});
    const auto default_logger = spdlog::default_logger();
    const auto before = default_logger->level();
    CHECK_THROWS_AS(complog::set_logs(log_settings{}.set("", spdlog::level::trace)),
                    complog::spec_error);
    CHECK(default_logger->level() == before);
}

// The pure half: a registry that knows "" (adopting spdlog's default logger adds it as a
// module) still rejects it as a name to set, in both forms.
TEST_CASE("validation rejects the empty name even when the registry knows it", "[set_logs]") {
    complog::detail::registry reg;
    reg.set_root("app");
    reg.add_module("");
    REQUIRE(reg.is_known_module(""));
    CHECK_THROWS_AS(complog::detail::validate(reg, log_settings{}.set("", spdlog::level::trace)),
                    complog::spec_error);
    CHECK_THROWS_AS(complog::detail::validate(reg, log_settings{}.unset("")), complog::spec_error);
}

// A registry's nodes view storage it owns: it moves (keeping the views valid) and
// cannot be copied, which would leave a copy viewing the original's storage.
static_assert(!std::is_copy_constructible_v<complog::detail::registry>);
static_assert(!std::is_copy_assignable_v<complog::detail::registry>);
static_assert(std::is_move_constructible_v<complog::detail::registry>);

TEST_CASE("a moved registry keeps its names after the original is gone", "[resolve]") {
    auto original = std::make_unique<complog::detail::registry>();
    original->set_root("app");
    original->add_component("network_component", {"app.network.component.logger"});
    original->add_artifact({"wire_artifact_name", "bytes on the wire"});
    const auto id = original->find("app.network.component.logger");
    const complog::detail::registry moved = std::move(*original);
    original.reset();
    CHECK(moved.find("app.network.component.logger") == id);
    CHECK(moved.find_component("network_component") != nullptr);
    CHECK(moved.find_artifact("wire_artifact_name") != nullptr);
    CHECK(moved.at(id).name == "app.network.component.logger");
}
