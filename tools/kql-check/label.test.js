// Checks that the committed labels made by label.js are up to date: run with `node --test tools/kql-check/`.
// Relabels a fixed sample (every STRIDE-th entry; KQL_LABELS_ALL=1 for all of them) with the installed
// @kusto/language-service-next and compares with the committed entries; the cheap checks cover every entry.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const label = require('./label.js');

// Relabelling all 889 files and 3760 seeds takes about a minute of CPU, a stride of 8 about 12 s (measured).
const STRIDE = process.env.KQL_LABELS_ALL === '1' ? 1 : 8;
const sample = (list) => list.filter((_, i) => i % STRIDE === 0);
const every = STRIDE === 1 ? 'every' : `every ${STRIDE}th`;

const corpusLabels = JSON.parse(fs.readFileSync(label.PATHS.corpusLabels, 'utf8'));
const seedLabels = label.readSeeds(label.PATHS.seedLabels);

test('kusto-functions.txt lists the installed package\'s functions', () => {
  assert.equal(fs.readFileSync(label.PATHS.functions, 'utf8'), label.functionsText());
});

test('labels.json has one entry per corpus file, in order', () => {
  assert.deepEqual(corpusLabels.map((e) => e.file), label.corpusFiles());
});

test(`labels.json: Kusto.Language says the same today (${every} file)`, () => {
  for (const entry of sample(corpusLabels)) {
    assert.deepEqual(label.labelCorpusFile(entry.file), entry, entry.file);
  }
});

test('seeded-labels.json: every seed\'s edit of today\'s corpus gives the text it was labelled on', () => {
  assert.ok(seedLabels.length > 3000, `only ${seedLabels.length} seeds`);
  for (const seed of seedLabels) {
    assert.equal(label.sha256(label.seededText(seed)), seed.sha256, seed.id);
  }
});

test(`seeded-labels.json: Kusto.Language says the same today (${every} seed)`, () => {
  for (const seed of sample(seedLabels)) {
    assert.deepEqual(label.labelSeed(seed), seed, seed.id);
  }
});

test('a seed whose edit does not give the hashed text is refused, naming the seed', () => {
  const seed = { ...seedLabels[0], insert: seedLabels[0].insert + 'x' };
  assert.throws(() => label.labelSeed(seed), new RegExp(`^Error: seed ${seedLabels[0].id.replace(/[.#]/g, '\\$&')}: the edited corpus text hashes to [0-9a-f]{64}, not ${seed.sha256} `));
});
