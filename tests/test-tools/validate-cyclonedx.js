// Validates a CycloneDX JSON document against the official schema of its specVersion, with the schemas and the
// validator that @cyclonedx/cyclonedx-library ships. Usage: node validate-cyclonedx.js <bom.json>
// Prints "valid <specVersion>" and exits 0, or prints the schema errors and exits 1.
const fs = require('fs');
const { Validation, Spec } = require('@cyclonedx/cyclonedx-library');

(async () => {
  const text = fs.readFileSync(process.argv[2], 'utf8');
  const version = JSON.parse(text).specVersion;
  if (!Object.values(Spec.Version).includes(version)) {
    console.log(`unknown specVersion ${version}`);
    process.exit(1);
  }
  const errors = await new Validation.JsonStrictValidator(version).validate(text);
  if (errors === null) {
    console.log(`valid ${version}`);
    process.exit(0);
  }
  console.log(JSON.stringify(errors, null, 2));
  process.exit(1);
})().catch(e => { console.log(String(e && e.stack || e)); process.exit(2); });
