package rampart.docker.secret_env_arg_test

import rego.v1

import data.rampart.docker.secret_env_arg as check
import data.rampart.lib.fixtures as fx

env(pairs) := object.union(fx.instruction("env", "x"), {"pairs": pairs})

test_env_password_denied if {
	count(check.deny) == 1 with input as fx.dockerfile_with([env([{"key": "DB_PASSWORD", "value": "hunter2"}])])
}

test_arg_token_denied if {
	arg := object.union(fx.instruction("arg", "x"), {"pairs": [{"key": "NPM_TOKEN", "value": null}]})
	count(check.deny) == 1 with input as fx.dockerfile_with([arg])
}

test_plain_env_allowed if {
	count(check.deny) == 0 with input as fx.dockerfile_with([env([{"key": "PORT", "value": "8080"}, {"key": "API_KEY_FILE", "value": "/run/secrets/k"}, {"key": "TOKEN", "value": "${TOKEN}"}])])
}
