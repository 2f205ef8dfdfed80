// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The registry on its own: re-registration, the naming rules, sink ownership as
// registrations change, promote_named_modules, and registries of many names.

#include "catch_compat.h"
#include "internal.h"
#include "test_sink.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <vector>

namespace {

using namespace complog::detail;
using complog::level;
using complog::test::contains;

// "" when `register_it` is accepted, else the std::invalid_argument's message.
template <typename Register>
std::string rejection(Register register_it) {
    try {
        register_it();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

bool owns_sink(const registry& reg, std::string_view name) {
    const auto id = reg.find(name);
    return id != registry::no_node && reg.at(id).owns_sink;
}

settings validated(const registry& reg, std::string_view text) {
    return validate(reg, parse_spec(text), text, {/*accept_unknown_modules*/ true});
}

}  // namespace

// Names longer than 15 bytes live outside std::string's inline buffer, so a replaced
// artifact freed the buffer its index key viewed (heap-use-after-free under ASan).
TEST_CASE("re-registering long names keeps them findable", "[registry]") {
    registry reg;
    const std::string artifact = "compiled_autograd_verbose";
    const std::string alias = "a_component_alias_longer_than_sso";
    for (int round = 0; round < 4; ++round) {
        const auto description = "round " + std::to_string(round);
        reg.add_artifact({artifact, description, true, round % 2 == 0});
        reg.add_component(alias, {"app.logger_number_" + std::to_string(round)});
        REQUIRE(reg.find_artifact(artifact) != nullptr);
        CHECK(reg.find_artifact(artifact)->description == description);
        CHECK(reg.find_artifact(artifact)->off_by_default == (round % 2 == 0));
        REQUIRE(reg.find_component(alias) != nullptr);
        CHECK(reg.find_component(alias)->logger_names ==
              std::vector<std::string>{"app.logger_number_" + std::to_string(round)});
    }
    CHECK(reg.artifacts().size() == 1u);
    CHECK(reg.components().size() == 1u);
    const registry moved = std::move(reg);
    CHECK(moved.find_artifact(artifact)->description == "round 3");
    CHECK(moved.find_component(alias) != nullptr);
    // An artifact logger's node finds its (replaced) artifact through its own view.
    registry with_logger;
    with_logger.add_artifact({artifact, "first"});
    const auto id = with_logger.add_module("app.x.__" + artifact);
    with_logger.add_artifact({artifact, "second"});
    CHECK(with_logger.find_artifact(with_logger.at(id).artifact)->description == "second");
}

TEST_CASE("aliases and artifacts must be spec words", "[registry]") {
    registry reg;
    reg.set_root("app");
    const std::vector<std::string> bad_names = {
        "",    "a.b", "graph.code", "with space",           "x-y",
        "a,b", "*",   "\x1b[31m",   std::string("a\0b", 3), "\xff"};
    for (const auto& bad : bad_names) {
        INFO("name: " << bad);
        CHECK(
            contains(rejection([&] { reg.add_component(bad, {"app.x"}); }), "is not a spec word"));
        CHECK(contains(rejection([&] { reg.add_artifact({bad, "d"}); }), "is not a spec word"));
    }
    for (const std::string_view reserved : {"all", "help"}) {
        CHECK(contains(rejection([&] { reg.add_component(std::string(reserved), {"app.x"}); }),
                       "reserved by the spec grammar"));
        CHECK(contains(rejection([&] {
                           reg.add_artifact({std::string(reserved), "d"});
                       }),
                       "reserved by the spec grammar"));
    }
    // Nothing was registered, nor made known, by the rejected calls.
    CHECK(reg.components().empty());
    CHECK(reg.artifacts().empty());
    CHECK_FALSE(reg.is_known_module("app.x"));
    // The message escapes what it shows.
    CHECK(contains(rejection([&] { reg.add_artifact({"\x1b[31m", "d"}); }), "'\\x1b[31m'"));
}

TEST_CASE("an alias and an artifact never share a name", "[registry]") {
    registry reg;
    reg.add_component("net", {"app.net"});
    reg.add_artifact({"wire", "bytes"});
    CHECK(contains(rejection([&] {
                       reg.add_artifact({"net", "d"});
                   }),
                   "already the alias of a component"));
    CHECK(contains(rejection([&] { reg.add_component("wire", {"app.wire"}); }),
                   "already the name of an artifact"));
    CHECK(reg.find_artifact("net") == nullptr);
    CHECK(reg.find_component("wire") == nullptr);
    // Replacing either under its own kind is still fine.
    CHECK(rejection([&] { reg.add_component("net", {"app.rpc"}); }).empty());
    CHECK(rejection([&] { reg.add_artifact({"wire", "new"}); }).empty());
}

TEST_CASE("logger names of the root and of components are not empty", "[registry]") {
    registry reg;
    CHECK(contains(rejection([&] { reg.set_root(""); }), "root logger name is empty"));
    CHECK(contains(rejection([&] {
                       reg.add_component("net", {"app.net", ""});
                   }),
                   "lists an empty logger name"));
    CHECK(reg.find_component("net") == nullptr);
    CHECK_FALSE(reg.is_known_module("app.net"));
    // Any other text is a logger name (printed escaped), and add_module takes the empty
    // name: spdlog's default logger.
    CHECK(rejection([&] { reg.add_component("odd", {"app.odd name\n"}); }).empty());
    CHECK(reg.is_known_module("app.odd name\n"));
    reg.add_module("");
    CHECK(reg.is_known_module(""));
}

TEST_CASE("the names PyTorch uses are accepted", "[registry]") {
    registry reg;
    reg.set_root("torch");
    // "torch" is an alias and a module; Unicode letters are word characters.
    CHECK(rejection([&] { reg.add_component("torch", {"torch"}); }).empty());
    CHECK(rejection([&] { reg.add_component("caf\xc3\xa9", {"torch.caf\xc3\xa9"}); }).empty());
    CHECK(rejection([&] { reg.add_artifact({"graph_code_verbose", "d"}); }).empty());
    CHECK(rejection([&] { reg.add_artifact({"_private2", "d"}); }).empty());
    CHECK(reg.is_known_module("torch"));
    // In a spec the alias wins over the module of the same name.
    const auto s = validated(reg, "+torch");
    REQUIRE(s.levels.size() == 1u);
    CHECK(s.levels[0].kind == target_kind::component);
}

TEST_CASE("sink ownership follows replaced components, the root and promotions", "[registry]") {
    registry reg;
    reg.set_root("app");
    reg.add_component("net", {"app.net", "app.rpc"});
    reg.add_component("shared", {"app.rpc", "app.rpc"});  // listed twice, released twice
    CHECK(owns_sink(reg, "app"));
    CHECK(owns_sink(reg, "app.net"));
    CHECK(owns_sink(reg, "app.rpc"));

    reg.add_component("net", {"app.db"});
    CHECK_FALSE(owns_sink(reg, "app.net"));
    CHECK(owns_sink(reg, "app.rpc"));  // still listed by `shared`
    CHECK(owns_sink(reg, "app.db"));
    reg.add_component("shared", {});
    CHECK_FALSE(owns_sink(reg, "app.rpc"));

    reg.promote("lib.mod");
    reg.promote("lib.mod");
    reg.set_root("lib");
    CHECK_FALSE(owns_sink(reg, "app"));
    CHECK(owns_sink(reg, "lib"));
    reg.set_root("other");
    CHECK_FALSE(owns_sink(reg, "lib"));
    CHECK(owns_sink(reg, "lib.mod"));  // a promotion is for good
    reg.set_root("other");             // the same root again: still its owner
    CHECK(owns_sink(reg, "other"));
}

TEST_CASE("promote_named_modules gives modules outside every sink owner a sink", "[registry]") {
    registry reg;
    reg.set_root("app");
    reg.add_component("net", {"app.net"});
    reg.add_artifact({"wire", "bytes"});
    const auto s = validated(reg, "+app.net.http,-some.random.module,net,wire,all");
    promote_named_modules(reg, s);
    CHECK(reg.is_known_module("app.net.http"));
    CHECK_FALSE(owns_sink(reg, "app.net.http"));  // already under app.net
    CHECK(reg.is_known_module("some.random.module"));
    CHECK(owns_sink(reg, "some.random.module"));
    CHECK_FALSE(owns_sink(reg, "some.random"));

    // The whole chain without global state: parse, validate, promote, resolve.
    const auto table = resolve(reg, s, level::warn);
    const auto& random = table[reg.find("some.random.module")];
    CHECK(random.effective == level::err);
    CHECK(random.reaches_sink);
    CHECK(table[reg.find("app.net.http")].effective == level::debug);  // its own, not net's
    CHECK(table[reg.find("app")].effective == level::info);
    CHECK_FALSE(table[reg.find("some.random")].reaches_sink);
}

TEST_CASE("a registry of 20,000 modules and 2,000 components stays consistent", "[registry]") {
    // Each registration costs O(its names) (see registry.h); this checks the result,
    // not the time (measured by hand: see the commit message).
    registry reg;
    reg.set_root("app");
    constexpr int modules = 20000;
    constexpr int components = 2000;
    for (int i = 0; i < modules; ++i) {
        reg.add_module("app.m" + std::to_string(i % 100) + ".sub" + std::to_string(i));
    }
    for (int i = 0; i < components; ++i) {
        reg.add_component("c" + std::to_string(i),
                          {"app.m" + std::to_string(i % 100) + ".sub" + std::to_string(i)});
    }
    for (int i = 0; i < components; i += 2) {  // half of them move elsewhere
        reg.add_component("c" + std::to_string(i), {"lib.c" + std::to_string(i)});
    }
    CHECK(reg.size() == 1u + 100u + modules + 1u + components / 2);
    CHECK(reg.components().size() == static_cast<std::size_t>(components));
    std::size_t owners = 0;
    for (registry::node_id id = 0; id < reg.size(); ++id) owners += reg.at(id).owns_sink;
    CHECK(owners == 1u + components);  // the root, 1,000 kept and 1,000 moved loggers
    CHECK(owns_sink(reg, "app.m1.sub1"));
    CHECK_FALSE(owns_sink(reg, "app.m0.sub0"));
    CHECK(owns_sink(reg, "lib.c0"));
}

// validate() prefetches its items' lookups: a hint (the index entry where the name is or
// would be) for every name once something is interned, none in an empty registry.
TEST_CASE("prefetch hints: the name's index entry, none in an empty registry", "[registry]") {
    registry empty;
    CHECK(empty.prefetch_slot(registry::key_of("app.net")) == nullptr);
    empty.prefetch_node(registry::lookup_hint{});  // a null hint loads nothing
    empty.prefetch_name(registry::lookup_hint{});
    registry reg;
    for (int i = 0; i < 1000; ++i)
        reg.add_module("app.m" + std::to_string(i % 10) + ".s" + std::to_string(i));
    const auto known = reg.prefetch_slot(registry::key_of("app.m3.s13"));
    CHECK(known != nullptr);
    reg.prefetch_node(known);
    reg.prefetch_name(known);
    CHECK(reg.prefetch_slot(registry::key_of("app.m3.unknown")) != nullptr);
    CHECK(reg.prefetch_slot(registry::key_of("lib.m3.s13")) != nullptr);
    CHECK(reg.prefetch_slot(registry::key_of("app.m3.s13")) == known);  // the same entry
    CHECK(reg.find("app.m3.s13") != registry::no_node);
}

// find() reads an index of full names that intern() fills for every node it adds, each
// ancestor hashed on the way (the hash of a prefix must equal the hash of that text).
TEST_CASE("find by full name: every ancestor, every length, one byte apart", "[registry]") {
    registry reg;
    const std::string deep = "a.bc.def.ghij.klmno.pqrstu.vwxyz01.23456789.abcdefghi.x";
    const auto id = reg.intern(deep);
    for (std::size_t end = 0; end <= deep.size(); ++end) {
        const auto prefix = std::string_view(deep).substr(0, end);
        const bool whole_components = end == deep.size() || deep[end] == '.';
        const auto found = reg.find(prefix);
        CHECK((found != registry::no_node) == (whole_components && end > 0));
        if (found != registry::no_node) CHECK(reg.at(found).name == prefix);
    }
    CHECK(reg.find(deep) == id);
    // Flat names of every length up to 40, and each with one byte changed, are told apart.
    std::vector<std::string> names;
    for (std::size_t length = 1; length <= 40; ++length) {
        std::string name(length, 'n');
        names.push_back(name);
        for (std::size_t at = 0; at < length; ++at) {
            auto changed = name;
            changed[at] = '\0';
            names.push_back(changed);
        }
    }
    registry flat;
    std::vector<registry::node_id> ids;
    for (const auto& name : names) ids.push_back(flat.intern(name));
    for (std::size_t i = 0; i < names.size(); ++i) {
        CHECK(flat.find(names[i]) == ids[i]);
        CHECK(flat.at(ids[i]).name == names[i]);
    }
    CHECK(flat.size() == names.size());
    CHECK(flat.find("") == registry::no_node);
    CHECK(flat.find(std::string(41, 'n')) == registry::no_node);
}

TEST_CASE("aliases and artifacts are found by key as by name, replaced in place", "[registry]") {
    registry reg;
    for (int i = 0; i < 100; ++i) {
        reg.add_component("c" + std::to_string(i), {"app.c" + std::to_string(i)});
        reg.add_artifact({"a" + std::to_string(i), "", true, false});
    }
    reg.add_component("c7", {"lib.c7"});
    reg.add_artifact({"a7", "replaced", true, true});
    CHECK(reg.components().size() == 100u);
    CHECK(reg.artifacts().size() == 100u);
    for (int i = 0; i < 100; ++i) {
        const auto alias = "c" + std::to_string(i);
        const auto artifact = "a" + std::to_string(i);
        REQUIRE(reg.find_component(registry::key_of(alias)) != nullptr);
        CHECK(reg.find_component(registry::key_of(alias))->alias == alias);
        CHECK(reg.find_component(alias) == reg.find_component(registry::key_of(alias)));
        REQUIRE(reg.find_artifact(registry::key_of(artifact)) != nullptr);
        CHECK(reg.find_artifact(artifact)->name == artifact);
        CHECK(reg.find_artifact(registry::key_of(alias)) == nullptr);
        CHECK(reg.find_component(registry::key_of(artifact)) == nullptr);
    }
    CHECK(reg.find_component("c7")->logger_names == std::vector<std::string>{"lib.c7"});
    CHECK(reg.find_artifact("a7")->description == "replaced");
    CHECK(reg.find_component("c100") == nullptr);
}

namespace {

// Two pages, the second unreadable: text() ends exactly where the readable memory does, so
// a lookup or a parse that loads a byte past a name's end crashes (no ASan needed).
class guarded_page {
public:
    guarded_page() {
        page_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        void* map =
            mmap(nullptr, 2 * page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        REQUIRE(map != MAP_FAILED);
        base_ = static_cast<char*>(map);
        REQUIRE(mprotect(base_ + page_, page_, PROT_NONE) == 0);
    }
    ~guarded_page() { munmap(base_, 2 * page_); }
    guarded_page(const guarded_page&) = delete;
    guarded_page& operator=(const guarded_page&) = delete;

    // `content` copied to the last bytes of the readable page.
    std::string_view text(std::string_view content) {
        REQUIRE(content.size() <= page_);
        char* at = base_ + page_ - content.size();
        std::memcpy(at, content.data(), content.size());
        return {at, content.size()};
    }

private:
    std::size_t page_ = 0;
    char* base_ = nullptr;
};

}  // namespace

// key_of, find, intern and the spec's parse and validation read names eight bytes a step:
// never past the name's end, whatever its length and the bytes in it.
TEST_CASE("lookups and parsing never read past the end of a name", "[registry]") {
    guarded_page page;
    registry reg;
    reg.add_component("net", {"app.net"});
    reg.add_artifact({"wire", "bytes on the wire"});
    for (std::size_t length = 0; length <= 40; ++length) {
        for (const char byte : {'n', '\0', '\x80', '\xff'}) {
            CAPTURE(length, static_cast<int>(static_cast<unsigned char>(byte)));
            std::string name(length, 'n');
            if (length > 0) name[length / 2] = byte;
            const auto key = registry::key_of(page.text(name));
            CHECK(key.hash == registry::key_of(name).hash);
            CHECK(reg.find_component(key) == nullptr);
            CHECK(reg.find_artifact(key) == nullptr);
            const auto id = reg.intern(page.text(name));
            CHECK(reg.find(page.text(name)) == id);
            CHECK(reg.at(id).name == name);
            CHECK(reg.is_known_module(page.text(name)) == false);
        }
        const auto spec = page.text("+net,wire,app." + std::string(length + 1, 'm'));
        const auto s = validated(reg, spec);
        REQUIRE(s.levels.size() == 2u);
        CHECK(s.levels[1].name == "app." + std::string(length + 1, 'm'));
        CHECK(s.artifact_enabled("wire"));
    }
}

// The index places a name by the low 32 bits of its hash and tells names apart by their
// text: names whose low bits are equal share a probe sequence and are still found apart.
TEST_CASE("names whose hashes share their low 32 bits are told apart", "[registry]") {
    std::vector<std::pair<std::uint32_t, std::string>> tagged;
    for (int i = 0; i < 300000; ++i) {
        auto name = "m" + std::to_string(i);
        tagged.emplace_back(static_cast<std::uint32_t>(registry::key_of(name).hash),
                            std::move(name));
    }
    std::sort(tagged.begin(), tagged.end());
    std::vector<std::pair<std::string, std::string>> alike;
    for (std::size_t i = 1; i < tagged.size(); ++i) {
        if (tagged[i].first == tagged[i - 1].first) {
            alike.emplace_back(tagged[i - 1].second, tagged[i].second);
        }
    }
    REQUIRE(!alike.empty());  // about five pairs in 300,000 names (the birthday bound)
    registry reg;
    for (std::size_t i = 0; i < alike.size(); ++i) {
        const auto& [first, second] = alike[i];
        CAPTURE(first, second);
        CHECK(reg.find(first) == registry::no_node);
        const auto id = reg.add_module(first);
        CHECK(reg.find(second) == registry::no_node);
        CHECK(reg.find(first) == id);
        reg.add_component(first, {"c." + first});
        CHECK(reg.find_component(second) == nullptr);
        reg.add_artifact({second, "alike"});
        CHECK(reg.find_artifact(first) == nullptr);
        CHECK(reg.find_artifact(second)->name == second);
        CHECK(reg.find_component(first)->alias == first);
        const auto other = reg.add_module(second);
        CHECK(other != id);
        CHECK(reg.find(second) == other);
        CHECK(reg.find(first) == id);
    }
    // 100,000 more names through every growth of the index: each still found, once.
    for (int i = 0; i < 100000; ++i) reg.add_module("x" + std::to_string(i) + ".y");
    for (int i = 0; i < 100000; i += 7) {
        const auto name = "x" + std::to_string(i);
        REQUIRE(reg.find(name) != registry::no_node);
        CHECK(reg.at(reg.find(name + ".y")).parent == reg.find(name));
    }
    for (const auto& [first, second] : alike) {
        CHECK(reg.at(reg.find(first)).name == first);
        CHECK(reg.at(reg.find(second)).name == second);
    }
}

// A name past a page in length, dotted: every ancestor found by its full text.
TEST_CASE("names crafted to collide under an unseeded multiply hash get distinct hashes",
          "[registry]") {
    // For the step h' = (h ^ w) * M folded by h ^ (h >> 32), starting from 0, a second word
    // w2 = f(w1 * M) brings every two-word name back to one state: any number of 16-byte
    // names then share one hash, and a table of them probes linearly. complog's seeded,
    // 128-bit-folded step must give them distinct hashes.
    const std::uint64_t multiplier = 0x9e3779b97f4a7c15ULL;
    const auto spec_word = [](std::uint64_t w) {
        for (int i = 0; i < 8; ++i) {
            const auto b = static_cast<unsigned char>(w >> (8 * i));
            if (!std::isalnum(b) && b != '_') return false;
        }
        return true;
    };
    std::vector<std::string> crafted;
    std::uint64_t seed = 1;
    while (crafted.size() < 2000) {
        char first[8];
        for (auto& c : first) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            c = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"[(seed >> 33) %
                                                                                  63];
        }
        std::uint64_t w1 = 0;
        std::memcpy(&w1, first, 8);
        const std::uint64_t product = w1 * multiplier;
        const std::uint64_t w2 = product ^ (product >> 32);
        if (!spec_word(w2)) continue;
        std::string name(first, 8);
        name.append(reinterpret_cast<const char*>(&w2), 8);
        crafted.push_back(name);
    }
    std::vector<std::size_t> hashes;
    for (const auto& name : crafted) hashes.push_back(registry::key_of(name).hash);
    std::sort(hashes.begin(), hashes.end());
    CHECK(std::adjacent_find(hashes.begin(), hashes.end()) == hashes.end());
    registry reg;
    for (const auto& name : crafted) reg.add_module(name);
    for (const auto& name : crafted) CHECK(reg.at(reg.find(name)).name == name);
}

TEST_CASE("names over 4 KB and their ancestors are found", "[registry]") {
    registry reg;
    std::string name;
    for (std::size_t i = 0; name.size() < 70000; ++i)
        name += (i ? "." : "") + std::string(i % 300, 'q');
    const auto id = reg.add_module(name);
    CHECK(reg.find(name) == id);
    CHECK(reg.is_known_module(name));
    std::size_t ancestors = 0;
    for (auto dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
        const auto found = reg.find(std::string_view(name).substr(0, dot));
        REQUIRE(found != registry::no_node);
        CHECK(reg.at(found).name == std::string_view(name).substr(0, dot));
        ++ancestors;
    }
    CHECK(reg.size() == ancestors + 1);
    CHECK(reg.find(name + "q") == registry::no_node);
}
