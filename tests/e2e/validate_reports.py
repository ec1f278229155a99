#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs the built rampart binary on a project and validates its machine
reports: SARIF against the SARIF 2.1.0 schema, CycloneDX against the
CycloneDX 1.5 schema (with the SPDX and JSF schemas it references), JUnit as
well-formed XML with the expected shape, JSON as rampart's own schema v1.

usage: validate_reports.py RAMPART SCHEMA_DIR PROJECT [MIN_RESULTS [OSV_DIR]]

With OSV_DIR, its records are first imported into a throw-away store that
the scans use, so the vulnerability scanner has something to find.
Exits 0 when every report is valid and the SARIF run holds at least
MIN_RESULTS results (default 1), so an empty scan cannot pass vacuously.
"""
import json
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

import jsonschema

try:  # jsonschema >= 4.18 resolves $ref through the referencing library
    from referencing import Registry, Resource
except ImportError:  # Debian 12 ships jsonschema 4.10: RefResolver only
    Registry = Resource = None


DB_ARGS = []


def scan(rampart, project, fmt):
    run = subprocess.run(
        [rampart, "scan", project, "--format", fmt, "--exit-code", "0", "-q"]
        + DB_ARGS, capture_output=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"rampart --format {fmt} exited {run.returncode}: "
                         f"{run.stderr.decode(errors='replace')}")
    return run.stdout.decode("utf-8")


def load(schema_dir, name):
    return json.loads((schema_dir / name).read_text(encoding="utf-8"))


def make_validator(schema, schemas):
    """A validator for `schema` that finds the schemas it references by
    their $id in `schemas`, offline, with either jsonschema API."""
    validator_class = jsonschema.validators.validator_for(schema)
    checker = jsonschema.FormatChecker()
    if Registry is not None:
        registry = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas)
        return validator_class(schema, registry=registry,
                               format_checker=checker)
    resolver = jsonschema.RefResolver.from_schema(
        schema, id_of=validator_class.ID_OF,
        store={s["$id"]: s for s in schemas})
    return validator_class(schema, resolver=resolver, format_checker=checker)


def validate(document, schema, schemas, label):
    validator = make_validator(schema, schemas)
    errors = sorted(validator.iter_errors(document), key=lambda e: e.path)
    for error in errors[:10]:
        where = "/".join(str(p) for p in error.absolute_path)
        print(f"{label}: /{where}: {error.message}", file=sys.stderr)
    if errors:
        raise SystemExit(f"{label}: {len(errors)} schema errors")


def main():
    rampart, schema_dir, project = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
    min_results = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    store_dir = tempfile.TemporaryDirectory()
    if len(sys.argv) > 5:
        store = str(pathlib.Path(store_dir.name) / "osv.db")
        subprocess.run([rampart, "db", "import", "--db", store, "-q",
                        sys.argv[5]], check=True)
        DB_ARGS.extend(["--db", store])

    registry = [load(schema_dir, name)
                for name in ("spdx.schema.json", "jsf-0.82.schema.json",
                             "bom-1.5.schema.json")]

    sarif = json.loads(scan(rampart, project, "sarif"))
    validate(sarif, load(schema_dir, "sarif-schema-2.1.0.json"), registry,
             "SARIF")
    results = sarif["runs"][0]["results"]
    if len(results) < min_results:
        raise SystemExit(f"SARIF: {len(results)} results, expected at least "
                         f"{min_results}")
    for result in results:
        if "partialFingerprints" not in result:
            raise SystemExit("SARIF: a result has no partialFingerprints")

    bom = json.loads(scan(rampart, project, "cyclonedx"))
    validate(bom, load(schema_dir, "bom-1.5.schema.json"), registry,
             "CycloneDX")

    report = json.loads(scan(rampart, project, "json"))
    if report.get("schema_version") != 1:
        raise SystemExit("JSON: schema_version is not 1")
    if report["summary"]["total"] != len(report["findings"]):
        raise SystemExit("JSON: summary.total disagrees with findings")
    if DB_ARGS:
        # The bundled example must show findings from every scanner.
        by_scanner = report["summary"]["by_scanner"]
        for name in ("misconfig", "secret", "vuln"):
            if by_scanner.get(name, 0) == 0:
                raise SystemExit(f"JSON: no {name} findings: {by_scanner}")

    junit = ElementTree.fromstring(scan(rampart, project, "junit"))
    if junit.tag != "testsuites" or not junit.findall("testsuite/testcase"):
        raise SystemExit("JUnit: no testsuites/testsuite/testcase")

    print(f"valid: SARIF ({len(results)} results), CycloneDX "
          f"({len(bom.get('components', []))} components, "
          f"{len(bom.get('vulnerabilities', []))} vulnerabilities), JSON, "
          "JUnit")


if __name__ == "__main__":
    main()
