# SPDX-License-Identifier: Apache-2.0
#
# Finds every third-party library rampart builds on. All of them are Debian 12
# packages; scripts/install-deps.sh installs them. A missing one stops the
# configure step with the name of the package that provides it.
find_package(PkgConfig REQUIRED)

# rampart_require_pkg(<target-name> <pkg-config-module> <debian-package>)
# Creates an IMPORTED target rampart::<target-name>, or fails with a message
# that names the Debian package to install.
function(rampart_require_pkg name module debian_package)
  pkg_check_modules(RAMPART_PKG_${name} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT RAMPART_PKG_${name}_FOUND)
    message(FATAL_ERROR
      "rampart needs ${module} (Debian package ${debian_package}); "
      "run scripts/install-deps.sh or: apt-get install ${debian_package}")
  endif()
  add_library(rampart::${name} ALIAS PkgConfig::RAMPART_PKG_${name})
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
rampart_require_pkg(archive libarchive libarchive-dev)
rampart_require_pkg(git2 libgit2 libgit2-dev)
rampart_require_pkg(curl libcurl libcurl4-openssl-dev)
rampart_require_pkg(gmp gmp libgmp-dev)

rampart_require_cmake(simdjson libsimdjson-dev)
rampart_require_cmake(fmt libfmt-dev)
rampart_require_cmake(CLI11 libcli11-dev)
rampart_require_cmake(pugixml libpugixml-dev)
rampart_require_cmake(tomlplusplus libtomlplusplus-dev)
# Boost.Asio and Boost.Beast (header-only) for the webhook's HTTPS server;
# Boost::headers comes from Debian's boost_headers CMake config.
rampart_require_cmake(Boost libboost-dev)
find_package(Threads REQUIRED)

if(RAMPART_TESTS)
  rampart_require_cmake(GTest libgtest-dev)
  include(GoogleTest)
endif()
if(RAMPART_BENCH)
  rampart_require_cmake(benchmark libbenchmark-dev)
endif()
