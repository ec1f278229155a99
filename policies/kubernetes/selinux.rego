# METADATA
# title: "Custom SELinux options"
# description: >-
#   Setting a custom SELinux user or role, or a type outside the container
#   types, can lift the confinement SELinux gives containers. Pod Security
#   Standards (baseline) forbid it.
# custom:
#   id: RP-K8S-009
#   severity: MEDIUM
#   input: kubernetes
#   kinds: [workload]
#   remediation: >-
#     Remove seLinuxOptions.user and role, and use one of container_t,
#     container_init_t, container_kvm_t or container_engine_t as type.
#   references:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rampart.k8s.selinux

import rego.v1

import data.rampart.lib.k8s

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

options contains {"options": c.container.securityContext.seLinuxOptions, "path": array.concat(c.path, ["securityContext", "seLinuxOptions"]), "who": k8s.describe(c)} if {
	some c in k8s.containers
}

options contains {"options": p.spec.securityContext.seLinuxOptions, "path": array.concat(p.path, ["securityContext", "seLinuxOptions"]), "who": k8s.object_label} if {
	some p in k8s.pods
}

deny contains res if {
	some o in options
	type := object.get(o.options, "type", "")
	not allowed_types[type]
	msg := sprintf("%s sets SELinux type %q", [o.who, type])
	res := k8s.result(msg, array.concat(o.path, ["type"]))
}

deny contains res if {
	some o in options
	some field in ["user", "role"]
	object.get(o.options, field, "") != ""
	msg := sprintf("%s sets a custom SELinux %s", [o.who, field])
	res := k8s.result(msg, array.concat(o.path, [field]))
}
