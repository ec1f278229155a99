-- SPDX-License-Identifier: Apache-2.0
-- wrk script: POST one AdmissionReview (a Pod without runAsNonRoot, so the
-- seed rule denies it) on every request. With RATE_PER_CONNECTION set, each
-- connection waits between requests so that the whole run offers about
-- connections * RATE_PER_CONNECTION requests per second.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"7c2f0b1e-4d5a-4b8e-9a61-0c3d2e1f4a5b","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"namespace":"shop","name":"cart","operation":"CREATE","userInfo":{"username":"alice@example.test","groups":["system:authenticated"]},"object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"cart","namespace":"shop","labels":{"app":"cart","tier":"backend"}},"spec":{"containers":[{"name":"app","image":"registry.example.test/cart:1.4.2","ports":[{"containerPort":8080}],"resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"500m","memory":"256Mi"}}},{"name":"sidecar","image":"registry.example.test/proxy:2.1.0","securityContext":{"runAsNonRoot":true}}]}}}}]]

local rate = tonumber(os.getenv("RATE_PER_CONNECTION") or "")
if rate and rate > 0 then
  local pause_ms = 1000 / rate
  function delay()
    return pause_ms
  end
end
