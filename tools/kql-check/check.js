#!/usr/bin/env node
// kql-check: validates .kql files with Microsoft's Kusto.Language parser and
// semantic analyzer (npm @kusto/language-service-next, Bridge.NET build)
// against the documented Defender XDR advanced-hunting schema.
//
// usage: node tools/kql-check/check.js --schema <hunting-schema.json>
//          [--schema <more.json> ...] [--json] [--warnings] <file-or-folder>...
//
// Exit codes: 0 no Error diagnostic, 1 at least one Error diagnostic,
// 2 could not check (bad usage, bad schema, no files found).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const USAGE =
  'usage: node tools/kql-check/check.js --schema <hunting-schema.json> [--schema <more.json> ...] ' +
  '[--json] [--warnings] <file-or-folder>...';

class UsageError extends Error {}
// A problem with the inputs (schema, files) rather than the command line: no usage text.
class InputError extends UsageError {}

// Canonical KQL scalar types, plus the documented non-canonical spellings that
// the Defender docs use (mapped the same way as the corpus labeler did).
const TYPE_MAP = {
  string: 'string',
  datetime: 'datetime',
  long: 'long',
  int: 'int',
  bool: 'bool',
  real: 'real',
  guid: 'guid',
  dynamic: 'dynamic',
  timespan: 'timespan',
  decimal: 'decimal',
  boolean: 'bool',
  'nullable bool': 'bool',
  integer: 'int',
  object: 'dynamic',
  array: 'dynamic',
  enum: 'string',
};

// ---------------------------------------------------------------- Kusto.Language

let kusto = null;

/** Loads Kusto.Language (Bridge.NET runtime first; it registers globals). */
function loadKusto() {
  if (kusto) return kusto;
  try {
    require('@kusto/language-service-next/bridge.js');
    require('@kusto/language-service-next');
  } catch (e) {
    throw new InputError(
      'cannot load @kusto/language-service-next (' + e.message + '); run: npm ci --prefix tools/kql-check');
  }
  kusto = { K: global.Kusto.Language, System: global.System };
  return kusto;
}

function toArray(list, type) {
  const { System } = loadKusto();
  if (!list) return [];
  const n = System.Array.getCount(list, type);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = System.Array.getItem(list, i, type);
  return out;
}

// ---------------------------------------------------------------- schema

/**
 * Reads schema files of the shape {tables:[{name, columns:[{name, type}]}]}.
 * Returns [{name, columns:[{name, type}]}] with canonical KQL types.
 * Throws UsageError naming the file/table/column on any problem.
 */
function loadSchemaFiles(files) {
  const tables = [];
  const seen = new Map(); // table name -> schema file
  for (const file of files) {
    let doc;
    try {
      doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new InputError(`cannot read schema ${file}: ${e.message}`);
    }
    if (!doc || !Array.isArray(doc.tables)) {
      throw new InputError(`schema ${file}: expected a JSON object with a "tables" array`);
    }
    doc.tables.forEach((t, ti) => {
      if (!t || typeof t.name !== 'string' || t.name === '') {
        throw new InputError(`schema ${file}: tables[${ti}] has no "name"`);
      }
      if (seen.has(t.name)) {
        throw new InputError(`schema ${file}: table ${t.name} is already defined in ${seen.get(t.name)}`);
      }
      seen.set(t.name, file);
      if (!Array.isArray(t.columns)) {
        throw new InputError(`schema ${file}: table ${t.name} has no "columns" array`);
      }
      const names = new Set();
      const columns = t.columns.map((c, ci) => {
        if (!c || typeof c.name !== 'string' || c.name === '') {
          throw new InputError(`schema ${file}: table ${t.name}: columns[${ci}] has no "name"`);
        }
        if (names.has(c.name)) {
          throw new InputError(`schema ${file}: table ${t.name}: column ${c.name} is listed twice`);
        }
        names.add(c.name);
        const raw = typeof c.type === 'string' ? c.type : '';
        const type = TYPE_MAP[raw.trim().toLowerCase().replace(/\s+/g, ' ')];
        if (!type) {
          throw new InputError(
            `schema ${file}: table ${t.name}, column ${c.name}: unknown type ${JSON.stringify(c.type)} ` +
            `(known: ${Object.keys(TYPE_MAP).join(', ')})`);
        }
        return { name: c.name, type };
      });
      tables.push({ name: t.name, columns });
    });
  }
  return tables;
}

/** Builds a Kusto.Language GlobalState whose default database holds the tables. */
function createGlobals(tables) {
  const { K } = loadKusto();
  const S = K.Symbols;
  const symbols = tables.map((t) => new S.TableSymbol.$ctor4(
    t.name,
    t.columns.map((c) => new S.ColumnSymbol(c.name, S.ScalarTypes.GetSymbol(c.type), null, null, null, null))));
  const db = new S.DatabaseSymbol.ctor('hunting', symbols);
  return K.GlobalState.Default.WithDatabase(db);
}

// ---------------------------------------------------------------- analysis

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column (UTF-16 code units) of an offset. */
function position(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/**
 * Analyzes one whole KQL text (KustoCode.ParseAndAnalyze).
 * errors   = Error-severity diagnostics of GetDiagnostics();
 * warnings = its other diagnostics plus the built-in analyzers (KS5xx), only
 *            when options.warnings is true.
 */
function analyze(text, globals, options = {}) {
  const { K } = loadKusto();
  const code = K.KustoCode.ParseAndAnalyze(text, globals);
  const starts = lineStarts(text);
  const shape = (d, extra) => {
    const start = Math.max(0, Math.min(d.Start, text.length));
    return { ...extra, code: d.Code, message: d.Message, start: d.Start, length: d.Length, ...position(starts, start) };
  };
  const errors = [];
  const warnings = [];
  for (const d of toArray(code.GetDiagnostics(), K.Diagnostic)) {
    if (d.Severity === 'Error') errors.push(shape(d, {}));
    else if (options.warnings) warnings.push(shape(d, { severity: d.Severity, source: 'parser' }));
  }
  if (options.warnings) {
    const service = new K.Editor.KustoCodeService.ctor(code);
    for (const d of toArray(service.GetAnalyzerDiagnostics(true), K.Diagnostic)) {
      warnings.push(shape(d, { severity: d.Severity, source: 'analyzer' }));
    }
  }
  return { errors, warnings };
}

// ---------------------------------------------------------------- files

function collectFiles(args) {
  const files = [];
  const seen = new Set();
  const add = (f) => {
    const key = path.resolve(f);
    if (!seen.has(key)) { seen.add(key); files.push(f); }
  };
  const walk = (dir) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') walk(p);
      } else if (e.isFile() && e.name.toLowerCase().endsWith('.kql')) {
        add(p);
      }
    }
  };
  for (const a of args) {
    let st;
    try {
      st = fs.statSync(a);
    } catch {
      throw new InputError(`no such file or folder: ${a}`);
    }
    if (st.isDirectory()) walk(a); else add(a);
  }
  if (files.length === 0) throw new InputError(`no .kql files found in: ${args.join(', ')}`);
  return files;
}

// ---------------------------------------------------------------- CLI

function parseArgs(argv) {
  const opts = { schemas: [], json: false, warnings: false, paths: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { opts.paths.push(...argv.slice(i + 1)); break; }
    if (a === '--schema') {
      if (i + 1 >= argv.length) throw new UsageError('--schema needs a file argument');
      opts.schemas.push(argv[++i]);
    } else if (a.startsWith('--schema=')) {
      const v = a.slice('--schema='.length);
      if (!v) throw new UsageError('--schema needs a file argument');
      opts.schemas.push(v);
    } else if (a === '--json') opts.json = true;
    else if (a === '--warnings') opts.warnings = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option: ${a}`);
    else opts.paths.push(a);
  }
  if (opts.help) return opts;
  if (opts.schemas.length === 0) throw new UsageError('missing --schema <hunting-schema.json>');
  if (opts.paths.length === 0) throw new UsageError('no .kql file or folder given');
  return opts;
}

function oneLine(s) {
  return String(s).replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Runs the CLI; returns the exit code. out/err are write functions. */
function run(argv, out = (s) => process.stdout.write(s), err = (s) => process.stderr.write(s)) {
  let opts;
  try {
    opts = parseArgs(argv);
    if (opts.help) { out(USAGE + '\n'); return 0; }
    const files = collectFiles(opts.paths);
    const globals = createGlobals(loadSchemaFiles(opts.schemas));
    const results = [];
    let filesWithErrors = 0;
    let errorCount = 0;
    for (const file of files) {
      let text;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new InputError(`cannot read ${file}: ${e.message}`);
      }
      const r = analyze(text, globals, { warnings: opts.warnings || opts.json });
      if (r.errors.length) { filesWithErrors++; errorCount += r.errors.length; }
      results.push({ file, ...r });
      if (!opts.json) {
        const diags = r.errors.map((d) => ({ ...d, severity: 'Error' }))
          .concat(opts.warnings ? r.warnings : [])
          .sort((a, b) => a.start - b.start);
        for (const d of diags) {
          out(`${file}:${d.line}:${d.column}: ${d.severity.toLowerCase()} ${d.code}: ${oneLine(d.message)}\n`);
        }
      }
    }
    const summary = `kql-check: ${files.length} files, ${filesWithErrors} with errors, ${errorCount} errors\n`;
    if (opts.json) {
      out(JSON.stringify(results, null, 2) + '\n');
      err(summary);
    } else {
      out(summary);
    }
    return errorCount > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`kql-check: ${e.message}\n${e instanceof InputError ? '' : USAGE + '\n'}`);
    } else {
      err(`kql-check: internal error: ${e && e.stack ? e.stack : e}\n`);
    }
    return 2;
  }
}

module.exports = { loadSchemaFiles, createGlobals, analyze, collectFiles, run, TYPE_MAP, UsageError, InputError };

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
