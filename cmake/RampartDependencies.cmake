# SPDX-License-Identifier: Apache-2.0
#
# Finds every third-party library rampart builds on. All of them are Debian 12
# packages; scripts/install-deps.sh installs them. A missing one stops the
# configure step with the name of the package that provides it.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Start-up time: every shared library costs `rampart eval` a few hundred
# microseconds at each start (mapping, symbol lookups, relocations), so with
# RAMPART_STATIC_LIBS the libraries Debian ships as static archives are
# linked from those. glibc stays shared, and so do libstdc++ and simdjson
# (Debian has no libsimdjson.a, and it needs the shared libstdc++).
# Sanitizer builds link everything shared.
if(RAMPART_STATIC_LIBS AND NOT RAMPART_SANITIZE)
  set(RAMPART_LINK_STATIC ON)
else()
  set(RAMPART_LINK_STATIC OFF)
endif()

# rampart_require_pkg(<target-name> <pkg-config-module> <debian-package>
#                     [SHARED])
# Creates an IMPORTED target rampart::<target-name>, or fails with a message
# that names the Debian package to install. Unless SHARED is given, the
# target links the module's static archives when RAMPART_LINK_STATIC is on.
function(rampart_require_pkg name module debian_package)
  cmake_parse_arguments(ARG "SHARED" "" "" ${ARGN})
  pkg_check_modules(RAMPART_PKG_${name} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT RAMPART_PKG_${name}_FOUND)
    message(FATAL_ERROR
      "rampart needs ${module} (Debian package ${debian_package}); "
      "run scripts/install-deps.sh or: apt-get install ${debian_package}")
  endif()
  if(RAMPART_LINK_STATIC AND NOT ARG_SHARED)
    rampart_link_archives(PkgConfig::RAMPART_PKG_${name} ${name})
  endif()
  add_library(rampart::${name} ALIAS PkgConfig::RAMPART_PKG_${name})
endfunction()

# Points <target>'s link at lib<name>.a for each library of the module's
# static link line (pkg-config --static), keeping glibc's own shared.
function(rampart_link_archives target name)
  set(items)
  foreach(lib IN LISTS RAMPART_PKG_${name}_STATIC_LIBRARIES)
    if(lib MATCHES "^(c|m|dl|pthread|rt)$")
      list(APPEND items ${lib})
      continue()
    endif()
    find_library(RAMPART_ARCHIVE_${lib} NAMES lib${lib}.a
      HINTS ${RAMPART_PKG_${name}_STATIC_LIBRARY_DIRS})
    if(NOT RAMPART_ARCHIVE_${lib})
      message(FATAL_ERROR "lib${lib}.a not found for ${name}; configure "
        "with -DRAMPART_STATIC_LIBS=OFF to link it shared")
    endif()
    list(APPEND items ${RAMPART_ARCHIVE_${lib}})
  endforeach()
  list(REMOVE_DUPLICATES items)
  set_target_properties(${target} PROPERTIES INTERFACE_LINK_LIBRARIES
    "${items};Threads::Threads")
endfunction()

# rampart_loadable_pkg(<target-name> <MACRO>)
# After rampart_require_pkg(<target-name> ...): creates rampart::<target-name>_api,
# the library's headers without its link, and defines RAMPART_<MACRO>_SONAME
# as the soname to dlopen(), read from the library found at configure time.
function(rampart_loadable_pkg name macro)
  get_target_property(link_items PkgConfig::RAMPART_PKG_${name}
    INTERFACE_LINK_LIBRARIES)
  list(FILTER link_items INCLUDE REGEX "\\.so$")
  list(GET link_items 0 library_file)
  execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${library_file}
    OUTPUT_VARIABLE headers RESULT_VARIABLE failed)
  string(REGEX MATCH "SONAME +([^\n ]+)" found "${headers}")
  if(failed OR NOT found)
    message(FATAL_ERROR "cannot read the soname of ${library_file}")
  endif()
  get_target_property(include_dirs PkgConfig::RAMPART_PKG_${name}
    INTERFACE_INCLUDE_DIRECTORIES)
  add_library(rampart_${name}_api INTERFACE)
  if(include_dirs)
    target_include_directories(rampart_${name}_api INTERFACE ${include_dirs})
  endif()
  target_compile_definitions(rampart_${name}_api INTERFACE
    RAMPART_${macro}_SONAME="${CMAKE_MATCH_1}")
  target_link_libraries(rampart_${name}_api INTERFACE ${CMAKE_DL_LIBS})
  add_library(rampart::${name}_api ALIAS rampart_${name}_api)
endfunction()

# rampart_require_cmake(<package> <debian-package>) wraps find_package(CONFIG).
macro(rampart_require_cmake package debian_package)
  find_package(${package} CONFIG QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR
      "rampart needs ${package} (Debian package ${debian_package}); "
      "run scripts/install-deps.sh or: apt-get install ${debian_package}")
  endif()
endmacro()

rampart_require_pkg(yaml libfyaml libfyaml-dev)
rampart_require_pkg(re2 re2 libre2-dev)
rampart_require_pkg(hyperscan libhs libvectorscan-dev)
rampart_require_pkg(sqlite sqlite3 libsqlite3-dev)
rampart_require_pkg(openssl openssl libssl-dev)
rampart_require_pkg(archive libarchive libarchive-dev SHARED)
rampart_require_pkg(git2 libgit2 libgit2-dev SHARED)
rampart_require_pkg(curl libcurl libcurl4-openssl-dev SHARED)
# rampart's libraries open these three with dlopen() on first use instead of
# linking them (rampart/base/shared_library.h says why); tests that write
# zips or call servers link them as usual.
rampart_loadable_pkg(archive ARCHIVE)
rampart_loadable_pkg(git2 GIT2)
rampart_loadable_pkg(curl CURL)
rampart_require_pkg(gmp gmp libgmp-dev)

rampart_require_cmake(simdjson libsimdjson-dev)
rampart_require_cmake(fmt libfmt-dev)
rampart_require_cmake(CLI11 libcli11-dev)
rampart_require_cmake(pugixml libpugixml-dev)
rampart_require_cmake(tomlplusplus libtomlplusplus-dev)
# fmt and toml++ compiled into rampart (both can be header-only), and the
# static pugixml, when linking statically; their shared libraries otherwise.
if(RAMPART_LINK_STATIC)
  add_library(rampart::fmt ALIAS fmt::fmt-header-only)
  add_library(rampart::pugixml ALIAS pugixml::static)
  get_target_property(toml_include tomlplusplus::tomlplusplus
    INTERFACE_INCLUDE_DIRECTORIES)
  add_library(rampart_toml INTERFACE)
  target_include_directories(rampart_toml INTERFACE ${toml_include})
  target_compile_definitions(rampart_toml INTERFACE TOML_HEADER_ONLY=1)
  add_library(rampart::toml ALIAS rampart_toml)
else()
  add_library(rampart::fmt ALIAS fmt::fmt)
  add_library(rampart::pugixml ALIAS pugixml::pugixml)
  add_library(rampart::toml ALIAS tomlplusplus::tomlplusplus)
endif()
# Boost.Asio and Boost.Beast (header-only) for the webhook's HTTPS server;
# Boost::headers comes from Debian's boost_headers CMake config.
rampart_require_cmake(Boost libboost-dev)

if(RAMPART_TESTS)
  rampart_require_cmake(GTest libgtest-dev)
  include(GoogleTest)
endif()
if(RAMPART_BENCH)
  rampart_require_cmake(benchmark libbenchmark-dev)
endif()
