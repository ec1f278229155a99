// SPDX-License-Identifier: Apache-2.0
//
// Dependency inventories: turns a lockfile or an OS package database into
// the list of Packages exactly as the package manager resolved them.
//
// Recognised files (by base name or path suffix): npm package-lock.json and
// npm-shrinkwrap.json (lockfile v1-v3), yarn.lock (classic and Berry),
// pnpm-lock.yaml (5.x, 6, 9), requirements*.txt, poetry.lock, Pipfile.lock,
// uv.lock, go.mod (with go.sum beside it), Cargo.lock, Gemfile.lock and
// gems.locked, composer.lock, packages.lock.json (NuGet), gradle.lockfile,
// pom.xml, dpkg var/lib/dpkg/status (and status.d/*), apk
// lib/apk/db/installed. docs/inventories.md describes what each parser takes
// from its format.
//
// Every input is untrusted: content is bounded by kMaxInventoryBytes, nesting
// and package counts are bounded, and third-party parsers that throw are
// wrapped so nothing escapes. Failures come back as a Status naming the file
// and the problem (kParseError for text that is not the format its name says,
// kLimitExceeded for a bound hit). The functions keep no state and are safe
// to call from several threads at once, provided a SiblingReader is too.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/scan/vuln/package.h"

namespace rampart::scan::vuln {

// Larger inventories are refused with kLimitExceeded.
inline constexpr std::size_t kMaxInventoryBytes = 64u << 20;
// More packages than this in one file is refused with kLimitExceeded.
inline constexpr std::size_t kMaxInventoryPackages = 1000000;

enum class InventoryFormat {
  kUnknown,
  kNpmLock,       // package-lock.json, npm-shrinkwrap.json
  kYarnLock,      // yarn.lock
  kPnpmLock,      // pnpm-lock.yaml
  kRequirements,  // requirements*.txt
  kPoetryLock,    // poetry.lock
  kPipfileLock,   // Pipfile.lock
  kUvLock,        // uv.lock
  kGoMod,         // go.mod (+ go.sum)
  kCargoLock,     // Cargo.lock
  kGemfileLock,   // Gemfile.lock, gems.locked
  kComposerLock,  // composer.lock
  kNugetLock,     // packages.lock.json
  kGradleLock,    // gradle.lockfile, gradle/dependency-locks/*.lockfile
  kMavenPom,      // pom.xml
  kDpkgStatus,    // var/lib/dpkg/status, var/lib/dpkg/status.d/*
  kApkInstalled,  // lib/apk/db/installed
};

// A short stable name for messages and tests ("package-lock.json", ...).
std::string_view inventory_format_name(InventoryFormat format);

// Which format a path names, by base name or path suffix; kUnknown if none.
// Paths use '/' and are relative to the scan root.
InventoryFormat detect_inventory_format(std::string_view relative_path);

// True when parse_inventory understands the file at `relative_path`.
bool is_inventory_file(std::string_view relative_path);

// Parses one inventory. `relative_path` picks the format and is copied into
// every Package's source_file. Files that a format refers to (go.sum beside
// go.mod, `-r` includes of requirements files, a parent pom.xml, the
// manifest beside a lockfile, an image's os-release) are not read by this
// overload; use the one taking a SiblingReader for them.
Result<std::vector<Package>> parse_inventory(std::string_view relative_path,
                                             std::string_view content);

// Reads another file of the scanned tree, given its path relative to the
// scan root ('/'-separated, already normalised, never escaping the root).
// Returns kNotFound when there is no such file.
using SiblingReader =
    std::function<Result<std::string>(const std::string& relative_path)>;

// As above, and reads neighbouring files through `read_sibling`: go.sum,
// requirements includes, parent poms, package.json / pyproject.toml /
// Pipfile / composer.json beside a lockfile (direct and dev flags), and
// etc/os-release of an image root (the OS release). A missing neighbour is
// not an error: the inventory is what the file itself says.
Result<std::vector<Package>> parse_inventory(std::string_view relative_path,
                                             std::string_view content,
                                             const SiblingReader& read_sibling);

// Parses `content` as `format` whatever the file is called (test fixtures,
// a user's --lockfile TYPE:PATH override). `read_sibling` may be empty.
Result<std::vector<Package>> parse_inventory_as(
    InventoryFormat format, std::string_view relative_path,
    std::string_view content, const SiblingReader& read_sibling = {});

// A SiblingReader over a folder on disk: reads `root`/relative_path with the
// usual size bound, refusing paths that contain "..".
SiblingReader directory_sibling_reader(std::string root);

}  // namespace rampart::scan::vuln
