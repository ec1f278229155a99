package rampart.k8s.env_secret_literal_test

import rego.v1

import data.rampart.k8s.env_secret_literal as check
import data.rampart.lib.fixtures as fx

test_literal_password_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"env": [{"name": "DB_PASSWORD", "value": "hunter2"}]})
}

test_secret_ref_allowed if {
	ref := {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}
	count(check.deny) == 0 with input as fx.pod_with({"env": [ref, {"name": "TOKEN_FILE", "value": "/run/token"}, {"name": "LOG_LEVEL", "value": "info"}]})
}

test_dependent_variable_reference_allowed if {
	env := [
		{"name": "PGPASSWORD", "valueFrom": {"secretKeyRef": {"name": "pg", "key": "password"}}},
		{"name": "DATABASE_PASSWORD", "value": "$(PGPASSWORD)"},
	]
	count(check.deny) == 0 with input as fx.pod_with({"env": env})
}

test_escaped_reference_and_embedded_literal_denied if {
	env := [
		{"name": "DB_PASSWORD", "value": "$$(PGPASSWORD)"},
		{"name": "API_TOKEN", "value": "$(PREFIX)s3cr3t-tail"},
	]
	count(check.deny) == 2 with input as fx.pod_with({"env": env})
}
