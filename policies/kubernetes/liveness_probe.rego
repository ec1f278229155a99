# METADATA
# title: "Liveness probe not set"
# description: >-
#   Without a liveness probe a hung container keeps running and serving
#   errors until someone notices.
# custom:
#   id: RP-K8S-036
#   severity: LOW
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Add a livenessProbe to the container.
#   references:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
package rampart.k8s.liveness_probe

import rego.v1

import data.rampart.lib.k8s

batch_kinds := {"Job", "CronJob"}

deny contains res if {
	not batch_kinds[input.kind]
	some c in k8s.long_running_containers
	not c.container.livenessProbe
	msg := sprintf("%s has no liveness probe", [k8s.describe(c)])
	res := k8s.result(msg, c.path)
}
