# METADATA
# title: "Privilege escalation allowed"
# description: >-
#   Unless allowPrivilegeEscalation is false, a process in the container
#   can gain more privileges than its parent, through setuid binaries for
#   instance. Pod Security Standards (restricted) require it to be false.
# custom:
#   id: RP-K8S-015
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set securityContext.allowPrivilegeEscalation to false in every
#     container.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.privilege_escalation

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	not c.container.securityContext.allowPrivilegeEscalation == false
	msg := sprintf("%s does not set allowPrivilegeEscalation to false", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "allowPrivilegeEscalation"]))
}
