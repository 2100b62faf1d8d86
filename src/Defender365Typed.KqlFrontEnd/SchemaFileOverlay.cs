using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// Lays a tenant's schema files (the caller's effective schema, docs/schema-file.md) over the declared schema: a file's
/// table replaces the declared table of that name (the file says what the tenant has, extra columns included), its
/// functions become callable, and a declared table no file lists stays known but is reported where a query names it.
/// </summary>
public static class SchemaFileOverlay
{
    /// <summary>What DTQ131 says about a table the files leave out (raw KQL and typed queries alike).</summary>
    public static string NotVisibleMessage(string table) =>
        "The table '" + table + "' is not in the hunting schema file(s) of this project: the signed-in caller may not be able to query it.";

    /// <summary>The combined schema; <paramref name="declared"/> itself when there is no file.</summary>
    public static KqlSchema Apply(KqlSchema declared, IReadOnlyList<HuntingSchemaDocument> files)
    {
        if (declared == null)
        {
            throw new ArgumentNullException(nameof(declared));
        }

        if (files == null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        if (files.Count == 0)
        {
            return declared;
        }

        var tables = new Dictionary<string, KqlTable>(StringComparer.Ordinal);
        foreach (var table in declared.Tables)
        {
            tables[table.Name] = table;
        }

        var visible = new List<string>();
        var functions = new List<KqlTableFunction>(declared.Functions);
        foreach (var file in files)
        {
            foreach (var table in file.Tables)
            {
                tables[table.Name] = table.ToKqlTable();
                visible.Add(table.Name);
            }

            foreach (var function in file.Functions)
            {
                functions.Add(function.ToKqlFunction());
            }
        }

        return new KqlSchema(tables.Values, functions, visible);
    }
}
