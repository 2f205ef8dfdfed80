// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_demo: a toy compiler whose logging is driven by DEMO_LOGS.
//
//     DEMO_LOGS=+parser,ast ./complog_demo     parser at debug, the ast artifact on
//     DEMO_LOGS=help ./complog_demo            the registered names
//     DEMO_LOGS=-all ./complog_demo            errors only

#include <complog/complog.h>

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

void parse(const std::string& source) {
    static const auto log = complog::get_logger("demo.parser");
    static const auto ast = complog::get_artifact_logger("demo.parser", "ast");
    log->debug("tokenizing {} bytes", source.size());
    log->info("parsed 1 function");
    ast->debug("Function main\n  Return\n    Add(Const 1, Const 2)");
    log->warn("implicit return type in 'main'");
}

void optimize() {
    static const auto log = complog::get_logger("demo.opt");
    static const auto inliner = complog::get_logger("demo.opt.inline");
    static const auto ir = complog::get_artifact_logger("demo.opt", "ir");
    log->debug("running 2 passes");
    inliner->debug("no calls to inline");
    inliner->info("inlining budget: 100");
    ir->debug("after const-fold:\n  %0 = const 3\n  ret %0");
    log->error("pass 'vectorize' not available on this target");
}

void generate() {
    static const auto log = complog::get_logger("demo.codegen");
    static const auto asm_log = complog::get_artifact_logger("demo.codegen", "asm");
    static const auto stats = complog::get_artifact_logger("demo.codegen", "stats");
    log->info("emitting x86-64");
    asm_log->debug("main:\n  mov eax, 3\n  ret");
    stats->debug("functions=1 instructions=2 bytes=6");
    log->critical("demo finished (critical, always shown)");
}

}  // namespace

int main() {
    register_names();
    complog::init({"DEMO_LOGS", "demo"});
    parse("return 1 + 2;");
    optimize();
    generate();
}
