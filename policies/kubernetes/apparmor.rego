# METADATA
# title: "AppArmor profile disabled or overridden"
# description: >-
#   AppArmor confines what a container may do on the node. Setting it to
#   unconfined, or to anything but the runtime default or a profile loaded
#   on the node, removes that layer. Pod Security Standards (baseline)
#   forbid it.
# custom:
#   id: RP-K8S-008
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove the override, or use runtime/default (RuntimeDefault) or a
#     localhost profile.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tutorials/security/apparmor/
package rampart.k8s.apparmor

import rego.v1

import data.rampart.lib.k8s

annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

allowed_annotation(value) if value == "runtime/default"

allowed_annotation(value) if startswith(value, "localhost/")

deny contains res if {
	some p in k8s.pods
	some key, value in p.metadata.annotations
	startswith(key, annotation_prefix)
	not allowed_annotation(value)
	msg := sprintf("%s sets AppArmor profile %q for container %q", [k8s.object_label, value, trim_prefix(key, annotation_prefix)])
	res := k8s.result(msg, array.concat(p.metadata_path, ["annotations", key]))
}

deny contains res if {
	some c in k8s.containers
	c.container.securityContext.appArmorProfile.type == "Unconfined"
	msg := sprintf("%s runs without an AppArmor profile (Unconfined)", [k8s.describe(c)])
	res := k8s.result(msg, array.concat(c.path, ["securityContext", "appArmorProfile", "type"]))
}

deny contains res if {
	some p in k8s.pods
	p.spec.securityContext.appArmorProfile.type == "Unconfined"
	msg := sprintf("%s runs its containers without an AppArmor profile (Unconfined)", [k8s.object_label])
	res := k8s.result(msg, array.concat(p.path, ["securityContext", "appArmorProfile", "type"]))
}
