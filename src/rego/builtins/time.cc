// SPDX-License-Identifier: Apache-2.0
//
// OPA's time built-ins: time.now_ns, time.parse_ns, time.parse_rfc3339_ns,
// time.parse_duration_ns, time.date, time.clock, time.weekday,
// time.add_date, time.diff and time.format.
//
// Times are nanoseconds since the Unix epoch in an int64, as in OPA; a
// result outside that range is the eval_builtin_error "time outside of
// valid range". Layouts are Go's reference-time layouts
// ("2006-01-02T15:04:05Z07:00") or the names of Go's layout constants
// (RFC3339, ANSIC, ...). Time zones come from the system tz database
// (/usr/share/zoneinfo, TZif version 1-4 including the POSIX TZ footer for
// instants after the last transition); zone files are read once, size
// capped, and cached for the process under a mutex. Parse errors carry Go's
// message shape: parsing time "v" as "layout": cannot parse "rest" as "x".
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>

#include "rampart/rego/builtins.h"

#include "rego/builtins/support.h"

namespace rampart::rego {
namespace {

using builtins::declare;
using builtins::expect;
using builtins::operand_error;

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

const char* const kMonthNames[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
const char* const kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};

// Days since 1970-01-01 of a proleptic Gregorian date (any month/day
// overflow is normalised by the caller).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2;
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  std::int64_t year;
  int month;  // 1-12
  int day;    // 1-31
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {y + (m <= 2), m, d};
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(std::int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// ---------------------------------------------------------------------------
// Time zones.

struct ZoneType {
  std::int64_t offset = 0;  // seconds east of UTC
  bool dst = false;
  std::string abbreviation;
};

// A POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3").
struct PosixRule {
  ZoneType standard;
  ZoneType daylight;
  bool has_dst = false;
  // Start and end of DST: kind 'M' (month, week, weekday), 'J' (Julian day
  // 1-365 without Feb 29) or 'D' (zero-based day), plus seconds of day.
  struct When {
    char kind = 'M';
    int month = 0, week = 0, weekday = 0, day = 0;
    std::int64_t time = 7200;
  } start, end;
};

struct Zone {
  std::string name;
  std::vector<std::int64_t> transitions;  // UTC seconds
  std::vector<std::uint8_t> indices;      // type per transition
  std::vector<ZoneType> types;
  std::optional<PosixRule> rule;

  ZoneType at(std::int64_t utc) const;
};

const char* parse_posix_name(const char* p, std::string& name) {
  if (*p == '<') {
    const char* end = std::strchr(p, '>');
    if (end == nullptr) return nullptr;
    name.assign(p + 1, end);
    return end + 1;
  }
  const char* start = p;
  while (std::isalpha(static_cast<unsigned char>(*p))) ++p;
  if (p - start < 3) return nullptr;
  name.assign(start, p);
  return p;
}

// [+-]hh[:mm[:ss]] as seconds.
const char* parse_posix_offset(const char* p, std::int64_t& seconds) {
  int sign = 1;
  if (*p == '+' || *p == '-') sign = *p++ == '-' ? -1 : 1;
  if (!std::isdigit(static_cast<unsigned char>(*p))) return nullptr;
  std::int64_t parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) {
      if (*p != ':') break;
      ++p;
    }
    while (std::isdigit(static_cast<unsigned char>(*p))) {
      parts[i] = parts[i] * 10 + (*p++ - '0');
    }
  }
  seconds = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return p;
}

const char* parse_posix_when(const char* p, PosixRule::When& when) {
  if (*p == 'M') {
    when.kind = 'M';
    char* end;
    when.month = static_cast<int>(std::strtol(p + 1, &end, 10));
    if (*end != '.') return nullptr;
    when.week = static_cast<int>(std::strtol(end + 1, &end, 10));
    if (*end != '.') return nullptr;
    when.weekday = static_cast<int>(std::strtol(end + 1, &end, 10));
    p = end;
  } else {
    when.kind = *p == 'J' ? 'J' : 'D';
    if (*p == 'J') ++p;
    char* end;
    when.day = static_cast<int>(std::strtol(p, &end, 10));
    p = end;
  }
  when.time = 7200;
  if (*p == '/') p = parse_posix_offset(p + 1, when.time);
  return p;
}

std::optional<PosixRule> parse_posix_rule(const std::string& text) {
  PosixRule rule;
  const char* p = text.c_str();
  std::int64_t offset;
  if (!(p = parse_posix_name(p, rule.standard.abbreviation))) return {};
  if (!(p = parse_posix_offset(p, offset))) return {};
  rule.standard.offset = -offset;
  if (*p == '\0') return rule;
  if (!(p = parse_posix_name(p, rule.daylight.abbreviation))) return {};
  rule.has_dst = true;
  rule.daylight.dst = true;
  rule.daylight.offset = rule.standard.offset + 3600;
  if (*p != ',' && *p != '\0') {
    if (!(p = parse_posix_offset(p, offset))) return {};
    rule.daylight.offset = -offset;
  }
  if (*p != ',') {
    // No rule: the US defaults, as Go assumes.
    rule.start = {'M', 3, 2, 0, 0, 7200};
    rule.end = {'M', 11, 1, 0, 0, 7200};
    return rule;
  }
  if (!(p = parse_posix_when(p + 1, rule.start)) || *p != ',') return {};
  if (!(p = parse_posix_when(p + 1, rule.end))) return {};
  return rule;
}

// Seconds from the start of `year` (UTC) to the rule's local moment.
std::int64_t rule_seconds(std::int64_t year, const PosixRule::When& when) {
  std::int64_t day = 0;
  if (when.kind == 'J') {
    day = when.day - 1;
    if (is_leap(year) && day >= 59) ++day;
  } else if (when.kind == 'D') {
    day = when.day;
  } else {
    std::int64_t first = days_from_civil(year, when.month, 1);
    std::int64_t year_start = days_from_civil(year, 1, 1);
    int weekday = static_cast<int>(((first % 7) + 7 + 4) % 7);  // 1970: Thu
    int d = (when.weekday - weekday + 7) % 7;
    d += (when.week - 1) * 7;
    if (d >= days_in_month(year, when.month)) d -= 7;
    day = first - year_start + d;
  }
  return day * kSecondsPerDay + when.time;
}

ZoneType rule_at(const PosixRule& rule, std::int64_t utc) {
  if (!rule.has_dst) return rule.standard;
  std::int64_t year = civil_from_days(floor_div(utc, kSecondsPerDay)).year;
  std::int64_t year_start = days_from_civil(year, 1, 1) * kSecondsPerDay;
  // Rule times are local: start in standard time, end in daylight time.
  std::int64_t start =
      year_start + rule_seconds(year, rule.start) - rule.standard.offset;
  std::int64_t end =
      year_start + rule_seconds(year, rule.end) - rule.daylight.offset;
  bool in_dst =
      start < end ? (utc >= start && utc < end) : !(utc >= end && utc < start);
  return in_dst ? rule.daylight : rule.standard;
}

ZoneType Zone::at(std::int64_t utc) const {
  if (transitions.empty() || utc >= transitions.back()) {
    if (rule) return rule_at(*rule, utc);
    if (!transitions.empty()) return types[indices.back()];
    return types.empty() ? ZoneType{0, false, "UTC"} : types[0];
  }
  if (utc < transitions.front()) {
    for (const ZoneType& type : types) {
      if (!type.dst) return type;
    }
    return types[0];
  }
  auto it = std::upper_bound(transitions.begin(), transitions.end(), utc);
  return types[indices[static_cast<std::size_t>(it - transitions.begin()) - 1]];
}

std::int64_t read_be(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  if (bytes == 4) return static_cast<std::int32_t>(v);
  return static_cast<std::int64_t>(v);
}

// Parses a TZif file; nullptr when it is not one.
std::shared_ptr<Zone> parse_tzif(const std::string& data, std::string name) {
  auto header_ok = [&](std::size_t at) {
    return data.size() >= at + 44 && data.compare(at, 4, "TZif") == 0;
  };
  if (!header_ok(0)) return nullptr;
  auto counts = [&](std::size_t at, std::int64_t out[6]) {
    for (int i = 0; i < 6; ++i) {
      out[i] = read_be(
          reinterpret_cast<const unsigned char*>(data.data()) + at + 20 + 4 * i,
          4);
    }
  };
  std::int64_t c[6];
  counts(0, c);
  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  auto block_size = [&](const std::int64_t n[6], int time_bytes) {
    return static_cast<std::size_t>(n[3] * time_bytes + n[3] + n[4] * 6 + n[5] +
                                    n[2] * (time_bytes + 4) + n[1] + n[0]);
  };
  std::size_t at = 44;
  int time_bytes = 4;
  if (data[4] >= '2') {
    at = 44 + block_size(c, 4);
    if (!header_ok(at)) return nullptr;
    counts(at, c);
    at += 44;
    time_bytes = 8;
  }
  if (data.size() < at + block_size(c, time_bytes) || c[4] < 1) return nullptr;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data()) + at;
  auto zone = std::make_shared<Zone>();
  zone->name = std::move(name);
  for (std::int64_t i = 0; i < c[3]; ++i, p += time_bytes) {
    zone->transitions.push_back(read_be(p, time_bytes));
  }
  for (std::int64_t i = 0; i < c[3]; ++i) {
    if (*p >= c[4]) return nullptr;
    zone->indices.push_back(*p++);
  }
  const unsigned char* type_start = p;
  const char* chars = reinterpret_cast<const char*>(p + c[4] * 6);
  for (std::int64_t i = 0; i < c[4]; ++i, p += 6) {
    ZoneType type;
    type.offset = read_be(p, 4);
    type.dst = p[4] != 0;
    std::size_t index = p[5];
    if (index < static_cast<std::size_t>(c[5])) {
      type.abbreviation = std::string(chars + index);
    }
    zone->types.push_back(type);
  }
  (void)type_start;
  if (time_bytes == 8) {
    std::size_t footer = at + block_size(c, 8);
    if (footer < data.size() && data[footer] == '\n') {
      auto end = data.find('\n', footer + 1);
      if (end != std::string::npos) {
        zone->rule =
            parse_posix_rule(data.substr(footer + 1, end - footer - 1));
      }
    }
  }
  return zone;
}

std::shared_ptr<const Zone> utc_zone() {
  static auto zone = [] {
    auto z = std::make_shared<Zone>();
    z->name = "UTC";
    z->types.push_back({0, false, "UTC"});
    return std::shared_ptr<const Zone>(z);
  }();
  return zone;
}

// nullptr when the zone is unknown.
std::shared_ptr<const Zone> load_zone(const std::string& name) {
  if (name.empty() || name == "UTC") return utc_zone();
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Zone>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = cache.find(name);
  if (found != cache.end()) return found->second;

  std::string path;
  if (name == "Local") {
    const char* tz = std::getenv("TZ");
    path = tz != nullptr && *tz != '\0'
               ? (tz[0] == '/' ? tz : std::string("/usr/share/zoneinfo/") + tz)
               : "/etc/localtime";
  } else {
    // Names are relative paths inside the database: no "..", no leading /.
    if (name.find("..") != std::string::npos || name[0] == '/' ||
        name.size() > 255) {
      return nullptr;
    }
    path = "/usr/share/zoneinfo/" + name;
  }
  std::ifstream file(path, std::ios::binary);
  std::string data;
  if (file) {
    data.resize(1 << 20);
    file.read(data.data(), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<std::size_t>(file.gcount()));
  }
  std::shared_ptr<const Zone> zone = parse_tzif(data, name);
  if (zone == nullptr && name == "Local") zone = utc_zone();
  if (cache.size() < 1024) cache[name] = zone;
  return zone;
}

// ---------------------------------------------------------------------------
// Broken-down time.

struct Moment {
  std::int64_t unix_seconds = 0;  // UTC
  std::int64_t nanos = 0;         // 0..999999999
  ZoneType zone;
  // Local fields.
  std::int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int weekday = 4;  // 0 = Sunday
  int yday = 1;
};

Moment moment_from(std::int64_t ns, const Zone& zone) {
  Moment m;
  m.unix_seconds = floor_div(ns, kNanosPerSecond);
  m.nanos = ns - m.unix_seconds * kNanosPerSecond;
  m.zone = zone.at(m.unix_seconds);
  std::int64_t local = m.unix_seconds + m.zone.offset;
  std::int64_t days = floor_div(local, kSecondsPerDay);
  std::int64_t rest = local - days * kSecondsPerDay;
  Civil civil = civil_from_days(days);
  m.year = civil.year;
  m.month = civil.month;
  m.day = civil.day;
  m.hour = static_cast<int>(rest / 3600);
  m.minute = static_cast<int>(rest / 60 % 60);
  m.second = static_cast<int>(rest % 60);
  m.weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);
  m.yday = static_cast<int>(days - days_from_civil(m.year, 1, 1) + 1);
  return m;
}

// Seconds -> nanoseconds, nullopt when beyond int64.
std::optional<std::int64_t> to_nanos(std::int64_t seconds, std::int64_t nanos) {
  std::int64_t ns;
  // Borrow a second so the product cannot overflow on the way to
  // INT64_MIN (1677-09-21T00:12:43.145224192Z).
  if (seconds < 0 && nanos > 0) {
    ++seconds;
    nanos -= kNanosPerSecond;
  }
  if (__builtin_mul_overflow(seconds, kNanosPerSecond, &ns) ||
      __builtin_add_overflow(ns, nanos, &ns)) {
    return std::nullopt;
  }
  return ns;
}

BuiltinResult out_of_range() {
  return BuiltinResult::error("time outside of valid range");
}

// The `ns` operand of time.date and friends: a number or [ns, zone] (and
// for time.format, [ns, zone, layout]).
struct TimeOperand {
  std::int64_t ns = 0;
  std::shared_ptr<const Zone> zone;
  std::string layout;
};

std::optional<BuiltinResult> read_time_operand(BuiltinArgs args,
                                               std::size_t index,
                                               TimeOperand& out,
                                               bool allow_layout) {
  const Value& v = args[index];
  const Value* ns = &v;
  out.zone = utc_zone();
  if (v.is_array()) {
    std::size_t max = allow_layout ? 3 : 2;
    if (v.size() < 1 || v.size() > max) {
      return BuiltinResult::error("array must have " +
                                  std::string(allow_layout ? "2 or 3" : "2") +
                                  " elements");
    }
    ns = &v.array_items()[0];
    if (v.size() >= 2) {
      const Value& zone = v.array_items()[1];
      if (!zone.is_string()) {
        return operand_error(index, "string", zone);
      }
      out.zone = load_zone(zone.as_string());
      if (out.zone == nullptr) {
        return BuiltinResult::error("unknown time zone " + zone.as_string());
      }
    }
    if (v.size() == 3) {
      const Value& layout = v.array_items()[2];
      if (!layout.is_string()) return operand_error(index, "string", layout);
      out.layout = layout.as_string();
    }
  } else if (!v.is_number()) {
    return operand_error(index, "one of {number, array}", v);
  }
  if (!ns->is_number()) return operand_error(index, "number", *ns);
  if (ns->is_int64()) {
    out.ns = ns->as_int64();
  } else if (ns->is_float() && ns->as_double() > -9.2e18 &&
             ns->as_double() < 9.2e18) {
    out.ns = static_cast<std::int64_t>(ns->as_double());
  } else {
    return out_of_range();
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Go layouts.

enum class Chunk {
  kLiteral,
  kLongMonth,
  kMonth,
  kNumMonth,
  kZeroMonth,
  kLongWeekDay,
  kWeekDay,
  kDay,
  kUnderDay,
  kZeroDay,
  kUnderYearDay,
  kZeroYearDay,
  kHour,
  kHour12,
  kZeroHour12,
  kMinute,
  kZeroMinute,
  kSecond,
  kZeroSecond,
  kLongYear,
  kYear,
  kPM,
  kpm,
  kTZ,
  kISO8601TZ,
  kISO8601SecondsTZ,
  kISO8601ShortTZ,
  kISO8601ColonTZ,
  kISO8601ColonSecondsTZ,
  kNumTZ,
  kNumSecondsTz,
  kNumShortTZ,
  kNumColonTZ,
  kNumColonSecondsTZ,
  kFracSecond0,
  kFracSecond9,
};

struct LayoutChunk {
  Chunk chunk;
  std::string text;  // the literal, or the layout text of the chunk
  int digits = 0;    // fractional second digits
};

bool starts_lower(std::string_view s) {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z';
}

// Splits a layout as Go's nextStdChunk does.
std::vector<LayoutChunk> split_layout(std::string_view layout) {
  std::vector<LayoutChunk> chunks;
  std::string literal;
  auto emit = [&](Chunk chunk, std::size_t& i, std::size_t length,
                  int digits = 0) {
    if (!literal.empty()) chunks.push_back({Chunk::kLiteral, literal, 0});
    literal.clear();
    chunks.push_back({chunk, std::string(layout.substr(i, length)), digits});
    i += length;
  };
  std::size_t i = 0;
  while (i < layout.size()) {
    std::string_view rest = layout.substr(i);
    char c = layout[i];
    if (c == 'J' && rest.starts_with("Jan")) {
      if (rest.starts_with("January")) {
        emit(Chunk::kLongMonth, i, 7);
        continue;
      }
      if (!starts_lower(rest.substr(3))) {
        emit(Chunk::kMonth, i, 3);
        continue;
      }
    }
    if (c == 'M' && rest.starts_with("Mon")) {
      if (rest.starts_with("Monday")) {
        emit(Chunk::kLongWeekDay, i, 6);
        continue;
      }
      if (!starts_lower(rest.substr(3))) {
        emit(Chunk::kWeekDay, i, 3);
        continue;
      }
    }
    if (c == 'M' && rest.starts_with("MST")) {
      emit(Chunk::kTZ, i, 3);
      continue;
    }
    if (c == '0' && rest.size() >= 2 && rest[1] >= '1' && rest[1] <= '6') {
      static const Chunk kZero[] = {Chunk::kZeroMonth,  Chunk::kZeroDay,
                                    Chunk::kZeroHour12, Chunk::kZeroMinute,
                                    Chunk::kZeroSecond, Chunk::kYear};
      emit(kZero[rest[1] - '1'], i, 2);
      continue;
    }
    if (c == '0' && rest.starts_with("002")) {
      emit(Chunk::kZeroYearDay, i, 3);
      continue;
    }
    if (c == '1') {
      if (rest.starts_with("15")) {
        emit(Chunk::kHour, i, 2);
        continue;
      }
      emit(Chunk::kNumMonth, i, 1);
      continue;
    }
    if (c == '2') {
      if (rest.starts_with("2006")) {
        emit(Chunk::kLongYear, i, 4);
        continue;
      }
      emit(Chunk::kDay, i, 1);
      continue;
    }
    if (c == '_' && rest.starts_with("_2")) {
      if (rest.starts_with("_2006")) {
        literal += '_';
        ++i;
        continue;
      }
      emit(Chunk::kUnderDay, i, 2);
      continue;
    }
    if (c == '_' && rest.starts_with("__2")) {
      emit(Chunk::kUnderYearDay, i, 3);
      continue;
    }
    if (c == '3') {
      emit(Chunk::kHour12, i, 1);
      continue;
    }
    if (c == '4') {
      emit(Chunk::kMinute, i, 1);
      continue;
    }
    if (c == '5') {
      emit(Chunk::kSecond, i, 1);
      continue;
    }
    if (c == 'P' && rest.starts_with("PM")) {
      emit(Chunk::kPM, i, 2);
      continue;
    }
    if (c == 'p' && rest.starts_with("pm")) {
      emit(Chunk::kpm, i, 2);
      continue;
    }
    if (c == '-') {
      if (rest.starts_with("-070000")) {
        emit(Chunk::kNumSecondsTz, i, 7);
        continue;
      }
      if (rest.starts_with("-07:00:00")) {
        emit(Chunk::kNumColonSecondsTZ, i, 9);
        continue;
      }
      if (rest.starts_with("-0700")) {
        emit(Chunk::kNumTZ, i, 5);
        continue;
      }
      if (rest.starts_with("-07:00")) {
        emit(Chunk::kNumColonTZ, i, 6);
        continue;
      }
      if (rest.starts_with("-07")) {
        emit(Chunk::kNumShortTZ, i, 3);
        continue;
      }
    }
    if (c == 'Z') {
      if (rest.starts_with("Z070000")) {
        emit(Chunk::kISO8601SecondsTZ, i, 7);
        continue;
      }
      if (rest.starts_with("Z07:00:00")) {
        emit(Chunk::kISO8601ColonSecondsTZ, i, 9);
        continue;
      }
      if (rest.starts_with("Z0700")) {
        emit(Chunk::kISO8601TZ, i, 5);
        continue;
      }
      if (rest.starts_with("Z07:00")) {
        emit(Chunk::kISO8601ColonTZ, i, 6);
        continue;
      }
      if (rest.starts_with("Z07")) {
        emit(Chunk::kISO8601ShortTZ, i, 3);
        continue;
      }
    }
    if ((c == '.' || c == ',') && rest.size() >= 2 &&
        (rest[1] == '0' || rest[1] == '9')) {
      char digit = rest[1];
      std::size_t j = 1;
      while (j < rest.size() && rest[j] == digit) ++j;
      bool followed_by_digit =
          j < rest.size() && std::isdigit(static_cast<unsigned char>(rest[j]));
      if (!followed_by_digit) {
        emit(digit == '0' ? Chunk::kFracSecond0 : Chunk::kFracSecond9, i, j,
             static_cast<int>(j - 1));
        continue;
      }
    }
    literal += c;
    ++i;
  }
  if (!literal.empty()) chunks.push_back({Chunk::kLiteral, literal, 0});
  return chunks;
}

std::string expand_layout_name(const std::string& layout) {
  static const std::map<std::string, std::string> kNames = {
      {"ANSIC", "Mon Jan _2 15:04:05 2006"},
      {"UnixDate", "Mon Jan _2 15:04:05 MST 2006"},
      {"RubyDate", "Mon Jan 02 15:04:05 -0700 2006"},
      {"RFC822", "02 Jan 06 15:04 MST"},
      {"RFC822Z", "02 Jan 06 15:04 -0700"},
      {"RFC850", "Monday, 02-Jan-06 15:04:05 MST"},
      {"RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"},
      {"RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"},
      {"RFC3339", "2006-01-02T15:04:05Z07:00"},
      {"RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"},
      {"Kitchen", "3:04PM"},
      {"Stamp", "Jan _2 15:04:05"},
      {"StampMilli", "Jan _2 15:04:05.000"},
      {"StampMicro", "Jan _2 15:04:05.000000"},
      {"StampNano", "Jan _2 15:04:05.000000000"},
      {"DateTime", "2006-01-02 15:04:05"},
      {"DateOnly", "2006-01-02"},
      {"TimeOnly", "15:04:05"},
  };
  auto found = kNames.find(layout);
  return found == kNames.end() ? layout : found->second;
}

std::string padded(std::int64_t n, int width, char fill = '0') {
  bool negative = n < 0;
  std::string digits = std::to_string(negative ? -n : n);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), fill);
  }
  return negative ? "-" + digits : digits;
}

void append_offset(std::string& out, std::int64_t offset, bool colon,
                   bool with_seconds, bool short_form) {
  out += offset < 0 ? '-' : '+';
  std::int64_t a = offset < 0 ? -offset : offset;
  out += padded(a / 3600, 2);
  if (short_form) return;
  if (colon) out += ':';
  out += padded(a / 60 % 60, 2);
  if (with_seconds) {
    if (colon) out += ':';
    out += padded(a % 60, 2);
  }
}

std::string format_time(const Moment& m, const std::string& layout) {
  std::string out;
  for (const LayoutChunk& c : split_layout(layout)) {
    int hour12 = m.hour % 12 == 0 ? 12 : m.hour % 12;
    switch (c.chunk) {
      case Chunk::kLiteral:
        out += c.text;
        break;
      case Chunk::kLongMonth:
        out += kMonthNames[m.month - 1];
        break;
      case Chunk::kMonth:
        out += std::string(kMonthNames[m.month - 1], 3);
        break;
      case Chunk::kNumMonth:
        out += std::to_string(m.month);
        break;
      case Chunk::kZeroMonth:
        out += padded(m.month, 2);
        break;
      case Chunk::kLongWeekDay:
        out += kDayNames[m.weekday];
        break;
      case Chunk::kWeekDay:
        out += std::string(kDayNames[m.weekday], 3);
        break;
      case Chunk::kDay:
        out += std::to_string(m.day);
        break;
      case Chunk::kUnderDay:
        out += padded(m.day, 2, ' ');
        break;
      case Chunk::kZeroDay:
        out += padded(m.day, 2);
        break;
      case Chunk::kUnderYearDay:
        out += padded(m.yday, 3, ' ');
        break;
      case Chunk::kZeroYearDay:
        out += padded(m.yday, 3);
        break;
      case Chunk::kHour:
        out += padded(m.hour, 2);
        break;
      case Chunk::kHour12:
        out += std::to_string(hour12);
        break;
      case Chunk::kZeroHour12:
        out += padded(hour12, 2);
        break;
      case Chunk::kMinute:
        out += std::to_string(m.minute);
        break;
      case Chunk::kZeroMinute:
        out += padded(m.minute, 2);
        break;
      case Chunk::kSecond:
        out += std::to_string(m.second);
        break;
      case Chunk::kZeroSecond:
        out += padded(m.second, 2);
        break;
      case Chunk::kLongYear:
        out += padded(m.year, 4);
        break;
      case Chunk::kYear:
        out += padded(((m.year % 100) + 100) % 100, 2);
        break;
      case Chunk::kPM:
        out += m.hour >= 12 ? "PM" : "AM";
        break;
      case Chunk::kpm:
        out += m.hour >= 12 ? "pm" : "am";
        break;
      case Chunk::kTZ:
        if (!m.zone.abbreviation.empty()) {
          out += m.zone.abbreviation;
        } else {
          append_offset(out, m.zone.offset, false, false, false);
        }
        break;
      case Chunk::kISO8601TZ:
      case Chunk::kISO8601SecondsTZ:
      case Chunk::kISO8601ShortTZ:
      case Chunk::kISO8601ColonTZ:
      case Chunk::kISO8601ColonSecondsTZ:
        if (m.zone.offset == 0) {
          out += 'Z';
          break;
        }
        [[fallthrough]];
      default: {
        bool colon = c.text.find(':') != std::string::npos;
        bool seconds = c.chunk == Chunk::kISO8601SecondsTZ ||
                       c.chunk == Chunk::kISO8601ColonSecondsTZ ||
                       c.chunk == Chunk::kNumSecondsTz ||
                       c.chunk == Chunk::kNumColonSecondsTZ;
        bool short_form =
            c.chunk == Chunk::kISO8601ShortTZ || c.chunk == Chunk::kNumShortTZ;
        if (c.chunk == Chunk::kFracSecond0 || c.chunk == Chunk::kFracSecond9) {
          std::string digits =
              padded(m.nanos, 9).substr(0, static_cast<std::size_t>(c.digits));
          if (c.chunk == Chunk::kFracSecond9) {
            while (!digits.empty() && digits.back() == '0') digits.pop_back();
            if (digits.empty()) break;
          }
          out += c.text[0];
          out += digits;
          break;
        }
        append_offset(out, m.zone.offset, colon, seconds, short_form);
      }
    }
  }
  return out;
}

// Parsing.

struct ParseState {
  std::string_view value;
  std::int64_t year = 1;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, yday = -1;
  std::int64_t nanos = 0;
  bool pm_set = false, pm = false;
  std::optional<std::int64_t> offset;
};

// Reads 1-2 digits (fixed: exactly 2).
bool take_number(std::string_view& v, int& out, bool fixed,
                 int max_digits = 2) {
  std::size_t n = 0;
  while (n < v.size() && n < static_cast<std::size_t>(max_digits) &&
         std::isdigit(static_cast<unsigned char>(v[n]))) {
    ++n;
  }
  if (n == 0 || (fixed && n != static_cast<std::size_t>(max_digits)))
    return false;
  out = std::stoi(std::string(v.substr(0, n)));
  v.remove_prefix(n);
  return true;
}

bool take_name(std::string_view& v, const char* const* names, int count,
               bool abbreviated, int& out) {
  for (int i = 0; i < count; ++i) {
    std::string name = abbreviated ? std::string(names[i], 3) : names[i];
    if (v.size() >= name.size()) {
      bool equal = true;
      for (std::size_t k = 0; k < name.size(); ++k) {
        equal = equal && std::tolower(static_cast<unsigned char>(v[k])) ==
                             std::tolower(static_cast<unsigned char>(name[k]));
      }
      if (equal) {
        out = i;
        v.remove_prefix(name.size());
        return true;
      }
    }
  }
  return false;
}

bool take_offset(std::string_view& v, const LayoutChunk& c,
                 std::optional<std::int64_t>& offset) {
  bool iso =
      c.chunk >= Chunk::kISO8601TZ && c.chunk <= Chunk::kISO8601ColonSecondsTZ;
  if (iso && !v.empty() && v[0] == 'Z') {
    v.remove_prefix(1);
    offset = 0;
    return true;
  }
  if (v.empty() || (v[0] != '+' && v[0] != '-')) return false;
  int sign = v[0] == '-' ? -1 : 1;
  v.remove_prefix(1);
  bool colon = c.text.find(':') != std::string::npos;
  bool seconds = c.chunk == Chunk::kISO8601SecondsTZ ||
                 c.chunk == Chunk::kISO8601ColonSecondsTZ ||
                 c.chunk == Chunk::kNumSecondsTz ||
                 c.chunk == Chunk::kNumColonSecondsTZ;
  bool short_form =
      c.chunk == Chunk::kISO8601ShortTZ || c.chunk == Chunk::kNumShortTZ;
  int h = 0, m = 0, s = 0;
  if (!take_number(v, h, true)) return false;
  if (!short_form) {
    if (colon) {
      if (v.empty() || v[0] != ':') return false;
      v.remove_prefix(1);
    }
    if (!take_number(v, m, true)) return false;
    if (seconds) {
      if (colon) {
        if (v.empty() || v[0] != ':') return false;
        v.remove_prefix(1);
      }
      if (!take_number(v, s, true)) return false;
    }
  }
  offset = sign * (h * 3600 + m * 60 + s);
  return true;
}

// Fractional seconds after a '.' or ','; `v` starts at the separator.
bool take_fraction(std::string_view& v, std::int64_t& nanos, int exact) {
  if (v.size() < 2 || (v[0] != '.' && v[0] != ',') ||
      !std::isdigit(static_cast<unsigned char>(v[1]))) {
    return false;
  }
  std::size_t n = 1;
  while (n < v.size() && std::isdigit(static_cast<unsigned char>(v[n]))) ++n;
  std::size_t digits = n - 1;
  if (exact > 0 && digits != static_cast<std::size_t>(exact)) return false;
  std::string frac(v.substr(1, std::min<std::size_t>(digits, 9)));
  frac.append(9 - frac.size(), '0');
  nanos = std::stoll(frac);
  v.remove_prefix(n);
  return true;
}

std::string parse_error(std::string_view value, std::string_view layout,
                        std::string_view rest, std::string_view chunk) {
  return "parsing time \"" + std::string(value) + "\" as \"" +
         std::string(layout) + "\": cannot parse \"" + std::string(rest) +
         "\" as \"" + std::string(chunk) + "\"";
}

std::variant<std::int64_t, std::string> parse_time(const std::string& layout,
                                                   const std::string& value) {
  auto chunks = split_layout(layout);
  ParseState s;
  std::string_view v = value;
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    const LayoutChunk& c = chunks[k];
    std::string_view before = v;
    bool ok = true;
    int n = 0;
    switch (c.chunk) {
      case Chunk::kLiteral:
        ok = v.starts_with(c.text);
        if (ok) v.remove_prefix(c.text.size());
        break;
      case Chunk::kLongYear: {
        ok = v.size() >= 4 && std::all_of(v.begin(), v.begin() + 4, [](char d) {
               return std::isdigit(static_cast<unsigned char>(d));
             });
        if (ok) {
          s.year = std::stoi(std::string(v.substr(0, 4)));
          v.remove_prefix(4);
        }
        break;
      }
      case Chunk::kYear:
        ok = take_number(v, n, true);
        s.year = n >= 69 ? 1900 + n : 2000 + n;
        break;
      case Chunk::kLongMonth:
        ok = take_name(v, kMonthNames, 12, false, n);
        s.month = n + 1;
        break;
      case Chunk::kMonth:
        ok = take_name(v, kMonthNames, 12, true, n);
        s.month = n + 1;
        break;
      case Chunk::kNumMonth:
      case Chunk::kZeroMonth:
        ok = take_number(v, s.month, c.chunk == Chunk::kZeroMonth) &&
             s.month >= 1 && s.month <= 12;
        break;
      case Chunk::kLongWeekDay:
        ok = take_name(v, kDayNames, 7, false, n);
        break;
      case Chunk::kWeekDay:
        ok = take_name(v, kDayNames, 7, true, n);
        break;
      case Chunk::kUnderDay:
        if (!v.empty() && v[0] == ' ') v.remove_prefix(1);
        [[fallthrough]];
      case Chunk::kDay:
      case Chunk::kZeroDay:
        ok = take_number(v, s.day, c.chunk == Chunk::kZeroDay);
        break;
      case Chunk::kUnderYearDay:
      case Chunk::kZeroYearDay:
        while (c.chunk == Chunk::kUnderYearDay && !v.empty() && v[0] == ' ')
          v.remove_prefix(1);
        ok = take_number(v, s.yday, c.chunk == Chunk::kZeroYearDay, 3) &&
             s.yday >= 1 && s.yday <= 366;
        break;
      case Chunk::kHour:
        ok = take_number(v, s.hour, false) && s.hour < 24;
        break;
      case Chunk::kHour12:
      case Chunk::kZeroHour12:
        ok = take_number(v, s.hour, c.chunk == Chunk::kZeroHour12) &&
             s.hour <= 12;
        break;
      case Chunk::kMinute:
      case Chunk::kZeroMinute:
        ok = take_number(v, s.minute, c.chunk == Chunk::kZeroMinute) &&
             s.minute < 60;
        break;
      case Chunk::kSecond:
      case Chunk::kZeroSecond: {
        ok = take_number(v, s.second, c.chunk == Chunk::kZeroSecond) &&
             s.second < 60;
        // Go accepts fractional seconds the layout does not mention.
        bool next_is_fraction = k + 1 < chunks.size() &&
                                (chunks[k + 1].chunk == Chunk::kFracSecond0 ||
                                 chunks[k + 1].chunk == Chunk::kFracSecond9);
        if (ok && !next_is_fraction) take_fraction(v, s.nanos, 0);
        break;
      }
      case Chunk::kPM:
      case Chunk::kpm:
        ok = v.size() >= 2;
        if (ok) {
          std::string ampm{static_cast<char>(std::toupper(v[0])),
                           static_cast<char>(std::toupper(v[1]))};
          ok = ampm == "AM" || ampm == "PM";
          s.pm_set = true;
          s.pm = ampm == "PM";
          if (ok) v.remove_prefix(2);
        }
        break;
      case Chunk::kTZ: {
        if (v.starts_with("UTC")) {
          s.offset = 0;
          v.remove_prefix(3);
          break;
        }
        std::size_t letters = 0;
        while (letters < v.size() &&
               std::isupper(static_cast<unsigned char>(v[letters])))
          ++letters;
        ok = letters >= 3;
        if (ok) {
          // An abbreviation fixes no offset: Go uses UTC unless the local
          // zone knows it.
          s.offset = s.offset.value_or(0);
          v.remove_prefix(letters);
        }
        break;
      }
      case Chunk::kFracSecond0:
        ok = take_fraction(v, s.nanos, c.digits);
        break;
      case Chunk::kFracSecond9:
        if (!v.empty() && (v[0] == '.' || v[0] == ',')) {
          ok = take_fraction(v, s.nanos, 0);
        }
        break;
      default:
        ok = take_offset(v, c, s.offset);
    }
    if (!ok) return parse_error(value, layout, before, c.text);
  }
  if (!v.empty()) {
    return "parsing time \"" + value + "\": extra text: \"" + std::string(v) +
           "\"";
  }
  if (s.pm_set) {
    if (s.hour == 12) s.hour = 0;
    if (s.pm) s.hour += 12;
  }
  if (s.yday >= 0) {
    Civil c = civil_from_days(days_from_civil(s.year, 1, 1) + s.yday - 1);
    s.month = c.month;
    s.day = c.day;
  }
  if (s.day < 1 || s.day > days_in_month(s.year, s.month)) {
    return "parsing time \"" + value + "\": day out of range";
  }
  std::int64_t seconds =
      days_from_civil(s.year, s.month, s.day) * kSecondsPerDay + s.hour * 3600 +
      s.minute * 60 + s.second - s.offset.value_or(0);
  auto ns = to_nanos(seconds, s.nanos);
  if (!ns) return std::string("time outside of valid range");
  return *ns;
}

BuiltinResult parse_with(const std::string& layout, const std::string& value) {
  auto parsed = parse_time(layout, value);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    return BuiltinResult::error(*error);
  }
  return BuiltinResult::of(Value::integer(std::get<std::int64_t>(parsed)));
}

BuiltinResult parse_ns(BuiltinArgs args, BuiltinContext&) {
  if (auto error = builtins::expect_all(args, {kTypeString, kTypeString})) {
    return *error;
  }
  return parse_with(expand_layout_name(args[0].as_string()),
                    args[1].as_string());
}

BuiltinResult parse_rfc3339_ns(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeString)) return *error;
  return parse_with("2006-01-02T15:04:05Z07:00", args[0].as_string());
}

// Go's time.ParseDuration.
BuiltinResult parse_duration_ns(BuiltinArgs args, BuiltinContext&) {
  if (auto error = expect(args, 0, kTypeString)) return *error;
  const std::string& text = args[0].as_string();
  auto invalid = [&] {
    return BuiltinResult::error("time: invalid duration \"" + text + "\"");
  };
  std::string_view v = text;
  bool negative = false;
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
    negative = v[0] == '-';
    v.remove_prefix(1);
  }
  if (v == "0") return BuiltinResult::of(Value::integer(0));
  if (v.empty()) return invalid();
  static const std::pair<const char*, std::int64_t> kUnits[] = {
      {"ns", 1},
      {"us", 1000},
      {"\xC2\xB5s", 1000},
      {"\xCE\xBCs", 1000},
      {"ms", 1000000},
      {"s", kNanosPerSecond},
      {"m", 60 * kNanosPerSecond},
      {"h", 3600 * kNanosPerSecond}};
  std::uint64_t exact = 0;
  while (!v.empty()) {
    std::size_t n = 0;
    while (n < v.size() && std::isdigit(static_cast<unsigned char>(v[n]))) ++n;
    std::string whole(v.substr(0, n));
    v.remove_prefix(n);
    std::string fraction;
    if (!v.empty() && v[0] == '.') {
      v.remove_prefix(1);
      std::size_t f = 0;
      while (f < v.size() && std::isdigit(static_cast<unsigned char>(v[f])))
        ++f;
      fraction = std::string(v.substr(0, f));
      v.remove_prefix(f);
    }
    if (whole.empty() && fraction.empty()) return invalid();
    std::size_t u = 0;
    while (u < v.size() && v[u] != '.' &&
           !std::isdigit(static_cast<unsigned char>(v[u])))
      ++u;
    std::string unit(v.substr(0, u));
    v.remove_prefix(u);
    if (unit.empty()) {
      return BuiltinResult::error("time: missing unit in duration \"" + text +
                                  "\"");
    }
    std::int64_t scale = 0;
    for (const auto& [name, factor] : kUnits) {
      if (unit == name) scale = factor;
    }
    if (scale == 0) {
      return BuiltinResult::error("time: unknown unit \"" + unit +
                                  "\" in duration \"" + text + "\"");
    }
    if (whole.size() > 19) return invalid();
    std::uint64_t w = whole.empty() ? 0 : std::stoull(whole);
    std::uint64_t part;
    if (__builtin_mul_overflow(w, static_cast<std::uint64_t>(scale), &part) ||
        __builtin_add_overflow(exact, part, &exact)) {
      return invalid();
    }
    // The fraction's digits as an integer f over 10^n, times the unit, in
    // exact integer arithmetic (binary64 turned 1.000001s into ...999ns).
    // Digits past the 18th cannot reach a whole nanosecond and are dropped.
    __extension__ typedef unsigned __int128 Wide;
    Wide f = 0;
    Wide scale_down = 1;
    for (char d : fraction) {
      if (scale_down >= static_cast<Wide>(1000000000000000000ULL)) break;
      f = f * 10 + static_cast<unsigned>(d - '0');
      scale_down *= 10;
    }
    auto fraction_ns = static_cast<std::uint64_t>(
        f * static_cast<Wide>(scale) / scale_down);
    if (__builtin_add_overflow(exact, fraction_ns, &exact)) return invalid();
  }
  if (exact > static_cast<std::uint64_t>(INT64_MAX) + (negative ? 1 : 0)) {
    return invalid();
  }
  auto result = static_cast<std::int64_t>(exact);
  return BuiltinResult::of(Value::integer(negative ? -result : result));
}

BuiltinResult now_ns(BuiltinArgs, BuiltinContext& context) {
  return BuiltinResult::of(Value::integer(context.now_ns));
}

BuiltinDecl broken_down(const char* name, Value (*make)(const Moment&)) {
  return declare(name, {kTypeNumber | kTypeArray}, kTypeAny,
                 [make](BuiltinArgs args, BuiltinContext&) {
                   TimeOperand t;
                   if (auto error = read_time_operand(args, 0, t, false)) {
                     return *error;
                   }
                   return BuiltinResult::of(make(moment_from(t.ns, *t.zone)));
                 });
}

BuiltinResult add_date(BuiltinArgs args, BuiltinContext&) {
  if (auto error = builtins::expect_all(
          args, {kTypeNumber, kTypeNumber, kTypeNumber, kTypeNumber})) {
    return *error;
  }
  for (std::size_t i = 1; i < 4; ++i) {
    if (auto error = builtins::expect_integer(args, i)) return *error;
    if (!args[i].is_int64() || args[i].as_int64() > (1LL << 40) ||
        args[i].as_int64() < -(1LL << 40)) {
      return out_of_range();
    }
  }
  if (!args[0].is_int64()) return out_of_range();
  Moment m = moment_from(args[0].as_int64(), *utc_zone());
  // Go's AddDate normalises month and day overflow like time.Date.
  std::int64_t year = m.year + args[1].as_int64();
  std::int64_t month0 = m.month - 1 + args[2].as_int64();
  year += floor_div(month0, 12);
  month0 -= floor_div(month0, 12) * 12;
  std::int64_t days =
      days_from_civil(year, month0 + 1, 1) + m.day - 1 + args[3].as_int64();
  std::int64_t seconds;
  if (__builtin_mul_overflow(days, kSecondsPerDay, &seconds))
    return out_of_range();
  seconds += m.hour * 3600 + m.minute * 60 + m.second;
  auto ns = to_nanos(seconds, m.nanos);
  if (!ns) return out_of_range();
  return BuiltinResult::of(Value::integer(*ns));
}

BuiltinResult diff(BuiltinArgs args, BuiltinContext&) {
  TimeOperand a, b;
  if (auto error = read_time_operand(args, 0, a, false)) return *error;
  if (auto error = read_time_operand(args, 1, b, false)) return *error;
  // Both in the first operand's zone, earlier first.
  std::int64_t first = std::min(a.ns, b.ns);
  std::int64_t second = std::max(a.ns, b.ns);
  Moment m1 = moment_from(first, *a.zone);
  Moment m2 = moment_from(second, *a.zone);
  std::int64_t year = m2.year - m1.year;
  std::int64_t month = m2.month - m1.month;
  std::int64_t day = m2.day - m1.day;
  std::int64_t hour = m2.hour - m1.hour;
  std::int64_t minute = m2.minute - m1.minute;
  std::int64_t second_diff = m2.second - m1.second;
  if (second_diff < 0) {
    second_diff += 60;
    --minute;
  }
  if (minute < 0) {
    minute += 60;
    --hour;
  }
  if (hour < 0) {
    hour += 24;
    --day;
  }
  if (day < 0) {
    day += days_in_month(m1.year, m1.month);
    --month;
  }
  if (month < 0) {
    month += 12;
    --year;
  }
  return BuiltinResult::of(
      Value::array({Value::integer(year), Value::integer(month),
                    Value::integer(day), Value::integer(hour),
                    Value::integer(minute), Value::integer(second_diff)}));
}

BuiltinResult format(BuiltinArgs args, BuiltinContext&) {
  TimeOperand t;
  if (auto error = read_time_operand(args, 0, t, true)) return *error;
  std::string layout = t.layout.empty() ? "2006-01-02T15:04:05.999999999Z07:00"
                                        : expand_layout_name(t.layout);
  return BuiltinResult::of(
      Value::string(format_time(moment_from(t.ns, *t.zone), layout)));
}

}  // namespace

void register_time_builtins(BuiltinRegistry& registry) {
  BuiltinDecl now = declare("time.now_ns", {}, kTypeNumber, now_ns);
  now.nondeterministic = true;
  registry.add(std::move(now));
  registry.add(declare("time.parse_ns", {kTypeString, kTypeString}, kTypeNumber,
                       parse_ns));
  registry.add(declare("time.parse_rfc3339_ns", {kTypeString}, kTypeNumber,
                       parse_rfc3339_ns));
  registry.add(declare("time.parse_duration_ns", {kTypeString}, kTypeNumber,
                       parse_duration_ns));
  registry.add(broken_down("time.date", [](const Moment& m) {
    return Value::array({Value::integer(m.year), Value::integer(m.month),
                         Value::integer(m.day)});
  }));
  registry.add(broken_down("time.clock", [](const Moment& m) {
    return Value::array({Value::integer(m.hour), Value::integer(m.minute),
                         Value::integer(m.second)});
  }));
  registry.add(broken_down("time.weekday", [](const Moment& m) {
    return Value::string(kDayNames[m.weekday]);
  }));
  registry.add(declare("time.add_date",
                       {kTypeNumber, kTypeNumber, kTypeNumber, kTypeNumber},
                       kTypeNumber, add_date));
  registry.add(declare("time.diff",
                       {kTypeNumber | kTypeArray, kTypeNumber | kTypeArray},
                       kTypeArray, diff));
  registry.add(
      declare("time.format", {kTypeNumber | kTypeArray}, kTypeString, format));
}

}  // namespace rampart::rego
