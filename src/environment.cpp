// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "environment.h"

#include <complog/format.h>

#include "spec.h"
#include "text.h"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace complog::detail {
namespace {

// "logs/out.txt" -> "logs/out.rank3.txt"
std::string per_rank_path(const std::string& path, int r) {
    const auto slash = path.rfind('/');
    const auto dot = path.rfind('.');
    const auto at = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1)
                        ? dot
                        : path.size();
    return path.substr(0, at) + ".rank" + std::to_string(r) + path.substr(at);
}

std::vector<std::string> split_tags(std::string_view rest) {
    std::vector<std::string> tags;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        auto tag = rest.substr(0, comma);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        if (!tag.empty()) tags.emplace_back(tag);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    return tags;
}

}  // namespace

environment read_environment(const options& opts, const getenv_function& getenv,
                             std::optional<int> program_rank) {
    environment env;
    const auto note = [&](const std::string& text) { env.diagnostics += text + "\n"; };
    const auto companion = [&](const char* suffix) -> const char* {
        if (opts.env_var.empty()) return nullptr;
        const char* value = getenv((opts.env_var + suffix).c_str());
        return value && *value ? value : nullptr;
    };

    env.job = read_job_ranks(getenv, env.diagnostics);
    env.rank = program_rank ? (*program_rank >= 0 ? program_rank : std::nullopt) : env.job.rank;
    const auto& var = opts.env_var;
    if (const char* format = companion("_FORMAT"); format && std::string_view(format) == "json") {
        env.json_lines = true;
    } else if (format) {
        try {
            env.format_pattern = translate_format(format);
        } catch (const std::invalid_argument& e) {
            note(var + "_FORMAT: " + e.what() + "; using the default format");
        }
    }
    if (const char* out = companion("_OUT")) {
        const int r = env.rank.value_or(-1);
        env.out_path = opts.out_per_rank && r >= 0 ? per_rank_path(out, r) : std::string(out);
    }
    if (const char* filter = companion("_TRACE_ID_FILTER")) env.trace_filter = split_tags(filter);
    if (const char* dir = companion("_TRACE")) env.trace_dir = dir;
    if (const char* ranks = companion("_RANKS")) {
        if (auto list = parse_rank_list(ranks)) {
            env.console_ranks = std::move(*list);
        } else {
            note("ignoring " + var + "_RANKS=" + quoted(ranks) +
                 ": not a list of ranks (e.g. 0,4-7); every rank writes to the console");
        }
    }
    if (const char* control = companion("_CONTROL")) {
        const std::string_view value(control);
        if (value == "1" || value == "0") {
            env.control = value == "1";
        } else {
            note("ignoring " + var + "_CONTROL=" + quoted(value) + ": use 1 (on) or 0 (off)");
        }
    }

    const char* value = opts.env_var.empty() ? nullptr : getenv(opts.env_var.c_str());
    env.owns_settings = value != nullptr;
    if (value) {
        env.variable = opts.env_var;
        env.spec = value;
        env.accept_unknown = opts.accept_unknown_modules;
    } else if (opts.read_spdlog_level) {
        if (const char* spdlog_level = getenv("SPDLOG_LEVEL")) {
            env.variable = "SPDLOG_LEVEL";
            env.spec = spdlog_level;
            env.spdlog_grammar = true;
            env.accept_unknown = true;  // spdlog ignores names it does not know
        }
    }
    return env;
}

environment_outcome settings_from_environment(const registry& reg, const environment& env,
                                              const options& opts) {
    environment_outcome out;
    if (env.spec.empty()) return out;
    const validation_options checks{env.accept_unknown};
    try {
        if (env.spdlog_grammar) {
            const auto value = parse_spdlog_level(env.spec);
            out.applied = validate(reg, value.spec, env.spec, checks);
            for (const auto& line : value.skipped) {
                out.result.message += env.variable + ": " + line + "\n";
            }
        } else {
            const auto parsed = parse_spec(env.spec);
            if (parsed.kind != parsed_spec::request::settings) {
                out.result.outcome = init_result::status::help;
                out.verbose_help = parsed.kind == parsed_spec::request::help_verbose;
                return out;
            }
            const bool whole_or_nothing = opts.strict || opts.reject_whole_spec;
            std::vector<unknown_item> unknown;
            out.applied =
                validate(reg, parsed, env.spec, checks, whole_or_nothing ? nullptr : &unknown);
            if (!unknown.empty()) {
                out.pending =
                    keep_unknown(env.spec, env.variable, checks, unknown, out.result.message);
                out.result.message += "For descriptions, set " + opts.env_var + "=help.\n";
            }
        }
        out.applied.source = env.variable;
        out.result.outcome = init_result::status::applied;
    } catch (const spec_error& e) {
        if (opts.strict) throw;
        out.applied = {};
        out.pending.reset();
        out.result.outcome = init_result::status::invalid;
        out.result.message = "invalid " + env.variable + " value: " + e.what();
        if (!opts.env_var.empty()) {
            out.result.message += "\nFor descriptions, set " + opts.env_var + "=help.";
        }
        out.result.message += " Continuing with the default settings.";
    }
    return out;
}

}  // namespace complog::detail
