using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Cli.Settings;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>schema pull [--out &lt;file&gt;]</c>: the caller's own hunting schema from Microsoft Graph, as a schema file.</summary>
internal static class SchemaPullCommand
{
    public static Command Create(CliRun run)
    {
        var output = new Option<string?>("--out")
        {
            Description = "Write the schema file here (replaced if it exists); standard output when left out.",
            HelpName = "file",
        };
        var connection = new ConnectionOptions();
        var command = new Command("pull",
            "Fetch the tables and functions you may use in advanced hunting (Microsoft Graph beta getHuntingSchema: custom tables, "
            + "saved functions, columns newer than the documentation) and write them as a schema file (docs/schema-file.md), "
            + "sorted so two pulls diff cleanly. Global cloud only.")
        {
            output,
        };
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            using Connection conn = await Connection.OpenAsync(run, parse, connection, ct);
            HuntingSchemaDocument schema;
            try
            {
                schema = await conn.Client.Hunting.GetSchemaAsync(ct);
            }
            catch (NotSupportedException ex)
            {
                throw CliException.Usage(ex.Message);
            }

            return await WriteAsync(run, schema, parse.GetValue(output), ct);
        }));
        return command;
    }

    private static async Task<int> WriteAsync(CliRun run, HuntingSchemaDocument schema, string? file, CancellationToken ct)
    {
        string json = HuntingSchemaJson.ToJson(schema);
        if (file is null)
        {
            await run.Out.WriteAsync(json.AsMemory(), ct);
            return ExitCodes.Ok;
        }

        string path = run.Context.ResolvePath(file);
        try
        {
            await File.WriteAllTextAsync(path, json, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"--out: {file} cannot be written: {ex.Message}");
        }

        await run.Err.WriteLineAsync($"Wrote {schema.Tables.Count} tables and {schema.Functions.Count} functions to {file}.");
        return ExitCodes.Ok;
    }
}
