# METADATA
# title: "Privileged container"
# description: >-
#   A privileged container has every capability and access to the host's
#   devices; escaping to the node is trivial. Pod Security Standards
#   (baseline) forbid it.
# custom:
#   id: RP-K8S-001
#   severity: CRITICAL
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove securityContext.privileged or set it to false; grant only the
#     capabilities the container needs.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.privileged

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	c.container.securityContext.privileged == true
	msg := sprintf("%s runs privileged", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "privileged"]))
}
