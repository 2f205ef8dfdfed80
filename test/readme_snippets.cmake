# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT

# Every ```cpp block of README.md is built as a program against complog and run (ctest
# readme/snippet_<line>), so each compiles as written and does not throw.
#
# Convention: a block is a whole translation unit with its own main(), unless the line
# before it is `<!-- snippet: statements -->`: then its #include lines stay at file scope
# and the rest is the body of main(), after #include <complog/complog.h>. Compiler errors
# point at README.md's lines (#line).

set(complog_readme ${PROJECT_SOURCE_DIR}/README.md)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${complog_readme})
file(READ ${complog_readme} complog_readme_text)
set(complog_snippet_marker "<!-- snippet: statements -->\n")
string(LENGTH "${complog_snippet_marker}" complog_snippet_marker_length)
set(complog_snippet_dir ${CMAKE_CURRENT_BINARY_DIR}/readme_snippets)

set(complog_offset 0)  # where the rest of the README starts
set(complog_rest "${complog_readme_text}")
set(complog_snippet_count 0)
while(TRUE)
    string(FIND "${complog_rest}" "```cpp\n" complog_open)
    if(complog_open EQUAL -1)
        break()
    endif()
    math(EXPR complog_body_start "${complog_open} + 7")
    string(SUBSTRING "${complog_rest}" ${complog_body_start} -1 complog_after)
    string(FIND "${complog_after}" "\n```" complog_close)
    if(complog_close EQUAL -1)
        message(FATAL_ERROR "README.md: a ```cpp block is not closed")
    endif()
    math(EXPR complog_body_length "${complog_close} + 1")
    string(SUBSTRING "${complog_after}" 0 ${complog_body_length} complog_body)

    # The README line of the block's first line, and whether it is a statement list.
    math(EXPR complog_prefix_length "${complog_offset} + ${complog_body_start}")
    string(SUBSTRING "${complog_readme_text}" 0 ${complog_prefix_length} complog_prefix)
    string(REGEX REPLACE "[^\n]" "" complog_newlines "${complog_prefix}")
    string(LENGTH "${complog_newlines}" complog_line)
    math(EXPR complog_line "${complog_line} + 1")
    set(complog_statements FALSE)
    if(complog_open GREATER_EQUAL complog_snippet_marker_length)
        math(EXPR complog_marker_start "${complog_open} - ${complog_snippet_marker_length}")
        string(SUBSTRING "${complog_rest}" ${complog_marker_start}
                         ${complog_snippet_marker_length} complog_before)
        if(complog_before STREQUAL complog_snippet_marker)
            set(complog_statements TRUE)
        endif()
    endif()

    set(complog_source "// Generated from README.md line ${complog_line}; edit README.md.\n")
    if(complog_statements)
        string(REGEX MATCHALL "#include[^\n]*\n" complog_includes "${complog_body}")
        string(REGEX REPLACE "#include[^\n]*\n" "\n" complog_body "${complog_body}")
        string(APPEND complog_source "#include <complog/complog.h>\n")
        foreach(complog_include IN LISTS complog_includes)
            string(APPEND complog_source "${complog_include}")
        endforeach()
        string(APPEND complog_source "int main() {\n#line ${complog_line} \"README.md\"\n"
                                     "${complog_body}}\n")
    else()
        string(APPEND complog_source "#line ${complog_line} \"README.md\"\n${complog_body}")
    endif()
    set(complog_snippet readme_snippet_${complog_line})
    file(CONFIGURE OUTPUT ${complog_snippet_dir}/${complog_snippet}.cpp
         CONTENT "${complog_source}" @ONLY)
    add_executable(${complog_snippet} ${complog_snippet_dir}/${complog_snippet}.cpp)
    target_link_libraries(${complog_snippet} PRIVATE complog::complog)
    complog_set_warnings(${complog_snippet})
    add_test(NAME readme/snippet_${complog_line} COMMAND ${complog_snippet})
    math(EXPR complog_snippet_count "${complog_snippet_count} + 1")

    math(EXPR complog_consumed "${complog_body_start} + ${complog_close} + 4")
    math(EXPR complog_offset "${complog_offset} + ${complog_consumed}")
    string(SUBSTRING "${complog_rest}" ${complog_consumed} -1 complog_rest)
endwhile()
if(complog_snippet_count EQUAL 0)
    message(FATAL_ERROR "README.md: no ```cpp block found")
endif()
