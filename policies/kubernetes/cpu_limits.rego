# METADATA
# title: "CPU limit not set"
# description: >-
#   Without a CPU limit one container can starve its neighbours on the
#   node, which turns a compromise or a bug into a denial of service.
# custom:
#   id: RP-K8S-025
#   severity: LOW
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set resources.limits.cpu.
#   references:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
package rampart.k8s.cpu_limits

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.resourced_containers
	object.get(c.container, ["resources", "limits", "cpu"], null) == null
	msg := sprintf("%s sets no cpu limit", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["resources", "limits", "cpu"]))
}
