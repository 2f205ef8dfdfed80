# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT

# complog_set_warnings(target): warnings for complog's own targets only (PRIVATE, so
# they never reach consumers); errors when COMPLOG_WARNINGS_AS_ERRORS is on.
function(complog_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${COMPLOG_WARNINGS_AS_ERRORS}>:/WX>)
    else()
        target_compile_options(${target} PRIVATE
            -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
            $<$<BOOL:${COMPLOG_WARNINGS_AS_ERRORS}>:-Werror>)
    endif()
endfunction()
