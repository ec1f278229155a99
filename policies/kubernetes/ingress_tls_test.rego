package rampart.k8s.ingress_tls_test

import rego.v1

import data.rampart.k8s.ingress_tls as check
import data.rampart.lib.fixtures as fx

ingress(spec) := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web", "namespace": "apps"}, "spec": spec}

rules := [{"host": "shop.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]

test_plain_http_denied if {
	count(check.deny) == 1 with input as ingress({"rules": rules})
}

test_tls_allowed if {
	count(check.deny) == 0 with input as ingress({"rules": rules, "tls": [{"hosts": ["shop.example.com"], "secretName": "shop-tls"}]})
}
