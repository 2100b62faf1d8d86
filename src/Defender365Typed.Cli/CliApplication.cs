using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Cli.Commands;

namespace Defender365Typed.Cli;

/// <summary>The <c>defender365</c> command line, runnable in-process.</summary>
internal static class CliApplication
{
    public const string Name = "defender365";

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        await using var run = new CliRun(context ?? new CliContext(), stdout, stderr);
        RootCommand root = BuildRoot(run);
        // No response files: `hunt @query.kql` names a query file, which the command reads itself.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            foreach (ParseError error in parse.Errors)
            {
                await stderr.WriteLineAsync("error: " + error.Message);
            }

            await stderr.WriteLineAsync($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
#pragma warning disable CA1031 // the last line of defence: one message and exit 1 instead of a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"error: unexpected failure ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.Findings;
        }
        finally
        {
            await stdout.FlushAsync(CancellationToken.None);
            await stderr.FlushAsync(CancellationToken.None);
        }
    }

    internal static RootCommand BuildRoot(CliRun run)
    {
        var root = new RootCommand(
            "defender365: Microsoft Defender XDR from the command line. Sign in, list and update incidents, run advanced hunting\n"
            + "queries, check .kql files offline, and try it all locally with `defender365 demo` (no tenant needed).\n"
            + "Settings: options > environment variables (DEFENDER365_TENANT_ID, DEFENDER365_CLIENT_ID, DEFENDER365_CLOUD, ...) >\n"
            + "the config file (~/.config/defender365/config.json, or DEFENDER365_CONFIG).");
        root.Options.Add(run.EmulatorOption);
        root.Options.Add(run.EmulatorTablesOption);
        root.Options.Add(run.EmulatorSchemaOption);
        root.Options.Add(run.EmulatorLargeTableOption);
        root.Options.Add(run.EmulatorLimitsOption);
        root.Subcommands.Add(AuthCommands.Create(run));
        root.Subcommands.Add(IncidentCommands.Create(run));
        root.Subcommands.Add(AlertCommands.Create(run));
        root.Subcommands.Add(HuntCommand.Create(run));
        root.Subcommands.Add(CheckCommand.Create(run));
        root.Subcommands.Add(SchemaCommands.Create(run));
        root.Subcommands.Add(DemoCommand.Create(run));
        foreach (Option option in root.Options)
        {
            if (option is HelpOption help && help.Action is HelpAction inner)
            {
                help.Action = new HelpWithExitCodes(inner);
            }
        }

        return root;
    }

    internal static string CommandPath(CommandResult? result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Parent is null ? Name : c.Command.Name);
            }
        }

        return names.Count == 0 ? Name : string.Join(' ', names);
    }

    /// <summary>The standard help, followed by the exit codes.</summary>
    private sealed class HelpWithExitCodes(HelpAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            int code = inner.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.HelpText);
            return code;
        }
    }
}
