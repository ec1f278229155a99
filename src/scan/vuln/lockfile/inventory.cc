// SPDX-License-Identifier: Apache-2.0
//
// The public entry points of lockfile.h: recognising inventory files by name
// and dispatching to the format parser. Enforces the overall size bound and
// the package-count bound; each format parser enforces its own nesting
// bound. Stateless; thread-safe.
#include <exception>
#include <utility>

#include "rampart/base/file.h"

#include "fmt/format.h"
#include "scan/vuln/lockfile/parsers.h"

namespace rampart::scan::vuln {

using lockfile::base_name;
using lockfile::ends_with;
using lockfile::starts_with;

std::string_view inventory_format_name(InventoryFormat format) {
  switch (format) {
    case InventoryFormat::kUnknown:
      return "unknown";
    case InventoryFormat::kNpmLock:
      return "package-lock.json";
    case InventoryFormat::kYarnLock:
      return "yarn.lock";
    case InventoryFormat::kPnpmLock:
      return "pnpm-lock.yaml";
    case InventoryFormat::kRequirements:
      return "requirements.txt";
    case InventoryFormat::kPoetryLock:
      return "poetry.lock";
    case InventoryFormat::kPipfileLock:
      return "Pipfile.lock";
    case InventoryFormat::kUvLock:
      return "uv.lock";
    case InventoryFormat::kGoMod:
      return "go.mod";
    case InventoryFormat::kCargoLock:
      return "Cargo.lock";
    case InventoryFormat::kGemfileLock:
      return "Gemfile.lock";
    case InventoryFormat::kComposerLock:
      return "composer.lock";
    case InventoryFormat::kNugetLock:
      return "packages.lock.json";
    case InventoryFormat::kGradleLock:
      return "gradle.lockfile";
    case InventoryFormat::kMavenPom:
      return "pom.xml";
    case InventoryFormat::kDpkgStatus:
      return "dpkg status";
    case InventoryFormat::kApkInstalled:
      return "apk installed";
  }
  return "unknown";
}

namespace {

struct NameRule {
  std::string_view base;
  InventoryFormat format;
};

constexpr NameRule kExactNames[] = {
    {"package-lock.json", InventoryFormat::kNpmLock},
    {"npm-shrinkwrap.json", InventoryFormat::kNpmLock},
    {"yarn.lock", InventoryFormat::kYarnLock},
    {"pnpm-lock.yaml", InventoryFormat::kPnpmLock},
    {"poetry.lock", InventoryFormat::kPoetryLock},
    {"Pipfile.lock", InventoryFormat::kPipfileLock},
    {"uv.lock", InventoryFormat::kUvLock},
    {"go.mod", InventoryFormat::kGoMod},
    {"Cargo.lock", InventoryFormat::kCargoLock},
    {"Gemfile.lock", InventoryFormat::kGemfileLock},
    {"gems.locked", InventoryFormat::kGemfileLock},
    {"composer.lock", InventoryFormat::kComposerLock},
    {"packages.lock.json", InventoryFormat::kNugetLock},
    {"gradle.lockfile", InventoryFormat::kGradleLock},
    {"pom.xml", InventoryFormat::kMavenPom},
};

// "requirements.txt", "requirements-dev.txt", "dev-requirements.txt",
// "requirements/base.txt"-style folders are left to the caller's --lockfile.
bool is_requirements_name(std::string_view base) {
  if (!ends_with(base, ".txt")) return false;
  return starts_with(base, "requirements") ||
         ends_with(base, "requirements.txt");
}

// True when `path` is `suffix` or ends with "/" + suffix.
bool has_path_suffix(std::string_view path, std::string_view suffix) {
  if (path == suffix) return true;
  return path.size() > suffix.size() && ends_with(path, suffix) &&
         path[path.size() - suffix.size() - 1] == '/';
}

}  // namespace

InventoryFormat detect_inventory_format(std::string_view relative_path) {
  std::string_view base = base_name(relative_path);
  for (const NameRule& rule : kExactNames) {
    if (base == rule.base) return rule.format;
  }
  if (is_requirements_name(base)) return InventoryFormat::kRequirements;
  if (has_path_suffix(relative_path, "var/lib/dpkg/status")) {
    return InventoryFormat::kDpkgStatus;
  }
  std::string_view folder = lockfile::dir_name(relative_path);
  if (has_path_suffix(folder, "var/lib/dpkg/status.d") && !base.empty() &&
      base.find('.') == std::string_view::npos) {
    return InventoryFormat::kDpkgStatus;  // distroless: one file per package
  }
  if (has_path_suffix(relative_path, "lib/apk/db/installed")) {
    return InventoryFormat::kApkInstalled;
  }
  if (ends_with(folder, "gradle/dependency-locks") &&
      ends_with(base, ".lockfile")) {
    return InventoryFormat::kGradleLock;
  }
  return InventoryFormat::kUnknown;
}

bool is_inventory_file(std::string_view relative_path) {
  return detect_inventory_format(relative_path) != InventoryFormat::kUnknown;
}

namespace {

Result<std::vector<Package>> dispatch(const lockfile::Context& ctx) {
  using F = InventoryFormat;
  switch (ctx.format) {
    case F::kNpmLock:
      return lockfile::parse_npm_lock(ctx);
    case F::kYarnLock:
      return lockfile::parse_yarn_lock(ctx);
    case F::kPnpmLock:
      return lockfile::parse_pnpm_lock(ctx);
    case F::kRequirements:
      return lockfile::parse_requirements(ctx);
    case F::kPoetryLock:
      return lockfile::parse_poetry_lock(ctx);
    case F::kPipfileLock:
      return lockfile::parse_pipfile_lock(ctx);
    case F::kUvLock:
      return lockfile::parse_uv_lock(ctx);
    case F::kGoMod:
      return lockfile::parse_go_mod(ctx);
    case F::kCargoLock:
      return lockfile::parse_cargo_lock(ctx);
    case F::kGemfileLock:
      return lockfile::parse_gemfile_lock(ctx);
    case F::kComposerLock:
      return lockfile::parse_composer_lock(ctx);
    case F::kNugetLock:
      return lockfile::parse_nuget_lock(ctx);
    case F::kGradleLock:
      return lockfile::parse_gradle_lock(ctx);
    case F::kMavenPom:
      return lockfile::parse_maven_pom(ctx);
    case F::kDpkgStatus:
      return lockfile::parse_dpkg_status(ctx);
    case F::kApkInstalled:
      return lockfile::parse_apk_installed(ctx);
    case F::kUnknown:
      break;
  }
  return Status(StatusCode::kUnsupported, "not a known inventory file",
                SourceLocation{ctx.source_file, 0, 0});
}

}  // namespace

Result<std::vector<Package>> parse_inventory_as(
    InventoryFormat format, std::string_view relative_path,
    std::string_view content, const SiblingReader& read_sibling) {
  lockfile::Context ctx;
  ctx.format = format;
  ctx.source_file = std::string(relative_path);
  ctx.content = content;
  ctx.read_sibling = &read_sibling;
  if (content.size() > kMaxInventoryBytes) {
    return lockfile::limit_error(
        ctx, fmt::format("{} bytes, the limit is {}", content.size(),
                         kMaxInventoryBytes));
  }

  // An empty file is an empty inventory, whatever its format: a project
  // may commit a placeholder lockfile.
  if (lockfile::trim(content).empty()) return std::vector<Package>();

  // The parsers do not throw; this is the last line of defence against a
  // std::bad_alloc or a library exception slipping through.
  Result<std::vector<Package>> parsed = Status(StatusCode::kInternal, "");
  try {
    parsed = dispatch(ctx);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal,
                  fmt::format("{} parser failed: {}",
                              inventory_format_name(format), e.what()),
                  SourceLocation{ctx.source_file, 0, 0});
  }
  if (parsed.is_ok() && parsed->size() > kMaxInventoryPackages) {
    return lockfile::limit_error(
        ctx, fmt::format("{} packages, the limit is {}", parsed->size(),
                         kMaxInventoryPackages));
  }
  return parsed;
}

Result<std::vector<Package>> parse_inventory(
    std::string_view relative_path, std::string_view content,
    const SiblingReader& read_sibling) {
  return parse_inventory_as(detect_inventory_format(relative_path),
                            relative_path, content, read_sibling);
}

Result<std::vector<Package>> parse_inventory(std::string_view relative_path,
                                             std::string_view content) {
  return parse_inventory(relative_path, content, SiblingReader());
}

SiblingReader directory_sibling_reader(std::string root) {
  return [root = std::move(root)](
             const std::string& relative_path) -> Result<std::string> {
    std::string safe = lockfile::join_path("", relative_path);
    if (safe.empty() || safe != relative_path) {
      return Status(StatusCode::kInvalidArgument,
                    "refusing path outside the scan root: " + relative_path);
    }
    return read_file(root + "/" + safe, kMaxInventoryBytes);
  };
}

}  // namespace rampart::scan::vuln
