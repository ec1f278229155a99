# METADATA
# title: "Readiness probe not set"
# description: >-
#   Without a readiness probe traffic reaches the container before it can
#   serve and during its shutdown.
# custom:
#   id: RP-K8S-037
#   severity: LOW
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Add a readinessProbe to the container.
#   references:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
package rampart.k8s.readiness_probe

import rego.v1

import data.rampart.lib.k8s

batch_kinds := {"Job", "CronJob"}

deny contains res if {
	not batch_kinds[input.kind]
	some c in k8s.long_running_containers
	not c.container.readinessProbe
	msg := sprintf("%s has no readiness probe", [k8s.describe(c)])
	res := k8s.result(msg, c.path)
}
