// SPDX-License-Identifier: Apache-2.0
//
// `rampart db import|update|status`: manages the OSV vulnerability store
// (see rampart/scan/vuln/store.h and update.h). Results go to stdout;
// problems with individual records, progress (only on a terminal) and
// errors go to stderr. Exit codes: 0 done (even if some records were
// rejected, each one named on stderr), 2 usage error, unreadable input,
// nothing importable, or a failed update (the previous store is kept).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "rampart/scan/vuln/store.h"
#include "rampart/scan/vuln/update.h"

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace rampart::cli {

namespace {

using scan::vuln::ImportReport;
using scan::vuln::VulnStore;

struct DbFlags {
  std::string db;
  std::string import_path;
  std::vector<std::string> ecosystems;
  std::string base_url = scan::vuln::kDefaultOsvBaseUrl;
  bool quiet = false;
};

std::string store_path(const DbFlags& flags) {
  return flags.db.empty() ? scan::vuln::default_store_path() : flags.db;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void print_problems(const ImportReport& report, bool quiet) {
  if (quiet) return;
  for (const std::string& problem : report.problems) {
    fmt::print(stderr, "rampart: warning: {}\n", problem);
  }
}

void print_summary(const ImportReport& report, const std::string& path) {
  fmt::print(
      "{}: {} records imported, {} unchanged, {} rejected ({} files read)\n",
      path, report.imported, report.unchanged, report.rejected, report.files);
}

scan::vuln::ImportProgress import_progress(bool quiet) {
  if (quiet || !stderr_is_terminal()) return {};
  return [](std::size_t records) {
    fmt::print(stderr, "\rimporting: {} records", records);
    std::fflush(stderr);
  };
}

void end_progress_line(bool quiet) {
  if (!quiet && stderr_is_terminal()) fmt::print(stderr, "\r\033[K");
}

int run_import(const DbFlags& flags) {
  std::string path = store_path(flags);
  Result<VulnStore> store = VulnStore::open(path, VulnStore::Mode::kReadWrite);
  if (!store.is_ok()) return fail(store.status().to_string());

  Result<ImportReport> report =
      store->import_path(flags.import_path, import_progress(flags.quiet));
  end_progress_line(flags.quiet);
  if (!report.is_ok()) return fail(report.status().to_string());
  print_problems(*report, flags.quiet);
  print_summary(*report, path);
  if (report->imported + report->unchanged == 0) {
    return fail(flags.import_path + ": no OSV records could be imported");
  }
  return kExitOk;
}

int run_status(const DbFlags& flags) {
  std::string path = store_path(flags);
  Result<VulnStore> store = VulnStore::open(path, VulnStore::Mode::kReadOnly);
  if (!store.is_ok()) return fail(store.status().to_string());
  Result<scan::vuln::StoreStatus> status = store->status();
  if (!status.is_ok()) return fail(status.status().to_string());

  fmt::print("store: {}\n", path);
  fmt::print("{:<24} {:>9}  {}\n", "ECOSYSTEM", "RECORDS", "NEWEST MODIFIED");
  for (const auto& ecosystem : status->ecosystems) {
    fmt::print("{:<24} {:>9}  {}\n", ecosystem.ecosystem, ecosystem.records,
               ecosystem.newest_modified);
  }
  fmt::print(
      "total: {} records ({} withdrawn, kept but never reported), "
      "newest modified {}\n",
      status->records, status->withdrawn,
      status->newest_modified.empty() ? "-" : status->newest_modified);
  return kExitOk;
}

int run_update(const DbFlags& flags) {
  scan::vuln::UpdateOptions options;
  options.store_path = store_path(flags);
  options.base_url = flags.base_url;
  options.ecosystems = flags.ecosystems;
  if (!flags.quiet && stderr_is_terminal()) {
    options.on_download = [](const std::string& ecosystem, std::uint64_t done,
                             std::uint64_t total) {
      if (total > 0) {
        fmt::print(stderr, "\r{}: {:.1f} / {:.1f} MiB", ecosystem,
                   static_cast<double>(done) / 1048576.0,
                   static_cast<double>(total) / 1048576.0);
      } else {
        fmt::print(stderr, "\r{}: {:.1f} MiB", ecosystem,
                   static_cast<double>(done) / 1048576.0);
      }
      std::fflush(stderr);
    };
    options.on_import = import_progress(flags.quiet);
  }

  Result<scan::vuln::UpdateReport> report = scan::vuln::update_store(options);
  end_progress_line(flags.quiet);
  if (!report.is_ok()) {
    return fail(report.status().to_string() +
                " (the previous store is unchanged)");
  }
  print_problems(report->import, flags.quiet);
  fmt::print("updated {}: {}\n", options.store_path,
             fmt::join(report->ecosystems, ", "));
  print_summary(report->import, options.store_path);
  return kExitOk;
}

void add_common_flags(CLI::App* app, DbFlags& flags) {
  app->add_option("--db", flags.db,
                  "store file (default: $XDG_CACHE_HOME/rampart/vuln.db or "
                  "~/.cache/rampart/vuln.db)");
  app->add_flag("-q,--quiet", flags.quiet,
                "no progress and no per-record warnings on stderr");
}

}  // namespace

CommandRunner add_db_command(CLI::App& root) {
  auto flags = std::make_shared<DbFlags>();
  CLI::App* db =
      root.add_subcommand("db", "manage the OSV vulnerability store");
  db->require_subcommand(1);
  add_common_flags(db, *flags);

  CLI::App* import = db->add_subcommand(
      "import", "load OSV records from a folder of .json files or a .zip");
  import->add_option("PATH", flags->import_path, "folder, .json or .zip")
      ->required();
  add_common_flags(import, *flags);

  CLI::App* update = db->add_subcommand(
      "update", "download per-ecosystem OSV archives and swap them in");
  update->add_option("--ecosystem", flags->ecosystems,
                     "ecosystem to fetch, repeatable (default: those in the "
                     "store)");
  update
      ->add_option("--base-url", flags->base_url,
                   "where <ecosystem>/all.zip are served")
      ->capture_default_str();
  add_common_flags(update, *flags);

  CLI::App* status = db->add_subcommand(
      "status", "print ecosystems, record counts and the newest record");
  add_common_flags(status, *flags);

  return [flags, import, update, status]() {
    if (import->parsed()) return run_import(*flags);
    if (update->parsed()) return run_update(*flags);
    if (status->parsed()) return run_status(*flags);
    return fail("db: name a subcommand: import, update or status");
  };
}

}  // namespace rampart::cli
