# METADATA
# title: "Root file system is writable"
# description: >-
#   A writable root file system lets an attacker drop tools and change
#   binaries inside the container; most applications need only a few
#   writable folders.
# custom:
#   id: RP-K8S-028
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Set securityContext.readOnlyRootFilesystem to true and mount emptyDir
#     volumes where the application writes.
#   references:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
package rampart.k8s.read_only_root_fs

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	some c in k8s.resourced_containers
	not c.container.securityContext.readOnlyRootFilesystem == true
	msg := sprintf("%s does not set readOnlyRootFilesystem to true", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "readOnlyRootFilesystem"]))
}
