// SPDX-License-Identifier: Apache-2.0
//
// The vulnerability store: OSV records in an embedded SQLite file, indexed
// by ecosystem and normalised package name so that a scan reads only the
// advisories of the packages it has, without loading the whole database.
//
// Layout (schema version 1):
//   advisories(id PRIMARY KEY, modified, published, withdrawn, summary,
//              aliases, severity, score, vector, refs)
//   affected(advisory, ecosystem, ecosystem_full, name, ranges, versions)
//     with an index on (ecosystem, name, advisory), so a package's rows
//     come out in advisory order without a sort; `ecosystem` is the base name
//     ("Debian"), `name` normalised by normalize_package_name().
//   imports(ecosystem PRIMARY KEY, source, imported_at)
//   and a partial index of the withdrawn advisories, which a lookup loads
//   once per snapshot instead of joining each affected row to its record.
//
// Writing: every import runs in one transaction, and each source file
// (a .json record or a .zip archive) in a savepoint inside it. A record
// that is not valid OSV is skipped with a problem naming the file; a zip
// that is corrupt or truncated is rolled back whole with a problem naming
// it; the rest goes on. A failure of the store itself rolls everything
// back, so the file is never left half-written. A record replaces a stored
// one with the same id only when its `modified` is newer.
//
// Untrusted input: records go through parse_osv_record() with its limits;
// zip entries larger than kMaxOsvRecordBytes are refused, and an archive
// may hold at most kMaxZipEntries entries.
//
// Thread-safety: a VulnStore is one SQLite connection; use it from one
// thread at a time. Several read-only stores may be open on one file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rampart/base/status.h"
#include "rampart/scan/vuln/osv.h"

struct sqlite3;
struct sqlite3_stmt;

namespace rampart::scan::vuln {

inline constexpr std::size_t kMaxZipEntries = 2000000;
inline constexpr std::size_t kMaxAliasLookups = 32;

// Where the store lives unless --db says otherwise:
// $XDG_CACHE_HOME/rampart/vuln.db, else $HOME/.cache/rampart/vuln.db.
std::string default_store_path();

struct ImportReport {
  std::size_t files = 0;              // .json files and zip entries read
  std::size_t imported = 0;           // records written (new or newer)
  std::size_t unchanged = 0;          // already stored with the same `modified`
  std::size_t rejected = 0;           // files that were not valid OSV records
  std::size_t archives_failed = 0;    // zips rolled back whole
  std::vector<std::string> problems;  // one line each, naming the file
};

struct EcosystemStatus {
  std::string ecosystem;  // base name
  std::int64_t records = 0;
  std::string newest_modified;
};

struct StoreStatus {
  std::vector<EcosystemStatus> ecosystems;
  std::int64_t records = 0;
  std::int64_t withdrawn = 0;
  std::string newest_modified;
};

// An advisory as stored, with the affected entries of one package.
struct StoredAdvisory {
  std::string id;
  std::string modified;
  std::string withdrawn;
  std::string summary;
  std::vector<std::string> aliases;
  Severity severity = Severity::kUnknown;
  double score = 0.0;
  std::string vector;
  // When the advisory has no severity of its own and borrowed an alias's
  // (see load_details()): that alias's id; else empty.
  std::string severity_from;
  std::vector<std::string> references;
  std::vector<OsvAffected> affected;  // only entries for the asked package
};

// One stored affected entry of a package lookup. The views point into the
// store's row buffers and are valid only during the visitor's call.
// `ranges` and `versions` are in the store's compact encoding
// (src/scan/vuln/range_codec.h).
struct AffectedRow {
  std::string_view advisory_id;
  std::string_view withdrawn;  // when, empty unless withdrawn
  std::string_view ecosystem;  // as written, e.g. "Debian:12"
  std::string_view ranges;

  // Read from the row only when asked: version lists can run to thousands
  // of entries (pypa lists every affected release), and SQLite then reads
  // them from overflow pages.
  std::string_view name() const;  // as written
  std::string_view versions() const;
  std::string_view severity_label() const;

  sqlite3_stmt* statement = nullptr;  // the row being visited
};
using AffectedVisitor = std::function<Status(const AffectedRow& row)>;

// Called during an import with the number of records handled so far.
using ImportProgress = std::function<void(std::size_t records)>;

class VulnStore {
 public:
  enum class Mode { kReadOnly, kReadWrite };

  // Opens (kReadWrite: creating if needed, with its parent folders) the
  // store at `path`. kNotFound when a read-only store does not exist.
  static Result<VulnStore> open(const std::string& path, Mode mode);

  VulnStore(VulnStore&& other) noexcept;
  VulnStore& operator=(VulnStore&& other) noexcept;
  VulnStore(const VulnStore&) = delete;
  VulnStore& operator=(const VulnStore&) = delete;
  ~VulnStore();

  // Imports a .json record, a .zip archive of records, or a folder holding
  // either (recursively), in one transaction. Problems with individual
  // files are collected in the report; a failed Status means nothing was
  // written.
  Result<ImportReport> import_path(const std::string& path,
                                   const ImportProgress& progress = {});

  // For `db update`: in one transaction, drops every record of
  // `ecosystem`, then imports the zip at `zip_path`. If the archive is
  // corrupt nothing changes and the Status says why.
  Result<ImportReport> replace_ecosystem(std::string_view ecosystem,
                                         const std::string& zip_path,
                                         const std::string& source,
                                         const ImportProgress& progress = {});

  Result<StoreStatus> status();

  // Ecosystems that `db update` has fetched into this store before.
  Result<std::vector<std::string>> updated_ecosystems();

  // The advisories naming `name` (normalised here) in `ecosystem`'s base
  // ecosystem, withdrawn ones included (callers skip them). With
  // `details` false only id, withdrawn and the affected entries are read;
  // load_details() fills in the rest for the advisories that matter.
  Result<std::vector<StoredAdvisory>> advisories_for(std::string_view ecosystem,
                                                     std::string_view name,
                                                     bool details = true);
  // Reads an advisory's text. An advisory with no severity of its own
  // (golang/vulndb rates nothing; MAL- and many PYSEC- records neither)
  // takes the highest one among its aliases that are in the store and not
  // withdrawn, e.g. the GHSA record of the same vulnerability, and names
  // it in `severity_from`. At most kMaxAliasLookups aliases are tried.
  Status load_details(StoredAdvisory& advisory);

  // The matcher's fast path: calls `visit` for every affected entry naming
  // `name` in `ecosystem`'s base ecosystem, ordered by advisory id, without
  // decoding or copying anything. A visitor error stops the walk and is
  // returned.
  Status for_each_affected(std::string_view ecosystem, std::string_view name,
                           const AffectedVisitor& visit);

  // Runs `body` inside one read transaction, so that many lookups share
  // one snapshot and one file lock instead of taking them per query.
  // Inside a transaction already, just runs `body`.
  Status with_snapshot(const std::function<Status()>& body);

  const std::string& path() const { return path_; }

 private:
  VulnStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status import_source(const std::string& path, ImportReport& report,
                       const ImportProgress& progress);
  Status borrow_alias_severity(StoredAdvisory& advisory);
  Status load_withdrawn();
  std::string_view withdrawn_at(std::string_view id) const;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* package_query_ = nullptr;  // prepared on first use
  sqlite3_stmt* detail_query_ = nullptr;   // likewise
  sqlite3_stmt* alias_query_ = nullptr;    // likewise
  std::string path_;
  // Withdrawn advisories (id, when), sorted by id: few, so lookups check
  // them in memory instead of joining every affected row to its advisory.
  // Loaded once per with_snapshot(), else per lookup.
  std::vector<std::pair<std::string, std::string>> withdrawn_;
  bool in_snapshot_ = false;
};

}  // namespace rampart::scan::vuln
