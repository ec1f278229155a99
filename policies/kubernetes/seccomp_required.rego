# METADATA
# title: "Seccomp profile not set"
# description: >-
#   Without a seccomp profile the container runtime may run the container
#   unconfined. Pod Security Standards (restricted) require RuntimeDefault
#   or Localhost on the pod or on every container.
# custom:
#   id: RP-K8S-018
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set spec.securityContext.seccompProfile.type to RuntimeDefault.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tutorials/security/seccomp/
package rampart.k8s.seccomp_required

import rego.v1

import data.rampart.lib.k8s

allowed := {"RuntimeDefault", "Localhost"}

seccomp_type(c) := type if {
	profile := k8s.effective(c, "seccompProfile")
	type := profile.type
} else := ""

deny contains res if {
	some c in k8s.containers
	type := seccomp_type(c)
	not allowed[type]
	type != "Unconfined"
	msg := sprintf("%s has no RuntimeDefault or Localhost seccomp profile", [k8s.describe(c)])
	res := k8s.result(msg, k8s.effective_path(c, "seccompProfile"))
}
