# METADATA
# title: "Memory request not set"
# description: >-
#   Without a memory request the scheduler may overcommit the node and the
#   pod is among the first evicted.
# custom:
#   id: RP-K8S-026
#   severity: LOW
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set resources.requests.memory.
#   references:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
package rampart.k8s.memory_requests

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.resourced_containers
	object.get(c.container, ["resources", "requests", "memory"], null) == null
	msg := sprintf("%s sets no memory request", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["resources", "requests", "memory"]))
}
