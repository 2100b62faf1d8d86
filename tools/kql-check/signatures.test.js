// Checks that the front end's function and operator table is what the installed Kusto.Language says:
// run with `node --test tools/kql-check/`. Regenerate with `node tools/kql-check/signatures.js`.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const signatures = require('./signatures.js');

test('FunctionCatalog.Signatures.cs is what the installed Kusto.Language declares', () => {
  const text = signatures.signaturesText();
  assert.equal(fs.readFileSync(signatures.OUTPUT, 'utf8'), text, 'stale: run node tools/kql-check/signatures.js');
  // spot checks of the format the C# reader expects
  assert.match(text, /"avg\\t=real\(Integer\)\\t=real\(real\)\\t=decimal\(decimal\)\\t=timespan\(timespan\)\\t=datetime\(datetime\)"/);
  assert.match(text, /"pack\\t=dynamic\(string\{1\.\.32767\},Scalar\{1\.\.32767\}\)"/);
  assert.match(text, /"contains\\tlong\\tstring\\terror"/);
  assert.match(text, /"\+\\tdatetime\\ttimespan\\tdatetime"/);
});
