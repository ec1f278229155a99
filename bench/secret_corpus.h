// SPDX-License-Identifier: Apache-2.0
//
// Source-like text for the secret scanner benchmarks: a deterministic mix of
// code, configuration and prose lines in the proportions of an ordinary
// repository (identifiers, strings, URLs, the words "token", "password" and
// "secret" in code that holds no secret), with a rare planted secret-shaped
// line. Used by bench/secret_bench.cc; bench/secret_tree.py writes the same
// kind of text to disk for side-by-side runs.
#pragma once

#include <cstdint>
#include <string>

namespace rampart::bench {

inline std::string source_like_text(std::size_t bytes, std::uint32_t seed) {
  static const char* const kLines[] = {
      "    def handle_request(self, request, *args, **kwargs):",
      "        token = request.headers.get(\"Authorization\", \"\")",
      "        if not self.validate(token):",
      "            raise PermissionDenied(\"invalid credentials\")",
      "    return render(request, \"index.html\", {\"items\": items})",
      "import { useEffect, useState } from 'react';",
      "export function formatDate(value: Date): string {",
      "  const password = form.elements.namedItem('password').value;",
      "  return fetch(`https://api.example.com/v2/users/${id}`);",
      "func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {",
      "\tif err != nil {\n\t\treturn fmt.Errorf(\"open %s: %w\", path, "
      "err)\n\t}",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web",
      "        - name: DB_PASSWORD\n          valueFrom:\n            "
      "secretKeyRef: {name: db, key: password}",
      "# The cache is invalidated whenever the configuration changes.",
      "// Copyright the authors. Licensed under the Apache License 2.0.",
      "SELECT id, name, created_at FROM accounts WHERE id = $1;",
      "  for (std::size_t i = 0; i < items.size(); ++i) total += items[i];",
      "    logger.info(\"processed %d records in %.2fs\", count, elapsed)",
      "<a href=\"https://docs.example.org/guide/setup\">Setup guide</a>",
      "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-logs\"\n}",
      "  secret_name = var.secret_name",
      "RUN apt-get update && apt-get install -y --no-install-recommends curl",
      "    assert response.status_code == 200, response.text",
      "const tokenizer = new Tokenizer({ lowercase: true });",
  };
  constexpr std::size_t kCount = sizeof(kLines) / sizeof(kLines[0]);
  std::string text;
  text.reserve(bytes + 256);
  std::uint32_t state = seed * 2654435761u + 1;
  std::size_t line = 0;
  while (text.size() < bytes) {
    state = state * 1664525u + 1013904223u;
    if (++line % 5000 == 0) {
      text += "GITLAB_TOKEN=glpat-";
      for (int i = 0; i < 20; ++i) {
        state = state * 1664525u + 1013904223u;
        text.push_back(
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
                [(state >> 8) % 56]);
      }
      text.push_back('\n');
      continue;
    }
    text += kLines[(state >> 8) % kCount];
    text.push_back('\n');
  }
  text.resize(bytes);
  return text;
}

}  // namespace rampart::bench
