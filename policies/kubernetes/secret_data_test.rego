package rampart.k8s.secret_data_test

import rego.v1

import data.rampart.k8s.secret_data as check
import data.rampart.lib.fixtures as fx

secret(body) := object.union({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "apps"}, "type": "Opaque"}, body)

test_data_denied if {
	denied := check.deny with input as secret({"data": {"password": "aHVudGVyMg=="}})
	some r in denied
	r.path == ["data", "password"]
}

test_string_data_denied if {
	count(check.deny) == 1 with input as secret({"stringData": {"token": "abc"}})
}

test_empty_secret_allowed if {
	count(check.deny) == 0 with input as secret({})
}
