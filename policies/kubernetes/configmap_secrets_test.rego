package rampart.k8s.configmap_secrets_test

import rego.v1

import data.rampart.k8s.configmap_secrets as check
import data.rampart.lib.fixtures as fx

cm(data) := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "namespace": "apps"}, "data": data}

test_password_denied if {
	count(check.deny) == 1 with input as cm({"db_password": "hunter2", "mode": "fast"})
}

test_plain_settings_allowed if {
	count(check.deny) == 0 with input as cm({"mode": "fast", "token_path": "/run/token"})
}
