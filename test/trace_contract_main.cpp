// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog_trace_contract FILE...: checks trace files against tlparse's input contract
// (trace_contract.h); prints the problems, exit status 1 if any.

#include "trace_contract.h"

#include <iostream>

int main(int argc, char** argv) {
    int failed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string problems = complog_test::check_tlparse_contract(argv[i]);
        if (!problems.empty()) {
            std::cout << problems;
            ++failed;
        }
    }
    return argc > 1 && failed == 0 ? 0 : 1;
}
