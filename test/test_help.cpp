// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// help_listing: what `help` and `+help` print.

#include "catch_compat.h"
#include "internal.h"
#include "test_sink.h"

#include <string>
#include <string_view>

namespace {

using complog::test::contains;

complog::detail::registry make_registry() {
    complog::detail::registry reg;
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

// The first listing line that starts with `name` after its indentation, or "".
std::string line_of(const std::string& listing, std::string_view name) {
    std::size_t pos = 0;
    while ((pos = listing.find('\n', pos)) != std::string::npos) {
        ++pos;
        auto start = listing.find_first_not_of(' ', pos);
        if (start == std::string::npos) break;
        const auto end = listing.find('\n', start);
        const auto line = listing.substr(start, end - start);
        if (line.rfind(std::string(name) + " ", 0) == 0 || line == name) return line;
    }
    return "";
}

}  // namespace

TEST_CASE("the help listing writes its examples with the given variable", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::detail::help_listing(reg, "MYAPP_LOGS", false);
    CHECK(listing.rfind("MYAPP_LOGS help\n", 0) == 0);
    CHECK(contains(listing, "MYAPP_LOGS=\"+zeta,alpha\""));
    CHECK(contains(listing, "MYAPP_LOGS=\"wire\""));
    CHECK(contains(listing, "MYAPP_LOGS=\"-all,zeta=trace\""));
    CHECK(contains(listing, "MYAPP_LOGS=\"+app.alpha,wire\""));  // a registered logger
    CHECK_FALSE(contains(listing, "TORCH_LOGS"));
}

TEST_CASE("the help listing shows the components as a tree of their loggers", "[help]") {
    auto reg = make_registry();
    reg.add_component("alpha_sub", {"app.alpha.sub"});
    const auto listing = complog::detail::help_listing(reg, "MYAPP_LOGS", false);
    CHECK(contains(listing,
                   "  app                all\n"
                   "    app.alpha        alpha\n"
                   "      app.alpha.sub  alpha_sub\n"
                   "    app.alpha2       alpha\n"
                   "    app.mid          mid\n"
                   "    app.zeta         zeta\n"));
}

TEST_CASE("given levels, the tree shows each logger's current level", "[help]") {
    const auto reg = make_registry();
    complog::detail::settings s;
    s.levels.push_back(
        {complog::detail::target_kind::component, "mid", spdlog::level::debug, "+mid"});
    const auto table = complog::detail::resolve(reg, s, spdlog::level::warn);
    const auto listing = complog::detail::help_listing(reg, "MYAPP_LOGS", false, &table);
    CHECK(contains(line_of(listing, "app.mid"), "debug"));
    CHECK(contains(line_of(listing, "app.zeta"), "warning"));
}

TEST_CASE("a logger named by two aliases lists both", "[help]") {
    auto reg = make_registry();
    reg.add_component("both", {"app.mid"});
    const auto listing = complog::detail::help_listing(reg, "MYAPP_LOGS", false);
    CHECK(contains(line_of(listing, "app.mid"), "mid, both"));
}

TEST_CASE("the help listing shows visible artifacts with their descriptions", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::detail::help_listing(reg, "MYAPP_LOGS", false);
    CHECK(contains(line_of(listing, "wire"), "bytes on the wire"));
    CHECK(contains(line_of(listing, "bytes"), "every byte"));
    CHECK(line_of(listing, "secret").empty());
    CHECK_FALSE(contains(listing, "internal details"));
    CHECK(listing.find("\n  bytes ") < listing.find("\n  wire "));
}

TEST_CASE("the verbose help listing shows every artifact", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::detail::help_listing(reg, "MYAPP_LOGS", true);
    CHECK(contains(line_of(listing, "secret"), "internal details"));
    CHECK(contains(line_of(listing, "wire"), "bytes on the wire"));
    CHECK(listing.find("\n  bytes ") < listing.find("\n  secret "));
    CHECK(listing.find("\n  secret ") < listing.find("\n  wire "));
}

TEST_CASE("the help listing marks artifacts that are off by default", "[help]") {
    const auto reg = make_registry();
    const auto listing = complog::detail::help_listing(reg, "MYAPP_LOGS", false);
    CHECK(contains(line_of(listing, "bytes"), "off by default"));
    CHECK_FALSE(contains(line_of(listing, "wire"), "off by default"));
}

TEST_CASE("without a root, the help listing shows all as every logger", "[help]") {
    complog::detail::registry reg;
    reg.add_component("net", {"lib.net"});
    const auto listing = complog::detail::help_listing(reg, "LIB_LOGS", false);
    CHECK(contains(listing, "  (every logger)  all\n"));
    CHECK(contains(line_of(listing, "lib.net"), "net"));
    complog::detail::settings s;
    s.levels.push_back({complog::detail::target_kind::root, "all", spdlog::level::err, "-all"});
    const auto table = complog::detail::resolve(reg, s, spdlog::level::info);
    const auto with_levels = complog::detail::help_listing(reg, "LIB_LOGS", false, &table);
    CHECK(contains(line_of(with_levels, "(every logger)"), "error"));
}

TEST_CASE("complog::help lists the global registrations with init's variable", "[help]") {
    complog::test::fresh_complog env;
    complog::register_component("net", {"app.net"});
    complog::register_artifact({"hidden", "not listed", false, false});
    complog::init({env.var, "app"});
    const auto listing = complog::help(false);
    CHECK(contains(listing, "TEST_LOGS=\"+net"));
    CHECK(contains(line_of(listing, "app.net"), "net"));
    CHECK(line_of(listing, "hidden").empty());
    CHECK_FALSE(line_of(complog::help(true), "hidden").empty());
}

TEST_CASE("the help listing escapes control characters in what the program registered", "[help]") {
    complog::detail::registry reg;
    reg.set_root("my\x1b[2Japp");
    reg.add_component("net", {"my\x1b[2Japp.net\nfake line", std::string("nul\0", 4)});
    reg.add_artifact({"wire", "bytes\x1b[0m on\nthe wire", true, false, "%v\x1b"});
    const auto listing = complog::detail::help_listing(reg, "APP\x1b_LOGS", true);
    CHECK_FALSE(contains(listing, "\x1b"));
    CHECK_FALSE(contains(listing, std::string(1, '\0')));
    CHECK_FALSE(contains(listing, "\nfake line"));
    CHECK(contains(listing, "APP\\x1b_LOGS help"));
    CHECK(contains(listing, "my\\x1b[2Japp.net\\nfake line"));
    CHECK(contains(listing, "nul\\x00"));
    CHECK(contains(listing, "bytes\\x1b[0m on\\nthe wire [format %v\\x1b]"));
    CHECK(contains(listing, "e.g. my\\x1b[2Japp.net\\nfake line"));
}

TEST_CASE("help's examples name only what the application registered", "[help]") {
    complog::detail::registry reg;
    reg.add_component("tcp", {"Tcp"});
    const auto listing = complog::detail::help_listing(reg, "NET_LOGS", false);
    CHECK(contains(listing, "NET_LOGS=\"+tcp\"  tcp at debug\n"));
    CHECK(contains(listing, "NET_LOGS=\"+Tcp\"  Tcp at debug\n"));
    CHECK_FALSE(contains(listing, "graph_code"));
    CHECK_FALSE(contains(listing, "artifact"));
    CHECK_FALSE(contains(listing, "myapp"));
    CHECK_FALSE(contains(listing, ".sub"));

    // A module the application registered is preferred over a component's own logger.
    reg.add_module("Generator");
    CHECK(contains(complog::detail::help_listing(reg, "NET_LOGS", false),
                   "NET_LOGS=\"+Generator\"  Generator at debug\n"));

    const auto nothing =
        complog::detail::help_listing(complog::detail::registry{}, "X_LOGS", false);
    CHECK(contains(nothing, "X_LOGS=\"-all\"  every logger at error\n"));
    CHECK_FALSE(contains(nothing, "X_LOGS=\"+"));
    CHECK(contains(nothing, "Modules: any known logger name\n"));
}

TEST_CASE("help words -all by whether a root is set", "[help]") {
    complog::detail::registry flat;
    flat.add_component("tcp", {"Tcp"});
    CHECK(contains(complog::detail::help_listing(flat, "NET_LOGS", false),
                   "NET_LOGS=\"-all,tcp=trace\"  every logger at error, tcp at trace"));
    const auto rooted = complog::detail::help_listing(make_registry(), "MYAPP_LOGS", false);
    CHECK(contains(rooted,
                   "MYAPP_LOGS=\"-all,zeta=trace\"  app and everything below it at error, zeta "
                   "at trace"));
}
