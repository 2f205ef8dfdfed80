// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// resolve(): from a registry and validated settings to each name's level and
// whether its records reach a library sink. Pure: no global state.

#include "catch_compat.h"
#include "internal.h"
#include "test_sink.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using complog::detail::level_source;
using complog::detail::registry;
using complog::detail::resolved_level;

constexpr auto default_level = spdlog::level::warn;

// root app; net = app.net + app.rpc; rpc = app.rpc; http = app.net.http (nested in net);
// artifacts wire (follows its module) and bytes (off by default).
registry make_registry() {
    registry reg;
    reg.set_root("app");
    reg.add_component("net", {"app.net", "app.rpc"});
    reg.add_component("rpc", {"app.rpc"});
    reg.add_component("http", {"app.net.http"});
    reg.add_artifact({"wire", "bytes on the wire"});
    reg.add_artifact({"bytes", "every byte", true, true});
    reg.add_module("app.net.conn");
    reg.add_module("app.net.conn.pool");
    reg.add_module("app.net.http.client");
    reg.add_module("app.util");
    reg.add_module("other.mod");
    reg.intern("app.net.__wire");
    reg.intern("app.net.__bytes");
    reg.intern("app.net.conn.__wire");
    reg.intern("app.util.__wire");
    reg.intern("other.mod.__wire");
    return reg;
}

complog::detail::settings spec(const registry& reg, std::string_view text) {
    return complog::detail::validate(reg, complog::detail::parse_spec(text), text);
}

resolved_level at(const complog::detail::level_table& table, const registry& reg,
                  std::string_view name) {
    const auto id = reg.find(name);
    REQUIRE(id != registry::no_node);
    REQUIRE(id < table.size());
    return table[id];
}

// The level a record must reach to be written (level::off: never written).
spdlog::level::level_enum pushed(const registry& reg, std::string_view text,
                                 std::string_view name) {
    const auto table = complog::detail::resolve(reg, spec(reg, text), default_level);
    return at(table, reg, name).pushed();
}

}  // namespace

TEST_CASE("without settings everything in the root tree is at the default warning level",
          "[resolve]") {
    const auto reg = make_registry();
    const auto table = complog::detail::resolve(reg, {}, default_level);
    for (const auto* name : {"app", "app.net", "app.rpc", "app.net.http", "app.net.conn.pool",
                             "app.util", "app.net.__wire"}) {
        const auto& r = at(table, reg, name);
        CHECK(r.effective == spdlog::level::warn);
        CHECK(r.reaches_sink);
        CHECK(r.pushed() == spdlog::level::warn);
        CHECK(r.source == level_source::default_level);
        CHECK(r.from == registry::no_node);
        CHECK(r.entry == -1);
    }
}

TEST_CASE("the implicit top has the default level resolve is given", "[resolve]") {
    const auto reg = make_registry();
    const auto table = complog::detail::resolve(reg, {}, spdlog::level::info);
    CHECK(at(table, reg, "app").effective == spdlog::level::info);
    CHECK(at(table, reg, "app.net.http.client").effective == spdlog::level::info);
    CHECK(at(table, reg, "other.mod").effective == spdlog::level::info);
}

TEST_CASE("a name follows its nearest ancestor with a level", "[resolve]") {
    const auto reg = make_registry();
    CHECK(pushed(reg, "-all", "app.util") == spdlog::level::err);
    CHECK(pushed(reg, "-all,+net", "app.util") == spdlog::level::err);
    CHECK(pushed(reg, "-all,+net", "app.net.conn.pool") == spdlog::level::debug);
    CHECK(pushed(reg, "-all,+net,app.net.conn", "app.net.conn.pool") == spdlog::level::info);
    CHECK(pushed(reg, "+net,-all", "app.net.conn") == spdlog::level::debug);
}

TEST_CASE("all sets only the root; components keep levels of their own", "[resolve]") {
    const auto reg = make_registry();
    CHECK(pushed(reg, "+net,-all", "app.net") == spdlog::level::debug);
    CHECK(pushed(reg, "-all,+net", "app.net") == spdlog::level::debug);
}

TEST_CASE("a name outside every registered tree reaches no sink unless promoted", "[resolve]") {
    auto reg = make_registry();
    reg.intern("elsewhere.x.y");
    {
        const auto table = complog::detail::resolve(reg, spec(reg, "+all"), default_level);
        for (const auto* name : {"other.mod", "elsewhere.x.y", "other.mod.__wire"}) {
            const auto& r = at(table, reg, name);
            CHECK(r.effective == spdlog::level::warn);  // all does not reach it
            CHECK_FALSE(r.reaches_sink);
            CHECK(r.pushed() == spdlog::level::off);
        }
    }
    reg.promote("other.mod");
    const auto table = complog::detail::resolve(reg, {}, default_level);
    CHECK(at(table, reg, "other.mod").reaches_sink);
    CHECK(at(table, reg, "other.mod").pushed() == spdlog::level::warn);
    CHECK(at(table, reg, "other.mod.__wire").pushed() == spdlog::level::warn);
    CHECK(at(table, reg, "elsewhere.x.y").pushed() == spdlog::level::off);
    CHECK(at(table, reg, "other").pushed() == spdlog::level::off);
}

TEST_CASE("a module outside the root tree named in the settings gets its level", "[resolve]") {
    auto reg = make_registry();
    reg.promote("other.mod");
    CHECK(pushed(reg, "+other.mod", "other.mod") == spdlog::level::debug);
    CHECK(pushed(reg, "+other.mod", "other.mod.__wire") == spdlog::level::debug);
}

TEST_CASE("a nested component follows its parent component unless set itself", "[resolve]") {
    const auto reg = make_registry();
    CHECK(pushed(reg, "+net", "app.net.http") == spdlog::level::debug);
    CHECK(pushed(reg, "+net", "app.net.http.client") == spdlog::level::debug);
    CHECK(pushed(reg, "+net,-http", "app.net.http.client") == spdlog::level::err);
    CHECK(pushed(reg, "-http,+net", "app.net.http") == spdlog::level::err);
    CHECK(pushed(reg, "-http", "app.net") == spdlog::level::warn);
}

TEST_CASE("a module inside a component's tree gets a level but no sink of its own", "[resolve]") {
    const auto reg = make_registry();
    const auto table = complog::detail::resolve(reg, spec(reg, "+app.net.conn"), default_level);
    const auto& conn = at(table, reg, "app.net.conn");
    CHECK(conn.effective == spdlog::level::debug);
    CHECK_FALSE(reg.at(reg.find("app.net.conn")).owns_sink);
    CHECK(conn.reaches_sink);  // through app.net
    CHECK(conn.pushed() == spdlog::level::debug);
    CHECK(at(table, reg, "app.net.conn.pool").pushed() == spdlog::level::debug);
    CHECK(at(table, reg, "app.net").pushed() == spdlog::level::warn);

    // Quieter than its component.
    CHECK(pushed(reg, "-app.net.conn,+net", "app.net.conn") == spdlog::level::err);
    CHECK(pushed(reg, "-app.net.conn,+net", "app.net.http") == spdlog::level::debug);
}

TEST_CASE("a component's logger written in full sets only that logger", "[resolve]") {
    const auto reg = make_registry();
    CHECK(pushed(reg, "+app.net", "app.net") == spdlog::level::debug);
    CHECK(pushed(reg, "+app.net", "app.rpc") == spdlog::level::warn);
    CHECK(pushed(reg, "+net", "app.rpc") == spdlog::level::debug);
}

TEST_CASE("sink owners are the root, the components' loggers and promoted modules", "[resolve]") {
    auto reg = make_registry();
    reg.promote("other.mod");
    for (const auto* name : {"app", "app.net", "app.rpc", "app.net.http", "other.mod"}) {
        CHECK(reg.at(reg.find(name)).owns_sink);
    }
    for (const auto* name : {"app.net.conn", "app.util", "app.net.__wire", "other"}) {
        CHECK_FALSE(reg.at(reg.find(name)).owns_sink);
    }
}

TEST_CASE("an enabled artifact is debug whatever its module's level", "[resolve]") {
    const auto reg = make_registry();
    for (const auto* text : {"wire", "-all,wire", "-net,+wire", "wire,-app.net.conn"}) {
        const auto table = complog::detail::resolve(reg, spec(reg, text), default_level);
        for (const auto* name : {"app.net.__wire", "app.net.conn.__wire", "app.util.__wire"}) {
            const auto& r = at(table, reg, name);
            CHECK(r.effective == spdlog::level::debug);
            CHECK(r.source == level_source::artifact_on);
            CHECK(r.pushed() == spdlog::level::debug);
        }
        CHECK(at(table, reg, "app.net.__bytes").pushed() == spdlog::level::off);
    }
}

TEST_CASE("an artifact that is not enabled and not off by default follows its module",
          "[resolve]") {
    const auto reg = make_registry();
    CHECK(pushed(reg, "", "app.net.__wire") == spdlog::level::warn);
    CHECK(pushed(reg, "+net", "app.net.__wire") == spdlog::level::debug);
    CHECK(pushed(reg, "net", "app.net.__wire") == spdlog::level::info);
    CHECK(pushed(reg, "-net", "app.net.__wire") == spdlog::level::err);
    CHECK(pushed(reg, "+app.net.conn", "app.net.conn.__wire") == spdlog::level::debug);
    const auto table = complog::detail::resolve(reg, spec(reg, "+net"), default_level);
    CHECK(at(table, reg, "app.net.__wire").source == level_source::inherited);
    CHECK_FALSE(at(table, reg, "app.net.__wire").artifact_off);
}

TEST_CASE("an off-by-default artifact that is not enabled is silent at any level", "[resolve]") {
    const auto reg = make_registry();
    for (const auto* text : {"", "+net", "+all", "+all,+net,wire", "+app.net"}) {
        const auto table = complog::detail::resolve(reg, spec(reg, text), default_level);
        const auto& r = at(table, reg, "app.net.__bytes");
        CHECK(r.artifact_off);
        CHECK_FALSE(r.reaches_sink);
        CHECK(r.pushed() == spdlog::level::off);
    }
    const auto table = complog::detail::resolve(reg, spec(reg, "bytes"), default_level);
    CHECK_FALSE(at(table, reg, "app.net.__bytes").artifact_off);
    CHECK(at(table, reg, "app.net.__bytes").pushed() == spdlog::level::debug);
}

TEST_CASE("an enabled artifact under a module with no sink owner reaches no sink", "[resolve]") {
    const auto reg = make_registry();
    const auto table = complog::detail::resolve(reg, spec(reg, "wire,+all"), default_level);
    const auto& r = at(table, reg, "other.mod.__wire");
    CHECK(r.effective == spdlog::level::debug);
    CHECK_FALSE(r.reaches_sink);
    CHECK(r.pushed() == spdlog::level::off);
}

TEST_CASE("for a logger named by two aliases the last entry wins", "[resolve]") {
    const auto reg = make_registry();
    CHECK(pushed(reg, "+net,-rpc", "app.rpc") == spdlog::level::err);
    CHECK(pushed(reg, "+net,-rpc", "app.net") == spdlog::level::debug);
    CHECK(pushed(reg, "-rpc,+net", "app.rpc") == spdlog::level::debug);
    CHECK(pushed(reg, "+net,-net", "app.net") == spdlog::level::err);
    CHECK(pushed(reg, "-net,net,+net", "app.rpc") == spdlog::level::debug);
}

TEST_CASE("an unset entry makes a name follow its parent", "[resolve]") {
    const auto reg = make_registry();
    complog::detail::settings s;
    s.levels.push_back(
        {complog::detail::target_kind::root, "all", spdlog::level::info, "set_logs"});
    s.levels.push_back(
        {complog::detail::target_kind::component, "net", spdlog::level::debug, "set_logs"});
    s.levels.push_back({complog::detail::target_kind::component, "net", std::nullopt, "set_logs"});
    const auto table = complog::detail::resolve(reg, s, default_level);
    const auto& net = at(table, reg, "app.net");
    CHECK(net.effective == spdlog::level::info);
    CHECK(net.source == level_source::inherited);
    CHECK(net.from == reg.find("app"));
    CHECK(net.entry == 0);

    SECTION("with nothing above it, the default level") {
        complog::detail::settings only_unset;
        only_unset.levels.push_back(
            {complog::detail::target_kind::component, "net", std::nullopt, "set_logs"});
        const auto t = complog::detail::resolve(reg, only_unset, default_level);
        CHECK(at(t, reg, "app.net").effective == spdlog::level::warn);
        CHECK(at(t, reg, "app.net").source == level_source::default_level);
    }
}

TEST_CASE("the level source tells a setting, an inherited level and the default apart",
          "[resolve]") {
    const auto reg = make_registry();
    const auto table = complog::detail::resolve(reg, spec(reg, "-all,+net"), default_level);

    const auto& net = at(table, reg, "app.net");
    CHECK(net.source == level_source::setting);
    CHECK(net.from == reg.find("app.net"));
    CHECK(net.entry == 1);

    const auto& pool = at(table, reg, "app.net.conn.pool");
    CHECK(pool.source == level_source::inherited);
    CHECK(pool.from == reg.find("app.net"));
    CHECK(pool.entry == 1);

    const auto& util = at(table, reg, "app.util");
    CHECK(util.source == level_source::inherited);
    CHECK(util.from == reg.find("app"));
    CHECK(util.entry == 0);

    const auto& root = at(table, reg, "app");
    CHECK(root.source == level_source::setting);
    CHECK(root.from == reg.find("app"));
    CHECK(root.entry == 0);

    const auto& outside = at(table, reg, "other.mod");
    CHECK(outside.source == level_source::default_level);
    CHECK(outside.from == registry::no_node);
    CHECK(outside.entry == -1);
}

TEST_CASE("resolve_new gives nodes added later the answer a full resolve gives", "[resolve]") {
    auto reg = make_registry();
    const auto s = spec(reg, "-all,+net,wire,+app.net.conn");
    auto table = complog::detail::resolve(reg, s, default_level);
    const auto before = table.size();

    reg.intern("app.net.conn.pool.deep");
    reg.intern("app.net.http.x.__wire");
    reg.intern("app.net.http.x.__bytes");
    reg.add_module("app.newmod.sub");
    reg.intern("elsewhere.y");
    reg.intern("other.mod.child");
    complog::detail::resolve_new(reg, default_level, table);

    const auto full = complog::detail::resolve(reg, s, default_level);
    REQUIRE(table.size() == reg.size());
    REQUIRE(full.size() == reg.size());
    CHECK(table.size() > before);
    for (complog::detail::registry::node_id id = 0; id < full.size(); ++id) {
        CHECK(table[id].effective == full[id].effective);
        CHECK(table[id].reaches_sink == full[id].reaches_sink);
        CHECK(table[id].artifact_off == full[id].artifact_off);
        CHECK(table[id].source == full[id].source);
        CHECK(table[id].from == full[id].from);
        CHECK(table[id].entry == full[id].entry);
    }
    CHECK(at(table, reg, "app.net.conn.pool.deep").pushed() == spdlog::level::debug);
    CHECK(at(table, reg, "app.net.http.x.__wire").pushed() == spdlog::level::debug);
    CHECK(at(table, reg, "app.net.http.x.__bytes").pushed() == spdlog::level::off);
    CHECK(at(table, reg, "app.newmod.sub").pushed() == spdlog::level::err);
    CHECK(at(table, reg, "elsewhere.y").pushed() == spdlog::level::off);
}

TEST_CASE("replacing a component's loggers changes which names own sinks", "[resolve]") {
    auto reg = make_registry();
    reg.add_component("net", {"other.mod"});
    REQUIRE(reg.find_component("net") != nullptr);
    CHECK(reg.find_component("net")->logger_names == std::vector<std::string>{"other.mod"});
    CHECK(reg.at(reg.find("other.mod")).owns_sink);
    CHECK_FALSE(reg.at(reg.find("app.net")).owns_sink);
    CHECK(reg.at(reg.find("app.rpc")).owns_sink);  // still in rpc
    CHECK(reg.is_known_module("app.net"));         // a logger name stays a module

    const auto table = complog::detail::resolve(reg, spec(reg, "+net"), default_level);
    CHECK(at(table, reg, "other.mod").pushed() == spdlog::level::debug);
    CHECK(at(table, reg, "other.mod.__wire").pushed() == spdlog::level::debug);
    CHECK(at(table, reg, "app.net").pushed() == spdlog::level::warn);  // through app
    CHECK(at(table, reg, "app.rpc").pushed() == spdlog::level::warn);
}

TEST_CASE("under_sink_owner looks at the nearest interned ancestor", "[resolve]") {
    auto reg = make_registry();
    CHECK(reg.under_sink_owner("app"));
    CHECK(reg.under_sink_owner("app.not.interned.yet"));
    CHECK_FALSE(reg.under_sink_owner("other.mod.x"));
    CHECK_FALSE(reg.under_sink_owner("nowhere"));
    reg.promote("other.mod");
    CHECK(reg.under_sink_owner("other.mod.x"));
}

namespace {

// Every field of every node, as a resolution explains it.
void check_same_tables(const complog::detail::level_table& table,
                       const complog::detail::level_table& fresh) {
    REQUIRE(table.size() == fresh.size());
    for (complog::detail::registry::node_id id = 0; id < fresh.size(); ++id) {
        INFO("node " << id);
        CHECK(table[id].effective == fresh[id].effective);
        CHECK(table[id].reaches_sink == fresh[id].reaches_sink);
        CHECK(table[id].artifact_off == fresh[id].artifact_off);
        CHECK(table[id].source == fresh[id].source);
        CHECK(table[id].from == fresh[id].from);
        CHECK(table[id].entry == fresh[id].entry);
        CHECK(table.pushed(id) == fresh.pushed(id));
        CHECK(table.spec_governs(id) == fresh.spec_governs(id));
        CHECK(table.set_by_settings(id) == fresh.set_by_settings(id));
    }
    CHECK(table.top().effective == fresh.top().effective);
    CHECK(table.top().reaches_sink == fresh.top().reaches_sink);
    CHECK(table.top().entry == fresh.top().entry);
}

}  // namespace

// The configuration resolves into one table at every change: what it keeps of the tree
// (which nodes decide which) must never show through.
TEST_CASE("a table reused across settings and registry changes resolves as a new one",
          "[resolve]") {
    auto reg = make_registry();
    reg.add_module("");  // spdlog's default logger
    reg.intern(".below.default");
    complog::detail::level_table table;
    const auto check = [&](std::string_view text) {
        INFO(text);
        auto s = spec(reg, text);
        complog::detail::promote_named_modules(reg, s);
        complog::detail::resolve_into(reg, s, default_level, table);
        check_same_tables(table, complog::detail::resolve(reg, s, default_level));
    };
    // Settings naming other nodes each time, then the same ones again.
    for (const auto* text :
         {"-all,+net", "+http,app.net.conn", "-all,+net", "+app.net.conn.pool", "wire,-rpc", "",
          "+all,bytes", "+app.net.conn.pool,-app.net.conn", "-all,+net"}) {
        check(text);
    }
    reg.add_module("app.util.extra");  // nodes added between two resolutions
    reg.intern("app.util.extra.__wire");
    check("+app.util.extra");  // one of them named
    check("-all");
    // The sinks change, first with settings that do not name the nodes concerned.
    reg.promote("other.mod");
    check("-all");
    check("+other.mod,-all");
    reg.add_component("net", {"app.util"});  // a component's loggers replaced
    check("-all");
    check("+net,-app.util.extra");
    reg.set_root("other");
    check("");
    check("-all,+net");
    reg.clear_root();  // `all` is the implicit top
    check("-net");
    check("+all,wire");
}

TEST_CASE("resolve_new agrees with a full resolve about names below the default logger",
          "[resolve]") {
    auto reg = make_registry();
    const auto s = spec(reg, "-all,+net");
    auto table = complog::detail::resolve(reg, s, default_level);
    reg.add_module("");  // the default logger, which follows the root
    complog::detail::resolve_new(reg, default_level, table);
    CHECK(at(table, reg, "").pushed() == spdlog::level::err);
    // A leading '.' puts a name below it; it follows what the default logger is before it
    // follows the root, whether it came with it or later.
    reg.intern(".later");
    complog::detail::resolve_new(reg, default_level, table);
    check_same_tables(table, complog::detail::resolve(reg, s, default_level));
    CHECK(at(table, reg, ".later").pushed() == spdlog::level::off);
}

TEST_CASE("resolve_new after the registry's sinks changed resolves everything again", "[resolve]") {
    auto reg = make_registry();
    const auto s = spec(reg, "-all,+net");
    auto table = complog::detail::resolve(reg, s, default_level);
    CHECK(at(table, reg, "other.mod").pushed() == spdlog::level::off);
    reg.promote("other.mod");  // a node the table has, then a new one below it
    reg.intern("other.mod.child");
    complog::detail::resolve_new(reg, default_level, table);
    check_same_tables(table, complog::detail::resolve(reg, s, default_level));
    CHECK(at(table, reg, "other.mod").pushed() == spdlog::level::warn);
    CHECK(at(table, reg, "other.mod.child").pushed() == spdlog::level::warn);
}

// Random registries changed between resolutions (components added and replaced, modules
// promoted, artifacts re-registered, the root set, moved and cleared, names below the
// default logger, new nodes resolved by resolve_new), each resolution checked against a
// new table: what the table keeps between resolutions must never show through.
TEST_CASE("random registry changes between resolutions resolve as a new table", "[resolve]") {
    using complog::detail::level_table;
    const std::vector<std::string> names = {
        "",        ".x",        ".x.y",      "app",         "app.net",     "app.net.conn",
        "app.rpc", "app.util",  "app.a.b.c", "app.net.__w", "app.net.__b", "other",
        "other.m", "other.m.k", ".x.__w",    "app.__b",     "other.m.__b", "z.y.x.w"};
    const std::vector<std::string> aliases = {"net", "rpc", "util"};
    const std::vector<std::string> items = {"+all",  "-all",    "all", "net",      "+rpc",
                                            "-util", "w",       "b",   "+app.net", "-other.m",
                                            "+z.y",  "app.a.b", "+.x", "-other",   "+app.util"};
    std::uint64_t seed = 0x2545f4914f6cdd1dULL;
    const auto next = [&](std::size_t n) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return static_cast<std::size_t>(seed % n);
    };
    int resolutions = 0;
    for (int round = 0; round < 200; ++round) {
        registry reg;
        level_table table;
        std::optional<complog::detail::settings> last;
        std::string last_text;
        std::vector<registry::node_id> last_named;
        bool artifacts_changed = false;
        const auto named_now = [&](const complog::detail::settings& s) {
            std::vector<registry::node_id> ids;
            complog::detail::for_each_named_node(
                reg, s, [&](registry::node_id id, std::size_t) { ids.push_back(id); });
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        for (int step = 0; step < 40; ++step) {
            const auto& name = names[next(names.size())];
            switch (next(9)) {
                case 0:
                    if (!name.empty() && name.find("__") == std::string::npos) {
                        std::vector<std::string> loggers;
                        for (auto n = next(3) + 1; n > 0; --n) {
                            const auto& l = names[next(names.size())];
                            if (!l.empty()) loggers.push_back(l);
                        }
                        reg.add_component(aliases[next(aliases.size())], loggers);
                    }
                    break;
                case 1:
                    reg.add_artifact({next(2) ? "w" : "b", "an artifact", true, next(2) == 0});
                    artifacts_changed = true;  // resolve_new does not look again
                    break;
                case 2:
                    if (!name.empty()) reg.set_root(name);
                    break;
                case 3:
                    if (!reg.root().empty()) reg.clear_root();
                    break;
                case 4:
                    reg.promote(name);
                    break;
                case 5:
                    reg.add_module(name);
                    break;
                case 6: {
                    reg.intern(name);
                    if (!last) break;
                    complog::detail::resolve_new(reg, default_level, table);
                    // A new table names the new nodes the settings name; the kept one does not.
                    if (artifacts_changed || named_now(*last) != last_named) break;
                    INFO("round " << round << " step " << step << " resolve_new after "
                                  << last_text);
                    check_same_tables(table, complog::detail::resolve(reg, *last, default_level));
                    break;
                }
                default: {
                    std::string text;
                    for (auto n = next(4); n > 0; --n) {
                        if (!text.empty()) text += ',';
                        text += items[next(items.size())];
                    }
                    std::optional<complog::detail::settings> parsed;
                    try {
                        parsed = spec(reg, text);
                    } catch (const std::invalid_argument&) {
                        break;  // a name this registry does not know
                    }
                    auto& s = *parsed;
                    ++resolutions;
                    artifacts_changed = false;
                    complog::detail::promote_named_modules(reg, s);
                    INFO("round " << round << " step " << step << " spec " << text);
                    complog::detail::resolve_into(reg, s, default_level, table);
                    check_same_tables(table, complog::detail::resolve(reg, s, default_level));
                    last_named = named_now(s);
                    last = std::move(s);
                    last_text = text;
                }
            }
        }
    }
    CHECK(resolutions > 500);
}
