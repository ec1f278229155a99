# SPDX-License-Identifier: Apache-2.0
#
# Helpers that give every rampart target the same compile settings, so a new
# library or test is one short call in its folder's CMakeLists.txt.

# Warnings apply to project code only; third-party headers come in as SYSTEM
# through their imported targets.
add_library(rampart_build_flags INTERFACE)
target_compile_options(rampart_build_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 reports std::string concatenation at -O3 as overlapping memcpy
# (GCC bug 105329); the warning is noise there, so it stays off for GCC.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(rampart_build_flags INTERFACE -Wno-restrict)
endif()
# Relative relocations packed (DT_RELR, binutils 2.38 and glibc 2.36): the
# table the loader reads at each start shrinks from about 600 KiB to 8 KiB.
include(CheckLinkerFlag)
check_linker_flag(CXX "-Wl,-z,pack-relative-relocs" RAMPART_HAVE_RELR)
if(RAMPART_HAVE_RELR)
  target_link_options(rampart_build_flags INTERFACE
    -Wl,-z,pack-relative-relocs)
endif()
if(RAMPART_WERROR)
  target_compile_options(rampart_build_flags INTERFACE -Werror)
endif()
if(RAMPART_SANITIZE)
  target_compile_options(rampart_build_flags INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer)
  target_link_options(rampart_build_flags INTERFACE
    -fsanitize=address,undefined)
endif()
# In fuzzing builds the libraries carry coverage instrumentation too, so that
# libFuzzer is guided by the parser code, not only by the small fuzz target.
if(RAMPART_FUZZ)
  target_compile_options(rampart_build_flags INTERFACE
    -fsanitize=fuzzer-no-link)
endif()

# rampart_glob_sources(<out-var> <folder> <pattern>)
# Every file matching <pattern> under <folder>, leaving out subfolders that
# have a CMakeLists.txt of their own (they are separate libraries or test
# binaries). CONFIGURE_DEPENDS makes the build notice new files.
function(rampart_glob_sources out folder pattern)
  get_filename_component(folder ${folder} ABSOLUTE)
  file(GLOB_RECURSE found CONFIGURE_DEPENDS ${folder}/${pattern})
  file(GLOB_RECURSE nested LIST_DIRECTORIES false CONFIGURE_DEPENDS
    ${folder}/*/CMakeLists.txt)
  foreach(list_file IN LISTS nested)
    get_filename_component(nested_dir ${list_file} DIRECTORY)
    list(FILTER found EXCLUDE REGEX "^${nested_dir}/")
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

# rampart_library(<name> DIR <folder> DEPS <targets...>)
# One static library per folder under src/. Sources are globbed so that
# adding a file to a folder needs no CMake edit.
function(rampart_library name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS" ${ARGN})
  rampart_glob_sources(sources ${ARG_DIR} "*.cc")
  add_library(${name} STATIC ${sources})
  target_include_directories(${name}
    PUBLIC ${RAMPART_SOURCE_ROOT}/include
    PRIVATE ${RAMPART_SOURCE_ROOT}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE rampart_build_flags)
endfunction()

# rampart_test(<name> DIR <folder> DEPS <targets...>)
# One GoogleTest binary per tests/ folder; every TEST becomes a ctest entry.
function(rampart_test name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS" ${ARGN})
  rampart_glob_sources(sources ${ARG_DIR} "*_test.cc")
  add_executable(${name} ${sources})
  target_include_directories(${name} PRIVATE ${RAMPART_SOURCE_ROOT}/src
    ${RAMPART_SOURCE_ROOT}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest
    GTest::gtest_main rampart_build_flags)
  target_compile_definitions(${name} PRIVATE
    RAMPART_SOURCE_DIR="${RAMPART_SOURCE_ROOT}"
    RAMPART_SHARED_DIR="${RAMPART_SHARED_DIR}"
    RAMPART_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
    WORKING_DIRECTORY ${RAMPART_SOURCE_ROOT}
    PROPERTIES LABELS unit)
endfunction()

# rampart_add_subfolders(<skip-regex>)
# add_subdirectory() for every folder below the current one that has a
# CMakeLists.txt, sorted, except those matching <skip-regex> and those named
# in RAMPART_EXCLUDE_DIRS (relative to src/ and tests/), which lets a
# developer leave out folders whose work is in progress, e.g.
# -DRAMPART_EXCLUDE_DIRS="scan/secret".
function(rampart_add_subfolders skip_regex)
  file(GLOB_RECURSE lists CONFIGURE_DEPENDS
    ${CMAKE_CURRENT_SOURCE_DIR}/*/CMakeLists.txt)
  list(SORT lists)
  foreach(list_file IN LISTS lists)
    get_filename_component(folder ${list_file} DIRECTORY)
    set(excluded FALSE)
    if(NOT skip_regex STREQUAL "" AND folder MATCHES "${skip_regex}")
      set(excluded TRUE)
    endif()
    foreach(skip IN LISTS RAMPART_EXCLUDE_DIRS)
      if(folder MATCHES "/${skip}$")
        set(excluded TRUE)
      endif()
    endforeach()
    if(NOT excluded)
      add_subdirectory(${folder})
    endif()
  endforeach()
endfunction()
