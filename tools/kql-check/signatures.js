#!/usr/bin/env node
// signatures.js: writes the parameter and return types of Kusto's built-in functions and aggregates, read from
// Kusto.Language's own symbols (Functions.All, Aggregates.All: each Signature's Parameters and ReturnKind), as the
// data table the KQL front end judges calls with:
//   src/Defender365Typed.KqlFrontEnd/FunctionCatalog.Signatures.cs
//
// usage: node tools/kql-check/signatures.js [--check]
//   --check  compare with the committed file instead of writing it; exit 1 when it is stale.
//
// One line per function: "name<TAB>signature<TAB>signature...", hidden signatures included (Kusto.Language binds
// them too). A signature is "return(param,param,...)":
//   return  =type (declared), P0 P1 P2 PN (the type of that argument; PN the last), P0+ (argument 0 promoted: int ->
//           long), P0[] (an array of argument 0: dynamic), common (the common type of the Common* arguments),
//           widest (the widest numeric argument), ? (computed by Kusto.Language code: not modelled)
//   param   a ParameterTypeKind name (Scalar, Integer, Number, Summable, ...) or declared types joined by '/'
//           (string, long/int, ...), then '?' for {0,1} or "{min..max}" for other occurrence counts.
//
// Then the binary operators, found by asking Kusto.Language: for every pair of scalar types (dynamic left out: the
// front end never judges it) `print r = <left> <op> <right>` is analysed; a row "op<TAB>left<TAB>right<TAB>result"
// gives the analysed type of r, or "error" when Kusto.Language reports an error. `contains` stands for every string
// operator (has, startswith, =~, matches regex, in~, has_any...: Kusto.Language types them alike).
// Deterministic: same package version, same bytes.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { loadSchemaFiles, createGlobals, analyze } = require('./check.js');

const ROOT = path.join(__dirname, '..', '..');
const OUTPUT = path.join(ROOT, 'src', 'Defender365Typed.KqlFrontEnd', 'FunctionCatalog.Signatures.cs');
const SCHEMA = path.join(ROOT, 'src', 'Defender365Typed', 'Schema', 'hunting-schema.json');
const TOOL = '@kusto/language-service-next ' + require('@kusto/language-service-next/package.json').version;

// ReturnTypeKind.Custom: Kusto.Language computes these results in code. The ones whose result type is plain
// (Microsoft's KQL reference: the pack/bag/set/array functions return dynamic; percentile(x, p) has the type of x).
const CUSTOM_RESULTS = {
  array_concat: '=dynamic', array_iff: '=dynamic', array_iif: '=dynamic', array_sort_asc: '=dynamic', array_sort_desc: '=dynamic',
  pack: '=dynamic', pack_dictionary: '=dynamic', bag_pack: '=dynamic', bag_pack_columns: '=dynamic', pack_all: '=dynamic',
  pack_array: '=dynamic', set_union: '=dynamic', set_intersect: '=dynamic', set_difference: '=dynamic', bag_merge: '=dynamic',
  bag_remove_keys: '=dynamic', bag_set_key: '=dynamic', percentiles_array: '=dynamic', percentilesw_array: '=dynamic',
  percentile: 'P0', percentilew: 'P0', bin_auto: 'P0',
};

function list(items, type) {
  const { System } = global;
  const n = System.Array.getCount(items, type);
  const r = [];
  for (let i = 0; i < n; i++) r.push(System.Array.getItem(items, i, type));
  return r;
}

function enumNames(e) {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k]));
}

const RETURNS = {
  Parameter0: 'P0', Parameter1: 'P1', Parameter2: 'P2', ParameterN: 'PN', Parameter0Promoted: 'P0+', Parameter0Array: 'P0[]',
  Common: 'common', CommonNonDynamic: 'common', Widest: 'widest',
};

function typeName(t) {
  return t.Name;
}

function signatureText(name, s, K) {
  const S = K.Symbols;
  const returnKinds = enumNames(S.ReturnTypeKind);
  const typeKinds = enumNames(S.ParameterTypeKind);
  const params = list(s.Parameters, S.Parameter).map((p) => {
    const kind = typeKinds[p.TypeKind];
    const head = kind === 'Declared' ? list(p.DeclaredTypes, S.TypeSymbol).map(typeName).join('/') : kind;
    const occurs = p.MinOccurring === 1 && p.MaxOccurring === 1 ? '' : p.MinOccurring === 0 && p.MaxOccurring === 1 ? '?' : `{${p.MinOccurring}..${p.MaxOccurring}}`;
    return head + occurs;
  });
  const kind = returnKinds[s.ReturnKind];
  let ret;
  if (kind === 'Declared') ret = s.DeclaredReturnType && s.DeclaredReturnType.IsScalar ? '=' + typeName(s.DeclaredReturnType) : '?';
  else if (kind === 'Custom') ret = CUSTOM_RESULTS[name] || '?';
  else ret = RETURNS[kind] || '?';
  return ret + '(' + params.join(',') + ')';
}

const OPERAND_TYPES = {
  string: '"a"', long: 'long(1)', int: 'int(1)', real: 'real(1.5)', decimal: 'decimal(1)', bool: 'true',
  datetime: 'datetime(2020-01-01)', timespan: 'timespan(1d)', guid: 'guid(74be27de-1e4e-49d9-b579-fe0b331d3642)',
};
const OPERATORS = ['+', '-', '*', '/', '%', '<', '<=', '>', '>=', 'contains'];

/** "op\tleft\tright\tresult" rows: Kusto.Language's verdict on each operator over each pair of scalar types. */
function operatorRows(globals) {
  const K = global.Kusto.Language;
  const rows = [];
  for (const op of OPERATORS) {
    for (const [left, l] of Object.entries(OPERAND_TYPES)) {
      for (const [right, r] of Object.entries(OPERAND_TYPES)) {
        const text = `print r = ${l} ${op} ${r}`;
        const errors = analyze(text, globals).errors;
        let result = 'error';
        if (errors.length === 0) {
          const table = K.KustoCode.ParseAndAnalyze(text, globals).ResultType;
          result = list(table.Columns, K.Symbols.ColumnSymbol)[0].Type.Name;
        }
        rows.push([op, left, right, result].join('\t'));
      }
    }
  }
  return rows;
}

/** The text of FunctionCatalog.Signatures.cs. */
function signaturesText() {
  const globals = createGlobals(loadSchemaFiles([SCHEMA]));
  analyze('print 1', globals); // loads Kusto.Language
  const K = global.Kusto.Language;
  const byName = new Map();
  for (const l of [K.Functions.All, K.Aggregates.All]) {
    for (const f of list(l, K.Symbols.FunctionSymbol)) {
      const sigs = byName.get(f.Name) || [];
      for (const s of list(f.Signatures, K.Symbols.Signature)) {
        const text = signatureText(f.Name, s, K);
        if (!sigs.includes(text)) sigs.push(text);
      }
      byName.set(f.Name, sigs);
    }
  }
  const names = [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = names.map((n) => '        ' + JSON.stringify(n + '\t' + byName.get(n).join('\t')) + ',');
  return '// <auto-generated>\n' +
    '// Generated by tools/kql-check/signatures.js from the symbols of Kusto.Language (' + TOOL + '):\n' +
    '// Functions.All and Aggregates.All, every signature\'s parameter types and return kind. Do not edit; rerun the script.\n' +
    '// </auto-generated>\n\n' +
    'namespace Defender365Typed.KqlFrontEnd;\n\n' +
    'public static partial class FunctionCatalog\n' +
    '{\n' +
    '    /// <summary>Kusto.Language\'s signatures, one function a line (format: tools/kql-check/signatures.js).</summary>\n' +
    '    /// <remarks>A property, not a field: Build() reads it while initializing a field of the other part of this class.</remarks>\n' +
    '    private static string[] KustoSignatures => new[]\n' +
    '    {\n' +
    lines.join('\n') + '\n' +
    '    };\n\n' +
    '    /// <summary>Kusto.Language\'s verdict on each binary operator over each pair of scalar types: "op, left, right, result or error".</summary>\n' +
    '    internal static string[] KustoBinaryOperators => new[]\n' +
    '    {\n' +
    operatorRows(globals).map((r) => '        ' + JSON.stringify(r) + ',').join('\n') + '\n' +
    '    };\n' +
    '}\n';
}

function main(argv) {
  const check = argv.includes('--check');
  if (argv.some((a) => a !== '--check')) {
    process.stderr.write('usage: node tools/kql-check/signatures.js [--check]\n');
    return 2;
  }
  const text = signaturesText();
  const rel = path.relative(ROOT, OUTPUT);
  if (!check) {
    fs.writeFileSync(OUTPUT, text);
    process.stdout.write(`wrote ${rel}\n`);
    return 0;
  }
  if (!fs.existsSync(OUTPUT) || fs.readFileSync(OUTPUT, 'utf8') !== text) {
    process.stdout.write(`stale: ${rel}\n`);
    return 1;
  }
  process.stdout.write(`up to date: ${rel}\n`);
  return 0;
}

module.exports = { OUTPUT, signaturesText };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
