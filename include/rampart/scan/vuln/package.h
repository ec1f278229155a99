// SPDX-License-Identifier: Apache-2.0
//
// A resolved dependency as a lockfile or an OS package database records it:
// the inventory the vulnerability matcher checks and the CycloneDX reporter
// lists. Plain data, safe to share read-only between threads.
#pragma once

#include <string>
#include <vector>

namespace rampart::scan::vuln {

struct Package {
  // OSV ecosystem name: "npm", "PyPI", "Go", "crates.io", "RubyGems",
  // "Packagist", "NuGet", "Maven", "Debian", "Alpine", ...; OS packages
  // carry the release when the image says it ("Debian:12", "Alpine:v3.18").
  std::string ecosystem;
  std::string name;     // as the ecosystem spells it (Maven: group:artifact)
  std::string version;  // exact resolved version; empty when unpinned
  std::string purl;     // package URL, e.g. pkg:npm/%40babel/core@7.1.0
  std::string source_file;  // lockfile path relative to the scan root
  int line = 0;             // where the entry starts in it, 0 if unknown
  bool direct = false;      // declared by the project itself
  bool dev = false;         // only a development / test dependency
  // Chain from a direct dependency down to this one, when the lockfile
  // tells ("express > body-parser > qs"); empty otherwise.
  std::vector<std::string> dependency_path;
  std::string commit;  // for git-sourced packages, when known
  // OS packages only: the source package this binary was built from (dpkg
  // `Source:`, apk origin) and its version when the database gives one.
  // OSV's Debian and Alpine advisories are keyed by source package; empty
  // when the database names no source (then `name`/`version` are the source).
  std::string source_name;
  std::string source_version;
};

}  // namespace rampart::scan::vuln
