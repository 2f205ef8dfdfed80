// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_conformance REGISTRY CASES
//
// Replays TORCH_LOGS conformance vectors (see README.md beside this file)
// through complog's public API: for each case it resets complog, registers the
// registry's components, artifacts and modules, creates the loggers that exist
// before settings, applies the environment spec or the set_logs calls, then
// logs a real record on every probe logger at every level and counts what the
// library's sinks write. Prints `N passed, M failed`; exits non-zero on failure.

#include <complog/complog.h>

#include "internal.h"

#include <spdlog/sinks/base_sink.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split(const std::string& text, const std::string& separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto end = text.find(separator, start);
        out.push_back(text.substr(start, end - start));
        if (end == std::string::npos) return out;
        start = end + separator.size();
    }
}

std::string unescape(const std::string& field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] != '\\' || i + 1 == field.size()) {
            out += field[i];
            continue;
        }
        const char c = field[++i];
        out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    return out;
}

std::vector<std::vector<std::string>> read_tsv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        rows.push_back(split(line, "\t"));
    }
    return rows;
}

struct test_registry {
    std::vector<complog::detail::component_info> components;
    std::vector<complog::artifact_info> artifacts;
    std::vector<std::string> modules;
    std::vector<std::pair<std::string, std::string>> artifact_loggers;
    std::vector<std::string> core_probes, full_probes;
    std::vector<std::string> set_logs_order;
    std::string root;

    bool is_artifact(const std::string& name) const {
        return std::any_of(artifacts.begin(), artifacts.end(),
                           [&](const auto& a) { return a.name == name; });
    }
};

// The root is the `root` record if there is one, else the one top-level name shared by
// every component's loggers (PyTorch: `torch`).
std::string infer_root(const test_registry& reg) {
    std::set<std::string> tops;
    for (const auto& c : reg.components) {
        for (const auto& name : c.logger_names) tops.insert(name.substr(0, name.find('.')));
    }
    if (tops.size() != 1) throw std::runtime_error("registry: add a `root NAME` record");
    return *tops.begin();
}

test_registry load_registry(const std::string& path) {
    test_registry reg;
    for (const auto& f : read_tsv(path)) {
        const auto& kind = f[0];
        if (kind == "alias") {
            reg.components.push_back({f[1], {f.begin() + 2, f.end()}});
        } else if (kind == "artifact") {
            complog::artifact_info a;
            a.name = f[1];
            a.description = "artifact " + f[1];
            for (std::size_t i = 2; i < f.size(); ++i) {
                if (f[i] == "off_by_default=1") a.off_by_default = true;
                if (f[i] == "visible=0") a.visible = false;
                if (f[i] == "format=message") a.format = "%v";
            }
            reg.artifacts.push_back(a);
        } else if (kind == "module") {
            reg.modules.push_back(f[1]);
        } else if (kind == "artifact_logger") {
            reg.artifact_loggers.emplace_back(f[1], f[2]);
        } else if (kind == "probe") {
            (f[1] == "core" ? reg.core_probes : reg.full_probes).push_back(f[2]);
        } else if (kind == "set_logs_order") {
            reg.set_logs_order.assign(f.begin() + 1, f.end());
        } else if (kind == "root") {
            reg.root = f[1];
        } else {
            throw std::runtime_error("registry: unknown record " + kind);
        }
    }
    if (reg.root.empty()) reg.root = infer_root(reg);
    return reg;
}

struct row {
    std::string logger, level;
    bool emitted;
    int handlers;
};

struct test_case {
    std::string id, kind, input, outcome, call_outcomes;
    bool accepted = false;
    std::vector<row> rows;  // empty for a rejected env case
};

std::vector<test_case> load_cases(const std::string& path) {
    std::vector<test_case> cases;
    std::map<std::string, std::size_t> index;
    for (const auto& f : read_tsv(path)) {
        if (f[0] == "case_id") continue;
        if (!index.count(f[0])) {
            index[f[0]] = cases.size();
            cases.push_back({f[0], f[1], unescape(f[2]), "", "", f[3] == "1", {}});
        }
        if (f[4] != "-") {
            cases[index[f[0]]].rows.push_back({f[4], f[5], f[6] == "1", std::stoi(f[7])});
        }
    }
    // case_meta.tsv beside the cases file gives outcomes, when present.
    const auto meta_path = path.substr(0, path.rfind('/') + 1) + "case_meta.tsv";
    if (std::ifstream(meta_path)) {
        for (const auto& f : read_tsv(meta_path)) {
            if (!index.count(f[0])) continue;
            auto& c = cases[index[f[0]]];
            c.outcome = f[4];
            c.call_outcomes = f[5];
        }
    }
    return cases;
}

class counting_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::size_t count = 0;

protected:
    void sink_it_(const spdlog::details::log_msg&) override { ++count; }
    void flush_() override {}
};

spdlog::level::level_enum level_named(const std::string& name) {
    if (name == "debug") return spdlog::level::debug;
    if (name == "info") return spdlog::level::info;
    if (name == "warning") return spdlog::level::warn;
    if (name == "error") return spdlog::level::err;
    return spdlog::level::critical;
}

// One set_logs call translated to C++, or the reason it cannot be written in C++.
struct call {
    complog::log_settings args;
    std::optional<std::string> not_expressible;
};

call translate_call(const test_registry& reg, const std::string& text) {
    struct arg {
        std::string key, value;
        bool module;
    };
    std::vector<arg> keywords, modules;
    if (text != "()") {
        for (const auto& part : split(text, ";")) {
            const auto eq = part.find('=');
            const bool module = part.rfind("modules:", 0) == 0;
            const auto key = part.substr(module ? 8 : 0, eq - (module ? 8 : 0));
            (module ? modules : keywords).push_back({key, part.substr(eq + 1), module});
        }
    }
    // Keyword arguments apply in the registry's fixed order, then modules in theirs.
    const auto rank = [&](const std::string& key) {
        return std::find(reg.set_logs_order.begin(), reg.set_logs_order.end(), key) -
               reg.set_logs_order.begin();
    };
    std::stable_sort(keywords.begin(), keywords.end(),
                     [&](const arg& a, const arg& b) { return rank(a.key) < rank(b.key); });
    keywords.insert(keywords.end(), modules.begin(), modules.end());

    static const std::map<std::string, spdlog::level::level_enum> levels{
        {"10", spdlog::level::debug},
        {"20", spdlog::level::info},
        {"30", spdlog::level::warn},
        {"40", spdlog::level::err},
        {"50", spdlog::level::critical}};
    call out;
    for (const auto& a : keywords) {
        if (a.value == "none") continue;  // Python's None: not given
        const bool boolean = a.value == "true" || a.value == "false";
        if (a.module && a.key == "all") {
            out.not_expressible =
                "'all' as a modules={} key: C++ set_logs has one namespace of names, where "
                "'all' always means the root";
        } else if (reg.is_artifact(a.key) && !a.module) {
            if (!boolean) {
                out.not_expressible = "a number for an artifact: C++ artifact() takes a bool";
            } else {
                out.args.artifact(a.key, a.value == "true");
            }
        } else if (reg.is_artifact(a.key) && boolean) {
            out.args.artifact(a.key, a.value == "true");
        } else if (a.value == "0" || a.value == "false") {
            out.args.unset(a.key);
        } else if (levels.count(a.value)) {
            out.args.set(a.key, levels.at(a.value));
        } else {
            out.not_expressible =
                "a value that is not a level (" + a.value +
                "): C++ set() takes spdlog::level::level_enum, unset() takes none";
        }
    }
    return out;
}

// Runs `f` with stderr sent to /dev/null: rejected specs and help print there.
template <typename F>
auto quietly(F f) {
    std::fflush(stderr);
    const int saved = dup(2);
    std::FILE* null = std::fopen("/dev/null", "w");
    dup2(fileno(null), 2);
    struct restore {
        int saved;
        std::FILE* null;
        ~restore() {
            std::fflush(stderr);
            dup2(saved, 2);
            close(saved);
            std::fclose(null);
        }
    } guard{saved, null};
    return f();
}

std::string outcome_name(complog::init_result::status s) {
    switch (s) {
        case complog::init_result::status::unset:
            return "unset";
        case complog::init_result::status::applied:
            return "ok";
        case complog::init_result::status::help:
            return "help";
        case complog::init_result::status::invalid:
            return "invalid";
    }
    return "?";
}

struct runner {
    explicit runner(const test_registry& r) : reg(r) {}

    const test_registry& reg;
    std::shared_ptr<counting_sink> sink = std::make_shared<counting_sink>();
    std::size_t passed = 0, failed = 0, written_once_not_twice = 0;
    std::map<std::string, std::size_t> not_expressible;  // reason -> rows

    void fail(const test_case& c, const std::string& what) {
        ++failed;
        std::cout << "FAIL " << c.id << " [" << c.input << "]: " << what << "\n";
    }

    // Sets up a fresh complog the way the oracle's interpreter started.
    complog::init_result start(const std::optional<std::string>& env) {
        complog::reset();
        for (const auto& c : reg.components) complog::register_component(c.alias, c.logger_names);
        for (const auto& a : reg.artifacts) complog::register_artifact(a);
        for (const auto& m : reg.modules) complog::get_logger(m);
        for (const auto& [module, artifact] : reg.artifact_loggers) {
            complog::get_artifact_logger(module, artifact);
        }
        complog::set_sinks({sink});
        if (env) {
            setenv("TORCH_LOGS", env->c_str(), 1);
        } else {
            unsetenv("TORCH_LOGS");
        }
        complog::options opts{"TORCH_LOGS", reg.root};
        opts.reject_whole_spec = true;  // PyTorch rejects a value for any unknown name
        return quietly([&] { return complog::init(opts); });
    }

    std::shared_ptr<spdlog::logger> probe_logger(const std::string& name) {
        const auto marker = name.rfind(".__");
        if (marker != std::string::npos && reg.is_artifact(name.substr(marker + 3))) {
            return complog::get_artifact_logger(name.substr(0, marker), name.substr(marker + 3));
        }
        return complog::get_logger(name);
    }

    // Logs the probe record of `r`; returns what is wrong with its writes, if anything.
    std::optional<std::string> probe(const row& r) {
        const auto before = sink->count;
        probe_logger(r.logger)->log(level_named(r.level), "probe {}", r.logger);
        const auto n = sink->count - before;
        if (r.handlers == 2 && n == 1) ++written_once_not_twice;
        if ((n > 0) == r.emitted && n <= 1) return std::nullopt;
        return r.logger + " at " + r.level + ": written " + std::to_string(n) +
               " times, expected " + (r.emitted ? "1" : "0");
    }

    // Each probe row of `c` passes or fails on its own.
    void check_rows(const test_case& c) {
        for (const auto& r : c.rows) {
            if (const auto mismatch = probe(r)) {
                fail(c, *mismatch);
            } else {
                ++passed;
            }
        }
    }

    void run_env(const test_case& c, const std::vector<row>* baseline) {
        const auto result = start(c.input);
        const bool crashed_in_pytorch = c.outcome.rfind("error:", 0) == 0;
        std::string expected = c.outcome.empty() ? (c.accepted ? "ok" : "invalid") : c.outcome;
        if (expected == "help_verbose") expected = "help";
        if (crashed_in_pytorch) expected = "unset";  // the empty value: no settings, no crash
        const auto got = outcome_name(result.outcome);
        if (got != expected) return fail(c, "outcome " + got + ", expected " + expected);
        if (c.rows.empty()) {
            // Rejected: complog goes on with the default settings, as the baseline shows.
            for (const auto& r : baseline ? *baseline : std::vector<row>{}) {
                if (const auto mismatch = probe(r)) return fail(c, "after rejection: " + *mismatch);
            }
            ++passed;
            return;
        }
        check_rows(c);
    }

    void run_set_logs(const test_case& c) {
        auto segments = c.input.empty() ? std::vector<std::string>{} : split(c.input, " | ");
        std::optional<std::string> env;
        if (!segments.empty() && segments[0].rfind("TORCH_LOGS=", 0) == 0) {
            env = segments[0].substr(11);
            segments.erase(segments.begin());
        }
        std::vector<call> calls;
        for (const auto& s : segments) {
            calls.push_back(translate_call(reg, s));
            if (calls.back().not_expressible) {
                not_expressible[*calls.back().not_expressible] += c.rows.size();
                return;
            }
        }
        start(env);
        const auto expected_outcomes = split(c.call_outcomes, ",");
        for (std::size_t i = 0; i < calls.size(); ++i) {
            std::string got;
            try {
                got = quietly([&] { return complog::set_logs(calls[i].args); }) ? "ok" : "ignored";
            } catch (const complog::spec_error&) {
                got = "value_error";
            }
            if (i < expected_outcomes.size() && got != expected_outcomes[i]) {
                fail(c, "call " + std::to_string(i + 1) + ": " + got + ", expected " +
                            expected_outcomes[i]);
            }
        }
        check_rows(c);
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: complog_conformance REGISTRY CASES\n";
        return 2;
    }
    try {
        const auto reg = load_registry(argv[1]);
        const auto cases = load_cases(argv[2]);
        const std::vector<row>* baseline = nullptr;
        for (const auto& c : cases) {
            if (c.kind == "set_logs" && c.input.empty()) baseline = &c.rows;
        }
        runner run(reg);
        for (const auto& c : cases) {
            if (c.kind == "env") {
                run.run_env(c, baseline);
            } else {
                run.run_set_logs(c);
            }
        }
        std::size_t skipped = 0;
        for (const auto& [reason, rows] : run.not_expressible) skipped += rows;
        std::cout << "not expressible in C++: " << skipped << " rows\n";
        for (const auto& [reason, rows] : run.not_expressible) {
            std::cout << "  " << rows << " rows: " << reason << "\n";
        }
        std::cout << "written once where PyTorch writes twice: " << run.written_once_not_twice
                  << " rows\n";
        std::cout << run.passed << " passed, " << run.failed << " failed\n";
        return run.failed == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "complog_conformance: " << e.what() << "\n";
        return 2;
    }
}
