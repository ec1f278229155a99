// SPDX-License-Identifier: Apache-2.0
//
// The software inventory of a scanned project: one Component per resolved
// dependency a scanner met (today the vulnerability scanner, from lockfiles
// and OS package databases). The CycloneDX reporter lists it; the other
// reporters only count it. It lives in the findings layer so reporters need
// no knowledge of any scanner.
//
// Plain values; safe to copy and to share read-only between threads.
#pragma once

#include <string>
#include <vector>

namespace rampart {

struct Component {
  std::string ecosystem;    // OSV ecosystem name: "npm", "PyPI", "Go", ...
  std::string name;         // as the ecosystem spells it
  std::string version;      // exact resolved version; empty when unpinned
  std::string purl;         // package URL; empty when the scanner has none
  std::string source_file;  // where it was found, relative to the scan root
  int line = 0;             // line of the entry in source_file, 0 if unknown
  bool direct = false;      // declared by the project itself
  bool dev = false;         // only needed to develop or test the project
};

}  // namespace rampart
