# METADATA
# title: "Container adds a capability beyond the baseline set"
# description: >-
#   Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a
#   container powers close to root on the node. Pod Security Standards
#   (baseline) allow adding only the default container runtime set.
# custom:
#   id: RP-K8S-007
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove the capability from securityContext.capabilities.add.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.capabilities_baseline

import rego.v1

import data.rampart.lib.k8s

baseline_allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

deny contains res if {
	some c in k8s.containers
	some i, cap in c.container.securityContext.capabilities.add
	name := trim_prefix(upper(cap), "CAP_")
	not baseline_allowed[name]
	msg := sprintf("%s adds capability %s", [k8s.describe(c), cap])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "capabilities", "add", i]))
}
