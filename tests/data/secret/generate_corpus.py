#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# Generates the labelled secret corpus in tests/data/secret/corpus/ and its
# labels in tests/data/secret/labels.tsv. Every "secret" here is random data
# shaped to a documented credential format (prefix, alphabet, length,
# checksum, key structure); none is or was ever a real credential.
#
# Each rule gets a file corpus/<rule-id>.txt holding true positives (each
# labelled with its line in labels.tsv) and near-miss negatives (wrong length,
# placeholders, broken checksums, ...). corpus/negatives.txt holds near
# misses common to every rule: UUIDs, hashes, documentation keys, template
# variables. The test (tests/scan/secret/corpus_test.cc) scans the corpus and
# computes recall and precision per rule against labels.tsv.
#
# Deterministic: run `python3 tests/data/secret/generate_corpus.py` to
# rebuild the same files.
import base64
import json
import os
import random
import re
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261204)

CLASSES = {
    "d": "0123456789",
    "h": "0123456789abcdef",
    "H": "0123456789ABCDEF",
    "l": "abcdefghijklmnopqrstuvwxyz",
    "L": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "a": "abcdefghijklmnopqrstuvwxyz0123456789",
    "A": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "b62": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "b64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    "u64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
    "U32": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    "l32": "abcdefghijklmnopqrstuvwxyz234567",
    "bech": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
}
BASE62 = CLASSES["b62"]


def rand(cls, n):
    return "".join(R.choice(CLASSES[cls]) for _ in range(n))


def b64(data):
    return base64.b64encode(data).decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def checksummed(prefix):
    body = rand("b62", 30)
    crc = zlib.crc32(body.encode()) & 0xFFFFFFFF
    digits = ""
    while crc:
        digits = BASE62[crc % 62] + digits
        crc //= 62
    return prefix + body + digits.rjust(6, "0")


def der(size):
    # A DER SEQUENCE header followed by random content: enough structure
    # for the PEM validator, no usable key material.
    body = bytes(R.getrandbits(8) for _ in range(size))
    return b"\x30\x82" + size.to_bytes(2, "big") + body


def wrap64(text):
    return "\n".join(text[i:i + 64] for i in range(0, len(text), 64))


def pem(label, size=600):
    return ("-----BEGIN %s-----\n%s\n-----END %s-----"
            % (label, wrap64(b64(der(size))), label))


def openssh():
    body = b"openssh-key-v1\x00" + bytes(R.getrandbits(8) for _ in range(380))
    return ("-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n"
            "-----END OPENSSH PRIVATE KEY-----" % wrap64(b64(body)))


def crc24(data):
    crc = 0xB704CE
    for byte in data:
        crc ^= byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def pgp(good=True):
    data = b"\x95\x03\x98" + bytes(R.getrandbits(8) for _ in range(500))
    check = crc24(data) if good else crc24(data) ^ 0x5A5A5A
    return ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n%s\n=%s\n"
            "-----END PGP PRIVATE KEY BLOCK-----"
            % (wrap64(b64(data)), b64(check.to_bytes(3, "big"))))


def putty():
    lines = wrap64(b64(bytes(R.getrandbits(8) for _ in range(300))))
    public = wrap64(b64(bytes(R.getrandbits(8) for _ in range(150))))
    return ("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n"
            "Comment: deploy@build\nPublic-Lines: %d\n%s\nPrivate-Lines: %d\n"
            "@@%s\nPrivate-MAC: %s"
            % (public.count("\n") + 1, public, lines.count("\n") + 1, lines,
               rand("h", 64)))


def jwt(payload, header=None):
    header = header or {"alg": "HS256", "typ": "JWT"}
    return ".".join([b64url(json.dumps(header).encode()),
                     b64url(json.dumps(payload).encode()),
                     b64url(bytes(R.getrandbits(8) for _ in range(32)))])


def user_jwt():
    return jwt({"sub": rand("d", 8), "name": "build bot",
                "iat": 1700000000 + R.randint(0, 10**7)})


def k8s_jwt():
    return jwt({"iss": "kubernetes/serviceaccount",
                "kubernetes.io/serviceaccount/namespace": "default",
                "kubernetes.io/serviceaccount/service-account.name": "ci",
                "sub": "system:serviceaccount:default:ci"},
               {"alg": "RS256", "kid": rand("u64", 20)})


def password():
    return rand("L", 4) + rand("d", 3) + R.choice("!#%+") + rand("b62", 6)


FUNCS = {
    "ghp": lambda: checksummed("ghp_"),
    "gho": lambda: checksummed("gho_"),
    "ghu": lambda: checksummed("ghu_"),
    "ghs": lambda: checksummed("ghs_"),
    "ghr": lambda: checksummed("ghr_"),
    "npm": lambda: checksummed("npm_"),
    "rsa": lambda: pem("RSA PRIVATE KEY", 1190),
    "ec": lambda: pem("EC PRIVATE KEY", 118),
    "dsa": lambda: pem("DSA PRIVATE KEY", 440),
    "pkcs8": lambda: pem("PRIVATE KEY", 1210),
    "pkcs8enc": lambda: pem("ENCRYPTED PRIVATE KEY", 1290),
    "openssh": openssh,
    "pgp": pgp,
    "putty": putty,
    "gcpkey": lambda: pem("PRIVATE KEY", 1210).replace("\n", "\\n") + "\\n",
    "jwt": user_jwt,
    "k8sjwt": k8s_jwt,
    "azkey": lambda: b64(bytes(R.getrandbits(8) for _ in range(64))),
    "sbkey": lambda: b64(bytes(R.getrandbits(8) for _ in range(32))),
    "dockerauth": lambda: b64(("ci-bot:" + password()).encode()),
    "basic": lambda: b64(("deploy:" + password()).encode()),
    "kubekey": lambda: b64(pem("RSA PRIVATE KEY", 1190).encode()),
    "pypi": lambda: "pypi-AgEIcHlwaS5vcmc" + b64url(
        bytes(R.getrandbits(8) for _ in range(80))),
    "testpypi": lambda: "pypi-AgENdGVzdC5weXBpLm9yZw" + b64url(
        bytes(R.getrandbits(8) for _ in range(80))),
    "pw": password,
    "uuid": lambda: "%s-%s-4%s-%s%s-%s" % (
        rand("h", 8), rand("h", 4), rand("h", 3), R.choice("89ab"),
        rand("h", 3), rand("h", 12)),
    "sentrypayload": lambda: b64(json.dumps(
        {"iat": 1700000000, "url": "https://sentry.io",
         "org": "acme", "rnd": rand("b62", 20)}).encode()),
}


def expand(template):
    def one(match):
        name, count = match.group(1), match.group(2)
        if name in CLASSES:
            return rand(name, int(count))
        return FUNCS[name]()
    # "{{" and "}}" stand for literal braces.
    template = template.replace("{{", "\x01").replace("}}", "\x02")
    text = re.sub(r"\{(\w+)(?::(\d+))?\}", one, template)
    return text.replace("\x01", "{").replace("\x02", "}")


# Rules whose secret has a recognisable shape: the secret template goes into
# a few realistic contexts. (rule id, secret template, variable name).
PREFIXED = [
    ("aws-access-key-id", "AKIA{U32:16}", "AWS_ACCESS_KEY_ID"),
    ("aws-mws-auth-token", "amzn.mws.{uuid}", "MWS_AUTH_TOKEN"),
    ("aws-bedrock-api-key", "ABSK{b64:120}", "BEDROCK_KEY"),
    ("gcp-api-key", "AIza{u64:35}", "GOOGLE_MAPS_KEY"),
    ("gcp-oauth-client-secret", "GOCSPX-{u64:28}", "GOOGLE_OAUTH"),
    ("google-oauth-access-token", "ya29.{u64:120}", "GOOGLE_ACCESS"),
    ("google-oauth-refresh-token", "1//0{u64:90}", "GOOGLE_REFRESH"),
    ("firebase-cloud-messaging-key", "AAAA{u64:7}:APA91b{u64:134}", "FCM_SERVER"),
    ("azure-ad-client-secret", "{b62:3}8Q~{b62:31}", "AZURE_APP_CRED"),
    ("github-pat", "{ghp}", "GH_PAT"),
    ("github-oauth-token", "{gho}", "GH_OAUTH"),
    ("github-user-to-server-token", "{ghu}", "GH_USER_SERVER"),
    ("github-server-to-server-token", "{ghs}", "GH_INSTALLATION"),
    ("github-refresh-token", "{ghr}", "GH_REFRESH"),
    ("github-fine-grained-pat", "github_pat_{b62:22}_{b62:59}", "GH_FINE"),
    ("gitlab-pat", "glpat-{b62:20}", "GITLAB_PAT"),
    ("gitlab-deploy-token", "gldt-{b62:20}", "GITLAB_DEPLOY"),
    ("gitlab-runner-auth-token", "glrt-{b62:20}", "RUNNER_AUTH"),
    ("gitlab-runner-registration-token", "GR1348941{b62:20}", "RUNNER_REG"),
    ("gitlab-pipeline-trigger-token", "glptt-{h:40}", "TRIGGER"),
    ("gitlab-oauth-app-secret", "gloas-{h:64}", "GITLAB_APP"),
    ("gitlab-feed-token", "glft-{b62:20}", "FEED"),
    ("gitlab-incoming-mail-token", "glimt-{b62:25}", "INCOMING_MAIL"),
    ("gitlab-agent-token", "glagent-{b62:50}", "KAS_AGENT"),
    ("gitlab-scim-token", "glsoat-{b62:20}", "SCIM"),
    ("gitlab-cicd-job-token", "glcbt-{b62:3}_{b62:20}", "CI_JOB"),
    ("gitlab-feature-flag-token", "glffct-{b62:20}", "UNLEASH_INSTANCE"),
    ("slack-bot-token", "xoxb-{d:11}-{d:13}-{b62:24}", "SLACK_BOT"),
    ("slack-user-token", "xoxp-{d:11}-{d:12}-{d:13}-{h:32}", "SLACK_USER"),
    ("slack-app-token", "xapp-1-A{A:10}-{d:13}-{h:64}", "SLACK_APP"),
    ("slack-config-access-token", "xoxe.xoxp-1-{b62:164}", "SLACK_CONFIG"),
    ("slack-config-refresh-token", "xoxe-1-{b62:146}", "SLACK_REFRESH"),
    ("slack-legacy-token", "xoxs-{d:10}-{d:11}-{d:12}-{h:32}", "SLACK_LEGACY"),
    ("stripe-secret-key", "sk_live_{b62:24}", "STRIPE_LIVE"),
    ("stripe-restricted-key", "rk_live_{b62:24}", "STRIPE_RESTRICTED"),
    ("stripe-test-secret-key", "sk_test_{b62:24}", "STRIPE_TESTMODE"),
    ("stripe-webhook-secret", "whsec_{b62:32}", "STRIPE_WEBHOOK"),
    ("square-access-token", "EAAA{u64:60}", "SQUARE_PROD"),
    ("square-legacy-access-token", "sq0atp-{u64:22}", "SQUARE_ATP"),
    ("square-oauth-secret", "sq0csp-{u64:43}", "SQUARE_CSP"),
    ("shopify-access-token", "shpat_{h:32}", "SHOPIFY_ADMIN"),
    ("shopify-custom-app-token", "shpca_{h:32}", "SHOPIFY_CUSTOM"),
    ("shopify-private-app-token", "shppa_{h:32}", "SHOPIFY_PRIVATE"),
    ("shopify-shared-secret", "shpss_{h:32}", "SHOPIFY_SHARED"),
    ("paypal-braintree-access-token",
     "access_token$production${a:16}${h:32}", "BRAINTREE"),
    ("razorpay-key-id", "rzp_live_{b62:14}", "RAZORPAY_ID"),
    ("flutterwave-secret-key", "FLWSECK-{h:32}-X", "FLW"),
    ("plaid-access-token", "access-production-{uuid}", "PLAID"),
    ("duffel-api-token", "duffel_live_{u64:43}", "DUFFEL"),
    ("easypost-api-key", "EZAK{b62:54}", "EASYPOST"),
    ("shippo-api-token", "shippo_live_{h:40}", "SHIPPO"),
    ("sendgrid-api-key", "SG.{u64:22}.{u64:43}", "SENDGRID"),
    ("mailgun-api-key", "key-{h:32}", "MG"),
    ("mailchimp-api-key", "{h:32}-us{d:2}", "MC"),
    ("brevo-api-key", "xkeysib-{h:64}-{b62:16}", "BREVO"),
    ("telegram-bot-token", "{d:10}:AA{u64:33}", "TG_BOT"),
    ("npm-token", "{npm}", "NPM_PUBLISH"),
    ("pypi-token", "{pypi}", "TWINE_PASSWORD"),
    ("pypi-test-token", "{testpypi}", "TESTPYPI_UPLOAD"),
    ("rubygems-api-key", "rubygems_{h:48}", "GEM_HOST_API"),
    ("nuget-api-key", "oy2{a:43}", "NUGET"),
    ("clojars-token", "CLOJARS_{a:60}", "CLOJARS_DEPLOY"),
    ("jfrog-api-key", "AKCp{b62:69}", "ARTIFACTORY"),
    ("jfrog-identity-token", "cmVmdGtuOjAxOj{b62:60}", "JFROG_REF"),
    ("docker-hub-pat", "dckr_pat_{u64:27}", "DOCKERHUB"),
    ("docker-swarm-join-token", "SWMTKN-1-{a:50}-{a:25}", "SWARM_JOIN"),
    ("openshift-user-token", "sha256~{u64:43}", "OC_LOGIN"),
    ("rancher-api-token", "token-{a:5}:{a:54}", "RANCHER"),
    ("age-secret-key", "AGE-SECRET-KEY-1{bech:58}", "AGE_IDENTITY"),
    ("onepassword-secret-key",
     "A3-{A:6}-{A:6}-{A:5}-{A:5}-{A:5}-{A:5}", "OP_ACCOUNT"),
    ("onepassword-service-account-token", "ops_eyJ{b64:300}", "OP_SERVICE"),
    ("openai-api-key", "sk-proj-{u64:74}T3BlbkFJ{u64:74}", "OPENAI"),
    ("anthropic-api-key", "sk-ant-api03-{u64:93}AA", "ANTHROPIC"),
    ("anthropic-admin-key", "sk-ant-admin01-{u64:93}AA", "ANTHROPIC_ADMIN"),
    ("openrouter-api-key", "sk-or-v1-{h:64}", "OPENROUTER"),
    ("huggingface-token", "hf_{L:34}", "HF_HUB"),
    ("groq-api-key", "gsk_{b62:52}", "GROQ"),
    ("perplexity-api-key", "pplx-{b62:48}", "PPLX"),
    ("replicate-api-token", "r8_{b62:37}", "REPLICATE"),
    ("xai-api-key", "xai-{b62:80}", "XAI"),
    ("langsmith-api-key", "lsv2_pt_{h:32}_{h:10}", "LANGSMITH"),
    ("pinecone-api-key", "pcsk_{b62:5}_{b62:65}", "PINECONE"),
    ("vault-service-token", "hvs.{u64:100}", "VAULT_ADDR_AUTH"),
    ("vault-batch-token", "hvb.{u64:150}", "VAULT_BATCH"),
    ("terraform-cloud-token", "{b62:14}.atlasv1.{u64:67}", "TFE"),
    ("doppler-token", "dp.st.{b62:43}", "DOPPLER"),
    ("pulumi-access-token", "pul-{h:40}", "PULUMI"),
    ("infracost-api-key", "ico-{b62:32}", "INFRACOST"),
    ("heroku-api-key-v2", "HRKU-AA{u64:58}", "HRKU"),
    ("digitalocean-pat", "dop_v1_{h:64}", "DO_PAT"),
    ("digitalocean-oauth-token", "doo_v1_{h:64}", "DO_OAUTH"),
    ("digitalocean-refresh-token", "dor_v1_{h:64}", "DO_REFRESH"),
    ("fly-io-token", "fo1_{u64:43}", "FLY"),
    ("render-api-key", "rnd_{b62:32}", "RENDER"),
    ("supabase-access-token", "sbp_{h:40}", "SUPABASE_PAT"),
    ("supabase-secret-key", "sb_secret_{u64:31}", "SUPABASE_SRV"),
    ("cloudflare-origin-ca-key", "v1.0-{h:24}-{h:146}", "CF_ORIGIN_CA"),
    ("alibaba-access-key-id", "LTAI{b62:20}", "ALICLOUD_ID"),
    ("tencent-secret-id", "AKID{b62:32}", "TENCENT_ID"),
    ("yandex-api-key", "AQVN{u64:36}", "YC_KEY"),
    ("databricks-token", "dapi{h:32}", "DATABRICKS"),
    ("planetscale-token", "pscale_tkn_{u64:43}", "PSCALE"),
    ("newrelic-user-api-key", "NRAK-{A:27}", "NEW_RELIC_USER"),
    ("newrelic-license-key", "{h:36}NRAL", "NEW_RELIC_LICENSE"),
    ("newrelic-browser-key", "NRJS-{h:19}", "NEW_RELIC_BROWSER"),
    ("newrelic-insights-insert-key", "NRII-{u64:32}", "NR_INSERT"),
    ("newrelic-insights-query-key", "NRIQ-{u64:32}", "NR_QUERY"),
    ("sentry-user-token", "sntryu_{h:64}", "SENTRY_USER"),
    ("sentry-org-token", "sntrys_eyJ{b62:120}", "SENTRY_ORG"),
    ("grafana-api-key", "eyJrIjoi{b62:90}", "GRAFANA_LEGACY"),
    ("grafana-cloud-token", "glc_{b62:120}", "GRAFANA_CLOUD"),
    ("grafana-service-account-token", "glsa_{b62:32}_{h:8}", "GRAFANA_SA"),
    ("dynatrace-api-token", "dt0c01.{A:24}.{A:64}", "DT"),
    ("atlassian-api-token", "ATATT3{u64:186}", "JIRA"),
    ("bitbucket-app-password", "ATBB{b62:32}", "BITBUCKET"),
    ("linear-api-key", "lin_api_{b62:40}", "LINEAR"),
    ("notion-integration-token", "ntn_{d:11}{b62:35}", "NOTION"),
    ("postman-api-key", "PMAK-{h:24}-{h:34}", "POSTMAN"),
    ("hubspot-private-app-token", "pat-na1-{uuid}", "HUBSPOT"),
    ("sonarqube-token", "squ_{h:40}", "SONAR"),
    ("circleci-personal-token", "CCIPAT_{b62:22}_{h:40}", "CIRCLE"),
    ("buildkite-agent-token", "bkua_{h:40}", "BUILDKITE"),
    ("tailscale-key", "tskey-auth-{b62:12}-{b62:30}", "TS_AUTH"),
    ("defined-networking-api-key", "dnkey-{a:26}-{a:52}", "DN"),
    ("harness-pat", "pat.{u64:22}.{h:24}.{b62:20}", "HARNESS"),
    ("prefect-api-key", "pnu_{b62:36}", "PREFECT"),
    ("readme-api-key", "rdme_{a:70}", "README_IO"),
    ("scalingo-api-token", "tk-us-{u64:48}", "SCALINGO"),
    ("typeform-api-token", "tfp_{u64:59}", "TYPEFORM"),
    ("frameio-api-token", "fio-u-{u64:64}", "FRAMEIO"),
    ("adobe-client-secret", "p8e-{b62:32}", "ADOBE_IO"),
    ("mapbox-secret-token", "sk.eyJ{u64:80}.{u64:22}", "MAPBOX"),
    ("dropbox-access-token", "sl.{u64:138}", "DROPBOX"),
    ("facebook-access-token", "EAACEdEose0cBA{b62:120}", "FB_USER"),
    ("contentful-token", "CFPAT-{u64:43}", "CONTENTFUL"),
    ("jwt", "{jwt}", "SESSION_COOKIE"),
    ("kubernetes-service-account-token", "{k8sjwt}", "KUBE_SA"),
]

# Contexts for PREFIXED secrets; {V} is the variable, {S} the secret.
CONTEXTS = [
    '{V}="{S}"',
    "export {V}={S}",
    "    {v}: {S}",
    'config.set("{v}", "{S}");',
]

# Rules matched by their surroundings: full line templates.
LINES = {
    "aws-secret-access-key": [
        "aws_secret_access_key = {b64:40}",
        'AWS_SECRET_ACCESS_KEY="{b64:40}"',
        "  secretAccessKey: {b64:40}",
    ],
    "aws-session-token": [
        "aws_session_token = {b64:300}",
        'AWS_SESSION_TOKEN="{b64:400}"',
    ],
    "gcp-service-account-key": [
        '  "private_key": "{gcpkey}",',
        '{{"type": "service_account", "private_key": "{gcpkey}"}}',
    ],
    "azure-storage-connection-string": [
        "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;"
        "AccountName=acme{a:6};AccountKey={azkey};"
        "EndpointSuffix=core.windows.net",
        '"DefaultEndpointsProtocol=http;AccountName=logs{a:4};'
        'AccountKey={azkey}"',
    ],
    "azure-storage-account-key": [
        "storage_account_key = {azkey}",
        'AZURE_STORAGE_KEY: "{azkey}"',
    ],
    "azure-cosmosdb-connection-string": [
        "COSMOS=AccountEndpoint=https://acme{a:5}.documents.azure.com:443/;"
        "AccountKey={azkey};",
    ],
    "azure-service-bus-connection-string": [
        "SB=Endpoint=sb://acme{a:4}.servicebus.windows.net/;"
        "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={sbkey}",
    ],
    "azure-sas-token": [
        "url = https://acme.blob.core.windows.net/backups?sv=2022-11-02&ss=b"
        "&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig={b62:30}%2B"
        "{b62:10}%3D",
    ],
    "azure-devops-pat": [
        "AZURE_DEVOPS_PAT={l32:52}",
        "azure_devops_token: {l32:52}",
    ],
    "github-oauth-client-secret": [
        "GITHUB_CLIENT_SECRET={h:40}",
        "github.client_secret = '{h:40}'",
    ],
    "slack-webhook-url": [
        "SLACK_WEBHOOK=https://hooks.slack.com/services/T{A:8}/B{A:10}/{b62:24}",
        'webhook: "https://hooks.slack.com/services/T{A:10}/B{A:8}/{b62:24}"',
    ],
    "twilio-api-key": [
        "TWILIO_API_KEY=SK{h:32}",
        'twilio_key: "SK{h:32}"',
    ],
    "twilio-auth-token": [
        "TWILIO_AUTH_TOKEN={h:32}",
        "twilio.auth_token = '{h:32}'",
    ],
    "mailgun-private-key": [
        "MAILGUN_API_KEY={h:32}-{h:8}-{h:8}",
    ],
    "postmark-server-token": [
        "POSTMARK_SERVER_TOKEN={uuid}",
        "postmark_api_key: '{uuid}'",
    ],
    "discord-bot-token": [
        "DISCORD_BOT_TOKEN=MT{u64:24}.{u64:6}.{u64:38}",
        "discord_token: 'OT{u64:22}.{u64:6}.{u64:27}'",
    ],
    "discord-webhook-url": [
        "url: https://discord.com/api/webhooks/{d:18}/{u64:68}",
        'HOOK="https://discordapp.com/api/webhooks/{d:19}/{u64:68}"',
    ],
    "microsoft-teams-webhook": [
        "TEAMS=https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/"
        "IncomingWebhook/{h:32}/{uuid}",
    ],
    "zapier-webhook-url": [
        "ZAP=https://hooks.zapier.com/hooks/catch/{d:7}/{a:7}/",
    ],
    "mattermost-webhook-url": [
        "notify: https://mattermost.acme.io/hooks/{a:26}",
    ],
    "npmrc-auth-token": [
        "//registry.npmjs.org/:_authToken={uuid}",
        "//npm.pkg.github.com/:_authToken={b62:40}",
    ],
    "npmrc-basic-auth": [
        "_auth = {dockerauth}",
        "//nexus.acme.io/repository/npm/:_auth={basic}",
    ],
    "docker-config-auth": [
        '      "auth": "{dockerauth}"',
        '{{"auths": {{"registry.acme.io": {{"auth": "{dockerauth}"}}}}}}',
    ],
    "kubeconfig-client-key": [
        "    client-key-data: {kubekey}",
    ],
    "authorization-bearer": [
        'curl -H "Authorization: Bearer {u64:40}" https://api.acme.io',
        "Authorization: Bearer {b62:48}",
    ],
    "authorization-basic": [
        'curl -H "Authorization: Basic {basic}" https://ci.acme.io',
        "headers = {{'Authorization': 'Basic {basic}'}}",
    ],
    "private-key-rsa": ["{rsa}"],
    "private-key-ec": ["{ec}"],
    "private-key-dsa": ["{dsa}"],
    "private-key-openssh": ["{openssh}"],
    "private-key-pkcs8": ["{pkcs8}"],
    "private-key-pkcs8-encrypted": ["{pkcs8enc}"],
    "private-key-pgp": ["{pgp}"],
    "private-key-putty": ["{putty}"],
    "postgres-url-password": [
        "DATABASE_URL=postgres://app:{pw}@db.acme.internal:5432/app",
        "url = 'postgresql+psycopg2://report:{pw}@10.0.0.5/reports'",
    ],
    "mysql-url-password": [
        "DB=mysql://root:{pw}@mysql.acme.internal:3306/shop",
        'dsn: "mariadb://svc:{pw}@maria:3306/db"',
    ],
    "mongodb-url-password": [
        "MONGO_URI=mongodb+srv://admin:{pw}@cluster0.ab1cd.mongodb.net/app",
        "mongodb://api:{pw}@mongo-0.mongo:27017/api?replicaSet=rs0",
    ],
    "redis-url-password": [
        "REDIS_URL=redis://:{pw}@redis.acme.internal:6379/0",
        "cache: rediss://default:{pw}@cache.acme.io:6380",
    ],
    "amqp-url-password": [
        "BROKER=amqp://worker:{pw}@rabbit.acme.internal:5672/",
    ],
    "jdbc-sqlserver-password": [
        "url=jdbc:sqlserver://sql.acme.internal:1433;databaseName=erp;"
        "user=erp;password={pw};",
    ],
    "jdbc-url-password": [
        "spring.datasource.url=jdbc:mysql://db:3306/shop?user=shop"
        "&password={pw}&useSSL=true",
    ],
    "ftp-url-password": [
        "mirror: ftp://upload:{pw}@ftp.acme.io/incoming",
        "SMTP_URL=smtps://mailer:{pw}@smtp.acme.io:465",
    ],
    "http-url-password": [
        "git clone https://deploy:{pw}@git.acme.io/infra/tools.git",
        "proxy = http://squid:{pw}@proxy.acme.internal:3128",
    ],
    "odbc-connection-string-password": [
        '"Server=tcp:sql.acme.io,1433;Database=erp;User Id=erp;'
        'Password={pw};Encrypt=true"',
    ],
    "netrc-password": [
        "machine api.acme.io login deploy password {pw}",
    ],
    "htpasswd-apr1-hash": [
        "admin:$apr1${b62:8}${b62:22}",
    ],
    "cohere-api-key": ["COHERE_API_KEY={b62:40}"],
    "mistral-api-key": ["MISTRAL_API_KEY={b62:32}"],
    "vault-legacy-token": ["VAULT_TOKEN=s.{b62:24}"],
    "heroku-api-key": [
        "HEROKU_API_KEY={uuid}",
        "heroku_token: '{uuid}'",
    ],
    "netlify-access-token": ["NETLIFY_AUTH_TOKEN={u64:43}"],
    "vercel-token": ["VERCEL_TOKEN={b62:24}"],
    "cloudflare-api-token": [
        "CLOUDFLARE_API_TOKEN={u64:40}",
        "cf_api_key = '{u64:40}'",
    ],
    "fastly-api-token": ["FASTLY_API_TOKEN={u64:32}"],
    "alibaba-access-key-secret": [
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET={b62:30}",
        "aliyun_secret: {b62:30}",
    ],
    "ibm-cloud-api-key": ["IBM_CLOUD_API_KEY={u64:44}"],
    "snowflake-url-password": [
        "snowflake://etl:{pw}@acme-xy12345/analytics",
    ],
    "datadog-api-key": [
        "DD_API_KEY={h:32}",
        "datadog_api_key: '{h:32}'",
    ],
    "datadog-app-key": [
        "DD_APP_KEY={h:40}",
        "datadog.application_key = \"{h:40}\"",
    ],
    "sentry-dsn": [
        "SENTRY_DSN=https://{h:32}@o{d:6}.ingest.sentry.io/{d:7}",
        "dsn: 'https://{h:32}@sentry.acme.io/12'",
    ],
    "honeycomb-api-key": ["HONEYCOMB_API_KEY={b62:22}"],
    "snyk-api-token": ["SNYK_TOKEN={uuid}"],
    "codecov-token": ["CODECOV_TOKEN={uuid}"],
    "travis-ci-token": ["TRAVIS_API_TOKEN={u64:22}"],
    "okta-api-token": ["OKTA_API_TOKEN=00{u64:40}"],
    "auth0-client-secret": ["AUTH0_CLIENT_SECRET={u64:64}"],
    "ngrok-auth-token": ["NGROK_AUTHTOKEN=2{b62:26}_{b62:21}"],
    "facebook-app-secret": ["FACEBOOK_APP_SECRET={h:32}"],
    "twitter-api-secret": ["TWITTER_API_SECRET={b62:50}"],
    "linkedin-client-secret": ["LINKEDIN_CLIENT_SECRET={b62:16}"],
    "algolia-admin-key": ["ALGOLIA_ADMIN_API_KEY={h:32}"],
    "launchdarkly-api-key": ["LAUNCHDARKLY_SDK_KEY=sdk-{uuid}"],
    "asana-pat": ["ASANA_PAT=1/{d:16}:{h:32}"],
    "zendesk-api-token": ["ZENDESK_API_TOKEN={b62:40}"],
    "intercom-access-token": ["INTERCOM_ACCESS_TOKEN=dG9rOj{b62:54}="],
    "mailjet-api-secret": ["MAILJET_API_SECRET={h:32}"],
    "pagerduty-api-key": ["PAGERDUTY_TOKEN=u+{u64:18}"],
    "confluent-api-secret": ["CONFLUENT_CLOUD_API_SECRET={b64:64}"],
    "github-actions-secret-in-url": [
        "git remote add origin https://x-access-token:ghs_{b62:36}@github.com/acme/app",
    ],
    "generic-password": [
        'DB_PASSWORD = "{pw}"',
        "    password: '{pw}'",
        '  "smtp_password": "{pw}",',
    ],
    "generic-secret": [
        "JWT_SECRET={b62:32}",
        "session_secret: {b62:40}",
    ],
    "generic-token": [
        "API_TOKEN={b62:40}",
        "  refresh_token: '{u64:48}'",
    ],
    "generic-api-key": [
        "WEATHER_API_KEY={b62:32}",
        'apiKey: "{b62:24}"',
    ],
    "generic-client-secret": [
        "oauth.client-secret={u64:40}",
    ],
    "generic-private-key-passphrase": [
        'SIGNING_KEY_PASSPHRASE = "{pw}"',
    ],
    "generic-access-key": [
        "MINIO_ACCESS_KEY={b62:20}",
    ],
}

# Near misses per rule: shapes close to the rule that must not fire.
NEAR_MISSES = {
    "aws-access-key-id": [
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "id = AKIA{U32:15}",
        "id = AKIA0189{U32:12}",
        "AKIA{U32:16}{U32:4}",
    ],
    "aws-secret-access-key": [
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "aws_secret_access_key = ${{AWS_SECRET_ACCESS_KEY}}",
    ],
    "github-pat": [
        "token = {ghp}".replace("{ghp}", "ghp_" + "x" * 36),
        "GH_PAT=ghp_{b62:36}",
    ],
    "npm-token": ["NPM_PUBLISH=npm_{b62:36}"],
    "private-key-rsa": [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE...your key here...\n"
        "-----END RSA PRIVATE KEY-----",
        "-----BEGIN PUBLIC KEY-----\n{b64:64}\n{b64:64}\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\n{b64:64}\n{b64:64}\n-----END CERTIFICATE-----",
    ],
    "private-key-pgp": ["{badpgp}"],
    "private-key-openssh": [
        "-----BEGIN OPENSSH PRIVATE KEY-----\n{b64:64}\n{b64:64}\n"
        "-----END OPENSSH PRIVATE KEY-----",
    ],
    "jwt": [
        "eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.{u64:43}",
        "value = eyJ{u64:30}.eyJ{u64:30}.{u64:43}",
    ],
    "kubernetes-service-account-token": [],
    "docker-config-auth": ['      "auth": "{b64:24}"', '  "auth": "dXNlcm5hbWU="'],
    "postgres-url-password": [
        "DATABASE_URL=postgres://user:password@localhost:5432/app",
        "DATABASE_URL=postgres://app:${{PGPASSWORD}}@db:5432/app",
        "postgres://localhost/app",
    ],
    "http-url-password": [
        "https://user:pass@example.com/",
        "see https://docs.acme.io/guide#setup and http://localhost:8080/",
    ],
    "generic-password": [
        'password = "changeme"',
        "password = get_password()",
        'password: "${{DB_PASSWORD}}"',
        "    password: {{{{ .Values.db.password }}}}",
        'password_field = "password_confirmation"',
        'DB_PASSWORD = "<your-password>"',
    ],
    "generic-secret": [
        "secret = os.environ['SECRET']",
        "secret_key_base = Rails.application.credentials.secret_key_base",
        "secret_name: {uuid}",
    ],
    "generic-token": [
        "token = request.headers.get('X-Token')",
        "token_id: {uuid}",
        "next_token = response.nextToken",
    ],
    "generic-api-key": [
        "api_key = settings.API_KEY",
        "api_key: xxxxxxxxxxxxxxxxxxxxxxxx",
    ],
    "slack-webhook-url": [
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    ],
    "stripe-secret-key": ["sk_live_{b62:10}", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"],
    "azure-storage-account-key": ["account_key = {b64:40}=="],
    "kubeconfig-client-key": ["    client-key-data: {b64:120}"],
    "heroku-api-key": ["app_id: {uuid}"],
    "datadog-api-key": ["checksum: {h:32}"],
    "sentry-dsn": ["https://{h:32}@example.com/1"],
}

# Near misses common to every rule.
GLOBAL_NEGATIVES = [
    "request_id = {uuid}",
    "commit {h:40}",
    "sha256: {h:64}",
    "md5sum {h:32}  build.tar",
    "integrity sha512-{b64:86}==",
    "etag: W/\"{h:32}\"",
    "image: registry.acme.io/app@sha256:{h:64}",
    "// AKIAIOSFODNN7EXAMPLE is the documented example key id",
    "key = AKIAXXXXXXXXXXXXXXXX",
    "password = os.getenv(\"DB_PASSWORD\")",
    "token := os.Getenv(\"GITHUB_TOKEN\")",
    "api_key = None",
    "secret: {{{{ secrets.DEPLOY_KEY }}}}",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "def tokenize(text): return text.split()",
    "if (password.length < 8) throw new Error('too short');",
    "const secretLength = 32;",
    "ssh-rsa {b64:200} user@host",
    "-----BEGIN CERTIFICATE-----",
    "eyJhbGciOiJIUzI1NiJ9",
    "url: https://github.com/acme/app/blob/{h:40}/README.md",
    "uuid_list = ['{uuid}', '{uuid}']",
    "checksum = \"{H:64}\"",
    "data:image/png;base64,{b64:120}",
    "accountKey: process.env.AZURE_KEY",
    "xoxb-your-token-here",
    "ghp_************************************",
    "sk_live_...",
    "postgres://postgres:postgres@localhost/test",
    "mongodb://localhost:27017",
]


def badpgp():
    return pgp(good=False)


FUNCS["badpgp"] = badpgp


def render(template):
    """Expands a template; returns (lines, label offset)."""
    text = expand(template)
    lines = text.split("\n")
    offset = 0
    for i, line in enumerate(lines):
        if line.startswith("@@"):
            lines[i] = line[2:]
            offset = i
    return lines, offset


def write_rule_file(rule, positives, negatives, labels):
    path = os.path.join("corpus", rule + ".txt")
    out = ["# corpus for %s: generated, not real credentials" % rule]
    for template in positives:
        lines, offset = render(template)
        out.append("")
        labels.append((path, len(out) + 1 + offset, rule))
        out.extend(lines)
    for template in negatives:
        lines, _ = render(template)
        out.append("")
        out.extend(lines)
    with open(os.path.join(HERE, path), "w") as handle:
        handle.write("\n".join(out) + "\n")


def main():
    os.makedirs(os.path.join(HERE, "corpus"), exist_ok=True)
    labels = []
    for rule, secret, var in PREFIXED:
        positives = []
        for context in CONTEXTS:
            positives.append(context.replace("{V}", var)
                             .replace("{v}", var.lower())
                             .replace("{S}", secret))
        negatives = list(NEAR_MISSES.get(rule, []))
        # The same shape with its random part blanked out, and cut short.
        blank = re.sub(r"\{(\w+)(?::(\d+))?\}",
                       lambda m: "x" * int(m.group(2) or 12), secret)
        negatives.append("ref: " + blank)
        if not re.search(r"\{\w+\}", secret):
            negatives.append("ref: " + re.sub(
                r"\{(\w+):(\d+)\}",
                lambda m: "{%s:%d}" % (m.group(1), max(1, int(m.group(2)) // 5)),
                secret))
        write_rule_file(rule, positives, negatives, labels)
    for rule, templates in LINES.items():
        positives = [templates[i % len(templates)] for i in range(3)]
        write_rule_file(rule, positives, NEAR_MISSES.get(rule, []), labels)
    write_rule_file("negatives", [], GLOBAL_NEGATIVES * 3, labels)
    with open(os.path.join(HERE, "labels.tsv"), "w") as handle:
        handle.write("# file\tline\trule: every expected finding\n")
        for path, line, rule in labels:
            handle.write("%s\t%d\t%s\n" % (path, line, rule))


if __name__ == "__main__":
    main()
