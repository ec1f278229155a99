// SPDX-License-Identifier: Apache-2.0
//
// The command tree: parses arguments with CLI11, dispatches to the chosen
// subcommand, and turns parse errors and stray exceptions into exit code 2
// with one line on stderr.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace rampart::cli {

int fail(std::string_view message) {
  std::fprintf(stderr, "rampart: %.*s\n", static_cast<int>(message.size()),
               message.data());
  return kExitError;
}

namespace {

constexpr double kDayMs = 86400000;

// Go's duration form, one or more <number><unit> parts ("1m30s"), in
// milliseconds; false for anything else.
bool go_duration_ms(std::string_view text, double& total) {
  static constexpr std::pair<std::string_view, double> kUnits[] = {
      {"ns", 1e-6}, {"us", 1e-3}, {"\u00b5s", 1e-3}, {"ms", 1},
      {"s", 1e3},   {"m", 6e4},   {"h", 3.6e6}};
  auto is_number_char = [](char c) {
    return (c >= '0' && c <= '9') || c == '.';
  };

  total = 0;
  while (!text.empty()) {
    double value = 0;
    auto [end, error] =
        std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || !(value >= 0)) return false;  // NaN too
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));

    std::size_t unit_length = 0;
    while (unit_length < text.size() && !is_number_char(text[unit_length])) {
      ++unit_length;
    }
    std::string_view unit = text.substr(0, unit_length);
    auto known = std::find_if(std::begin(kUnits), std::end(kUnits),
                              [&](const auto& u) { return u.first == unit; });
    if (known == std::end(kUnits)) return false;
    total += value * known->second;
    text.remove_prefix(unit_length);
  }
  return true;
}

struct Subcommand {
  CLI::App* app;
  CommandRunner run;
};

// CLI11 signals --help and --version through exceptions; everything else it
// throws is a usage error, reported as one line with a pointer to --help.
int handle_parse_error(const CLI::App& root, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::CallForHelp*>(&error) != nullptr ||
      dynamic_cast<const CLI::CallForAllHelp*>(&error) != nullptr ||
      dynamic_cast<const CLI::CallForVersion*>(&error) != nullptr) {
    return root.exit(error);
  }
  return fail(std::string(error.what()) + " (see 'rampart --help')");
}

// A repeatable flag takes one value per occurrence, as opa's and most
// tools' flags do: `rampart eval -d p.rego data.x` must leave `data.x` as
// the query, where CLI11's vectors would otherwise swallow it.
void one_value_per_flag(CLI::App& app) {
  for (CLI::Option* option : app.get_options(
           [](const CLI::Option* o) { return o->nonpositional(); })) {
    option->allow_extra_args(false);
  }
  for (CLI::App* sub : app.get_subcommands({})) one_value_per_flag(*sub);
}

}  // namespace

bool parse_duration_ms(std::string_view text, long long& ms) {
  if (text.empty()) return false;
  double value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  bool bare_number = error == std::errc() && end == text.data() + text.size();
  if (!bare_number && !go_duration_ms(text, value)) return false;

  if (!(value >= 0 && value <= kDayMs)) return false;  // NaN too
  ms = static_cast<long long>(value);
  return true;
}

int run_cli(int argc, char** argv) {
  CLI::App root{
      "rampart: security gates for cloud-native delivery.\n"
      "Policy as code (Rego), CI scanning and Kubernetes admission control.",
      "rampart"};
  root.set_version_flag("--version", "rampart " RAMPART_VERSION);
  root.require_subcommand(1);
  root.fallthrough(false);

  // When the first argument names a command, only that command declares
  // its flags: CLI11 builds every option up front, which costs a one-shot
  // `rampart eval` a visible part of its start-up. Anything else (--help,
  // a typo) gets the whole tree, so help and errors list every command.
  static constexpr std::pair<std::string_view, CommandRunner (*)(CLI::App&)>
      kCommands[] = {
          {"eval", add_eval_command},   {"test", add_test_command},
          {"scan", add_scan_command},   {"db", add_db_command},
          {"serve", add_serve_command}, {"verify", add_verify_command},
          {"audit", add_audit_command}};
  std::string_view first = argc > 1 ? argv[1] : "";
  bool named = std::any_of(std::begin(kCommands), std::end(kCommands),
                           [&](const auto& c) { return c.first == first; });
  if (!named && !first.empty() && first[0] != '-') {
    return fail("unknown command '" + std::string(first) +
                "' (see 'rampart --help')");
  }

  std::vector<Subcommand> subcommands;
  for (const auto& [name, adder] : kCommands) {
    if (named && name != first) continue;
    CommandRunner run = adder(root);
    subcommands.push_back({root.get_subcommands({}).back(), std::move(run)});
  }
  one_value_per_flag(root);

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return handle_parse_error(root, error);
  }

  try {
    for (const Subcommand& sub : subcommands) {
      if (sub.app->parsed()) return sub.run();
    }
  } catch (const std::exception& error) {
    return fail(std::string("internal error: ") + error.what());
  }
  return fail("no command given (see 'rampart --help')");
}

}  // namespace rampart::cli
