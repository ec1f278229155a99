package rampart.k8s.image_digest_test

import rego.v1

import data.rampart.k8s.image_digest as check
import data.rampart.lib.fixtures as fx

test_tag_only_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"image": "nginx:1.27.0"})
}

test_digest_allowed if {
	count(check.deny) == 0 with input as fx.good_pod
}
