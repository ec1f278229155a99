package rampart.k8s.run_as_non_root_test

import rego.v1

import data.rampart.k8s.run_as_non_root as check
import data.rampart.lib.fixtures as fx

no_context(c) := object.remove(c, ["securityContext"])

test_missing_everywhere_denied if {
	denied := check.deny with input as fx.pod([no_context(fx.good_container)], {"securityContext": {"runAsNonRoot": null}})
	count(denied) == 1
}

test_container_override_denied if {
	denied := check.deny with input as fx.pod_with({"securityContext": {"runAsNonRoot": false}})
	some r in denied
	r.path == ["spec", "containers", 0, "securityContext", "runAsNonRoot"]
}

test_pod_level_inherited_allowed if {
	count(check.deny) == 0 with input as fx.pod([no_context(fx.good_container)], {})
}
