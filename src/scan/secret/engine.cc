// SPDX-License-Identifier: Apache-2.0
//
// SecretEngine: compiles the rule set into one Vectorscan literal database
// and one RE2 program per rule, then matches file contents (design and
// limits in rampart/scan/secret/secret_scanner.h).
//
// Matching keeps one pending window per rule while Vectorscan reports
// keyword hits; a hit that falls outside the pending window flushes it
// through RE2. Memory is therefore bounded by the number of rules and the
// candidate cap, not by the number of hits in a file.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <climits>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <hs/hs.h>
#include <re2/re2.h>

#include "rampart/scan/secret/secret_scanner.h"

#include "sniff.h"
#include "validators.h"

namespace rampart::scan::secret {
namespace {

constexpr std::size_t kMaxSecretBytes = 64 * 1024;
constexpr std::size_t kSuppressionReach = 4096;
// Vectorscan stops after this many keyword hits in one buffer.
constexpr std::size_t kMaxHitsPerScan = kMaxPrefilterHits;
constexpr std::size_t kMaxMergedWindow = 64 * 1024;

struct CompiledRule {
  const SecretRule* rule = nullptr;
  std::unique_ptr<RE2> regex;
  int group = 0;
  Validator validator = nullptr;
};

struct Window {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool open = false;
};

struct Candidate {
  std::size_t rule = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A per-thread Vectorscan scratch area, grown to fit whichever database it
// is used with and freed when the thread ends. hs_alloc_scratch() validates
// the database on every call, a visible cost per small file, so it is only
// called when the thread meets an engine it has not sized for; engines are
// told apart by a process-wide serial number, never by address.
class ThreadScratch {
 public:
  ~ThreadScratch() {
    if (scratch_ != nullptr) hs_free_scratch(scratch_);
  }
  hs_scratch_t* get(const hs_database_t* database, std::uint64_t serial) {
    if (scratch_ != nullptr && serial == sized_for_) return scratch_;
    if (hs_alloc_scratch(database, &scratch_) != HS_SUCCESS) return nullptr;
    sized_for_ = serial;
    return scratch_;
  }

 private:
  hs_scratch_t* scratch_ = nullptr;
  std::uint64_t sized_for_ = 0;
};

hs_scratch_t* thread_scratch(const hs_database_t* database,
                             std::uint64_t serial) {
  thread_local ThreadScratch scratch;
  return scratch.get(database, serial);
}

std::atomic<std::uint64_t> next_engine_serial{1};

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

struct SecretEngine::Impl {
  SecretOptions options;
  std::vector<SecretRule> rules;
  std::vector<CompiledRule> compiled;
  std::vector<std::string> keywords;  // or "re:<rule id>" for a prefilter
  std::vector<std::size_t> keyword_lengths;  // 0 for a prefilter regex
  std::vector<std::vector<std::size_t>> keyword_rules;
  hs_database_t* database = nullptr;
  std::uint64_t serial = next_engine_serial++;

  std::unordered_set<std::string> allowed_values;
  std::unordered_set<std::string> allowed_fingerprints;
  std::vector<std::unique_ptr<RE2>> allowed_regexes;

  ~Impl() {
    if (database != nullptr) hs_free_database(database);
  }

  Status load_rules();
  Status compile_rules();
  Status compile_prefilter();
  Status compile_allow_lists();

  bool allowed(const CompiledRule& rule, std::string_view secret) const;
  bool suppressed_inline(std::string_view content, std::size_t offset) const;
};

namespace {

// State shared with the Vectorscan callback for one scan.
struct ScanState {
  const SecretEngine::Impl* engine = nullptr;
  std::string_view content;
  std::vector<Window> pending;
  std::vector<Candidate> candidates;
  std::set<std::pair<std::size_t, std::size_t>> seen;  // (rule, begin)
  std::size_t candidate_cap = 0;
  std::size_t hits = 0;
  bool candidates_full = false;
  bool hits_full = false;
};

// Runs rule `index` over content[window) and records every candidate that
// passes the rule's checks.
void run_window(ScanState& state, std::size_t index, const Window& window) {
  const CompiledRule& rule = state.engine->compiled[index];
  re2::StringPiece text(state.content.data(), state.content.size());
  re2::StringPiece groups[33];
  int count = rule.group + 1;
  std::size_t position = window.begin;
  while (position < window.end && !state.candidates_full) {
    if (!rule.regex->Match(text, position, window.end, RE2::UNANCHORED, groups,
                           count)) {
      return;
    }
    std::size_t whole_end =
        static_cast<std::size_t>(groups[0].data() - text.data()) +
        groups[0].size();
    position = std::max(whole_end, position + 1);

    std::string_view secret(groups[rule.group].data(),
                            groups[rule.group].size());
    if (secret.empty() || secret.size() > kMaxSecretBytes) continue;
    std::string_view match(groups[0].data(), groups[0].size());
    if (rule.rule->entropy > 0 && shannon_entropy(secret) < rule.rule->entropy)
      continue;
    if (looks_like_placeholder(secret)) continue;
    if (rule.validator != nullptr && !rule.validator(secret, match)) continue;
    if (state.engine->allowed(rule, secret)) continue;

    auto begin = static_cast<std::size_t>(secret.data() - text.data());
    if (!state.seen.emplace(index, begin).second) continue;
    if (state.engine->suppressed_inline(state.content, begin)) continue;
    state.candidates.push_back({index, begin, begin + secret.size()});
    state.candidates_full = state.candidates.size() >= state.candidate_cap;
  }
}

// The search window a keyword hit at [from, to) opens for `rule`: its line,
// clamped to rule.window bytes either side, or just the clamp for multiline
// rules.
Window window_for(std::string_view content, const SecretRule& rule,
                  std::size_t from, std::size_t to) {
  auto reach = static_cast<std::size_t>(rule.window);
  std::size_t begin = from > reach ? from - reach : 0;
  std::size_t end = std::min(content.size(), to + reach);
  if (!rule.multiline) {
    const void* newline = memrchr(content.data() + begin, '\n', from - begin);
    if (newline != nullptr) {
      begin = static_cast<std::size_t>(static_cast<const char*>(newline) -
                                       content.data()) +
              1;
    }
    newline = std::memchr(content.data() + to, '\n', end - to);
    if (newline != nullptr) {
      end = static_cast<std::size_t>(static_cast<const char*>(newline) -
                                     content.data());
    }
  }
  return {begin, end, true};
}

int on_keyword(unsigned int id, unsigned long long from_unused,
               unsigned long long to, unsigned int, void* context) {
  (void)from_unused;  // literal databases report no start of match
  auto& state = *static_cast<ScanState*>(context);
  const auto& engine = *state.engine;
  auto end = static_cast<std::size_t>(to);
  std::size_t begin = end - engine.keyword_lengths[id];
  for (std::size_t index : engine.keyword_rules[id]) {
    Window next =
        window_for(state.content, *engine.compiled[index].rule, begin, end);
    Window& pending = state.pending[index];
    // Overlapping windows merge, up to kMaxMergedWindow bytes: past that a
    // new window starts (overlapping the last by the rule's reach), so a
    // huge line dense with keywords never becomes one huge RE2 search.
    if (pending.open && next.begin <= pending.end &&
        next.end >= pending.begin &&
        next.end - pending.begin <= kMaxMergedWindow) {
      pending.begin = std::min(pending.begin, next.begin);
      pending.end = std::max(pending.end, next.end);
      continue;
    }
    if (pending.open) run_window(state, index, pending);
    pending = next;
  }
  state.hits_full = ++state.hits >= kMaxHitsPerScan;
  return state.candidates_full || state.hits_full ? 1 : 0;
}

// Counts '\n' bytes eight at a time: line numbers need a pass over the
// file up to the last finding, which should not cost more than the scan.
std::size_t count_newlines(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  std::size_t count = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    std::uint64_t x = word ^ (kOnes * '\n');  // zero bytes where '\n' was
    std::uint64_t zero = ~(((x & ~kHigh) + ~kHigh) | x) & kHigh;
    count += static_cast<std::size_t>(__builtin_popcountll(zero));
  }
  for (; i < text.size(); ++i) count += text[i] == '\n';
  return count;
}

// Where the last line in `text` (which starts at `text_offset`) begins, or
// `previous` when `text` holds no line end.
std::size_t last_line_start(std::string_view text, std::size_t text_offset,
                            std::size_t previous) {
  const void* newline = memrchr(text.data(), '\n', text.size());
  if (newline == nullptr) return previous;
  return text_offset +
         static_cast<std::size_t>(static_cast<const char*>(newline) -
                                  text.data()) +
         1;
}

// The 1-based byte column of `offset` on the line starting at `line_start`.
int column_of(std::size_t offset, std::size_t line_start) {
  std::size_t column = offset - line_start + 1;
  return static_cast<int>(std::min<std::size_t>(column, INT_MAX));
}

// Keeps, among overlapping candidates, the one whose rule has the highest
// priority (the earlier rule on a tie), then orders them by offset.
std::vector<Candidate> resolve_overlaps(const SecretEngine::Impl& engine,
                                        std::vector<Candidate> candidates) {
  std::sort(candidates.begin(), candidates.end(),
            [&](const Candidate& a, const Candidate& b) {
              int pa = engine.compiled[a.rule].rule->priority;
              int pb = engine.compiled[b.rule].rule->priority;
              if (pa != pb) return pa > pb;
              if (a.rule != b.rule) return a.rule < b.rule;
              return a.begin < b.begin;
            });
  std::map<std::size_t, std::size_t> taken;  // begin -> end
  std::vector<Candidate> kept;
  for (const auto& candidate : candidates) {
    auto after = taken.lower_bound(candidate.begin);
    if (after != taken.end() && after->first < candidate.end) continue;
    if (after != taken.begin() && std::prev(after)->second > candidate.begin)
      continue;
    taken.emplace(candidate.begin, candidate.end);
    kept.push_back(candidate);
  }
  std::sort(kept.begin(), kept.end(),
            [](const auto& a, const auto& b) { return a.begin < b.begin; });
  return kept;
}

}  // namespace

Status SecretEngine::Impl::load_rules() {
  std::map<std::string, SecretRule> by_id;
  std::vector<std::string> order;
  auto add = [&](std::vector<SecretRule> parsed) {
    for (auto& rule : parsed) {
      if (!by_id.count(rule.id)) order.push_back(rule.id);
      by_id[rule.id] = std::move(rule);
    }
  };
  if (options.use_builtin_rules) {
    auto builtin = parse_rules(builtin_rules_text(), "builtin:secrets.rules");
    if (!builtin) return builtin.status();
    add(std::move(builtin.value()));
  }
  if (!options.extra_rules.empty()) {
    auto extra = parse_rules(options.extra_rules, options.extra_rules_name);
    if (!extra) return extra.status();
    add(std::move(extra.value()));
  }

  std::set<std::string> dropped(options.disabled_rules.begin(),
                                options.disabled_rules.end());
  dropped.insert(options.allow.rule_ids.begin(), options.allow.rule_ids.end());
  for (const auto& id : order) {
    if (!dropped.count(id)) rules.push_back(std::move(by_id[id]));
  }
  return Status::ok();
}

Status SecretEngine::Impl::compile_rules() {
  RE2::Options re2_options;
  re2_options.set_log_errors(false);
  re2_options.set_max_mem(8 << 20);
  compiled.reserve(rules.size());
  for (const auto& rule : rules) {
    CompiledRule entry;
    entry.rule = &rule;
    entry.regex = std::make_unique<RE2>(rule.regex, re2_options);
    if (!entry.regex->ok()) {
      return Status(StatusCode::kInvalidArgument,
                    "secret rule '" + rule.id + "': bad regex");
    }
    int groups = entry.regex->NumberOfCapturingGroups();
    entry.group = rule.group >= 0 ? rule.group : (groups > 0 ? 1 : 0);
    if (!rule.validator.empty())
      entry.validator = find_validator(rule.validator);
    compiled.push_back(std::move(entry));
  }
  return Status::ok();
}

namespace {

// A keyword as a Vectorscan pattern: every byte outside [A-Za-z0-9] escaped,
// so literals can share one database with user prefilter regexes.
std::string escape_literal(std::string_view keyword) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : keyword) {
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

}  // namespace

// One database for every keyword (shared between the rules that list it)
// and every rule-level prefilter regex. Pattern id i reports keywords[i]
// and wakes keyword_rules[i].
Status SecretEngine::Impl::compile_prefilter() {
  std::map<std::string, std::size_t> index_of;
  std::vector<std::string> patterns;
  auto add = [&](const std::string& key, std::string pattern,
                 std::size_t length, std::size_t rule) {
    auto [it, added] = index_of.emplace(key, keywords.size());
    if (added) {
      keywords.push_back(key);
      keyword_lengths.push_back(length);
      keyword_rules.emplace_back();
      patterns.push_back(std::move(pattern));
    }
    auto& owners = keyword_rules[it->second];
    if (owners.empty() || owners.back() != rule) owners.push_back(rule);
  };
  for (std::size_t i = 0; i < compiled.size(); ++i) {
    const SecretRule& rule = *compiled[i].rule;
    if (!rule.prefilter.empty()) {
      // A regex reports only where it ends; the window is the line around
      // that end.
      add("re:" + rule.id, rule.prefilter, 0, i);
      continue;
    }
    for (const auto& keyword : rule.keywords) {
      add(keyword, escape_literal(keyword), keyword.size(), i);
    }
  }
  if (patterns.empty()) return Status::ok();  // every rule disabled

  std::vector<const char*> expressions;
  std::vector<unsigned> flags(patterns.size(), HS_FLAG_CASELESS);
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].c_str());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK,
                       nullptr, &database, &error) != HS_SUCCESS) {
    std::string message = error != nullptr && error->message != nullptr
                              ? error->message
                              : "unknown error";
    int which = error != nullptr ? error->expression : -1;
    hs_free_compile_error(error);
    std::string culprit =
        which >= 0 ? " (" + keywords[static_cast<std::size_t>(which)] + ")"
                   : "";
    return Status(
        StatusCode::kInvalidArgument,
        "secret prefilter failed to compile" + culprit + ": " + message);
  }
  return Status::ok();
}

Status SecretEngine::Impl::compile_allow_lists() {
  allowed_values.insert(options.allow.values.begin(),
                        options.allow.values.end());
  for (const auto& fingerprint : options.allow.fingerprints) {
    allowed_fingerprints.insert(lowercase(fingerprint));
  }
  RE2::Options re2_options;
  re2_options.set_log_errors(false);
  re2_options.set_max_mem(8 << 20);
  for (const auto& pattern : options.allow.regexes) {
    auto regex = std::make_unique<RE2>(pattern, re2_options);
    if (!regex->ok()) {
      return Status(StatusCode::kInvalidArgument, "secret allow-list regex '" +
                                                      pattern.substr(0, 100) +
                                                      "': " + regex->error());
    }
    allowed_regexes.push_back(std::move(regex));
  }
  return Status::ok();
}

bool SecretEngine::Impl::allowed(const CompiledRule& rule,
                                 std::string_view secret) const {
  if (allowed_values.count(std::string(secret))) return true;
  for (const auto& regex : allowed_regexes) {
    if (RE2::PartialMatch(re2::StringPiece(secret.data(), secret.size()),
                          *regex)) {
      return true;
    }
  }
  return !allowed_fingerprints.empty() &&
         allowed_fingerprints.count(secret_fingerprint(rule.rule->id, secret));
}

// The allow comment counts on the line where the secret starts, looked for
// at most kSuppressionReach bytes either side so a huge line stays cheap.
bool SecretEngine::Impl::suppressed_inline(std::string_view content,
                                           std::size_t offset) const {
  if (options.allow_comment.empty()) return false;
  std::size_t low = offset > kSuppressionReach ? offset - kSuppressionReach : 0;
  std::size_t begin = content.rfind('\n', offset);
  begin = begin == std::string_view::npos || begin < low ? low : begin + 1;
  std::size_t high = std::min(content.size(), offset + kSuppressionReach);
  std::size_t end = content.find('\n', offset);
  end = end == std::string_view::npos || end > high ? high : end;
  return content.substr(begin, end - begin).find(options.allow_comment) !=
         std::string_view::npos;
}

SecretEngine::SecretEngine(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

SecretEngine::~SecretEngine() = default;

Result<std::unique_ptr<SecretEngine>> SecretEngine::create(
    const SecretOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  RAMPART_RETURN_IF_ERROR(impl->load_rules());
  RAMPART_RETURN_IF_ERROR(impl->compile_rules());
  RAMPART_RETURN_IF_ERROR(impl->compile_prefilter());
  RAMPART_RETURN_IF_ERROR(impl->compile_allow_lists());
  return std::unique_ptr<SecretEngine>(new SecretEngine(std::move(impl)));
}

const std::vector<SecretRule>& SecretEngine::rules() const {
  return impl_->rules;
}

const SecretOptions& SecretEngine::options() const { return impl_->options; }

SkipReason SecretEngine::skip_by_name(std::string_view relative_path,
                                      std::uint64_t size) const {
  return sniff_name(impl_->options, relative_path, size);
}

SkipReason SecretEngine::skip_by_content(std::string_view relative_path,
                                         std::string_view content) const {
  return sniff_content(impl_->options, relative_path, content);
}

std::size_t SecretEngine::count_prefilter_hits(std::string_view content) const {
  if (impl_->database == nullptr) return 0;
  hs_scratch_t* scratch = thread_scratch(impl_->database, impl_->serial);
  if (scratch == nullptr) return 0;
  std::size_t hits = 0;
  auto count = [](unsigned, unsigned long long, unsigned long long, unsigned,
                  void* context) -> int {
    ++*static_cast<std::size_t*>(context);
    return 0;
  };
  hs_scan(
      impl_->database, content.data(),
      static_cast<unsigned>(std::min<std::size_t>(content.size(), 0xFFFFFFFFu)),
      0, scratch, count, &hits);
  return hits;
}

ScanResult SecretEngine::scan(std::string_view relative_path,
                              std::string_view content) const {
  ScanResult result;
  result.skipped = skip_by_name(relative_path, content.size());
  if (result.skipped == SkipReason::kNone) {
    result.skipped = skip_by_content(relative_path, content);
  }
  if (result.skipped != SkipReason::kNone || impl_->database == nullptr) {
    return result;
  }
  hs_scratch_t* scratch = thread_scratch(impl_->database, impl_->serial);
  if (scratch == nullptr) {
    result.hits_truncated = true;
    return result;
  }

  ScanState state;
  state.engine = impl_.get();
  state.content = content;
  state.pending.resize(impl_->compiled.size());
  state.candidate_cap =
      std::max<std::size_t>(64, impl_->options.max_findings_per_file * 4);
  // hs_scan takes a 32-bit length; the size bound keeps content below it.
  hs_scan(impl_->database, content.data(),
          static_cast<unsigned>(content.size()), 0, scratch, on_keyword,
          &state);
  for (std::size_t i = 0; i < state.pending.size(); ++i) {
    if (state.pending[i].open) run_window(state, i, state.pending[i]);
  }

  auto kept = resolve_overlaps(*impl_, std::move(state.candidates));
  std::size_t limit = impl_->options.max_findings_per_file;
  result.findings_truncated = state.candidates_full || kept.size() > limit;
  result.hits_truncated = state.hits_full;
  if (kept.size() > limit) kept.resize(limit);

  // Lines and line starts are tracked once, walking forward through the
  // sorted candidates, so the cost stays linear on a huge single line.
  int line = 1;
  std::size_t counted = 0;
  std::size_t line_start = 0;
  for (const auto& candidate : kept) {
    std::string_view gap = content.substr(counted, candidate.begin - counted);
    line += static_cast<int>(count_newlines(gap));
    line_start = last_line_start(gap, counted, line_start);
    counted = candidate.begin;
    std::string_view secret =
        content.substr(candidate.begin, candidate.end - candidate.begin);
    SecretMatch match;
    match.rule = impl_->compiled[candidate.rule].rule;
    match.offset = candidate.begin;
    match.length = secret.size();
    match.start_line = line;
    match.end_line = line + static_cast<int>(count_newlines(secret));
    match.start_column = column_of(candidate.begin, line_start);
    match.end_column = column_of(
        candidate.end, last_line_start(secret, candidate.begin, line_start));
    match.redacted = redact_secret(secret);
    match.fingerprint = secret_fingerprint(match.rule->id, secret);
    result.matches.push_back(std::move(match));
  }
  return result;
}

}  // namespace rampart::scan::secret
