# METADATA
# title: "Memory limit not set"
# description: >-
#   Without a memory limit a leaking or attacked container can exhaust the
#   node's memory and get other workloads killed.
# custom:
#   id: RP-K8S-027
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set resources.limits.memory.
#   references:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
package rampart.k8s.memory_limits

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.resourced_containers
	object.get(c.container, ["resources", "limits", "memory"], null) == null
	msg := sprintf("%s sets no memory limit", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["resources", "limits", "memory"]))
}
