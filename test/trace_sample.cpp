// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_trace_sample DIR: writes a multi-rank structured trace into DIR the way a program
// would: ranks 0-3 in four processes (forked), each with components' events, artifacts,
// spans, a dump_file, interned stacks; rank 0 also forks a child of its own. The file
// checks (tlparse contract, jq) read the result.

#include <complog/complog.h>
#include <complog/trace.h>

#include <unistd.h>

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace trace = complog::trace;

namespace {

void write_rank(int rank) {
    complog::set_rank(rank);
    trace::span whole("run", [&] { return trace::object({{"rank", rank}}); });
    trace::event_options outside;
    outside.stack = {{"/src/app/main.cpp", 12, "main", "  run();  "},
                     {"/src/app/model.cpp", 40, "build", "compile(graph);"}};
    trace::event(
        "app_start", [] { return trace::object({}); }, [] { return nullptr; }, outside);
    for (int frame = 0; frame < 2; ++frame) {
        trace::compile_scope compiling({{frame, 0, std::nullopt}, 0});
        trace::span step("entire_frame_compile", "dynamo_timed");
        trace::artifact("before_pre_grad_graph", "string",
                        [&] { return "graph " + std::to_string(frame) + "\n  x = y + 1\n"; });
        trace::artifact("fx_graph_cache_miss", "json", [&] {
            return trace::object({{"key", "k" + std::to_string(frame)}, {"ratio", 0.25}});
        });
        trace::dump_file("<eval_with_key>." + std::to_string(frame),
                         [] { return "def forward(self, x):\n    return x\n"; });
        trace::event("app_metrics", [&] {
            return trace::object({{"frame", frame}, {"ok", true}, {"note", "caf\xc3\xa9"}});
        });
    }
    trace::intern_string("/src/app/main.cpp");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fputs("usage: complog_trace_sample DIR\n", stderr);
        return 2;
    }
    trace::options opts;
    opts.directory = argv[1];
    trace::start(opts);
    pid_t children[3];
    for (int rank = 1; rank <= 3; ++rank) {
        children[rank - 1] = ::fork();
        if (children[rank - 1] == 0) {
            write_rank(rank);
            ::_exit(0);
        }
    }
    write_rank(0);
    const pid_t forked = ::fork();  // rank 0 forks after writing: the child's own file
    if (forked == 0) {
        trace::event("in_child", [] { return trace::object({{"child", true}}); });
        ::_exit(0);
    }
    int failed = 0;
    for (const pid_t child : {children[0], children[1], children[2], forked}) {
        int status = 0;
        if (child < 0 || ::waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            ++failed;
        }
    }
    return failed == 0 ? 0 : 1;
}
