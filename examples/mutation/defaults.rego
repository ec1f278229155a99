# METADATA
# title: Secure defaults for new workloads
# description: >-
#   A mutation policy for `rampart serve --mutation`: on CREATE, pods that
#   do not say otherwise get runAsNonRoot: true (pod level) and every
#   container or init container gets allowPrivilegeEscalation: false.
#   Fields the author set are never changed. See docs/admission.md,
#   "Mutation".
package rampart.mutate

import rego.v1

template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}

# Every pod spec of the object, with its JSON Pointer.
pods contains {"spec": spec, "pointer": "/spec"} if {
	input.request.kind.kind == "Pod"
	spec := input.request.object.spec
}

pods contains {"spec": spec, "pointer": "/spec/template/spec"} if {
	input.request.kind.kind in template_kinds
	spec := input.request.object.spec.template.spec
}

pods contains {"spec": spec, "pointer": "/spec/jobTemplate/spec/template/spec"} if {
	input.request.kind.kind == "CronJob"
	spec := input.request.object.spec.jobTemplate.spec.template.spec
}

creating if input.request.operation == "CREATE"

has_key(object, key) if object[key] != null

# The pod has no securityContext: add one holding the default.
patch contains {"op": "add", "path": concat("", [p.pointer, "/securityContext"]), "value": {"runAsNonRoot": true}} if {
	creating
	some p in pods
	not has_key(p.spec, "securityContext")
}

# It has one without runAsNonRoot: add the field.
patch contains {"op": "add", "path": concat("", [p.pointer, "/securityContext/runAsNonRoot"]), "value": true} if {
	creating
	some p in pods
	is_object(p.spec.securityContext)
	not has_key(p.spec.securityContext, "runAsNonRoot")
}

patch contains {"op": "add", "path": sprintf("%s/%s/%d/securityContext", [p.pointer, field, i]), "value": {"allowPrivilegeEscalation": false}} if {
	creating
	some p in pods
	some field in ["initContainers", "containers"]
	some i, c in p.spec[field]
	not has_key(c, "securityContext")
}

patch contains {"op": "add", "path": sprintf("%s/%s/%d/securityContext/allowPrivilegeEscalation", [p.pointer, field, i]), "value": false} if {
	creating
	some p in pods
	some field in ["initContainers", "containers"]
	some i, c in p.spec[field]
	is_object(c.securityContext)
	not has_key(c.securityContext, "allowPrivilegeEscalation")
}
