# METADATA
# title: Kubernetes helpers for rampart's checks
# description: >-
#   Finds the pod specs and containers of every workload kind, with the JSON
#   path of each, so a check can say exactly which field is wrong. The input
#   is one Kubernetes object, as written in the manifest.
package rampart.lib.k8s

import rego.v1

# Kinds whose pod template sits at spec.template.
template_kinds := {
	"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
	"ReplicationController", "Job", "DeploymentConfig",
}

workload_kinds := template_kinds | {"Pod", "CronJob", "PodTemplate"}

rbac_role_kinds := {"Role", "ClusterRole"}

rbac_binding_kinds := {"RoleBinding", "ClusterRoleBinding"}

is_workload if input.kind in workload_kinds

name := object.get(input, ["metadata", "name"], "")

namespace := object.get(input, ["metadata", "namespace"], "")

# A readable name of the object for messages: `Deployment "web"`.
object_label := sprintf("%s %q", [input.kind, name])

# Every pod spec of the object, with its path and the pod's metadata (where
# AppArmor annotations live).
pods contains pod(input.spec, ["spec"], input, ["metadata"]) if {
	input.kind == "Pod"
	is_object(input.spec)
}

pods contains pod(t.spec, ["spec", "template", "spec"], t, ["spec", "template", "metadata"]) if {
	input.kind in template_kinds
	t := input.spec.template
	is_object(t.spec)
}

pods contains pod(t.spec, path, t, meta_path) if {
	input.kind == "CronJob"
	t := input.spec.jobTemplate.spec.template
	is_object(t.spec)
	path := ["spec", "jobTemplate", "spec", "template", "spec"]
	meta_path := ["spec", "jobTemplate", "spec", "template", "metadata"]
}

pods contains pod(input.template.spec, ["template", "spec"], input.template, ["template", "metadata"]) if {
	input.kind == "PodTemplate"
	is_object(input.template.spec)
}

pod(spec, path, holder, meta_path) := {
	"spec": spec,
	"path": path,
	"metadata": object.get(holder, "metadata", {}),
	"metadata_path": meta_path,
}

container_fields := ["initContainers", "containers", "ephemeralContainers"]

# Every container of every pod spec: the container, its path, which list it
# is in, and its pod.
containers contains {"container": c, "path": array.concat(p.path, [field, i]), "field": field, "pod": p} if {
	some p in pods
	some field in container_fields
	some i, c in p.spec[field]
	is_object(c)
}

# Only regular and init containers: ephemeral (debug) containers cannot set
# probes or resources.
long_running_containers contains c if {
	some c in containers
	c.field == "containers"
}

resourced_containers contains c if {
	some c in containers
	c.field != "ephemeralContainers"
}

kind_word := {
	"containers": "Container",
	"initContainers": "Init container",
	"ephemeralContainers": "Ephemeral container",
}

# `Container "app" of Deployment "web"`.
describe(c) := sprintf("%s %q of %s", [kind_word[c.field], object.get(c.container, "name", ""), object_label])

# A container's securityContext field, or the pod's when the container does
# not set it (the pod-level value is the default for every container).
effective(c, key) := v if {
	v := c.container.securityContext[key]
} else := v if {
	v := c.pod.spec.securityContext[key]
}

# Where to point for a securityContext field: the container's when it sets
# it, else the pod's when it does, else where the container would set it.
effective_path(c, key) := array.concat(c.path, ["securityContext", key]) if {
	sets_key(c.container, key)
} else := array.concat(c.pod.path, ["securityContext", key]) if {
	sets_key(c.pod.spec, key)
} else := array.concat(c.path, ["securityContext", key])

sets_key(holder, key) if key in object.keys(object.get(holder, "securityContext", {}))

# Volumes of every pod spec, with their paths.
volumes contains {"volume": v, "path": array.concat(p.path, ["volumes", i]), "pod": p} if {
	some p in pods
	some i, v in p.spec.volumes
	is_object(v)
}

# Rules of a Role or ClusterRole, with their paths.
rbac_rules contains {"rule": r, "path": ["rules", i]} if {
	input.kind in rbac_role_kinds
	some i, r in input.rules
	is_object(r)
}

has_value(list, value) if {
	some item in list
	item == value
}

# What a check reports: the message and the JSON path of the offending field
# within the object (the scanner maps it to a line).
result(msg, path) := {"msg": msg, "path": path}

# The tag of an image reference: what follows the last ':' after the last
# '/' (a registry port is not a tag); "" when there is none.
image_tag(image) := tag if {
	name := split(image, "@")[0]
	parts := split(name, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	pieces := split(last, ":")
	tag := pieces[count(pieces) - 1]
} else := ""
