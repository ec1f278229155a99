# Builders of test inputs shared by the checks' unit tests: a hardened pod
# that passes every Kubernetes check, and ways to spoil one field of it.
package rampart.lib.fixtures

import rego.v1

digest := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

good_container := {
	"name": "app",
	"image": concat("@", ["registry.example.com/team/app:1.4.2", digest]),
	"ports": [{"containerPort": 8080}],
	"securityContext": {
		"allowPrivilegeEscalation": false,
		"runAsNonRoot": true,
		"runAsUser": 10001,
		"runAsGroup": 10001,
		"readOnlyRootFilesystem": true,
		"capabilities": {"drop": ["ALL"]},
		"seccompProfile": {"type": "RuntimeDefault"},
	},
	"resources": {
		"requests": {"cpu": "100m", "memory": "128Mi"},
		"limits": {"cpu": "500m", "memory": "256Mi"},
	},
	"livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}},
	"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
}

good_spec := {
	"automountServiceAccountToken": false,
	"securityContext": {
		"runAsNonRoot": true,
		"seccompProfile": {"type": "RuntimeDefault"},
	},
	"containers": [good_container],
}

# The good container with `patch` merged in (objects merge recursively).
container(patch) := object.union(good_container, patch)

# A Pod in namespace "apps" whose spec is the good spec with `spec_patch`
# merged in and `containers` as its containers.
pod(containers, spec_patch) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "web", "namespace": "apps"},
	"spec": object.union(object.union(good_spec, spec_patch), {"containers": containers}),
}

# A Pod with one container patched.
pod_with(patch) := pod([container(patch)], {})

# A Pod with its spec patched.
pod_spec_with(spec_patch) := pod([good_container], spec_patch)

good_pod := pod([good_container], {})

# A Deployment around a pod spec.
deployment(pod_object) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "web", "namespace": "apps"},
	"spec": {
		"replicas": 2,
		"selector": {"matchLabels": {"app": "web"}},
		"template": {
			"metadata": object.union({"labels": {"app": "web"}}, object.get(pod_object, "metadata", {})),
			"spec": pod_object.spec,
		},
	},
}

# A CronJob around a pod spec.
cronjob(pod_object) := {
	"apiVersion": "batch/v1",
	"kind": "CronJob",
	"metadata": {"name": "nightly", "namespace": "apps"},
	"spec": {
		"schedule": "0 3 * * *",
		"jobTemplate": {"spec": {"template": {"spec": pod_object.spec}}},
	},
}

# A Dockerfile document as rampart's reader gives it, from (cmd, text)
# pairs of one final stage on a pinned base image.
instruction(cmd, text) := {
	"cmd": cmd, "original": concat(" ", [upper(cmd), text]), "flags": [],
	"exec": false, "value": [text], "text": text, "heredocs": [],
	"start_line": 2, "end_line": 2,
}

dockerfile(image, instructions) := {
	"directives": {"escape": "\\"},
	"args": [],
	"stages": [{
		"index": 0, "name": null, "image": image, "image_raw": image,
		"platform": null, "from": instruction("from", image),
		"instructions": instructions, "start_line": 1, "end_line": 9,
	}],
}

good_base := "alpine:3.19@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

user_instruction(spec) := object.union(instruction("user", spec), {"user": split(spec, ":")[0], "group": null})

good_dockerfile_instructions := [
	instruction("run", "apk add --no-cache ca-certificates"),
	instruction("copy", "app /usr/local/bin/app"),
	user_instruction("10001"),
	instruction("healthcheck", "CMD [\"/usr/local/bin/app\", \"health\"]"),
	object.union(instruction("entrypoint", "[\"/usr/local/bin/app\"]"), {"exec": true, "value": ["/usr/local/bin/app"]}),
]

good_dockerfile := dockerfile(good_base, good_dockerfile_instructions)

# The good Dockerfile with `extra` instructions before its USER line.
dockerfile_with(extra) := dockerfile(good_base, array.concat(extra, good_dockerfile_instructions))
