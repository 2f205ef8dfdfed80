// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/context.h>
#include <complog/format.h>
#include <complog/logger.h>

#include "explain.h"
#include "gate_sink.h"
#include "spdlog_registry.h"
#include "spec.h"
#include "state.h"
#include "text.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <pthread.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace complog {
namespace detail {

state& global() {
    static state* const instance = [] {
        auto* s = new state;
        s->gate = std::make_shared<gate_sink>(*s);
        // Buffered _OUT records are written before fork(): a child that flushes would
        // otherwise write the parent's pending records a second time.
        pthread_atfork([] { global().output->flush(); }, nullptr, nullptr);
        return s;
    }();
    return *instance;
}

void report(std::string_view text) {
    std::string line = "complog: ";
    line += text;
    if (line.back() != '\n') line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

// The spec governs the part of the tree under the root or a component (and artifacts,
// which it silences). An adopted logger keeps its own sinks: outside that part, its
// level is the program's, not complog's.
bool spec_governs(const resolved_level& r) { return r.reaches_sink || r.artifact_off; }

bool governs(const logger_slot& slot, const resolved_level& r) {
    return !slot.foreign || spec_governs(r);
}

void state::rebuild() {
    table = resolve(reg, current, opts.default_level);
    loggers.resize(reg.size());
    names_without_logger.clear();
    for (registry::node_id id = 0; id < loggers.size(); ++id) {
        const auto& slot = loggers[id];
        if (slot.logger) {
            if (governs(slot, table[id])) slot.logger->set_level(table[id].pushed());
        } else {
            note_if_without_logger(id);
        }
    }
    push_levels_for_names();
    generation.fetch_add(1, std::memory_order_release);
}

void state::resolve_added() {
    if (table.size() == reg.size()) return;
    // New names change no decision the gate has cached: the generation stays.
    resolve_new(reg, opts.default_level, table);
    loggers.resize(reg.size());
}

void state::note_if_without_logger(registry::node_id id) {
    const auto& n = reg.at(id);
    if ((n.known || n.owns_sink) && !n.name.empty() && !loggers[id].logger) {
        names_without_logger.insert(id);
    }
}

void state::push_levels_for_names() {
    // Known names without a logger yet: a logger spdlog's factories create under one
    // of them later (drop-in programs) starts at the level the spec gives it. Only once
    // the program has shown it makes loggers that way: spdlog applies the map to every
    // logger it holds, a pass a program that gets all its loggers from complog is spared.
    if (!factory_loggers_seen) return;
    std::unordered_map<std::string, level> levels;
    for (const auto id : names_without_logger) {
        if (spec_governs(table[id])) {
            levels.emplace(std::string(reg.at(id).name), table[id].pushed());
        }
    }
    // spdlog applies the map to every logger it holds, by name: skip it when unchanged.
    if (levels == levels_for_names) return;
    levels_for_names = levels;
    spdlog_registry::set_levels_for_names(std::move(levels));
}

void state::refresh_formatter() {
    if (format_pattern) return output->use_formatter(make_pattern_formatter(*format_pattern));
    record_formatter::artifact_formats formats;
    for (const auto& a : reg.artifacts()) {
        if (!a.format.empty()) formats.emplace_back(a.name, a.format);
    }
    output->use_formatter(std::make_unique<record_formatter>(std::move(formats)));
}

registry::node_id state::add_known_name(std::string_view name) {
    const auto id = reg.add_module(name);
    resolve_added();
    if (!loggers[id].logger && !names_without_logger.count(id)) {
        note_if_without_logger(id);
        push_levels_for_names();
    }
    return id;
}

level state::threshold(std::string_view name) {
    std::lock_guard<std::mutex> lock(mutex);
    return table[add_known_name(name)].pushed();
}

}  // namespace detail

namespace {

using namespace detail;
using detail::global;
using detail::state;

// Applies validated settings: modules outside every component become components
// of their own (PyTorch's rule), then every level is recomputed.
void commit(state& st, settings s) {
    for (const auto& e : s.levels) {
        if (e.kind != target_kind::module) continue;
        auto id = st.reg.find(e.name);
        if (id == registry::no_node || !st.reg.at(id).known) id = st.reg.add_module(e.name);
        if (!st.reg.under_sink_owner(id)) st.reg.promote(e.name);
    }
    st.current = std::move(s);
    st.rebuild();
}

std::shared_ptr<spdlog::logger> attach(state& st, registry::node_id id,
                                       std::shared_ptr<spdlog::logger> logger, bool foreign) {
    st.loggers[id] = {logger, foreign};
    if (!st.names_without_logger.empty()) st.names_without_logger.erase(id);
    if (foreign && !st.factory_loggers_seen && !logger->name().empty()) {
        st.factory_loggers_seen = true;  // spdlog's default logger does not count
        st.push_levels_for_names();
    }
    if (detail::governs(st.loggers[id], st.table[id])) logger->set_level(st.table[id].pushed());
    return logger;
}

void adopt(state& st, const std::vector<std::shared_ptr<spdlog::logger>>& found) {
    for (const auto& logger : found) {
        const auto id = st.reg.add_module(logger->name());
        st.resolve_added();
        if (st.loggers[id].logger != logger) attach(st, id, logger, true);
    }
}

// The spec init() applies: the program's variable, or SPDLOG_LEVEL in its place.
struct environment_spec {
    std::string variable;
    std::string text;
    validation_options options;
};

const char* companion(const options& opts, const char* suffix) {
    if (opts.env_var.empty()) return nullptr;
    const char* value = std::getenv((opts.env_var + suffix).c_str());
    return value && *value ? value : nullptr;
}

// "logs/out.txt" -> "logs/out.rank3.txt"
std::string per_rank_path(const std::string& path, int r) {
    const auto slash = path.rfind('/');
    const auto dot = path.rfind('.');
    const auto at = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1)
                        ? dot
                        : path.size();
    return path.substr(0, at) + ".rank" + std::to_string(r) + path.substr(at);
}

// Reads RANK and the <VAR>_FORMAT, _OUT and _TRACE_ID_FILTER companions. Problems
// are appended to `messages`; each falls back to the default and logging goes on.
void configure_output(state& st, std::string& messages) {
    const auto note = [&](const std::string& text) { messages += text + "\n"; };
    if (const char* r = std::getenv("RANK"); r && *r) {
        char* end = nullptr;
        const long value = std::strtol(r, &end, 10);
        if (*end == '\0' && value >= 0 && value <= 1000000) {
            set_rank(static_cast<int>(value));
        } else {
            note("ignoring RANK='" + std::string(r) + "': not a rank");
        }
    }
    const auto& var = st.opts.env_var;
    st.format_pattern.reset();
    if (const char* format = companion(st.opts, "_FORMAT")) {
        try {
            st.format_pattern = translate_format(format);
        } catch (const std::invalid_argument& e) {
            note(var + "_FORMAT: " + e.what() + "; using the default format");
        }
    }
    st.refresh_formatter();

    spdlog::sink_ptr file;
    if (const char* out = companion(st.opts, "_OUT")) {
        const auto path = st.opts.out_per_rank && rank() >= 0 ? per_rank_path(out, rank()) : out;
        // Checked with fopen first: spdlog would create missing directories, and its
        // error does not say why a path cannot be opened.
        if (std::FILE* probe = std::fopen(path.c_str(), "ab")) {
            std::fclose(probe);
            try {
                file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, false);
            } catch (const spdlog::spdlog_ex& e) {
                note(var + "_OUT: cannot open '" + path + "': " + e.what() +
                     "; logging to the console only");
            }
        } else {
            note(var + "_OUT: cannot open '" + path + "': " + std::strerror(errno) +
                 "; logging to the console only");
        }
    }
    st.output->set_file(file);

    std::vector<std::string> tags;
    if (const char* filter = companion(st.opts, "_TRACE_ID_FILTER")) {
        std::string_view rest(filter);
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            auto tag = rest.substr(0, comma);
            while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
            while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
            if (!tag.empty()) tags.emplace_back(tag);
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
    }
    st.output->set_trace_filter(std::move(tags));
}

// Reads the program's variable (or SPDLOG_LEVEL in its place) into settings and says
// what it found in `result`. A bad value gives the default settings, or throws in
// strict mode.
settings settings_from_environment(state& st, init_result& result, bool& verbose_help) {
    const char* value = st.opts.env_var.empty() ? nullptr : std::getenv(st.opts.env_var.c_str());
    st.env_set = value != nullptr;
    environment_spec spec{st.opts.env_var, value ? value : "", {st.opts.accept_unknown_modules}};
    if (!value && st.opts.read_spdlog_level) {
        if (const char* spdlog_level = std::getenv("SPDLOG_LEVEL")) {
            // spdlog ignores names it does not know; so does complog here.
            spec = {"SPDLOG_LEVEL", spec_from_spdlog_level(spdlog_level), {true}};
        }
    }
    if (spec.text.empty()) return {};
    try {
        const auto parsed = parse_spec(spec.text);
        if (parsed.kind != parsed_spec::request::settings) {
            result.outcome = init_result::status::help;
            verbose_help = parsed.kind == parsed_spec::request::help_verbose;
            return {};
        }
        auto applied = validate(st.reg, parsed, spec.text, spec.options);
        applied.source = spec.variable;
        result.outcome = init_result::status::applied;
        return applied;
    } catch (const spec_error& e) {
        if (st.opts.strict) throw;
        result.outcome = init_result::status::invalid;
        result.message = "invalid " + spec.variable + " value: " + e.what() +
                         "\nFor descriptions, set " + st.opts.env_var +
                         "=help. Continuing with the default settings.";
        return {};
    }
}

}  // namespace

init_result init(options opts) {
    using namespace detail;
    // Collected before taking our lock: spdlog holds its registry lock meanwhile.
    const auto found = detail::spdlog_registry::all_loggers();
    init_result result;
    std::string output_messages;
    auto& st = global();
    {
        std::lock_guard<std::mutex> lock(st.mutex);
        st.opts = std::move(opts);
        if (!st.opts.root.empty()) st.reg.set_root(st.opts.root);
        adopt(st, found);
        configure_output(st, output_messages);
        bool verbose_help = false;
        settings applied;
        try {
            applied = settings_from_environment(st, result, verbose_help);
        } catch (const spec_error&) {
            commit(st, {});  // strict: the defaults, then the caller hears why
            throw;
        }
        commit(st, std::move(applied));
        if (result.outcome == init_result::status::help) {
            result.message = help_listing(st.reg, st.opts.env_var, verbose_help, &st.table);
        }
    }
    if (!output_messages.empty()) detail::report(output_messages);
    if (!result.message.empty()) detail::report(result.message);
    return result;
}

void register_component(std::string alias, std::vector<std::string> logger_names) {
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    st.reg.add_component(std::move(alias), std::move(logger_names));
    st.rebuild();
}

void register_artifact(artifact_info artifact) {
    if (!artifact.format.empty()) artifact.format = translate_format(artifact.format);
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    st.reg.add_artifact(std::move(artifact));
    st.rebuild();
    st.refresh_formatter();
}

void register_module(std::string_view name) {
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    st.add_known_name(name);
}

std::shared_ptr<spdlog::logger> get_logger(std::string_view name) {
    using detail::registry;
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    const auto id = st.reg.add_module(name);
    st.resolve_added();
    if (const auto& slot = st.loggers[id]; slot.logger) return slot.logger;

    auto created = std::make_shared<spdlog::logger>(std::string(name), st.output);
    auto registered = detail::spdlog_registry::add(created);
    // spdlog may already hold a logger of that name (made by its factories): adopt it.
    return attach(st, id, registered, registered != created);
}

std::shared_ptr<spdlog::logger> get_artifact_logger(std::string_view module,
                                                    std::string_view artifact) {
    {
        auto& st = global();
        std::lock_guard<std::mutex> lock(st.mutex);
        if (!st.reg.find_artifact(artifact)) {
            std::string names;
            for (const auto& a : st.reg.artifacts()) names += (names.empty() ? "" : ", ") + a.name;
            throw std::invalid_argument(
                "complog: unknown artifact " + detail::quoted(artifact) +
                "; registered artifacts: " + (names.empty() ? "(none)" : names));
        }
    }
    std::string name(module);
    name += ".__";
    name += artifact;
    return get_logger(name);
}

namespace {

// Applies `settings_of(registry)` unless the environment variable owns the settings,
// in which case it warns once and returns false.
template <typename MakeSettings>
bool apply_unless_env(MakeSettings settings_of) {
    auto& st = global();
    std::string var;
    {
        std::lock_guard<std::mutex> lock(st.mutex);
        if (!st.env_set) {
            commit(st, settings_of(st));
            return true;
        }
        if (st.warned_ignored) return false;
        st.warned_ignored = true;
        var = st.opts.env_var;
    }
    detail::report("using the " + var +
                   " environment variable for log settings; ignoring calls to set_logs");
    return false;
}

}  // namespace

bool set_logs(const log_settings& args) {
    return apply_unless_env([&](const state& st) {
        auto s = validate(st.reg, args, {st.opts.accept_unknown_modules});
        s.source = "set_logs";
        return s;
    });
}

bool set_logs(std::string_view spec) {
    using namespace detail;
    bool env_owns_settings = false;
    {
        auto& st = global();
        std::lock_guard<std::mutex> lock(st.mutex);
        env_owns_settings = st.env_set;
    }
    // Ignored unparsed, like PyTorch's calls while TORCH_LOGS is set: warns once.
    if (env_owns_settings) return apply_unless_env([](const state&) { return settings{}; });
    const auto parsed = parse_spec(spec);
    if (parsed.kind != parsed_spec::request::settings) {
        detail::report(help(parsed.kind == parsed_spec::request::help_verbose));
        return true;
    }
    return apply_unless_env([&](const state& st) {
        auto s = validate(st.reg, parsed, spec, {st.opts.accept_unknown_modules});
        s.source = "set_logs";
        return s;
    });
}

std::string help(bool verbose) {
    using namespace detail;
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    return help_listing(st.reg, st.opts.env_var, verbose, &st.table);
}

std::string explain() {
    using namespace detail;
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    return to_string(explain_levels(st.reg, st.current, st.table));
}

void set_sinks(std::vector<spdlog::sink_ptr> sinks) {
    global().output->set_console(std::move(sinks));
}

spdlog::sink_ptr sink() { return global().gate; }

void adopt_loggers() {
    // Collected before taking our lock: spdlog holds its registry lock meanwhile.
    const auto found = detail::spdlog_registry::all_loggers();
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    adopt(st, found);
}

void reset() {
    using namespace detail;
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    for (const auto& slot : st.loggers) {
        if (slot.logger && !slot.foreign) detail::spdlog_registry::drop(slot.logger->name());
    }
    st.reg = registry{};
    st.current = settings{};
    st.table = {};
    st.loggers.clear();
    st.names_without_logger.clear();
    st.factory_loggers_seen = false;
    st.opts = options{};
    st.env_set = false;
    st.warned_ignored = false;
    if (!st.levels_for_names.empty()) detail::spdlog_registry::set_levels_for_names({});
    st.levels_for_names.clear();
    st.format_pattern.reset();
    st.refresh_formatter();
    st.output->set_console({std::make_shared<spdlog::sinks::stderr_color_sink_mt>()});
    st.output->set_file(nullptr);
    st.output->set_trace_filter({});
    set_rank(-1);
    st.generation.fetch_add(1, std::memory_order_release);
}

}  // namespace complog
