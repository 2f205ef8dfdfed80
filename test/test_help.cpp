// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// help_listing: what `help` and `+help` print.

#include "catch_compat.h"
#include "test_sink.h"

#include <string>
#include <string_view>

namespace {

complog::registry make_registry() {
    complog::registry reg;
    reg.set_root("app");
    // Registered out of order: the listing sorts them.
    reg.add_component("zeta", {"app.zeta"});
    reg.add_component("alpha", {"app.alpha", "app.alpha2"});
    reg.add_component("mid", {"app.mid"});
    reg.add_artifact({"wire", "bytes on the wire"});
    reg.add_artifact({"bytes", "every byte", true, true});
    reg.add_artifact({"secret", "internal details", false, false});
    return reg;
}

// The listing line for `name` ("  name   description"), or "" when there is none.
std::string line_of(const std::string& listing, std::string_view name) {
    const std::string start = "\n  " + std::string(name) + " ";
    auto pos = listing.find(start);
    if (pos == std::string::npos) {
        const std::string bare = "\n  " + std::string(name) + "\n";
        pos = listing.find(bare);
        if (pos == std::string::npos) return "";
    }
    ++pos;
    return listing.substr(pos, listing.find('\n', pos) - pos);
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the help listing writes its examples with the given variable", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::help_listing(reg, "MYAPP_LOGS", false);
    CHECK(listing.rfind("MYAPP_LOGS help\n", 0) == 0);
    CHECK(contains(listing, "MYAPP_LOGS=\"+zeta,alpha\""));
    CHECK(contains(listing, "MYAPP_LOGS=\"wire\""));
    CHECK(contains(listing, "MYAPP_LOGS=\"-all\""));
    CHECK(contains(listing, "MYAPP_LOGS=\"+app.some.module,wire\""));
    CHECK_FALSE(contains(listing, "TORCH_LOGS"));
}

TEST_CASE("the help listing lists all with the root it names", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::help_listing(reg, "MYAPP_LOGS", false);
    const auto all = line_of(listing, "all");
    REQUIRE_FALSE(all.empty());
    CHECK(contains(all, "app"));
}

TEST_CASE("the help listing lists the aliases sorted, with their loggers", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::help_listing(reg, "MYAPP_LOGS", false);
    const auto alpha = listing.find("\n  alpha ");
    const auto mid = listing.find("\n  mid ");
    const auto zeta = listing.find("\n  zeta ");
    REQUIRE(alpha != std::string::npos);
    REQUIRE(mid != std::string::npos);
    REQUIRE(zeta != std::string::npos);
    CHECK(listing.find("\n  all ") < alpha);
    CHECK(alpha < mid);
    CHECK(mid < zeta);
    CHECK(contains(line_of(listing, "alpha"), "app.alpha, app.alpha2"));
}

TEST_CASE("the help listing shows visible artifacts with their descriptions", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::help_listing(reg, "MYAPP_LOGS", false);
    CHECK(contains(line_of(listing, "wire"), "bytes on the wire"));
    CHECK(contains(line_of(listing, "bytes"), "every byte"));
    CHECK(line_of(listing, "secret").empty());
    CHECK_FALSE(contains(listing, "internal details"));
    CHECK(listing.find("\n  bytes ") < listing.find("\n  wire "));
}

TEST_CASE("the verbose help listing shows every artifact", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::help_listing(reg, "MYAPP_LOGS", true);
    CHECK(contains(line_of(listing, "secret"), "internal details"));
    CHECK(contains(line_of(listing, "wire"), "bytes on the wire"));
    CHECK(listing.find("\n  bytes ") < listing.find("\n  secret "));
    CHECK(listing.find("\n  secret ") < listing.find("\n  wire "));
}

TEST_CASE("the help listing marks artifacts that are off by default", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::help_listing(reg, "MYAPP_LOGS", false);
    CHECK(contains(line_of(listing, "bytes"), "off by default"));
    CHECK_FALSE(contains(line_of(listing, "wire"), "off by default"));
}

TEST_CASE("the help listing of a registry without root does not list all", "[help]") {
    complog::registry reg;
    reg.add_component("net", {"lib.net"});
    const auto listing = complog::help_listing(reg, "LIB_LOGS", false);
    CHECK(line_of(listing, "all").empty());
    CHECK_FALSE(line_of(listing, "net").empty());
}

TEST_CASE("complog::help lists the global registrations with init's variable", "[help]") {
    complog::test::fresh_complog env;
    complog::register_component("net", {"app.net"});
    complog::register_artifact({"hidden", "not listed", false, false});
    complog::init({env.var, "app"});
    const auto listing = complog::help(false);
    CHECK(contains(listing, "TEST_LOGS=\"+net"));
    CHECK_FALSE(line_of(listing, "net").empty());
    CHECK(line_of(listing, "hidden").empty());
    CHECK_FALSE(line_of(complog::help(true), "hidden").empty());
}
