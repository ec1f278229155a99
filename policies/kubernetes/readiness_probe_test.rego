package rampart.k8s.readiness_probe_test

import rego.v1

import data.rampart.k8s.readiness_probe as check
import data.rampart.lib.fixtures as fx

test_missing_readinessProbe_denied if {
	count(check.deny) == 1 with input as fx.pod([object.remove(fx.good_container, ["readinessProbe"])], {})
}

test_job_without_readinessProbe_allowed if {
	count(check.deny) == 0 with input as fx.cronjob(fx.pod([object.remove(fx.good_container, ["readinessProbe"])], {}))
}

test_readinessProbe_set_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
