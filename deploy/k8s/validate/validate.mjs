// Offline schema check of rendered Kubernetes manifests (no cluster needed):
//   node validate.mjs rendered.yaml [more.yaml …]
// Built-in kinds: types, formats and required fields by kubernetes-models' compiled OpenAPI
// schemas, plus a strict walk over @kubernetes/client-node's model attribute maps so that any
// unknown (misspelt, misplaced) field is an error. Operator CRDs: strict JSON schemas in crd-schemas/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv from 'ajv';

const here = path.dirname(fileURLToPath(import.meta.url));
const ajv = new Ajv({ allErrors: true, strict: false });
const crdValidators = Object.fromEntries(fs.readdirSync(path.join(here, 'crd-schemas')).map(f => {
  const [group, version, kind] = path.basename(f, '.json').split('_');
  return [`${group}/${version}/${kind}`, ajv.compile(JSON.parse(fs.readFileSync(path.join(here, 'crd-schemas', f), 'utf8')))];
}));

const scalar = new Set(['string', 'number', 'boolean', 'Date', 'any', 'object', 'IntOrString', 'V1MicroTime', 'RawExtension']);

// The generated model classes, loaded one by one (the package's entry point needs a newer Node).
const models = new Map();
async function model(type) {
  if (!models.has(type)) {
    try {
      const module = await import(`@kubernetes/client-node/dist/gen/models/${type}.js`);
      models.set(type, module[type]);
    } catch { models.set(type, undefined); }
  }
  return models.get(type);
}

async function strictWalk(value, type, where, errors) {
  if (value === null || value === undefined) return;
  if (type.startsWith('Array<')) {
    if (!Array.isArray(value)) { errors.push(`${where}: expected a list`); return; }
    for (const [i, item] of value.entries()) await strictWalk(item, type.slice(6, -1), `${where}[${i}]`, errors);
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [k, v] of Object.entries(value)) await strictWalk(v, map[1], `${where}.${k}`, errors);
    return;
  }
  if (scalar.has(type)) return;
  const cls = await model(type);
  if (!cls || !cls.attributeTypeMap) return;
  if (typeof value !== 'object' || Array.isArray(value)) { errors.push(`${where}: expected an object (${type})`); return; }
  const fields = new Map(cls.attributeTypeMap.map(a => [a.baseName, a.type]));
  for (const [key, v] of Object.entries(value)) {
    if (!fields.has(key)) errors.push(`${where}.${key}: unknown field (not in ${type})`);
    else await strictWalk(v, fields.get(key), `${where}.${key}`, errors);
  }
}

async function validate(doc, label) {
  const errors = [];
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  const crd = crdValidators[`${group}/${version}/${doc.kind}`];
  if (crd) {
    if (!crd(doc)) for (const e of crd.errors) errors.push(`${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`);
    return errors;
  }
  let Model;
  try {
    ({ [doc.kind]: Model } = await import(`kubernetes-models/${group ? `${group}/` : ''}${version}/${doc.kind}`));
  } catch {
    return [`no schema known for ${doc.apiVersion} ${doc.kind}`];
  }
  try { new Model(doc).validate(); } catch (e) { errors.push(String(e.message ?? e)); }
  const modelName = `${version.charAt(0).toUpperCase()}${version.slice(1)}${doc.kind}`;
  if (!(await model(modelName))) return [...errors, `no strict model ${modelName} for ${label}`];
  await strictWalk(doc, modelName, label, errors);
  return errors;
}

let failures = 0, count = 0;
for (const file of process.argv.slice(2)) {
  for (const d of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (d.errors.length) { console.error(`${file}: YAML error ${d.errors[0].message}`); failures++; continue; }
    const doc = d.toJS();
    if (!doc) continue;
    count++;
    const label = `${doc.kind}/${doc.metadata?.name}`;
    const errors = await validate(doc, label);
    if (errors.length) { failures++; console.error(`${file}: ${label}:\n  ${errors.join('\n  ')}`); }
  }
}
console.log(`${count} objects checked, ${failures} invalid`);
process.exit(failures === 0 && count > 0 ? 0 : 1);
