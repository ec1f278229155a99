# METADATA
# title: "Unmasked /proc mount"
# description: >-
#   The default /proc mount masks paths that leak host information or
#   allow changing kernel settings; an Unmasked procMount removes that
#   protection. Pod Security Standards (baseline) forbid it.
# custom:
#   id: RP-K8S-010
#   severity: HIGH
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove securityContext.procMount or set it to Default.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rampart.k8s.proc_mount

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.containers
	mount := c.container.securityContext.procMount
	mount != "Default"
	msg := sprintf("%s uses procMount %q", [k8s.describe(c), mount])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "procMount"]))
}
