// Validates Kubernetes objects against the API schemas of kubernetes-models (Kubernetes 1.34 OpenAPI; every kind the kit
// writes is stable since 1.2x). Reads the multi-document YAML file named by the first argument (`kubectl kustomize` output); writes JSON on stdout:
// { "documents": [ { "object": {...}, "errors": [...] } ] }. Exit code 1 when any document is invalid.
import { parseAllDocuments } from "yaml";
import { readFileSync } from "node:fs";

const documents = [];
for (const doc of parseAllDocuments(readFileSync(process.argv[2], "utf8"), { uniqueKeys: true })) {
  if (doc.errors.length > 0) {
    documents.push({ object: null, errors: doc.errors.map((e) => e.message) });
    continue;
  }
  const object = doc.toJS();
  if (object === null || object === undefined) continue;
  const errors = [];
  const apiVersion = String(object.apiVersion ?? "");
  const module = "kubernetes-models/" + (apiVersion.includes("/") ? apiVersion : apiVersion);
  try {
    const models = await import(module);
    const Model = models[object.kind];
    if (Model === undefined) {
      errors.push(`kind ${object.kind} is not in ${apiVersion}`);
    } else {
      new Model(object).validate();
    }
  } catch (e) {
    errors.push(`${object.kind}/${object.metadata?.name}: ${e.message ?? e}`);
  }
  documents.push({ object, errors });
}
process.stdout.write(JSON.stringify({ documents }));
process.exit(documents.some((d) => d.errors.length > 0) ? 1 : 0);
