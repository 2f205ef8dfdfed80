// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_demo: a toy compiler whose logging is driven by DEMO_LOGS.
//
//     DEMO_LOGS=+parser,ast ./complog_demo     parser at debug, the ast artifact on
//     DEMO_LOGS=help ./complog_demo            the registered names
//     DEMO_LOGS=-all ./complog_demo            errors only
//     DEMO_LOGS_OUT=demo.log, DEMO_LOGS_FORMAT=short, DEMO_LOGS_TRACE_ID_FILTER=1/0, RANK=0
//     ./complog_demo --explain                 also print why each logger has its level

#include <complog/complog.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace {

// Components and artifacts are usually registered next to the code that logs them.
void register_names() {
    complog::register_component("parser", {"demo.parser"});
    complog::register_component("opt", {"demo.opt"});
    complog::register_component("inliner", {"demo.opt.inline"});  // nested in opt
    complog::register_component("codegen", {"demo.codegen", "demo.asm"});
    complog::register_artifact({"ast", "the syntax tree after parsing"});
    complog::register_artifact({"ir", "the IR after each optimisation pass"});
    complog::register_artifact({"asm", "generated assembly", true, /*off_by_default=*/true});
    complog::register_artifact({"stats", "one line of statistics, no header", true, false, "%v"});
}

std::string print_ir() { return "after const-fold:\n  %0 = const 3\n  ret %0"; }

void parse(const std::string& source) {
    static const auto log = complog::get_logger("demo.parser");
    static const auto ast = complog::get_artifact_logger("demo.parser", "ast");
    COMPLOG_DEBUG(log, "tokenizing {} bytes", source.size());
    COMPLOG_INFO(log, "parsed 1 function");
    COMPLOG_ARTIFACT(ast, "Function main\n  Return\n    Add(Const 1, Const 2)");
    COMPLOG_WARN(log, "implicit return type in 'main'");
}

void optimize() {
    static const auto log = complog::get_logger("demo.opt");
    static const auto inliner = complog::get_logger("demo.opt.inline");
    static const auto ir = complog::get_artifact_logger("demo.opt", "ir");
    COMPLOG_DEBUG(log, "running 2 passes");
    COMPLOG_DEBUG(inliner, "no calls to inline");
    COMPLOG_INFO(inliner, "inlining budget: {}", 100);
    COMPLOG_ARTIFACT(ir, "{}", complog::lazy(print_ir));  // printed only when ir is on
    for (int pass = 0; pass < 2; ++pass) {
        COMPLOG_WARN_ONCE(log, "pass 'vectorize' not available on this target");
    }
    COMPLOG_ERROR(log, "constant overflow in 'main'");
}

void generate() {
    static const auto log = complog::get_logger("demo.codegen");
    static const auto asm_log = complog::get_artifact_logger("demo.codegen", "asm");
    static const auto stats = complog::get_artifact_logger("demo.codegen", "stats");
    COMPLOG_INFO(log, "emitting x86-64");
    COMPLOG_ARTIFACT(asm_log, "main:\n  mov eax, 3\n  ret");
    COMPLOG_ARTIFACT(stats, "functions=1 instructions=2 bytes=6");
    COMPLOG_CRITICAL(log, "done (critical records always show)");
}

}  // namespace

int main(int argc, char** argv) {
    register_names();
    complog::init({"DEMO_LOGS", "demo"});
    for (int frame = 0; frame < 2; ++frame) {
        complog::context_scope compile(std::to_string(frame) + "/0");  // shown as [0/0]
        parse("return 1 + 2;");
        optimize();
        generate();
    }
    if (argc > 1 && std::strcmp(argv[1], "--explain") == 0) {
        std::fputs(complog::explain().c_str(), stdout);
    }
}
