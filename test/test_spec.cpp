// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// parse_spec (the grammar) and validate (the names) of the environment spec.

#include "catch_compat.h"
#include "internal.h"
#include "stderr_capture.h"
#include "test_sink.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using complog::test::contains;
using complog::test::error_of;

using complog::spec_error;
using complog::detail::parse_spec;
using complog::detail::parsed_spec;
using complog::detail::target_kind;

complog::detail::registry make_registry() {
    complog::detail::registry reg;
    reg.set_root("app");
    reg.add_component("net", {"app.net", "app.rpc"});
    reg.add_component("dynamo", {"app.dynamo"});
    reg.add_artifact({"wire", "bytes on the wire"});
    reg.add_artifact({"graph_code", "the generated code", true, true});
    reg.add_module("app.net.conn");
    reg.add_module("\xc3\xb3\xc3\xb3");  // two two-byte letters
    return reg;
}

complog::detail::settings validated(const complog::detail::registry& reg, std::string_view text,
                                    complog::detail::validation_options options = {}) {
    return complog::detail::validate(reg, parse_spec(text), text, options);
}

// "accepted", or "rejected at <byte offset>" for the spec_error parse_spec throws.
std::string parse_result(std::string_view text) {
    try {
        parse_spec(text);
    } catch (const spec_error& e) {
        return "rejected at " + std::to_string(e.position());
    }
    return "accepted";
}

// The message of the spec_error parse_spec throws, or "" when it accepts the text.
std::string parse_error_message(std::string_view text) {
    try {
        parse_spec(text);
    } catch (const spec_error& e) {
        return e.what();
    }
    return "";
}

std::vector<std::string> names_of(const parsed_spec& spec) {
    std::vector<std::string> out;
    for (const auto& item : spec.items) out.emplace_back(item.name);
    return out;
}

}  // namespace

TEST_CASE("a + prefix asks for debug, a - prefix for error and a bare name for info", "[spec]") {
    const auto parsed = parse_spec("+net,-dynamo,wire");
    CHECK(parsed.kind == parsed_spec::request::settings);
    REQUIRE(parsed.items.size() == 3u);
    CHECK(parsed.items[0].name == "net");
    CHECK(parsed.items[0].value == spdlog::level::debug);
    CHECK(parsed.items[1].name == "dynamo");
    CHECK(parsed.items[1].value == spdlog::level::err);
    CHECK(parsed.items[2].name == "wire");
    CHECK(parsed.items[2].value == spdlog::level::info);
}

TEST_CASE("each item records its byte offset and its length with the prefix", "[spec]") {
    const auto parsed = parse_spec("+net,\n  -dynamo,wire");
    REQUIRE(parsed.items.size() == 3u);
    CHECK(parsed.items[0].position == 0u);
    CHECK(parsed.items[0].length == 4u);
    CHECK(parsed.items[1].position == 8u);
    CHECK(parsed.items[1].length == 7u);
    CHECK(parsed.items[2].position == 16u);
    CHECK(parsed.items[2].length == 4u);
}

TEST_CASE("the empty spec has no items", "[spec]") {
    const auto parsed = parse_spec("");
    CHECK(parsed.kind == parsed_spec::request::settings);
    CHECK(parsed.items.empty());
}

TEST_CASE("whitespace directly after a comma is skipped", "[spec]") {
    const std::string text = GENERATE(as<std::string>{}, "a, b", "a,\nb", "a,\tb", "a,\r\n\t b",
                                      "a,\xc2\xa0"
                                      "b",
                                      "a,\xe3\x80\x80"
                                      "b",
                                      "a,\xe2\x80\x83\xc2\xa0 b",
                                      "a,\xc2\x85"
                                      "b",
                                      "a,\x1c\x0b\x0c"
                                      "b");
    const auto parsed = parse_spec(text);
    CHECK(names_of(parsed) == std::vector<std::string>{"a", "b"});
}

// parse_spec skips a name's ASCII eight bytes a step: a byte ending the name (or to be
// decoded) is found wherever it falls in a step, in every name length.
TEST_CASE("a name ends at the same byte wherever it falls in eight", "[spec]") {
    for (std::size_t length = 1; length <= 20; ++length) {
        const std::string name(length, 'n');
        const auto ends = [&](std::string_view after) {
            return name + std::string(after) + "nnnnnnnn";
        };
        CAPTURE(length);
        const auto split_text = ends(",");  // the items view it
        const auto split = parse_spec(split_text);
        REQUIRE(split.items.size() == 2u);
        CHECK(split.items[0].name == name);
        CHECK(split.items[1].name == "nnnnnnnn");
        const auto assigned_text = name + "=info";
        const auto assigned = parse_spec(assigned_text);
        REQUIRE(assigned.items.size() == 1u);
        CHECK(assigned.items[0].name == name);
        for (const auto* inside : {"\xc3\xa9", "~!"}) {  // é; 0x7e and 0x21 are name bytes
            const auto text = ends(inside);
            const auto whole = parse_spec(text);
            REQUIRE(whole.items.size() == 1u);
            CHECK(whole.items[0].name == text);
        }
        for (const auto* end : {" ", "\t", "\x01", "\x7f", "\xff", "\xc2\xa0", "\xef\xbb\xbf"}) {
            CAPTURE(std::string_view(end));
            CHECK(parse_result(ends(end)) == "rejected at " + std::to_string(length));
        }
    }
}

// Every byte value at every place of an eight-byte step, the step starting at the text's
// start or one byte in: a name byte continues the name, ',' splits it, any other byte
// below 0x80 and a lone byte from 0x80 (no UTF-8 character) are rejected where they are.
TEST_CASE("each byte value ends a name or not wherever it falls in eight", "[spec]") {
    for (const std::string prefix : {"", "+"}) {
        for (int value = 0; value < 256; ++value) {
            const auto byte = static_cast<char>(value);
            if (byte == '=') continue;  // `name=level` (the level is checked elsewhere)
            for (std::size_t at = prefix.size() + 1; at < prefix.size() + 24; ++at) {
                CAPTURE(prefix, value, at);
                auto text = prefix + std::string(24, 'n');
                text[at] = byte;
                const bool name_byte = value > ' ' && value < 0x7f && byte != ',';
                if (name_byte) {
                    const auto parsed = parse_spec(text);
                    CHECK(names_of(parsed) == std::vector<std::string>{text.substr(prefix.size())});
                } else if (byte == ',' && at + 1 < text.size()) {
                    CHECK(names_of(parse_spec(text)) ==
                          std::vector<std::string>{text.substr(prefix.size(), at - prefix.size()),
                                                   text.substr(at + 1)});
                } else if (byte != ',') {
                    CHECK(parse_result(text) == "rejected at " + std::to_string(at));
                }
            }
        }
    }
}

TEST_CASE("whitespace anywhere but directly after a comma is rejected", "[spec]") {
    CHECK(parse_result(" a") == "rejected at 0");
    CHECK(parse_result("\na") == "rejected at 0");
    CHECK(parse_result("a ") == "rejected at 1");
    CHECK(parse_result("a\t") == "rejected at 1");
    CHECK(parse_result("a\n") == "rejected at 1");
    CHECK(parse_result("a ,b") == "rejected at 1");
    CHECK(parse_result("+ a") == "rejected at 1");
    CHECK(parse_result("- a") == "rejected at 1");
    CHECK(parse_result("a,b ") == "rejected at 3");
    CHECK(parse_result("a\xc2\xa0") == "rejected at 1");
    CHECK(parse_result("\xc2\xa0"
                       "a") == "rejected at 0");
    CHECK(parse_result("a, +\tb") == "rejected at 4");
    // Zero-width space and BOM are not whitespace, nor name characters.
    CHECK(parse_result("a,\xe2\x80\x8b"
                       "b") == "rejected at 2");
    CHECK(parse_result("a,\xef\xbb\xbf"
                       "b") == "rejected at 2");
    CHECK(contains(parse_error_message("a ,b"), "whitespace"));
    CHECK(contains(parse_error_message("+ a"), "whitespace"));
}

TEST_CASE("empty items and a trailing comma are rejected", "[spec]") {
    CHECK(parse_result("a,,b") == "rejected at 2");
    CHECK(parse_result("a,") == "rejected at 2");
    CHECK(parse_result("a, ") == "rejected at 3");
    CHECK(parse_result(",a") == "rejected at 0");
    CHECK(parse_result(",") == "rejected at 0");
    CHECK(parse_result("a, ,b") == "rejected at 3");
}

TEST_CASE("an item takes at most one prefix and a prefix needs a name", "[spec]") {
    CHECK(parse_result("++a") == "rejected at 1");
    CHECK(parse_result("+-a") == "rejected at 1");
    CHECK(parse_result("--a") == "rejected at 1");
    CHECK(parse_result("+") == "rejected at 1");
    CHECK(parse_result("-") == "rejected at 1");
    CHECK(parse_result("a,+") == "rejected at 3");
}

TEST_CASE("names hold every character spdlog names hold but the separators", "[spec]") {
    const auto parsed =
        parse_spec("my-logger,+erhe::net::socket,-a+b,a;b,a@b,a/b,Tcp:1,x*,[x],-help-me");
    CHECK(names_of(parsed) == std::vector<std::string>{"my-logger", "erhe::net::socket", "a+b",
                                                       "a;b", "a@b", "a/b", "Tcp:1", "x*", "[x]",
                                                       "help-me"});
    CHECK(parsed.items[1].value == spdlog::level::debug);
    CHECK(parsed.items[2].value == spdlog::level::err);
}

TEST_CASE("control characters end names and are rejected", "[spec]") {
    CHECK(parse_result(std::string_view("a\0b", 3)) == "rejected at 1");
    CHECK(parse_result(std::string_view("\0", 1)) == "rejected at 0");
    CHECK(parse_result("a\x01") == "rejected at 1");
    CHECK(parse_result("a\x7f") == "rejected at 1");
    CHECK(parse_result("a\xc2\x9b") == "rejected at 1");  // C1 CSI
    CHECK(contains(parse_error_message("a\x01"), "control character '\\x01'"));
}

TEST_CASE("a leading + or - is the prefix, once; = and , are separators", "[spec]") {
    CHECK(parse_result("++a") == "rejected at 1");
    CHECK(parse_result("+-a") == "rejected at 1");
    CHECK(parse_result("=a") == "rejected at 0");
    CHECK(parse_result("a=debug-x") == "rejected at 7");
    CHECK(contains(parse_error_message("a=debug-x"), "after the level"));
    CHECK(names_of(parse_spec("a-,b+")) == std::vector<std::string>{"a-", "b+"});
}

TEST_CASE("a ';' between names gets the separator hint", "[spec]") {
    const auto reg = make_registry();
    const auto e = error_of([&] { validated(reg, "net;wire"); });
    REQUIRE(e.has_value());
    CHECK(e->item() == "net;wire");
    CHECK(contains(e->what(), "Items are separated by ',', not ';'"));
}

TEST_CASE("names spdlog programs use are validated like dotted ones", "[spec]") {
    auto reg = make_registry();
    reg.add_module("my-logger");
    reg.add_module("erhe::net::socket");
    const auto s = validated(reg, "+my-logger,erhe::net::socket=trace");
    REQUIRE(s.levels.size() == 2u);
    CHECK(s.levels[0].name == "my-logger");
    CHECK(s.levels[0].value == spdlog::level::debug);
    CHECK(s.levels[1].name == "erhe::net::socket");
    CHECK(s.levels[1].value == spdlog::level::trace);
    // '::' does not build the hierarchy: erhe::net::socket is a top-level name.
    CHECK(reg.find("erhe") == complog::detail::registry::no_node);
}

TEST_CASE("invalid UTF-8 is rejected at the offending byte", "[spec]") {
    CHECK(parse_result("a\xff") == "rejected at 1");
    CHECK(parse_result("ab\xc3") == "rejected at 2");            // truncated sequence
    CHECK(parse_result("\xc0\xaf") == "rejected at 0");          // overlong '/'
    CHECK(parse_result("a,\xed\xa0\x80") == "rejected at 2");    // surrogate
    CHECK(parse_result("\xf4\x90\x80\x80") == "rejected at 0");  // above U+10FFFF
    CHECK(parse_result("a\x80") == "rejected at 1");             // stray continuation byte
    CHECK(contains(parse_error_message("a\xff"), "UTF-8"));
}

TEST_CASE("letters, digits, underscores and dots make names, non-ASCII letters included",
          "[spec]") {
    const auto parsed = parse_spec(
        "m\xc3\xb3"
        "dulo,+a.b_c.d9,-_x,123,.,\xce\xa9,"
        "\xe6\x97\xa5\xe6\x9c\xac");
    CHECK(names_of(parsed) == std::vector<std::string>{"m\xc3\xb3"
                                                       "dulo",
                                                       "a.b_c.d9", "_x", "123", ".", "\xce\xa9",
                                                       "\xe6\x97\xa5\xe6\x9c\xac"});
}

TEST_CASE("help and +help ask for the listing only as the whole value", "[spec]") {
    SECTION("help") {
        const auto parsed = parse_spec("help");
        CHECK(parsed.kind == parsed_spec::request::help);
        CHECK(parsed.items.empty());
    }
    SECTION("+help") {
        const auto parsed = parse_spec("+help");
        CHECK(parsed.kind == parsed_spec::request::help_verbose);
        CHECK(parsed.items.empty());
    }
    SECTION("help among other items is a plain name") {
        const auto parsed = parse_spec("dynamo,help");
        CHECK(parsed.kind == parsed_spec::request::settings);
        CHECK(names_of(parsed) == std::vector<std::string>{"dynamo", "help"});
    }
    SECTION("-help is a plain name at error") {
        const auto parsed = parse_spec("-help");
        CHECK(parsed.kind == parsed_spec::request::settings);
        REQUIRE(parsed.items.size() == 1u);
        CHECK(parsed.items[0].value == spdlog::level::err);
    }
    SECTION("help with whitespace around it is an error") {
        CHECK(parse_result("help ") == "rejected at 4");
        CHECK(parse_result(" help") == "rejected at 0");
        CHECK(parse_result("+help\n") == "rejected at 5");
    }
}

TEST_CASE("a spec_error gives the byte offset, and what() the column and a caret", "[spec]") {
    // Two two-byte letters: byte offset 4, but column 3.
    const std::string text = "\xc3\xb3\xc3\xb3 ";
    const auto e = error_of([&] { parse_spec(text); });
    REQUIRE(e.has_value());
    CHECK(e->position() == 4u);
    const std::string what = e->what();
    CHECK(contains(what, "column 3"));
    CHECK(contains(what, "\n  \xc3\xb3\xc3\xb3 \n    ^"));
}

TEST_CASE("the caret lines up with escaped control characters and invalid bytes", "[spec]") {
    const auto tab = error_of([] { parse_spec("a,\tb c"); });
    REQUIRE(tab.has_value());
    CHECK(contains(tab->what(), "\n  a,\\tb c\n       ^"));
    const auto bad = error_of([] { parse_spec("ab\xff"); });
    REQUIRE(bad.has_value());
    CHECK(contains(bad->what(), "\n  ab\\xff\n    ^"));
}

TEST_CASE("the caret line shows only the spec around a far error", "[spec]") {
    const std::string text = std::string(60, 'a') + " " + std::string(60, 'b');
    const auto e = error_of([&] { parse_spec(text); });
    REQUIRE(e.has_value());
    CHECK(e->position() == 60u);
    CHECK(contains(e->what(), "column 61"));
    const std::string shown = "  ..." + std::string(40, 'a') + " " + std::string(39, 'b') +
                              "...\n  " + std::string(43, ' ') + "^";
    CHECK(contains(e->what(), shown));
}

TEST_CASE("a syntax error names no item and suggests nothing", "[spec]") {
    const auto e = error_of([] { parse_spec("net,,wire"); });
    REQUIRE(e.has_value());
    CHECK(e->item().empty());
    CHECK(e->suggestion().empty());
    CHECK(e->position() == 4u);
}

TEST_CASE("an unknown name is rejected with the closest registered name", "[spec]") {
    const auto reg = make_registry();
    const std::string text = "+net,\n  +dyanmo";
    const auto e = error_of([&] { validated(reg, text); });
    REQUIRE(e.has_value());
    CHECK(e->item() == "dyanmo");
    CHECK(e->suggestion() == "dynamo");
    CHECK(e->position() == 8u);
    const std::string what = e->what();
    CHECK(contains(what, "'dyanmo'"));
    CHECK(contains(what, "Did you mean 'dynamo'"));
    CHECK(contains(what, "Valid names: all, dynamo, graph_code, net, wire"));
}

TEST_CASE("an unknown name's column counts characters, its position bytes", "[spec]") {
    const auto reg = make_registry();
    const auto e = error_of([&] { validated(reg, "\xc3\xb3\xc3\xb3,+dyanmo"); });
    REQUIRE(e.has_value());
    CHECK(e->position() == 5u);
    CHECK(contains(e->what(), "item 2 at column 4"));
}

TEST_CASE("a name far from every registered name gets no suggestion", "[spec]") {
    const auto reg = make_registry();
    const auto e = error_of([&] { validated(reg, "zzzzzzzz"); });
    REQUIRE(e.has_value());
    CHECK(e->suggestion().empty());
    CHECK(contains(e->what(), "Valid names: all, dynamo, graph_code, net, wire"));
}

TEST_CASE("names are case-sensitive and must be registered exactly", "[spec]") {
    const auto reg = make_registry();
    const std::string text = GENERATE(as<std::string>{}, "Dynamo", "NET", "ALL", "dyanmo", ".",
                                      "app.", "123", "app.nett", "dynamo,help");
    CHECK_THROWS_AS(validated(reg, text), spec_error);
}

TEST_CASE("artifacts are enabled whatever their prefix", "[spec]") {
    const auto reg = make_registry();
    const std::string text = GENERATE(as<std::string>{}, "wire", "+wire", "-wire");
    const auto s = validated(reg, text);
    CHECK(s.levels.empty());
    CHECK(s.artifacts == std::vector<std::string>{"wire"});
    CHECK(s.artifact_enabled("wire"));
    CHECK_FALSE(s.artifact_enabled("graph_code"));
}

TEST_CASE("all names the root", "[spec]") {
    const auto reg = make_registry();
    const auto s = validated(reg, "-all");
    REQUIRE(s.levels.size() == 1u);
    CHECK(s.levels[0].kind == target_kind::root);
    CHECK(s.levels[0].name == "all");
    CHECK(s.levels[0].value == spdlog::level::err);
    CHECK(s.levels[0].origin == "-all");
}

TEST_CASE("known modules and full logger names are accepted as modules", "[spec]") {
    const auto reg = make_registry();
    const auto s = validated(reg, "+app.net.conn,app.dynamo,app");
    REQUIRE(s.levels.size() == 3u);
    CHECK(s.levels[0].kind == target_kind::module);
    CHECK(s.levels[0].name == "app.net.conn");
    CHECK(s.levels[0].value == spdlog::level::debug);
    CHECK(s.levels[1].kind == target_kind::module);
    CHECK(s.levels[1].name == "app.dynamo");
    CHECK(s.levels[1].value == spdlog::level::info);
    CHECK(s.levels[2].kind == target_kind::module);
    CHECK(s.levels[2].name == "app");
}

TEST_CASE("unknown dotted names are accepted only when validation allows them", "[spec]") {
    const auto reg = make_registry();
    CHECK_THROWS_AS(validated(reg, "+other.thing"), spec_error);
    CHECK_THROWS_AS(validated(reg, "+app.net.new"), spec_error);

    const auto s =
        validated(reg, "+other.thing,-app.net.new,wire", complog::detail::validation_options{true});
    REQUIRE(s.levels.size() == 2u);
    CHECK(s.levels[0].kind == target_kind::module);
    CHECK(s.levels[0].name == "other.thing");
    CHECK(s.levels[0].value == spdlog::level::debug);
    CHECK(s.levels[1].kind == target_kind::module);
    CHECK(s.levels[1].name == "app.net.new");
    CHECK(s.levels[1].value == spdlog::level::err);
    CHECK(s.artifacts == std::vector<std::string>{"wire"});
}

TEST_CASE("level entries keep their left-to-right order and their origin", "[spec]") {
    const auto reg = make_registry();
    const auto s = validated(reg, "+net,-all, dynamo,+app.net.conn,-net");
    REQUIRE(s.levels.size() == 5u);
    CHECK(s.levels[0].kind == target_kind::component);
    CHECK(s.levels[0].name == "net");
    CHECK(s.levels[0].value == spdlog::level::debug);
    CHECK(s.levels[0].origin == "+net");
    CHECK(s.levels[1].kind == target_kind::root);
    CHECK(s.levels[1].origin == "-all");
    CHECK(s.levels[2].kind == target_kind::component);
    CHECK(s.levels[2].name == "dynamo");
    CHECK(s.levels[2].value == spdlog::level::info);
    CHECK(s.levels[2].origin == "dynamo");
    CHECK(s.levels[3].kind == target_kind::module);
    CHECK(s.levels[3].origin == "+app.net.conn");
    CHECK(s.levels[4].name == "net");
    CHECK(s.levels[4].value == spdlog::level::err);
    CHECK(s.levels[4].origin == "-net");
}

TEST_CASE("an artifact named twice is enabled once", "[spec]") {
    const auto reg = make_registry();
    const auto s = validated(reg, "wire,+graph_code,+wire,-wire,graph_code");
    CHECK(s.artifacts == std::vector<std::string>{"wire", "graph_code"});
}

TEST_CASE("the valid names are all, the aliases and the artifacts, sorted", "[spec]") {
    const auto reg = make_registry();
    CHECK(complog::detail::valid_names(reg) ==
          std::vector<std::string>{"all", "dynamo", "graph_code", "net", "wire"});
}

// The did-you-mean search is bounded: two edits at most, within the diagonal band,
// and no search at all for names longer than 256 bytes.
TEST_CASE("suggestions allow two edits, transpositions counting as one", "[spec]") {
    auto reg = make_registry();
    reg.add_module("app.storage.engine");
    const auto suggestion = [&](const std::string& text) {
        const auto e = error_of([&] { validated(reg, text); });
        REQUIRE(e.has_value());
        return e->suggestion();
    };
    CHECK(suggestion("app.storage.engien") == "app.storage.engine");  // one transposition
    CHECK(suggestion("app.storage.engin") == "app.storage.engine");   // one deletion
    CHECK(suggestion("app.storag.engin") == "app.storage.engine");    // two deletions
    CHECK(suggestion("app.stoXage.engiXe") == "app.storage.engine");  // two substitutions
    CHECK(suggestion("app.sXorXge.engiXe").empty());                  // three
    CHECK(suggestion("app.storage.engineXYZ").empty());               // three insertions
    CHECK(suggestion("XXapp.storage.engine") == "app.storage.engine");
}

TEST_CASE("long names get a suggestion up to 256 bytes, none beyond", "[spec]") {
    auto reg = make_registry();
    const std::string short_one = "app." + std::string(250, 'm');  // 254 bytes
    const std::string long_one = "app." + std::string(300, 'm');
    const std::string huge = "app." + std::string(64 * 1024, 'm');
    for (const auto& name : {short_one, long_one, huge}) reg.add_module(name);
    const auto suggestion = [&](std::string text) {
        text[10] = 'x';
        const auto e = error_of([&] { validated(reg, text); });
        REQUIRE(e.has_value());
        return e->suggestion();
    };
    CHECK(suggestion(short_one) == short_one);
    CHECK(suggestion(long_one).empty());
    CHECK(suggestion(huge).empty());
    // A 64 KB unknown name beside a registered 32 KB one: nothing to suggest either.
    reg.add_module(std::string(32 * 1024, 'n'));
    CHECK(suggestion(std::string(64 * 1024, 'n')).empty());
}

TEST_CASE("a suggestion is printed escaped", "[spec]") {
    auto reg = make_registry();
    reg.add_module("app.\x1b[31mred");
    const auto e = error_of([&] { validated(reg, "app.31mred"); });
    REQUIRE(e.has_value());
    CHECK(e->suggestion() == "app.\x1b[31mred");
    CHECK(contains(e->what(), "Did you mean 'app.\\x1b[31mred'?"));
    CHECK_FALSE(contains(e->what(), "\x1b"));
}

TEST_CASE("parsed items view the spec's text", "[spec]") {
    const std::string text = "+app.net.conn,dynamo=warn,*=info";
    const auto parsed = parse_spec(text);
    REQUIRE(parsed.items.size() == 3u);
    CHECK(parsed.items[0].name.data() == text.data() + 1);
    CHECK(parsed.items[1].name.data() == text.data() + 14);
    CHECK(parsed.items[2].name == "all");
    // validate keeps copies: the settings outlive the text.
    complog::detail::settings s;
    {
        const auto reg = make_registry();
        std::string owned = text;
        s = complog::detail::validate(reg, parse_spec(owned), owned);
        owned.assign(owned.size(), '#');
    }
    REQUIRE(s.levels.size() == 3u);
    CHECK(s.levels[0].name == "app.net.conn");
    CHECK(s.levels[0].origin == "+app.net.conn");
    CHECK(s.levels[1].origin == "dynamo=warn");
}

TEST_CASE("validate can keep unknown items instead of rejecting the spec", "[spec][late_names]") {
    const auto reg = make_registry();
    const std::string text = "+net,-plugn,wire,+later.mod";
    std::vector<complog::detail::unknown_item> unknown;
    const auto s = complog::detail::validate(reg, parse_spec(text), text, {}, &unknown);
    REQUIRE(s.levels.size() == 1u);
    CHECK(s.levels[0].name == "net");
    CHECK(s.artifacts == std::vector<std::string>{"wire"});
    REQUIRE(unknown.size() == 2u);
    CHECK(unknown[0].name == "plugn");
    CHECK(unknown[0].position == 5u);
    CHECK(contains(unknown[0].message, "unknown name 'plugn' in item 2 at column 6"));
    CHECK(contains(unknown[0].message, "  +net,-plugn,wire,+later.mod\n       ^"));
    CHECK(unknown[1].name == "later.mod");
    CHECK(unknown[1].suggestion.empty());
}

TEST_CASE("a pending spec binds its names as the registry learns them", "[spec][late_names]") {
    auto reg = make_registry();
    const std::string text = "-plugin,+net,+later.mod";
    std::vector<complog::detail::unknown_item> unknown;
    complog::detail::validate(reg, parse_spec(text), text, {}, &unknown);
    std::string report;
    auto pending = complog::detail::keep_unknown(text, "TEST_LOGS", {}, unknown, report);
    CHECK(pending.unknown == std::vector<std::string>{"plugin", "later.mod"});
    using level_of_name = std::pair<std::string, spdlog::level::level_enum>;
    CHECK(pending.levels == std::vector<level_of_name>{{"plugin", spdlog::level::err},
                                                       {"later.mod", spdlog::level::debug}});
    CHECK_FALSE(pending.may_bind(reg));

    reg.add_component("plugin", {"app.plugin"});
    REQUIRE(pending.may_bind(reg));
    auto s = pending.revalidate(reg);
    CHECK(s.source == "TEST_LOGS");
    REQUIRE(s.levels.size() == 2u);
    CHECK(s.levels[0].name == "plugin");  // in the spec's order
    CHECK(s.levels[1].name == "net");
    CHECK(pending.unknown == std::vector<std::string>{"later.mod"});
    CHECK(pending.levels == std::vector<level_of_name>{{"later.mod", spdlog::level::debug}});

    reg.add_module("later.mod");
    REQUIRE(pending.may_bind(reg));
    s = pending.revalidate(reg);
    CHECK(s.levels.size() == 3u);
    CHECK(pending.unknown.empty());
    CHECK(pending.levels.empty());
}

TEST_CASE("a pending name's level is its last item's", "[spec][late_names]") {
    auto reg = make_registry();
    const std::string text = "+plugin,net,plugin=warn";
    std::vector<complog::detail::unknown_item> unknown;
    complog::detail::validate(reg, parse_spec(text), text, {}, &unknown);
    std::string report;
    const auto pending = complog::detail::keep_unknown(text, "TEST_LOGS", {}, unknown, report);
    REQUIRE(pending.levels.size() == 1u);
    CHECK(pending.levels[0].second == spdlog::level::warn);
    CHECK(complog::test::occurrences(report, "unknown name 'plugin'") == 1);  // once
}
