# tst_apidocs: builds the `docs` target, then fails on every Doxygen warning about the public
# headers (undocumented public API, broken \param/\ref) that docs/api/undocumented-baseline.txt
# does not list. Warnings are compared without line numbers so edits elsewhere in a header do
# not matter. typed/generated/ is skipped: its kinds mirror the Kubernetes API field by field.
# cmake -DBUILD_DIR=... -DWARNINGS=... -DBASELINE=... -DSTRIP=... [-DSKIP_BUILD=ON] -P checkapidocs.cmake
if(NOT SKIP_BUILD)
    execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target docs
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "building the docs target failed:\n${out}")
    endif()
endif()

file(STRINGS ${WARNINGS} lines)
set(found)
foreach(line IN LISTS lines)
    string(REPLACE "${STRIP}" "" line "${line}")
    if(line MATCHES "^typed/generated/" OR NOT line MATCHES "^[^:]+\\.h:[0-9]+: ")
        continue()
    endif()
    string(REGEX REPLACE "^([^:]+):[0-9]+: (warning: )?" "\\1: " line "${line}")
    list(APPEND found "${line}")
endforeach()
list(REMOVE_DUPLICATES found)

set(baseline)
if(EXISTS ${BASELINE})
    file(STRINGS ${BASELINE} baseline REGEX "^[^#]")
endif()
set(new)
foreach(w IN LISTS found)
    list(FIND baseline "${w}" i)
    if(i EQUAL -1)
        list(APPEND new "${w}")
    endif()
endforeach()
list(LENGTH found total)
list(LENGTH baseline known)
list(LENGTH new count)
message(STATUS "${total} Doxygen warnings on public headers, ${known} in the baseline")
if(count GREATER 0)
    list(JOIN new "\n  " text)
    message(FATAL_ERROR "${count} public API items without documentation (or with broken "
        "documentation) that the baseline does not list; document them:\n  ${text}")
endif()
