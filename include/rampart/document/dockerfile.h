// SPDX-License-Identifier: Apache-2.0
//
// Dockerfile (and Containerfile) to Value: a document of build stages and
// their instructions, each with the physical lines it spans, for the
// misconfiguration checks (policies/docker/) to judge in Rego.
//
// Accepted format, the subset BuildKit's frontend reads:
//
//   file        := directive* line*
//   directive   := "#" SP* name SP* "=" SP* value EOL   (only at the very top;
//                  names syntax, escape and check; the first other line ends
//                  the directive block)
//   line        := comment | blank | instruction
//   comment     := SP* "#" any* EOL          (also dropped inside a
//                                             continued instruction)
//   instruction := SP* KEYWORD (SP+ flag)* SP* arguments EOL heredoc*
//   flag        := "--" name ["=" value]     (leading words of FROM, RUN,
//                                             COPY, ADD, HEALTHCHECK, ...)
//   arguments   := json-array | shell-text   (a JSON array of strings is the
//                                             exec form; anything else is
//                                             shell form)
//   continuation: a line whose last non-blank character is the escape
//                 character (default "\", "`" with `# escape=``) joins the
//                 next line; blank and comment lines in between are skipped
//   heredoc     := for RUN, COPY and ADD, each "<<[-]WORD" (WORD optionally
//                  quoted) in the arguments takes the following lines up to a
//                  line equal to WORD ("<<-" strips leading tabs first)
//
// Keywords are case-insensitive and stored lowercase; unknown keywords are
// kept (Docker rejects them, a scanner still wants to see the rest). ARG
// instructions before the first FROM are the global arguments; a FROM image
// written with ${VAR} or $VAR is resolved from their defaults where one
// exists ("image"), and kept as written ("image_raw").
//
// The document:
//
//   {"directives": {"syntax": ..., "escape": "\\"},
//    "args": [instruction, ...],                    // global ARGs
//    "stages": [{"index": 0, "name": "build" | null, "image": "golang:1.22",
//                "image_raw": "...", "platform": "..." | null,
//                "from": instruction, "instructions": [instruction, ...],
//                "start_line": 3, "end_line": 9}, ...]}
//
//   instruction := {"cmd": "run", "original": "RUN --mount=... apt-get ...",
//                   "flags": ["--mount=type=cache,target=/x"],
//                   "exec": false,         // JSON (exec) form?
//                   "value": [...],        // exec form: the array; shell
//                                          // form: the argument text
//                   "text": "...",         // arguments as one string (exec
//                                          // items joined by spaces), with
//                                          // heredoc bodies appended
//                   "heredocs": [{"name": "EOF", "body": "...",
//                                 "start_line": 4}],
//                   "start_line": 3, "end_line": 5}
//
// plus, per keyword: "env"/"arg"/"label" get "pairs" ([{"key", "value"}];
// an ARG without default has value null); "expose" gets "ports" (the
// whitespace-separated words); "user" gets "user" and "group" (null when
// absent).
//
// Input is untrusted: it is capped at DockerfileLimits::max_bytes and
// max_instructions, a NUL byte marks it as binary, and no step recurses, so
// nesting cannot exhaust the stack. Errors are a Status with the source and
// line: an instruction other than ARG before the first FROM, a bad escape
// directive, an exceeded limit. Pure function; safe from any thread.
#pragma once

#include <cstddef>
#include <string_view>

#include "rampart/base/status.h"
#include "rampart/document/value.h"

namespace rampart {

struct DockerfileLimits {
  std::size_t max_bytes = 8u << 20;  // 8 MiB
  std::size_t max_instructions = 50'000;
};

// Parses a whole Dockerfile. `source` names it in error messages.
Result<Value> parse_dockerfile(std::string_view text,
                               std::string_view source = "",
                               DockerfileLimits limits = {});

// Whether a file name is a Dockerfile by rampart's convention: "Dockerfile"
// or "Containerfile" in any case, "Dockerfile.<suffix>" and
// "Containerfile.<suffix>" capitalised as written (so dockerfile.cc is not
// one), "<prefix>.Dockerfile" and "<prefix>.dockerfile". `name` is the last
// path segment or a whole '/'-separated path.
bool is_dockerfile_name(std::string_view name);

}  // namespace rampart
