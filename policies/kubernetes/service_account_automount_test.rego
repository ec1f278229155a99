package rampart.k8s.service_account_automount_test

import rego.v1

import data.rampart.k8s.service_account_automount as check
import data.rampart.lib.fixtures as fx

sa(body) := object.union({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "app", "namespace": "apps"}}, body)

test_default_denied if {
	count(check.deny) == 1 with input as sa({})
}

test_disabled_allowed if {
	count(check.deny) == 0 with input as sa({"automountServiceAccountToken": false})
}
