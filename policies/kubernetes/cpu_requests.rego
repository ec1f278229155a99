# METADATA
# title: "CPU request not set"
# description: >-
#   Without a CPU request the scheduler cannot place the pod sensibly and
#   the container gets the lowest share under contention.
# custom:
#   id: RP-K8S-024
#   severity: LOW
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set resources.requests.cpu.
#   references:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
package rampart.k8s.cpu_requests

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.resourced_containers
	object.get(c.container, ["resources", "requests", "cpu"], null) == null
	msg := sprintf("%s sets no cpu request", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["resources", "requests", "cpu"]))
}
