using System;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Cli.Checking;
using Defender365Typed.Cli.Output;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>schema tables</c>, <c>schema columns &lt;table&gt;</c>, <c>schema pull</c> and <c>schema diff</c>.</summary>
internal static class SchemaCommands
{
    public static Command Create(CliRun run)
    {
        var command = new Command("schema", "Show the advanced hunting tables and columns that check (and the typed builders) know; pull your tenant's own schema and diff schemas.");

        Option<string[]> tablesSchema = CheckCommand.SchemaOption();
        var tables = new Command("tables", "List the tables: the built-in Defender XDR schema plus --schema files.") { tablesSchema };
        tables.SetAction(run.Guard(async (parse, _) =>
        {
            SchemaCatalog catalog = SchemaCatalog.Load((parse.GetValue(tablesSchema) ?? []).Select(run.Context.ResolvePath));
            ResultTable.Write(run.OutConsole, ["Table", "Columns", "Description"],
                catalog.Tables.Select(t => new[] { t.Name, t.Columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Description ?? string.Empty }));
            await run.Out.WriteLineAsync($"{catalog.Tables.Count()} tables.");
            return ExitCodes.Ok;
        }));

        var table = new Argument<string>("table") { Description = "The table name (case-sensitive, as in KQL)." };
        Option<string[]> columnsSchema = CheckCommand.SchemaOption();
        var columns = new Command("columns", "List a table's columns with their KQL types. An unknown table is exit 2.") { table, columnsSchema };
        columns.SetAction(run.Guard(async (parse, _) =>
        {
            SchemaCatalog catalog = SchemaCatalog.Load((parse.GetValue(columnsSchema) ?? []).Select(run.Context.ResolvePath));
            string name = parse.GetValue(table) ?? string.Empty;
            SchemaTable found = catalog.Find(name) ?? throw CliException.Usage(
                $"Unknown table '{name}'." + (catalog.Suggest(name) is string s ? $" Did you mean '{s}'?" : string.Empty) + " `defender365 schema tables` lists them.");
            ResultTable.Write(run.OutConsole, ["Column", "Type", "Description"],
                found.Columns.Select(c => new[] { c.Name, c.Type, c.Description ?? string.Empty }));
            await run.Out.WriteLineAsync($"{found.Name}: {found.Columns.Count} columns ({found.Origin}).");
            return ExitCodes.Ok;
        }));

        command.Subcommands.Add(tables);
        command.Subcommands.Add(columns);
        command.Subcommands.Add(SchemaPullCommand.Create(run));
        command.Subcommands.Add(SchemaDiffCommand.Create(run));
        return command;
    }
}
