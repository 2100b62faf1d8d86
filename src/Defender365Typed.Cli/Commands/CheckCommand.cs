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
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>check &lt;file|folder&gt;...</c>: validates .kql files offline with the KQL front end.</summary>
internal static class CheckCommand
{
    public static Option<string[]> SchemaOption() => new("--schema")
    {
        Description = "A schema file of extra tables (docs/schema-file.md; `schema pull` writes one): {\"tables\": [{\"name\", \"columns\": [{\"name\", \"type\"}]}], \"functions\"?: [...]} (repeatable).",
        HelpName = "json",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create(CliRun run)
    {
        var paths = new Argument<string[]>("path") { Description = ".kql files, or folders searched recursively for *.kql.", Arity = ArgumentArity.OneOrMore };
        Option<string[]> schema = SchemaOption();
        var output = new Option<string?>("--output", "-o") { Description = "text (default) or json: [{file, diagnostics: [{id, severity, message, line, column, start, length}]}].", HelpName = "format" };
        Choices.Restrict(output, ["text", "json"]);
        var command = new Command("check",
            "Check .kql files offline against the Defender XDR schema (and --schema tables): syntax, tables, columns, types, functions.\n"
            + "Exit 0 when there are no errors, 1 when there are, 2 on bad usage.")
        {
            paths,
            schema,
            output,
        };
        command.SetAction(run.Guard((parse, ct) => RunAsync(run, parse.GetValue(paths) ?? [], parse.GetValue(schema) ?? [],
            string.Equals(parse.GetValue(output), "json", StringComparison.OrdinalIgnoreCase), ct)));
        return command;
    }

    private static async Task<int> RunAsync(CliRun run, string[] paths, string[] schemaFiles, bool json, CancellationToken ct)
    {
        SchemaCatalog catalog = SchemaCatalog.Load(schemaFiles.Select(run.Context.ResolvePath));
        List<(string Display, string Full)> files = KqlFiles.Expand(run.Context, paths);
        var results = new List<(string File, string Text, IReadOnlyList<CheckDiagnostic> Diagnostics)>();
        foreach ((string display, string full) in files)
        {
            ct.ThrowIfCancellationRequested();
            string text = await KqlFiles.ReadAsync(display, full, ct);
            results.Add((display, text, KqlChecker.Check(text, catalog.Schema)));
        }

        int errors = results.Sum(r => r.Diagnostics.Count(d => d.Severity == "error"));
        if (json)
        {
            await run.Out.WriteLineAsync(ToJson(results.Select(r => (r.File, r.Diagnostics))));
        }
        else
        {
            foreach ((string file, string text, IReadOnlyList<CheckDiagnostic> diagnostics) in results)
            {
                foreach (CheckDiagnostic d in diagnostics)
                {
                    (string source, string carets) = KqlChecker.CaretLines(text, d);
                    await run.Out.WriteLineAsync($"{file}:{d.Line}:{d.Column}: {d.Severity} {d.Id}: {d.Message}");
                    await run.Out.WriteLineAsync("    " + source);
                    await run.Out.WriteLineAsync("    " + carets);
                }
            }

            int bad = results.Count(r => r.Diagnostics.Count > 0);
            await run.Out.WriteLineAsync(errors == 0
                ? $"{Plural(results.Count, "file")} checked: no errors."
                : $"{Plural(results.Count, "file")} checked: {Plural(errors, "error")} in {Plural(bad, "file")}.");
        }

        return errors == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static string Plural(int n, string noun) => n + " " + noun + (n == 1 ? string.Empty : "s");

    internal static string ToJson(IEnumerable<(string File, IReadOnlyList<CheckDiagnostic> Diagnostics)> results)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach ((string file, IReadOnlyList<CheckDiagnostic> diagnostics) in results)
            {
                w.WriteStartObject();
                w.WriteString("file", file);
                w.WriteStartArray("diagnostics");
                foreach (CheckDiagnostic d in diagnostics)
                {
                    w.WriteStartObject();
                    w.WriteString("id", d.Id);
                    w.WriteString("severity", d.Severity);
                    w.WriteString("message", d.Message);
                    w.WriteNumber("line", d.Line);
                    w.WriteNumber("column", d.Column);
                    w.WriteNumber("start", d.Start);
                    w.WriteNumber("length", d.Length);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
