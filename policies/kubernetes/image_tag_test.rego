package rampart.k8s.image_tag_test

import rego.v1

import data.rampart.k8s.image_tag as check
import data.rampart.lib.fixtures as fx

test_latest_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"image": "nginx:latest"})
}

test_untagged_denied if {
	count(check.deny) == 1 with input as fx.pod_with({"image": "registry.local:5000/nginx"})
}

test_versioned_and_digest_allowed if {
	count(check.deny) == 0 with input as fx.pod_with({"image": "nginx:1.27.0"})
	count(check.deny) == 0 with input as fx.pod_with({"image": "nginx@sha256:abc"})
}
