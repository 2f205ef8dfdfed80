// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "spec.h"

#include "text.h"
#include "unicode.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <unordered_set>

namespace complog::detail {
namespace {

using detail::decode_utf8;

constexpr std::size_t context_chars = 40;  // of the spec shown around an error

// Characters no one sees: the soft hyphen, zero-width and direction marks, the BOM.
bool is_invisible(char32_t c) {
    return c == 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2060 && c <= 0x2064) || c == 0xfeff;
}

// A name holds any character but the spec's separators: ',' and '=' end it, and so do
// whitespace, control characters (C0, DEL, C1) and invisible ones, which no name is
// meant to hold (a pasted BOM or zero-width space is an error, not part of a name).
bool is_name_char(char32_t c) {
    const bool control = c < 0x20 || (c >= 0x7f && c < 0xa0);
    return c != ',' && c != '=' && !control && !is_invisible(c) && !detail::is_space_char(c);
}

// What a byte says of a name: below 0x80 whether is_name_char accepts it (one table read,
// no decoding, for the ASCII most names are), else that it starts a character to decode.
enum class name_byte : unsigned char { ends, ascii, multibyte };
constexpr auto name_bytes = [] {
    std::array<name_byte, 256> table{};
    for (std::size_t b = 0x21; b < 0x7f; ++b)
        table[b] = b == ',' || b == '=' ? name_byte::ends : name_byte::ascii;
    for (std::size_t b = 0x80; b < 0x100; ++b) table[b] = name_byte::multibyte;
    return table;
}();

// Whether one of the eight bytes of `word` is not name_byte::ascii (exact: the usual
// tests for a zero byte and a byte below n answer "any" without error), so that
// parse_spec skips the ASCII of a name eight bytes a step.
bool ends_ascii_run(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const auto has_zero = [&](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const auto below_0x21 = (word - ones * 0x21) & ~word & highs;
    return ((word & highs) | below_0x21 | has_zero(word ^ (ones * ',')) |
            has_zero(word ^ (ones * '=')) | has_zero(word ^ (ones * 0x7f))) != 0;
}

char lowered(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// spdlog's level names (level::from_str), in any case as spdlog's cfg lowercases them.
std::optional<level> parse_level_name(std::string_view name) {
    static constexpr std::pair<std::string_view, level> names[] = {
        {"trace", level::trace}, {"debug", level::debug},       {"info", level::info},
        {"warn", level::warn},   {"warning", level::warn},      {"err", level::err},
        {"error", level::err},   {"critical", level::critical}, {"off", level::off}};
    for (const auto& [text, value] : names) {
        if (text.size() == name.size() &&
            std::equal(text.begin(), text.end(), name.begin(),
                       [](char a, char b) { return a == lowered(b); })) {
            return value;
        }
    }
    return std::nullopt;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (const char byte : escaped(text)) {
        width += (static_cast<unsigned char>(byte) & 0xc0) != 0x80;
    }
    return width;
}

// "  <spec around pos>\n  <caret>" with at most context_chars bytes on each side.
std::string caret_line(std::string_view text, std::size_t pos) {
    auto begin = pos > context_chars ? pos - context_chars : 0;
    auto end = std::min(text.size(), pos + context_chars);
    while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xc0) == 0x80) --begin;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) ++end;
    std::string out = "  ";
    if (begin > 0) out += "...";
    append_escaped(out, text.substr(begin, end - begin));
    if (end < text.size()) out += "...";
    out += "\n  ";
    out.append((begin > 0 ? 3 : 0) + display_width(text.substr(begin, pos - begin)), ' ');
    out += '^';
    return out;
}

std::size_t column_of(std::string_view text, std::size_t pos) {
    std::size_t column = 1;
    for (std::size_t i = 0; i < pos; ++i)
        column += (static_cast<unsigned char>(text[i]) & 0xc0) != 0x80;
    return column;
}

[[noreturn]] void syntax_error(std::string_view text, std::size_t pos, const std::string& reason) {
    std::string message = reason + " at column " + std::to_string(column_of(text, pos)) + ":\n" +
                          caret_line(text, pos) +
                          "\nA spec is a comma-separated list of items: +name (debug), -name "
                          "(error), name (info), or name=level as in SPDLOG_LEVEL.";
    throw spec_error(message, "", pos, "");
}

// Explains the character at `pos` that ended an item or a name.
[[noreturn]] void unexpected(std::string_view text, std::size_t pos, bool after_prefix) {
    if (pos == text.size()) {
        syntax_error(text, pos,
                     after_prefix ? "expected a name after the prefix" : "expected a name");
    }
    const auto c = decode_utf8(text, pos);
    if (c.length == 0) syntax_error(text, pos, "invalid UTF-8");
    if (detail::is_space_char(c.value)) {
        syntax_error(text, pos, "whitespace is allowed only directly after a comma");
    }
    if (c.value == ',') syntax_error(text, pos, "empty item");
    if (c.value == '=') syntax_error(text, pos, "expected a name before '='");
    if (after_prefix && (c.value == '+' || c.value == '-')) {
        syntax_error(text, pos, "an item takes at most one prefix (+ or -)");
    }
    std::string shown;
    append_escaped(shown, text.substr(pos, c.length));
    if (is_name_char(c.value)) {  // only after `=level`
        syntax_error(text, pos, "unexpected character '" + shown + "' after the level");
    }
    syntax_error(text, pos,
                 std::string(is_invisible(c.value) ? "invisible" : "control") + " character '" +
                     shown + "' (names end at ',', '=', whitespace, control characters)");
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), so
// `dyanmo` is one edit from `dynamo`; max_edits + 1 for any distance above max_edits.
// Only the diagonal band of width 2 * max_edits + 1 can stay within the budget, so a
// row costs O(max_edits), and the search stops at the first row already over it.
// `rows` is scratch space, reused across candidates.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t max_edits,
                             std::vector<std::size_t>& rows) {
    const std::size_t over = max_edits + 1;
    if (std::max(a.size(), b.size()) - std::min(a.size(), b.size()) > max_edits) return over;
    // Cells outside the band read as `over`: only the one past each end is ever read.
    const std::size_t width = b.size() + 2;
    rows.assign(3 * width, over);
    auto* prev2 = rows.data();
    auto* prev = prev2 + width;
    auto* cur = prev + width;
    for (std::size_t j = 0; j <= std::min(b.size(), max_edits); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        const std::size_t lo = i > max_edits ? i - max_edits : 1;
        const std::size_t hi = std::min(b.size(), i + max_edits);
        cur[lo - 1] = lo == 1 ? std::min(i, over) : over;
        std::size_t row_min = cur[lo - 1];
        for (std::size_t j = lo; j <= hi; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            auto d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d = std::min(d, prev2[j - 2] + 1);
            }
            cur[j] = std::min(d, over);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min >= over) return over;
        cur[hi + 1] = over;
        auto* const oldest = prev2;
        prev2 = prev;
        prev = cur;
        cur = oldest;
    }
    return prev[b.size()];
}

std::string closest_name(const registry& reg, std::string_view name) {
    constexpr std::size_t max_edits = 2;
    // Beyond this a typo is unlikely and the search is not worth its cost: no suggestion.
    constexpr std::size_t max_suggested = 256;
    if (name.size() > max_suggested) return {};
    std::string best;
    std::size_t best_distance = max_edits + 1;
    std::vector<std::size_t> rows;
    const auto consider = [&](std::string_view candidate) {
        const auto distance = bounded_distance(name, candidate, max_edits, rows);
        if (distance < best_distance && distance < name.size()) {
            best_distance = distance;
            best = std::string(candidate);
        }
    };
    for (const auto& candidate : valid_names(reg)) consider(candidate);
    for (std::size_t id = 0; id < reg.size(); ++id) {
        const auto& n = reg.at(static_cast<registry::node_id>(id));
        if (n.known) consider(n.name);
    }
    return best;
}

std::string join_valid_names(const registry& reg) {
    std::string out;
    for (const auto& name : valid_names(reg)) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

// What an unknown name in a spec may have meant besides a registered name.
std::string hint_for_unknown(std::string_view name) {
    if (const auto lvl = parse_level_name(name)) {
        return "\n" + quoted(name) + " is a level, not a name: SPDLOG_LEVEL's bare level is " +
               quoted("*=" + level_name(*lvl)) + " here (every logger at " + level_name(*lvl) +
               "; +all and -all set debug and error).";
    }
    if (name.find(';') != std::string_view::npos) return "\nItems are separated by ',', not ';'.";
    return {};
}

[[noreturn]] void unknown_name(const registry& reg, std::string head, std::string_view name,
                               std::size_t position, std::string tail) {
    auto suggestion = closest_name(reg, name);
    head += tail;
    if (!suggestion.empty()) head += "\nDid you mean " + quoted(suggestion) + "?";
    head += hint_for_unknown(name);
    head += "\nValid names: " + join_valid_names(reg) +
            ", or the dotted name of a known module (e.g. " +
            quoted(reg.root().empty() ? std::string("myapp.net") : reg.root() + ".sub") + ").";
    throw spec_error(head, std::string(name), position, std::move(suggestion));
}

class settings_builder {
public:
    explicit settings_builder(const registry& reg, std::size_t entries = 0) : reg_(reg) {
        out_.levels.reserve(entries);
    }

    // What a level entry for `key` targets, or nothing: no level target. `key` is not an
    // artifact.
    [[nodiscard]] std::optional<target_kind> level_target(const registry::lookup_key& key,
                                                          validation_options options) const {
        const auto name = key.name;
        if (name.empty()) return std::nullopt;        // spdlog's default logger follows `all`
        if (name == "all") return target_kind::root;  // without a root: every logger (resolve.h)
        if (reg_.find_component(key)) return target_kind::component;
        if (options.accept_unknown_modules || reg_.is_known_module(key)) return target_kind::module;
        return std::nullopt;
    }

    // `name` and `origin` view keep()'s text or literals.
    void add_level(target_kind kind, std::string_view name, std::optional<level> value,
                   std::string_view origin) {
        out_.levels.push_back({kind, name, value, origin});
    }

    // Keeps `text` for the settings' entries to view.
    std::string_view keep(std::string text) { return text_->emplace_back(std::move(text)); }

    void set_artifact(const artifact_info& artifact, bool enabled) {
        if (enabled == (enabled_.count(&artifact) != 0)) return;
        if (enabled) {
            enabled_.insert(&artifact);
            out_.artifacts.push_back(artifact.name);
        } else {
            enabled_.erase(&artifact);
            out_.artifacts.erase(
                std::find(out_.artifacts.begin(), out_.artifacts.end(), artifact.name));
        }
    }

    settings take() {
        out_.text = std::move(text_);
        return std::move(out_);
    }

private:
    const registry& reg_;
    settings out_;
    std::shared_ptr<std::deque<std::string>> text_ = std::make_shared<std::deque<std::string>>();
    std::unordered_set<const artifact_info*> enabled_;
};

// string_view::find runs on memchr, which is vectorised here, unlike std::count: the
// count for reserve() stays cheap next to the parse itself.
std::size_t count_commas(std::string_view text) {
    std::size_t commas = 0;
    for (auto pos = text.find(','); pos != std::string_view::npos; pos = text.find(',', pos + 1)) {
        ++commas;
    }
    return commas;
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    for (std::size_t pos = 0; pos < text.size();) {
        const auto c = decode_utf8(text, pos);
        const auto length = c.length ? c.length : 1;
        // C0, DEL and C1 (U+0080..U+009F, where 0x9b is a CSI) control characters.
        const bool control = c.value < 0x20 || (c.value >= 0x7f && c.value < 0xa0);
        if (c.length && !control) {
            out.append(text.substr(pos, length));
        } else if (c.length && c.value == '\n') {
            out += "\\n";
        } else if (c.length && c.value == '\t') {
            out += "\\t";
        } else {
            for (std::size_t i = pos; i < pos + length; ++i) {
                const auto byte = static_cast<unsigned char>(text[i]);
                out += '\\';
                out += 'x';
                out += hex[byte >> 4];
                out += hex[byte & 0xf];
            }
        }
        pos += length;
    }
}

std::string quoted(std::string_view text) {
    constexpr std::size_t max_shown = 80;
    std::string out = "'";
    if (text.size() <= max_shown) {
        append_escaped(out, text);
    } else {
        auto cut = max_shown;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
        append_escaped(out, text.substr(0, cut));
        out += "...' (" + std::to_string(text.size()) + " bytes)";
        return out;
    }
    return out + "'";
}

parsed_spec parse_spec(std::string_view text) {
    parsed_spec out;
    if (text == "help") {
        out.kind = parsed_spec::request::help;
        return out;
    }
    if (text == "+help") {
        out.kind = parsed_spec::request::help_verbose;
        return out;
    }
    out.items.reserve(1 + count_commas(text));
    for (std::size_t pos = 0; pos < text.size();) {
        const auto start = pos;
        auto value = level::info;
        if (text[pos] == '+' || text[pos] == '-') {
            value = text[pos] == '+' ? level::debug : level::err;
            ++pos;
        }
        const auto name_start = pos;
        for (std::uint64_t word = 0; pos + sizeof word <= text.size(); pos += sizeof word) {
            std::memcpy(&word, text.data() + pos, sizeof word);
            if (ends_ascii_run(word)) break;
        }
        while (pos < text.size()) {
            const auto kind = name_bytes[static_cast<unsigned char>(text[pos])];
            if (kind == name_byte::ascii) {
                ++pos;
                continue;
            }
            if (kind == name_byte::ends) break;
            const auto c = decode_utf8(text, pos);
            if (c.length == 0 || !is_name_char(c.value)) break;
            pos += c.length;
        }
        if (pos == name_start) unexpected(text, pos, name_start != start);
        if (name_start != start && (text[name_start] == '+' || text[name_start] == '-')) {
            unexpected(text, name_start, true);
        }
        auto name = text.substr(name_start, pos - name_start);
        const bool wildcard = name == "*";
        bool assigned = false;
        if (pos < text.size() && text[pos] == '=') {
            // SPDLOG_LEVEL's form: name=level, *=level.
            if (name_start != start) {
                syntax_error(text, start, "an item takes a prefix (+ or -) or '=level', not both");
            }
            const auto level_start = ++pos;
            while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
            const auto level_name = text.substr(level_start, pos - level_start);
            const auto parsed = parse_level_name(level_name);
            if (!parsed) {
                syntax_error(text, level_start,
                             "unknown level " + quoted(level_name) +
                                 " (trace, debug, info, warn, err, critical, off)");
            }
            value = *parsed;
            assigned = true;
            if (wildcard) name = "all";
        } else if (wildcard) {
            syntax_error(text, start, "'*' needs a level: *=info");
        }
        out.items.push_back({name, value, start, pos - start, assigned});
        if (pos == text.size()) break;
        if (text[pos] != ',') unexpected(text, pos, false);
        ++pos;
        while (pos < text.size()) {
            const auto byte = static_cast<unsigned char>(text[pos]);
            if (byte > ' ' && byte < 0x80) break;  // ASCII, not a space: no decoding
            const auto c = decode_utf8(text, pos);
            if (c.length == 0 || !detail::is_space_char(c.value)) break;
            pos += c.length;
        }
        if (pos == text.size()) syntax_error(text, pos, "expected a name after ','");
    }
    return out;
}

settings validate(const registry& reg, const parsed_spec& spec, std::string_view text,
                  validation_options options, std::vector<unknown_item>* unknown) {
    settings_builder builder(reg, spec.items.size());
    // The items view `text` (but for the literal "all" of `*=level`): the entries view one
    // copy of it, not a copy each.
    const auto kept_text = builder.keep(std::string(text));
    const auto kept = [&](std::string_view part) {
        const auto at = reinterpret_cast<std::uintptr_t>(part.data()) -
                        reinterpret_cast<std::uintptr_t>(text.data());
        if (at <= text.size() && part.size() <= text.size() - at) {
            return kept_text.substr(at, part.size());
        }
        return part == "all" ? std::string_view("all") : builder.keep(std::string(part));
    };
    // Each name is hashed once for its three lookups (artifact, alias, module), 16 items
    // ahead. Lookups in a large registry wait on cache misses, each on what the one before
    // loads, so the items ahead are prefetched in stages: 16 ahead the name's index slot,
    // 8 ahead its node, 4 ahead its stored text. keys[j % 16] and hints[j % 16] are item j's.
    constexpr std::size_t ahead = 16, node_ahead = 8, name_ahead = 4;
    const auto count = spec.items.size();
    std::array<registry::lookup_key, ahead> keys{};
    std::array<registry::lookup_hint, ahead> hints{};
    const auto start_lookup = [&](std::size_t j) {
        keys[j % ahead] = registry::key_of(spec.items[j].name);
        hints[j % ahead] = reg.prefetch_slot(keys[j % ahead]);
    };
    for (std::size_t j = 0; j < std::min(count, ahead); ++j) start_lookup(j);
    for (std::size_t i = 0; i < count; ++i) {
        if (i + node_ahead < count) reg.prefetch_node(hints[(i + node_ahead) % ahead]);
        if (i + name_ahead < count) reg.prefetch_name(hints[(i + name_ahead) % ahead]);
        const auto key = keys[i % ahead];
        if (i + ahead < count) start_lookup(i + ahead);
        const auto& item = spec.items[i];
        if (const auto* artifact = reg.find_artifact(key)) {
            if (item.assigned) {
                throw spec_error("artifact " + detail::quoted(item.name) + " in item " +
                                     std::to_string(i + 1) +
                                     " takes no level: name it to turn it on\n" +
                                     caret_line(text, item.position),
                                 std::string(item.name), item.position, "");
            }
            builder.set_artifact(*artifact, true);
            continue;
        }
        if (const auto kind = builder.level_target(key, options)) {
            builder.add_level(*kind, kept(item.name), item.value,
                              kept(text.substr(item.position, item.length)));
            continue;
        }
        const auto where = " in item " + std::to_string(i + 1) + " at column " +
                           std::to_string(column_of(text, item.position));
        if (!unknown) {
            unknown_name(reg, "unknown name " + detail::quoted(item.name) + where, item.name,
                         item.position, ":\n" + caret_line(text, item.position));
        }
        const bool bare = !item.assigned && item.length == item.name.size();  // no prefix
        auto suggestion = closest_name(reg, item.name);
        auto message = "unknown name " + detail::quoted(item.name) + where +
                       ", kept until something of that name is registered:\n" +
                       caret_line(text, item.position);
        if (!suggestion.empty()) message += "\nDid you mean " + quoted(suggestion) + "?";
        message += hint_for_unknown(item.name);
        unknown->push_back({std::string(item.name), item.position, std::move(suggestion),
                            std::move(message),
                            bare ? std::nullopt : std::optional<level>(item.value)});
    }
    return builder.take();
}

bool pending_spec::may_bind(const registry& reg) const {
    for (const auto& name : unknown) {
        if (reg.find_component(name) || reg.find_artifact(name) || reg.is_known_module(name)) {
            return true;
        }
    }
    return false;
}

pending_spec keep_unknown(std::string text, std::string source, validation_options options,
                          const std::vector<unknown_item>& unknown, std::string& report) {
    pending_spec pending{std::move(text), std::move(source), options, {}, {}};
    for (const auto& item : unknown) {
        if (item.value) {
            const auto kept = std::find_if(pending.levels.begin(), pending.levels.end(),
                                           [&](const auto& l) { return l.first == item.name; });
            if (kept != pending.levels.end()) {
                kept->second = *item.value;  // the last item wins
            } else {
                pending.levels.emplace_back(item.name, *item.value);
            }
        }
        auto& names = pending.unknown;
        if (std::find(names.begin(), names.end(), item.name) != names.end()) continue;
        names.push_back(item.name);
        report += pending.source + ": " + item.message + "\n";
    }
    return pending;
}

settings pending_spec::revalidate(const registry& reg) {
    std::vector<unknown_item> still_unknown;
    auto s = validate(reg, parse_spec(text), text, options, &still_unknown);
    s.source = source;
    std::string unused_report;
    auto kept = keep_unknown({}, {}, {}, still_unknown, unused_report);
    unknown = std::move(kept.unknown);
    levels = std::move(kept.levels);
    return s;
}

settings validate(const registry& reg, const log_settings& args, validation_options options) {
    settings_builder builder(reg);
    const auto& entries = args.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        const auto where = " (set_logs argument " + std::to_string(i + 1) + ")";
        const auto key = registry::key_of(e.name);
        if (e.is_artifact) {
            if (const auto* artifact = reg.find_artifact(key)) {
                builder.set_artifact(*artifact, e.enabled);
                continue;
            }
            if (e.name == "all" || reg.find_component(key) || reg.is_known_module(key)) {
                throw spec_error(detail::quoted(e.name) + " is not an artifact" + where +
                                     ": give it a level with set() or unset()",
                                 e.name, i, "");
            }
        } else {
            if (reg.find_artifact(key)) {
                throw spec_error(detail::quoted(e.name) + " is an artifact" + where +
                                     ": artifacts take on/off, use artifact()",
                                 e.name, i, "");
            }
            if (const auto kind = builder.level_target(key, options)) {
                std::string origin =
                    e.value ? "set(" + e.name + ", " + detail::level_name(*e.value) + ")"
                            : "unset(" + e.name + ")";
                builder.add_level(*kind, builder.keep(e.name), e.value,
                                  builder.keep(std::move(origin)));
                continue;
            }
        }
        unknown_name(reg, "unknown name " + detail::quoted(e.name) + where, e.name, i, "");
    }
    return builder.take();
}

spdlog_level_value parse_spdlog_level(std::string_view text) {
    // spdlog's limits: nothing for the empty value or one over 512 bytes.
    constexpr std::size_t max_bytes = 512;
    spdlog_level_value out;
    if (text.size() > max_bytes) {
        out.skipped.push_back("ignoring the whole value: " + std::to_string(text.size()) +
                              " bytes, over spdlog's " + std::to_string(max_bytes));
        return out;
    }
    const auto trimmed = [](std::string_view part) {
        constexpr std::string_view spaces = " \n\r\t";
        const auto first = part.find_first_not_of(spaces);
        if (first == std::string_view::npos) return part.substr(part.size());
        return part.substr(first, part.find_last_not_of(spaces) + 1 - first);
    };
    // spdlog keeps the last item of each name (its map), then drops a bad level.
    std::vector<spec_item> items;
    std::map<std::string_view, std::size_t> item_of_name;
    std::vector<std::string_view> levels_written;
    for (std::size_t pos = 0; pos <= text.size();) {
        const auto comma = std::min(text.find(',', pos), text.size());
        const auto token = text.substr(pos, comma - pos);
        if (!token.empty()) {
            const auto eq = token.find('=');
            const auto name =
                eq == std::string_view::npos ? std::string_view{} : trimmed(token.substr(0, eq));
            const auto written =
                trimmed(eq == std::string_view::npos ? token : token.substr(eq + 1));
            const bool global = name.empty() || name == "*";
            spec_item item{global ? std::string_view("all") : name, level::info, pos, token.size(),
                           !global};
            const auto key = global ? std::string_view{} : name;
            if (const auto found = item_of_name.find(key); found != item_of_name.end()) {
                items[found->second] = item;
                levels_written[found->second] = written;
            } else {
                item_of_name.emplace(key, items.size());
                items.push_back(item);
                levels_written.push_back(written);
            }
        }
        pos = comma + 1;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& item = items[i];
        const auto lvl = parse_level_name(levels_written[i]);
        if (!lvl) {
            out.skipped.push_back(
                "ignoring item " + quoted(text.substr(item.position, item.length)) + " at column " +
                std::to_string(column_of(text, item.position)) + ": unknown level " +
                quoted(levels_written[i]) + " (trace, debug, info, warn, err, critical, off)");
            continue;
        }
        item.value = *lvl;
        // The global level first: spdlog lets a named logger win over it in any order.
        if (!item.assigned) {
            out.spec.items.insert(out.spec.items.begin(), item);
        } else {
            out.spec.items.push_back(item);
        }
    }
    return out;
}

std::vector<std::string> valid_names(const registry& reg) {
    std::vector<std::string> names;
    names.emplace_back("all");
    for (const auto& c : reg.components()) names.push_back(c.alias);
    for (const auto& a : reg.artifacts()) names.push_back(a.name);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

}  // namespace complog::detail
