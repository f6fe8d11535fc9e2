// Validates every object in the given manifest files against current Kubernetes API schemas: those compiled into the
// npm package kubernetes-models (4.5.x: Kubernetes 1.31 types), types, enums, formats and required fields. Catches
// what a 1.20 API server cannot know (policy/v1 PodDisruptionBudget); it does not catch unknown fields, which the API
// server's strict validation does (deploy/kubernetes/check.sh). Prints one line per object; exits 1 on any failure.
//
//   node deploy/kubernetes/validate-schemas.mjs deploy/kubernetes/kubernetes.yml   (with kubernetes-models and yaml
//   on NODE_PATH or installed beside it; check.sh installs them into target/kube/schema)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.SCHEMA_MODULES ? process.env.SCHEMA_MODULES + "/" : import.meta.url);
const { parseAllDocuments } = require("yaml");

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    const object = document.toJS();
    if (!object) continue;
    const name = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
    let model;
    try {
      // kubernetes-models/<group>/<version> (core: kubernetes-models/v1) exports one class per kind.
      model = require(`kubernetes-models/${object.apiVersion}`)[object.kind];
    } catch (e) {
      model = undefined;
    }
    if (!model) {
      console.log(`FAIL ${file}: ${name}: no schema for this apiVersion and kind`);
      failures++;
      continue;
    }
    try {
      new model(object).validate();
      console.log(`ok   ${file}: ${name}`);
      checked++;
    } catch (e) {
      console.log(`FAIL ${file}: ${name}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`${checked} objects valid, ${failures} failed`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
