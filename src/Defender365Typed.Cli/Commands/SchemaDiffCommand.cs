using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Cli.Checking;
using Defender365Typed.Cli.Output;
using Defender365Typed.Cli.Settings;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>schema diff &lt;file&gt; [&lt;file2&gt;]</c>: what changed between two hunting schemas, and which queries it breaks.</summary>
internal static class SchemaDiffCommand
{
    public static Command Create(CliRun run)
    {
        var files = new Argument<string[]>("file")
        {
            Description = "One schema file (compared with the built-in schema), or two (the older first).",
            Arity = new ArgumentArity(1, 2),
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "table (default) or json: {old, new, changes: [{change, item, owner, name, oldType, newType}], drift: [{file, table, column, change, oldType, newType}]}.",
            HelpName = "format",
        };
        Choices.Restrict(output, ["table", "json"]);
        var queries = new Option<string?>("--queries")
        {
            Description = "A folder of .kql files (searched recursively): exit 1 when one uses a column (or table) that the newer schema removed or retyped.",
            HelpName = "folder",
        };
        var command = new Command("diff",
            "Compare hunting schemas: tables, columns, functions, function parameters and output columns added, removed or retyped "
            + "between the built-in schema and a pulled file, or between two pulls. Exit 0, or 1 when --queries finds a query that "
            + "uses a removed or retyped column; 2 on a bad file.")
        {
            files,
            output,
            queries,
        };
        command.SetAction(run.Guard((parse, ct) => RunAsync(run, parse.GetValue(files) ?? [], parse.GetValue(queries),
            string.Equals(parse.GetValue(output), "json", StringComparison.OrdinalIgnoreCase), ct)));
        return command;
    }

    private static async Task<int> RunAsync(CliRun run, string[] files, string? queriesFolder, bool json, CancellationToken ct)
    {
        (string oldName, HuntingSchemaDocument older) = files.Length == 2
            ? (files[0], SchemaCatalog.LoadFile(run.Context.ResolvePath(files[0])))
            : (SchemaCatalog.BuiltInOrigin, SchemaCatalog.BuiltInDocument);
        string newName = files[^1];
        HuntingSchemaDocument newer = SchemaCatalog.LoadFile(run.Context.ResolvePath(newName));
        IReadOnlyList<HuntingSchemaChange> changes = HuntingSchemaDiff.Compare(older, newer);
        var drift = new List<QueryDriftFinding>();
        if (queriesFolder is not null)
        {
            foreach ((string display, string full) in KqlFiles.Expand(run.Context, [queriesFolder]))
            {
                ct.ThrowIfCancellationRequested();
                drift.AddRange(QueryDrift.Find(display, await KqlFiles.ReadAsync(display, full, ct), older, changes));
            }
        }

        if (json)
        {
            await run.Out.WriteLineAsync(ToJson(oldName, newName, changes, drift));
        }
        else
        {
            await WriteTextAsync(run, oldName, newName, changes, drift);
        }

        return drift.Count == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static async Task WriteTextAsync(CliRun run, string oldName, string newName, IReadOnlyList<HuntingSchemaChange> changes, List<QueryDriftFinding> drift)
    {
        if (changes.Count > 0)
        {
            ResultTable.Write(run.OutConsole, ["Change", "Item", "Table/function", "Name", "Old type", "New type"],
                changes.Select(c => new[] { Word(c.Kind), Word(c.Item), c.Owner, c.Name ?? string.Empty, c.OldType ?? string.Empty, c.NewType ?? string.Empty }));
        }

        await run.Out.WriteLineAsync(changes.Count == 0
            ? $"{oldName} and {newName}: no changes."
            : $"{oldName} -> {newName}: {changes.Count} change{(changes.Count == 1 ? string.Empty : "s")}.");
        foreach (QueryDriftFinding f in drift)
        {
            string what = f.Column is null
                ? $"table {f.Table} was removed"
                : f.Change == HuntingSchemaChangeKind.Removed
                    ? $"column {f.Table}.{f.Column} was removed"
                    : $"column {f.Table}.{f.Column} changed type from {f.OldType} to {f.NewType}";
            await run.Out.WriteLineAsync($"{f.File}: error: {what}.");
        }
    }

    internal static string ToJson(string oldName, string newName, IReadOnlyList<HuntingSchemaChange> changes, IReadOnlyList<QueryDriftFinding> drift)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("old", oldName);
            w.WriteString("new", newName);
            w.WriteStartArray("changes");
            foreach (HuntingSchemaChange c in changes)
            {
                w.WriteStartObject();
                w.WriteString("change", Word(c.Kind));
                w.WriteString("item", Word(c.Item));
                w.WriteString("owner", c.Owner);
                w.WriteString("name", c.Name);
                w.WriteString("oldType", c.OldType);
                w.WriteString("newType", c.NewType);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("drift");
            foreach (QueryDriftFinding f in drift)
            {
                w.WriteStartObject();
                w.WriteString("file", f.File);
                w.WriteString("table", f.Table);
                w.WriteString("column", f.Column);
                w.WriteString("change", Word(f.Change));
                w.WriteString("oldType", f.OldType);
                w.WriteString("newType", f.NewType);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The enum member as JSON and the table spell it: <c>removed</c>, <c>outputColumn</c>.</summary>
    private static string Word<T>(T value)
        where T : struct, Enum
    {
        string name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
