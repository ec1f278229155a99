package rampart.k8s.namespace_pod_security_test

import rego.v1

import data.rampart.k8s.namespace_pod_security as check
import data.rampart.lib.fixtures as fx

ns(labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "apps", "labels": labels}}

test_missing_label_denied if {
	count(check.deny) == 1 with input as ns({})
	count(check.deny) == 1 with input as ns({"pod-security.kubernetes.io/enforce": "privileged"})
}

test_restricted_allowed if {
	count(check.deny) == 0 with input as ns({"pod-security.kubernetes.io/enforce": "restricted"})
}
