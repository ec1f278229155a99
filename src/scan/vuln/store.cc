// SPDX-License-Identifier: Apache-2.0
//
// The SQLite vulnerability store; see store.h for the layout and the
// transaction rules. Ranges and version lists are kept in a compact text
// encoding (ASCII unit and record separators) that the matcher decodes per
// candidate package, so a scan never parses JSON.
#include "rampart/scan/vuln/store.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>

#include "rampart/base/file.h"

#include "range_codec.h"
#include "zip_reader.h"

namespace rampart::scan::vuln {

namespace {

namespace fs = std::filesystem;

using codec::kRecord;
using codec::kUnit;
constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS advisories(
  id TEXT PRIMARY KEY, modified TEXT NOT NULL, published TEXT,
  withdrawn TEXT, summary TEXT, aliases TEXT, severity INTEGER,
  score REAL, vector TEXT, refs TEXT);
CREATE TABLE IF NOT EXISTS affected(
  advisory TEXT NOT NULL, ecosystem TEXT NOT NULL,
  ecosystem_full TEXT NOT NULL, name TEXT NOT NULL, display_name TEXT,
  ranges TEXT, versions TEXT, severity_label TEXT);
DROP INDEX IF EXISTS affected_package;
CREATE INDEX IF NOT EXISTS affected_lookup
  ON affected(ecosystem, name, advisory);
CREATE INDEX IF NOT EXISTS affected_advisory ON affected(advisory);
CREATE INDEX IF NOT EXISTS advisories_withdrawn ON advisories(id)
  WHERE withdrawn IS NOT NULL AND withdrawn != '';
CREATE TABLE IF NOT EXISTS imports(
  ecosystem TEXT PRIMARY KEY, source TEXT, imported_at TEXT);
)sql";

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  Status prepare(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      return Status(StatusCode::kInternal,
                    std::string("vulnerability store: ") + sqlite3_errmsg(db));
    }
    return Status::ok();
  }
  void bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  void bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
  }
  void bind_int(int index, int value) { sqlite3_bind_int(stmt_, index, value); }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int column) const {
    const unsigned char* value = sqlite3_column_text(stmt_, column);
    int size = sqlite3_column_bytes(stmt_, column);
    return value ? std::string(reinterpret_cast<const char*>(value),
                               static_cast<size_t>(size))
                 : std::string();
  }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::int64_t integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

Status sql_error(sqlite3* db, const std::string& what) {
  return Status(StatusCode::kIoError,
                "vulnerability store: " + what + ": " + sqlite3_errmsg(db));
}

Status exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) {
    return Status::ok();
  }
  std::string text = message != nullptr ? message : "unknown error";
  sqlite3_free(message);
  return Status(StatusCode::kIoError, "vulnerability store: " + text);
}

std::string join(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    out.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

bool has_separator(std::string_view text) {
  return text.find(kUnit) != std::string_view::npos ||
         text.find(kRecord) != std::string_view::npos ||
         text.find('\n') != std::string_view::npos;
}

// The encoding relies on versions, names and ids free of separators; no
// real record has them, and a record that does is refused.
Status check_encodable(const OsvRecord& record) {
  auto bad = [](const std::string& what) {
    return Status(StatusCode::kParseError,
                  "OSV record: " + what + " holds a control character");
  };
  if (has_separator(record.id)) return bad("id");
  for (const std::string& alias : record.aliases) {
    if (has_separator(alias)) return bad("an alias");
  }
  for (const OsvAffected& affected : record.affected) {
    if (has_separator(affected.name)) return bad("a package name");
    for (const std::string& version : affected.versions) {
      if (has_separator(version)) return bad("a version");
    }
    for (const OsvRange& range : affected.ranges) {
      for (const OsvEvent& event : range.events) {
        if (has_separator(event.version)) return bad("a range event");
      }
    }
  }
  return Status::ok();
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

std::string now_utc() {
  char buffer[32];
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

}  // namespace

// Writes records within the caller's transaction.
class RecordWriter {
 public:
  static Result<std::unique_ptr<RecordWriter>> create(sqlite3* db) {
    auto writer = std::unique_ptr<RecordWriter>(new RecordWriter(db));
    RAMPART_RETURN_IF_ERROR(writer->select_modified_.prepare(
        db, "SELECT modified FROM advisories WHERE id = ?1"));
    RAMPART_RETURN_IF_ERROR(writer->delete_affected_.prepare(
        db, "DELETE FROM affected WHERE advisory = ?1"));
    RAMPART_RETURN_IF_ERROR(writer->insert_advisory_.prepare(
        db,
        "INSERT OR REPLACE INTO advisories(id, modified, published, "
        "withdrawn, summary, aliases, severity, score, vector, refs) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    RAMPART_RETURN_IF_ERROR(writer->insert_affected_.prepare(
        db,
        "INSERT INTO affected(advisory, ecosystem, ecosystem_full, name, "
        "display_name, ranges, versions, severity_label) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    return writer;
  }

  // Parses and stores one record; problems with the record itself go to
  // the report, failures of the store come back as a Status.
  Status write_text(std::string_view json, const std::string& name,
                    ImportReport& report) {
    ++report.files;
    Result<OsvRecord> record = parse_osv_record(json);
    Status valid = record.is_ok() ? check_encodable(*record) : record.status();
    if (!valid.is_ok()) {
      ++report.rejected;
      report.problems.push_back(name + ": " + valid.message());
      return Status::ok();
    }
    return write(*record, report);
  }

 private:
  explicit RecordWriter(sqlite3* db) : db_(db) {}

  Status write(const OsvRecord& record, ImportReport& report) {
    select_modified_.bind(1, record.id);
    bool newer = true;
    if (select_modified_.step() == SQLITE_ROW) {
      newer = record.modified > select_modified_.text(0);
    }
    select_modified_.reset();
    if (!newer) {
      ++report.unchanged;
      return Status::ok();
    }

    delete_affected_.bind(1, record.id);
    if (delete_affected_.step() != SQLITE_DONE) {
      return sql_error(db_, "cannot replace " + record.id);
    }
    delete_affected_.reset();
    RAMPART_RETURN_IF_ERROR(insert_advisory(record));
    for (const OsvAffected& affected : record.affected) {
      if (affected.name.empty()) continue;  // GIT-only entries
      RAMPART_RETURN_IF_ERROR(insert_affected(record.id, affected));
    }
    ++report.imported;
    return Status::ok();
  }

  Status insert_advisory(const OsvRecord& record) {
    // TODO(vuln): severity is fixed at import; a store filled before a
    // scoring change (CVSS v4.0 support) keeps the old result until the
    // record is written again, and users must re-create the store. Fix:
    // keep the raw severity entries and re-score on a scoring version bump.
    RecordSeverity severity = record_severity(record);
    Statement& s = insert_advisory_;
    s.bind(1, record.id);
    s.bind(2, record.modified);
    s.bind(3, record.published);
    s.bind(4, record.withdrawn);
    s.bind(5, record.summary);
    s.bind(6, join(record.aliases, '\n'));
    s.bind_int(7, static_cast<int>(severity.level));
    s.bind(8, severity.score);
    s.bind(9, severity.vector);
    s.bind(10, join(record.references, '\n'));
    int status = s.step();
    s.reset();
    if (status != SQLITE_DONE)
      return sql_error(db_, "cannot store " + record.id);
    return Status::ok();
  }

  Status insert_affected(const std::string& id, const OsvAffected& affected) {
    Statement& s = insert_affected_;
    s.bind(1, id);
    s.bind(2, base_ecosystem(affected.ecosystem));
    s.bind(3, affected.ecosystem);
    s.bind(4, normalize_package_name(affected.ecosystem, affected.name));
    s.bind(5, affected.name);
    s.bind(6, codec::encode_ranges(affected.ranges));
    s.bind(7, codec::encode_versions(affected.versions));
    s.bind(8, affected.severity_label);
    int status = s.step();
    s.reset();
    if (status != SQLITE_DONE) return sql_error(db_, "cannot store " + id);
    return Status::ok();
  }

  sqlite3* db_;
  Statement select_modified_;
  Statement delete_affected_;
  Statement insert_advisory_;
  Statement insert_affected_;
};

std::string default_store_path() {
  const char* cache = std::getenv("XDG_CACHE_HOME");
  if (cache != nullptr && cache[0] == '/') {
    return std::string(cache) + "/rampart/vuln.db";
  }
  const char* home = std::getenv("HOME");
  std::string base = home != nullptr && home[0] != '\0' ? home : ".";
  return base + "/.cache/rampart/vuln.db";
}

Result<VulnStore> VulnStore::open(const std::string& path, Mode mode) {
  std::error_code error;
  if (mode == Mode::kReadOnly && !fs::exists(path, error)) {
    return Status(StatusCode::kNotFound,
                  path +
                      ": no vulnerability store here; load one with "
                      "'rampart db import PATH' or 'rampart db update'");
  }
  if (mode == Mode::kReadWrite) {
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, error);
  }

  sqlite3* db = nullptr;
  int flags = mode == Mode::kReadOnly
                  ? SQLITE_OPEN_READONLY
                  : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string reason = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status(StatusCode::kIoError, path + ": cannot open: " + reason);
  }
  VulnStore store(db, path);
  sqlite3_busy_timeout(db, 5000);

  if (mode == Mode::kReadWrite) {
    RAMPART_RETURN_IF_ERROR(exec(db, kSchema));
    RAMPART_RETURN_IF_ERROR(
        exec(db, "PRAGMA user_version = " + std::to_string(kSchemaVersion)));
    return store;
  }

  // Matching reads many small rows: map the file instead of copying pages
  // through read(2), and keep a larger page cache.
  RAMPART_RETURN_IF_ERROR(
      exec(db, "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32768"));

  // A read-only store must be one of ours.
  Statement version;
  RAMPART_RETURN_IF_ERROR(version.prepare(db, "PRAGMA user_version"));
  if (version.step() != SQLITE_ROW || version.integer(0) != kSchemaVersion) {
    return Status(StatusCode::kParseError,
                  path + ": not a rampart vulnerability store (schema " +
                      std::to_string(kSchemaVersion) + " expected)");
  }
  return store;
}

VulnStore::VulnStore(VulnStore&& other) noexcept
    : db_(other.db_),
      package_query_(other.package_query_),
      detail_query_(other.detail_query_),
      alias_query_(other.alias_query_),
      path_(std::move(other.path_)),
      withdrawn_(std::move(other.withdrawn_)),
      in_snapshot_(other.in_snapshot_) {
  other.db_ = nullptr;
  other.package_query_ = nullptr;
  other.detail_query_ = nullptr;
  other.alias_query_ = nullptr;
}

VulnStore& VulnStore::operator=(VulnStore&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(package_query_);
    sqlite3_finalize(detail_query_);
    sqlite3_finalize(alias_query_);
    sqlite3_close(db_);
    db_ = other.db_;
    package_query_ = other.package_query_;
    detail_query_ = other.detail_query_;
    other.detail_query_ = nullptr;
    alias_query_ = other.alias_query_;
    other.alias_query_ = nullptr;
    path_ = std::move(other.path_);
    withdrawn_ = std::move(other.withdrawn_);
    in_snapshot_ = other.in_snapshot_;
    other.db_ = nullptr;
    other.package_query_ = nullptr;
  }
  return *this;
}

VulnStore::~VulnStore() {
  sqlite3_finalize(package_query_);
  sqlite3_finalize(detail_query_);
  sqlite3_finalize(alias_query_);
  sqlite3_close(db_);
}

namespace {

// Runs `body` inside BEGIN/COMMIT, rolling back when it fails.
Status in_transaction(sqlite3* db, const std::function<Status()>& body) {
  RAMPART_RETURN_IF_ERROR(exec(db, "BEGIN IMMEDIATE"));
  Status status = body();
  if (status.is_ok()) status = exec(db, "COMMIT");
  if (!status.is_ok()) (void)exec(db, "ROLLBACK");
  return status;
}

// Every .json and .zip file under `root`, sorted, so imports are
// repeatable.
Result<std::vector<std::string>> list_sources(const std::string& root) {
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(root, error), end;
  if (error) {
    return Status(StatusCode::kIoError, root + ": " + error.message());
  }
  for (; it != end; it.increment(error)) {
    if (error)
      return Status(StatusCode::kIoError, root + ": " + error.message());
    if (!it->is_regular_file(error)) continue;
    std::string name = it->path().string();
    if (ends_with(name, ".json") || ends_with(name, ".zip")) {
      files.push_back(std::move(name));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Status VulnStore::import_source(const std::string& path, ImportReport& report,
                                const ImportProgress& progress) {
  Result<std::unique_ptr<RecordWriter>> writer = RecordWriter::create(db_);
  if (!writer.is_ok()) return writer.status();
  auto tick = [&]() {
    if (progress && report.files % 1000 == 0) progress(report.files);
  };

  if (!ends_with(path, ".zip")) {
    Result<std::string> content = read_file(path, kMaxOsvRecordBytes);
    if (!content.is_ok()) {
      ++report.rejected;
      report.problems.push_back(content.status().to_string());
      return Status::ok();
    }
    RAMPART_RETURN_IF_ERROR((*writer)->write_text(*content, path, report));
    tick();
    return Status::ok();
  }

  // A zip is all or nothing: a savepoint holds its records until the
  // archive has been read to the end.
  RAMPART_RETURN_IF_ERROR(exec(db_, "SAVEPOINT archive"));
  ImportReport partial;
  bool store_failed = false;
  Status read =
      for_each_zip_json(path, kMaxZipEntries, kMaxOsvRecordBytes,
                        [&](const std::string& name, std::string_view content) {
                          Status written = (*writer)->write_text(
                              content, path + ":" + name, partial);
                          if (!written.is_ok()) store_failed = true;
                          if (progress && partial.files % 1000 == 0) {
                            progress(report.files + partial.files);
                          }
                          return written;
                        });
  if (read.is_ok()) {
    RAMPART_RETURN_IF_ERROR(exec(db_, "RELEASE archive"));
    report.files += partial.files;
    report.imported += partial.imported;
    report.unchanged += partial.unchanged;
    report.rejected += partial.rejected;
    report.problems.insert(report.problems.end(), partial.problems.begin(),
                           partial.problems.end());
    return Status::ok();
  }
  RAMPART_RETURN_IF_ERROR(exec(db_, "ROLLBACK TO archive; RELEASE archive"));
  if (store_failed) return read;
  ++report.archives_failed;
  report.problems.push_back(read.message() +
                            " (archive skipped, nothing "
                            "from it was stored)");
  return Status::ok();
}

Result<ImportReport> VulnStore::import_path(const std::string& path,
                                            const ImportProgress& progress) {
  std::error_code error;
  std::vector<std::string> sources;
  if (fs::is_directory(path, error)) {
    Result<std::vector<std::string>> listed = list_sources(path);
    if (!listed.is_ok()) return listed.status();
    sources = std::move(*listed);
  } else if (fs::is_regular_file(path, error)) {
    sources.push_back(path);
  } else {
    return Status(StatusCode::kNotFound,
                  path + ": no such file or folder to import");
  }

  ImportReport report;
  Status status = in_transaction(db_, [&]() {
    for (const std::string& source : sources) {
      RAMPART_RETURN_IF_ERROR(import_source(source, report, progress));
    }
    return Status::ok();
  });
  if (!status.is_ok()) return status;
  return report;
}

Result<ImportReport> VulnStore::replace_ecosystem(
    std::string_view ecosystem, const std::string& zip_path,
    const std::string& source, const ImportProgress& progress) {
  ImportReport report;
  std::string base(base_ecosystem(ecosystem));
  Status status = in_transaction(db_, [&]() {
    // Whole records go: a record naming several ecosystems comes back
    // complete from this archive, and would otherwise be kept as
    // "unchanged" without its rows for this ecosystem.
    RAMPART_RETURN_IF_ERROR(exec(
        db_, "CREATE TEMP TABLE IF NOT EXISTS dropped(id TEXT PRIMARY KEY)"));
    RAMPART_RETURN_IF_ERROR(exec(db_, "DELETE FROM temp.dropped"));
    Statement collect;
    RAMPART_RETURN_IF_ERROR(
        collect.prepare(db_,
                        "INSERT OR IGNORE INTO temp.dropped "
                        "SELECT advisory FROM affected WHERE ecosystem = ?1"));
    collect.bind(1, base);
    if (collect.step() != SQLITE_DONE) {
      return sql_error(db_, "cannot drop " + base);
    }
    RAMPART_RETURN_IF_ERROR(exec(
        db_,
        "DELETE FROM affected WHERE advisory IN (SELECT id FROM "
        "temp.dropped); DELETE FROM advisories WHERE id IN (SELECT id FROM "
        "temp.dropped); DELETE FROM temp.dropped"));

    RAMPART_RETURN_IF_ERROR(import_source(zip_path, report, progress));
    if (report.archives_failed > 0) {
      return Status(StatusCode::kParseError, report.problems.back());
    }
    Statement note;
    RAMPART_RETURN_IF_ERROR(note.prepare(
        db_,
        "INSERT OR REPLACE INTO imports(ecosystem, source, imported_at) "
        "VALUES(?1, ?2, ?3)"));
    note.bind(1, base);
    note.bind(2, source);
    note.bind(3, now_utc());
    if (note.step() != SQLITE_DONE) return sql_error(db_, "cannot note import");
    return Status::ok();
  });
  if (!status.is_ok()) return status;
  return report;
}

Result<std::vector<std::string>> VulnStore::updated_ecosystems() {
  Statement query;
  RAMPART_RETURN_IF_ERROR(
      query.prepare(db_, "SELECT ecosystem FROM imports ORDER BY ecosystem"));
  std::vector<std::string> names;
  while (query.step() == SQLITE_ROW) names.push_back(query.text(0));
  return names;
}

Result<StoreStatus> VulnStore::status() {
  StoreStatus result;
  Statement per_ecosystem;
  RAMPART_RETURN_IF_ERROR(per_ecosystem.prepare(
      db_,
      "SELECT f.ecosystem, COUNT(DISTINCT a.id), MAX(a.modified) "
      "FROM affected f JOIN advisories a ON a.id = f.advisory "
      "GROUP BY f.ecosystem ORDER BY f.ecosystem"));
  while (per_ecosystem.step() == SQLITE_ROW) {
    result.ecosystems.push_back({per_ecosystem.text(0),
                                 per_ecosystem.integer(1),
                                 per_ecosystem.text(2)});
  }

  Statement totals;
  RAMPART_RETURN_IF_ERROR(totals.prepare(
      db_,
      "SELECT COUNT(*), SUM(withdrawn IS NOT NULL AND withdrawn != ''), "
      "MAX(modified) FROM advisories"));
  if (totals.step() == SQLITE_ROW) {
    result.records = totals.integer(0);
    result.withdrawn = totals.integer(1);
    result.newest_modified = totals.text(2);
  }
  return result;
}

namespace {

// Prepares `sql` into `*slot` once; later calls reuse it.
Status prepare_once(sqlite3* db, const char* sql, sqlite3_stmt** slot) {
  if (*slot == nullptr &&
      sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot,
                         nullptr) != SQLITE_OK) {
    return sql_error(db, "cannot query");
  }
  sqlite3_reset(*slot);
  return Status::ok();
}

std::string column_text(sqlite3_stmt* statement, int column) {
  const unsigned char* value = sqlite3_column_text(statement, column);
  return value
             ? std::string(
                   reinterpret_cast<const char*>(value),
                   static_cast<size_t>(sqlite3_column_bytes(statement, column)))
             : std::string();
}

}  // namespace

namespace {

std::string_view column_view(sqlite3_stmt* statement, int column) {
  const unsigned char* value = sqlite3_column_text(statement, column);
  if (value == nullptr) return {};
  return {reinterpret_cast<const char*>(value),
          static_cast<size_t>(sqlite3_column_bytes(statement, column))};
}

}  // namespace

std::string_view AffectedRow::name() const { return column_view(statement, 3); }

std::string_view AffectedRow::versions() const {
  return column_view(statement, 4);
}

std::string_view AffectedRow::severity_label() const {
  return column_view(statement, 5);
}

Status VulnStore::load_withdrawn() {
  withdrawn_.clear();
  Statement query;
  RAMPART_RETURN_IF_ERROR(query.prepare(
      db_,
      "SELECT id, withdrawn FROM advisories "
      "WHERE withdrawn IS NOT NULL AND withdrawn != '' ORDER BY id"));
  int status = SQLITE_ROW;
  while ((status = query.step()) == SQLITE_ROW) {
    withdrawn_.emplace_back(query.text(0), query.text(1));
  }
  if (status != SQLITE_DONE) return sql_error(db_, "cannot query");
  return Status::ok();
}

std::string_view VulnStore::withdrawn_at(std::string_view id) const {
  auto found = std::lower_bound(withdrawn_.begin(), withdrawn_.end(), id,
                                [](const auto& entry, std::string_view key) {
                                  return entry.first < key;
                                });
  if (found == withdrawn_.end() || found->first != id) return {};
  return found->second;
}

Status VulnStore::for_each_affected(std::string_view ecosystem,
                                    std::string_view name,
                                    const AffectedVisitor& visit) {
  if (!in_snapshot_) RAMPART_RETURN_IF_ERROR(load_withdrawn());
  // Only what evaluation needs; the text of an advisory is read by
  // load_details() for the few that match.
  RAMPART_RETURN_IF_ERROR(prepare_once(
      db_,
      "SELECT advisory, ecosystem_full, ranges, display_name, versions, "
      "severity_label FROM affected "
      "WHERE ecosystem = ?1 AND name = ?2 ORDER BY advisory",
      &package_query_));
  sqlite3_stmt* raw = package_query_;
  std::string base(base_ecosystem(ecosystem));
  std::string normalized = normalize_package_name(ecosystem, name);
  sqlite3_bind_text(raw, 1, base.data(), static_cast<int>(base.size()),
                    SQLITE_STATIC);
  sqlite3_bind_text(raw, 2, normalized.data(),
                    static_cast<int>(normalized.size()), SQLITE_STATIC);

  Status visited = Status::ok();
  int status = SQLITE_ROW;
  while (visited.is_ok() && (status = sqlite3_step(raw)) == SQLITE_ROW) {
    AffectedRow row;
    row.advisory_id = column_view(raw, 0);
    row.withdrawn = withdrawn_at(row.advisory_id);
    row.ecosystem = column_view(raw, 1);
    row.ranges = column_view(raw, 2);
    row.statement = raw;
    visited = visit(row);
  }
  sqlite3_reset(raw);
  sqlite3_clear_bindings(raw);
  if (!visited.is_ok()) return visited;
  if (status != SQLITE_ROW && status != SQLITE_DONE) {
    return sql_error(db_, "cannot query");
  }
  return Status::ok();
}

Result<std::vector<StoredAdvisory>> VulnStore::advisories_for(
    std::string_view ecosystem, std::string_view name, bool details) {
  std::vector<StoredAdvisory> result;
  Status status =
      for_each_affected(ecosystem, name, [&](const AffectedRow& row) {
        if (result.empty() || result.back().id != row.advisory_id) {
          StoredAdvisory advisory;
          advisory.id = std::string(row.advisory_id);
          advisory.withdrawn = std::string(row.withdrawn);
          result.push_back(std::move(advisory));
        }
        OsvAffected affected;
        affected.ecosystem = std::string(row.ecosystem);
        affected.name = std::string(row.name());
        affected.ranges = codec::decode_ranges(row.ranges);
        affected.versions = codec::decode_versions(row.versions());
        affected.severity_label = std::string(row.severity_label());
        result.back().affected.push_back(std::move(affected));
        return Status::ok();
      });
  if (!status.is_ok()) return status;

  if (details) {
    for (StoredAdvisory& advisory : result) {
      RAMPART_RETURN_IF_ERROR(load_details(advisory));
    }
  }
  return result;
}

Status VulnStore::with_snapshot(const std::function<Status()>& body) {
  if (sqlite3_get_autocommit(db_) == 0 || in_snapshot_) return body();
  RAMPART_RETURN_IF_ERROR(exec(db_, "BEGIN"));
  Status status = load_withdrawn();
  if (status.is_ok()) {
    in_snapshot_ = true;
    status = body();
    in_snapshot_ = false;
  }
  Status ended = exec(db_, status.is_ok() ? "COMMIT" : "ROLLBACK");
  return status.is_ok() ? ended : status;
}

Status VulnStore::load_details(StoredAdvisory& advisory) {
  RAMPART_RETURN_IF_ERROR(prepare_once(
      db_,
      "SELECT modified, summary, aliases, severity, score, vector, refs "
      "FROM advisories WHERE id = ?1",
      &detail_query_));
  sqlite3_stmt* raw = detail_query_;
  sqlite3_bind_text(raw, 1, advisory.id.data(),
                    static_cast<int>(advisory.id.size()), SQLITE_STATIC);
  int status = sqlite3_step(raw);
  if (status == SQLITE_ROW) {
    advisory.modified = column_text(raw, 0);
    advisory.summary = column_text(raw, 1);
    advisory.aliases = split(column_text(raw, 2), '\n');
    advisory.severity =
        static_cast<Severity>(std::clamp(sqlite3_column_int(raw, 3), 0, 4));
    advisory.score = sqlite3_column_double(raw, 4);
    advisory.vector = column_text(raw, 5);
    advisory.references = split(column_text(raw, 6), '\n');
  }
  sqlite3_reset(raw);
  sqlite3_clear_bindings(raw);
  if (status != SQLITE_ROW) return sql_error(db_, "cannot read " + advisory.id);
  return borrow_alias_severity(advisory);
}

Status VulnStore::borrow_alias_severity(StoredAdvisory& advisory) {
  if (advisory.severity != Severity::kUnknown) return Status::ok();
  RAMPART_RETURN_IF_ERROR(
      prepare_once(db_,
                   "SELECT severity, score, vector FROM advisories "
                   "WHERE id = ?1 AND (withdrawn IS NULL OR withdrawn = '')",
                   &alias_query_));
  sqlite3_stmt* raw = alias_query_;
  std::size_t tried = 0;
  for (const std::string& alias : advisory.aliases) {
    if (alias == advisory.id || ++tried > kMaxAliasLookups) continue;
    sqlite3_bind_text(raw, 1, alias.data(), static_cast<int>(alias.size()),
                      SQLITE_STATIC);
    int status = sqlite3_step(raw);
    if (status == SQLITE_ROW) {
      auto severity =
          static_cast<Severity>(std::clamp(sqlite3_column_int(raw, 0), 0, 4));
      double score = sqlite3_column_double(raw, 1);
      bool higher = severity > advisory.severity ||
                    (severity == advisory.severity && score > advisory.score);
      if (severity != Severity::kUnknown && higher) {
        advisory.severity = severity;
        advisory.score = score;
        advisory.vector = column_text(raw, 2);
        advisory.severity_from = alias;
      }
    }
    sqlite3_reset(raw);
    sqlite3_clear_bindings(raw);
    if (status != SQLITE_ROW && status != SQLITE_DONE) {
      return sql_error(db_, "cannot read " + alias);
    }
  }
  return Status::ok();
}

}  // namespace rampart::scan::vuln
