-- SPDX-License-Identifier: Apache-2.0
-- wrk script for the soak: rotates four bodies (a compliant Pod, a Pod
-- without runAsNonRoot, a Deployment, and a malformed body that must get
-- 400), counts what was sent and every status code per thread, and prints
-- the totals and the unexpected answers at the end.
local head = '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",' ..
  '"request":{"uid":"soak-%d","kind":{"group":"%s","version":"v1",' ..
  '"kind":"%s"},"namespace":"soak","name":"n","operation":"CREATE",' ..
  '"userInfo":{"username":"soak"},"object":%s}}'
local good_pod = '{"kind":"Pod","metadata":{"name":"n"},"spec":{"containers":' ..
  '[{"name":"c","image":"r.example.test/a:1",' ..
  '"securityContext":{"runAsNonRoot":true}}]}}'
local root_pod = '{"kind":"Pod","metadata":{"name":"n"},"spec":{"containers":' ..
  '[{"name":"c","image":"r.example.test/a:1"}]}}'
local deployment = '{"kind":"Deployment","metadata":{"name":"n"},"spec":' ..
  '{"template":{"spec":{"containers":[{"name":"c","image":"r.example.test/b:2"}]}}}}'

local bodies = {
  string.format(head, 1, "", "Pod", good_pod),
  string.format(head, 2, "", "Pod", root_pod),
  string.format(head, 3, "apps", "Deployment", deployment),
  '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":',
}
local headers = { ["Content-Type"] = "application/json" }
local requests = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  next_body = 0
  sent_malformed = 0
  answers = {}
  for i, body in ipairs(bodies) do
    requests[i] = wrk.format("POST", "/validate", headers, body)
  end
end

function request()
  next_body = next_body % #requests + 1
  if next_body == 4 then sent_malformed = sent_malformed + 1 end
  return requests[next_body]
end

function response(status, headers, body)
  answers[status] = (answers[status] or 0) + 1
end

function done(summary, latency, requests_done)
  local totals = {}
  local malformed = 0
  for _, thread in ipairs(threads) do
    malformed = malformed + thread:get("sent_malformed")
    for status, count in pairs(thread:get("answers")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  io.write(string.format("soak: requests %d, malformed sent %d\n",
                         summary.requests, malformed))
  for status, count in pairs(totals) do
    io.write(string.format("soak: status %d: %d\n", status, count))
  end
  local unexpected = 0
  for status, count in pairs(totals) do
    if status ~= 200 and status ~= 400 then unexpected = unexpected + count end
  end
  io.write(string.format("soak: socket errors connect %d read %d write %d " ..
                         "timeout %d\n", summary.errors.connect,
                         summary.errors.read, summary.errors.write,
                         summary.errors.timeout))
  io.write(string.format("soak: unexpected answers %d\n", unexpected))
end
