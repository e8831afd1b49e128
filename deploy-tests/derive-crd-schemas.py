#!/usr/bin/env python3
"""Derives the JSON Schemas of src/test/resources/schemas/crds from upstream CustomResourceDefinitions.

    python3 derive-crd-schemas.py OUT_DIR CRD.yaml...

For each served version of each CRD, writes OUT_DIR/<kind>-<group>-<version>.json: the version's
openAPIV3Schema as a JSON Schema (draft 2020-12) that the API server would accept, made strict:
- every object with `properties` gets `additionalProperties: false` unless it says otherwise or
  keeps unknown fields (x-kubernetes-preserve-unknown-fields), so that a misspelt field, which the
  API server would silently prune, fails validation;
- `nullable` becomes a "null" type, x-kubernetes-int-or-string an integer-or-string;
- apiVersion and kind are pinned; status, descriptions, defaults, formats and the other
  x-kubernetes-* keys are left out.
Needs PyYAML (Debian: python3-yaml).
"""
import json
import os
import sys

import yaml

KEPT = {"type", "enum", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties",
        "maxProperties", "required", "multipleOf"}


def convert(node):
    out = {}
    for key, value in node.items():
        if key in KEPT:
            out[key] = value
        elif key == "properties":
            out["properties"] = {name: convert(child) for name, child in value.items()}
        elif key == "items":
            out["items"] = convert(value)
        elif key == "additionalProperties":
            out["additionalProperties"] = value if isinstance(value, bool) else convert(value)
        elif key in ("anyOf", "oneOf", "allOf"):
            out[key] = [convert(child) for child in value]
        elif key == "not":
            out["not"] = convert(value)
    if node.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    open_object = node.get("x-kubernetes-preserve-unknown-fields", False)
    if "properties" in out and "additionalProperties" not in out and not open_object:
        out["additionalProperties"] = False
    return out


def main(out_dir, paths):
    for path in paths:
        with open(path) as f:
            crd = yaml.safe_load(f)
        group = crd["spec"]["group"]
        kind = crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            if not version.get("served", True):
                continue
            schema = convert(version["schema"]["openAPIV3Schema"])
            schema["properties"].pop("status", None)
            schema["properties"]["apiVersion"] = {"const": f"{group}/{version['name']}"}
            schema["properties"]["kind"] = {"const": kind}
            schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
            schema = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"https://kiln.dev/schemas/crds/{kind}-{group}-{version['name']}.json",
                "title": f"{kind} ({group}/{version['name']}), strict",
                **schema,
            }
            name = os.path.join(out_dir, f"{kind}-{group}-{version['name']}.json")
            with open(name, "w") as f:
                json.dump(schema, f, indent=1, sort_keys=True)
                f.write("\n")
            print(name)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
