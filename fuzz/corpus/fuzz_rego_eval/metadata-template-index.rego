package fuzz

# METADATA
# authors:
# - Jane Doe <jane@example.com>
# - name: Object
# related_resources:
# - https://example.com
# - ref: https://example.com/x
#   description: d
rule := rego.metadata.rule()

msg := $"{input.n with input as {"n": 1}} {input.n}"

ports contains "a" if input.p == 1
ports contains "b" if input.p == 2
ports contains "c" if input.p == 3
ports contains "d" if input.p == 4
