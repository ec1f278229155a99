package rampart.k8s.liveness_probe_test

import rego.v1

import data.rampart.k8s.liveness_probe as check
import data.rampart.lib.fixtures as fx

test_missing_livenessProbe_denied if {
	count(check.deny) == 1 with input as fx.pod([object.remove(fx.good_container, ["livenessProbe"])], {})
}

test_job_without_livenessProbe_allowed if {
	count(check.deny) == 0 with input as fx.cronjob(fx.pod([object.remove(fx.good_container, ["livenessProbe"])], {}))
}

test_livenessProbe_set_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
