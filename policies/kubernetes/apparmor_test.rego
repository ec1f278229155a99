package rampart.k8s.apparmor_test

import rego.v1

import data.rampart.k8s.apparmor as check
import data.rampart.lib.fixtures as fx

test_unconfined_annotation_denied if {
	pod := object.union(fx.good_pod, {"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}}})
	denied := check.deny with input as pod
	some r in denied
	r.path == ["metadata", "annotations", "container.apparmor.security.beta.kubernetes.io/app"]
}

test_unconfined_field_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"securityContext": {"appArmorProfile": {"type": "Unconfined"}}})
	count(check.deny) == 1 with input as fx.pod_spec_with({"securityContext": {"appArmorProfile": {"type": "Unconfined"}}})
}

test_runtime_default_allowed if {
	pod := object.union(fx.good_pod, {"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/app": "runtime/default"}}})
	count(check.deny) == 0 with input as pod
	count(check.deny) == 0 with input as fx.pod_with({"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}})
}
