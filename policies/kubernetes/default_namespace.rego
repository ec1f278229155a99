# METADATA
# title: "Object in the default namespace"
# description: >-
#   The default namespace is shared by everything deployed without
#   thought; objects there escape namespace-scoped policies, quotas and
#   RBAC.
# custom:
#   id: RP-K8S-030
#   severity: LOW
#   input: kubernetes
#   remediation: >-
#     Create a namespace for the application and set metadata.namespace to
#     it.
#   references:
#   - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
package rampart.k8s.default_namespace

import rego.v1

import data.rampart.lib.k8s

deny contains res if {
	input.metadata.namespace == "default"
	msg := sprintf("%s is in the default namespace", [k8s.object_label])
	res := k8s.result(msg, ["metadata", "namespace"])
}
