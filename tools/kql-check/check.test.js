// Self-test for check.js: run with `node --test tools/kql-check/`
// (or `node tools/kql-check/check.test.js`, or `node tools/kql-check/selftest.js`).
// Spawns check.js as a child process on small temp .kql files.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHECK = path.join(__dirname, 'check.js');
const SCHEMA = path.join(__dirname, '..', '..', 'src', 'Defender365Typed', 'Schema', 'hunting-schema.json');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-check-test-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel, text) {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

function check(...args) {
  const r = spawnSync(process.execPath, [CHECK, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const validFile = write('queries/valid.kql',
  '// a valid query\nDeviceProcessEvents | where Timestamp > ago(1d) | project DeviceName\n');
const misspeltFile = write('queries/nested/misspelt.kql',
  'DeviceProcessEvents\n| where Timestamp > ago(1d)\n| project DeviceName, FileNam\n');

test('valid query: exit 0', () => {
  const r = check('--schema', SCHEMA, validFile);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout.trim(), 'kql-check: 1 files, 0 with errors, 0 errors');
});

test('misspelt column FileNam: exit 1 with KS142 at line 3, column 23', () => {
  const r = check('--schema', SCHEMA, misspeltFile);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  assert.equal(lines[0],
    `${misspeltFile}:3:23: error KS142: The name 'FileNam' does not refer to any known column, table, variable or function.`);
  assert.equal(lines[1], 'kql-check: 1 files, 1 with errors, 1 errors');
});

test('folder is searched recursively; --json output, summary on stderr', () => {
  const r = check('--schema', SCHEMA, '--json', path.join(dir, 'queries'));
  assert.equal(r.code, 1, r.stderr);
  const results = JSON.parse(r.stdout);
  assert.equal(results.length, 2);
  const byName = Object.fromEntries(results.map((x) => [path.basename(x.file), x]));
  assert.deepEqual(byName['valid.kql'].errors, []);
  const [e] = byName['misspelt.kql'].errors;
  assert.equal(byName['misspelt.kql'].errors.length, 1);
  assert.equal(e.code, 'KS142');
  assert.equal(e.start, 70); // 20 + 28 + 22 UTF-16 code units
  assert.equal(e.length, 7);
  assert.equal(e.line, 3);
  assert.equal(e.column, 23);
  assert.ok(Array.isArray(byName['valid.kql'].warnings));
  assert.equal(r.stderr.trim(), 'kql-check: 2 files, 1 with errors, 1 errors');
});

test('--warnings prints suggestions without failing', () => {
  const f = write('warn/contains.kql', 'DeviceProcessEvents | where FileName contains "cmd"\n');
  const r = check('--schema', SCHEMA, '--warnings', f);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /contains\.kql:1:38: suggestion KS500: /);
  assert.match(r.stdout, /kql-check: 1 files, 0 with errors, 0 errors\n$/);
});

test('extra --schema adds tables; documented type spellings are mapped', () => {
  const extra = write('schemas/extra.json', JSON.stringify({
    tables: [{
      name: 'MyTable',
      columns: [
        { name: 'Flag', type: 'boolean' },
        { name: 'Count', type: 'integer' },
        { name: 'Bag', type: 'object' },
        { name: 'Kind', type: 'enum' },
      ],
    }],
  }));
  const f = write('extra/mytable.kql',
    'MyTable | where Flag and Kind == "x" | extend n = Count + 1, k = tostring(Bag.key) | join kind=inner (DeviceInfo) on $left.Kind == $right.DeviceId\n');
  assert.equal(check('--schema', SCHEMA, f).code, 1, 'MyTable must be unknown without the extra schema');
  const r = check('--schema', SCHEMA, '--schema', extra, f);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('unknown column type in a schema: exit 2 naming table, column and type', () => {
  const bad = write('schemas/bad.json', JSON.stringify({
    tables: [{ name: 'BadTable', columns: [{ name: 'Weird', type: 'float128' }] }],
  }));
  const r = check('--schema', SCHEMA, '--schema', bad, validFile);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /table BadTable, column Weird: unknown type "float128"/);
});

test('bad usage: exit 2 with a message naming the problem', () => {
  let r = check('--schema', SCHEMA, '--frobnicate', validFile);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option: --frobnicate/);

  r = check(validFile);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /missing --schema/);

  const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
  r = check('--schema', SCHEMA, empty);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no \.kql files found in: /);

  r = check('--schema', SCHEMA, path.join(dir, 'does-not-exist.kql'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no such file or folder: .*does-not-exist\.kql/);
});
