#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# Writes a generated source tree for side-by-side secret-scanning benchmarks:
#   python3 bench/secret_tree.py OUT_DIR [MEGABYTES]   (default 300)
# Files of 2-30 KiB in nested folders, written in Python, JavaScript, Go,
# YAML and Markdown styles, built from a pool of ordinary lines (code that
# mentions tokens and passwords without holding any) with one planted
# secret-shaped line (random, never a real credential) every ~5,000 lines.
# Deterministic for a given size.
import os
import random
import sys

LINES = [
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
    "\tif err != nil {\n\t\treturn fmt.Errorf(\"open %s: %w\", path, err)\n\t}",
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
]
EXTENSIONS = [".py", ".ts", ".go", ".yaml", ".md", ".java", ".rb"]
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


def main():
    out = sys.argv[1]
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(megabytes)
    written = 0
    index = 0
    line_number = 0
    while written < megabytes << 20:
        folder = os.path.join(out, "pkg%03d" % (index // 200),
                              "mod%02d" % (index // 20 % 10))
        os.makedirs(folder, exist_ok=True)
        size = rng.randint(2, 30) << 10
        parts = []
        length = 0
        while length < size:
            line_number += 1
            if line_number % 5000 == 0:
                line = "GITLAB_TOKEN=glpat-" + "".join(
                    rng.choice(ALPHABET) for _ in range(20))
            else:
                line = rng.choice(LINES)
            parts.append(line)
            length += len(line) + 1
        name = "file%05d%s" % (index, rng.choice(EXTENSIONS))
        with open(os.path.join(folder, name), "w") as handle:
            handle.write("\n".join(parts) + "\n")
        written += length
        index += 1
    print("%d files, %.1f MiB" % (index, written / 2**20))


if __name__ == "__main__":
    main()
