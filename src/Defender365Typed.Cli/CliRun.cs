using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client;
using Defender365Typed.Cli.Checking;
using Defender365Typed.Cli.Emulation;
using Defender365Typed.Cli.Output;
using Defender365Typed.Emulator;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;
using Spectre.Console;

namespace Defender365Typed.Cli;

/// <summary>One run of the command line: its context, output writers, and the emulator it may have started.</summary>
internal sealed class CliRun : IAsyncDisposable
{
    private EmulatorSession? _owned;

    public CliRun(CliContext context, TextWriter stdout, TextWriter stderr)
    {
        Context = context;
        Out = stdout;
        Err = stderr;
        OutConsole = CliConsole.Create(stdout, context.OutputIsTerminal);
        ErrConsole = CliConsole.Create(stderr, context.ErrorIsTerminal);
    }

    public CliContext Context { get; }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    /// <summary>Standard output for tables (Spectre.Console; plain text when redirected).</summary>
    public IAnsiConsole OutConsole { get; }

    /// <summary>Standard error for the progress line.</summary>
    public IAnsiConsole ErrConsole { get; }

    /// <summary><c>--emulator</c>: run against an in-process emulator (any command).</summary>
    public Option<bool> EmulatorOption { get; } = new("--emulator")
    {
        Description = "Run against an in-process Defender emulator on loopback (no tenant, nothing leaves this machine).",
        Recursive = true,
    };

    /// <summary><c>--emulator-tables</c>: a folder of <c>&lt;Table&gt;.csv</c> / <c>&lt;Table&gt;.json</c> files the emulator serves instead of its synthetic rows.</summary>
    public Option<DirectoryInfo?> EmulatorTablesOption { get; } = new("--emulator-tables")
    {
        Description = "With --emulator or demo: a folder of <Table>.csv or <Table>.json files (rows of documented tables) that replace the synthetic rows of those tables, to try detections on your own data.",
        Recursive = true,
    };

    /// <summary><c>--emulator-schema</c>: a schema file the emulator serves from getHuntingSchema and whose tables its queries see.</summary>
    public Option<FileInfo?> EmulatorSchemaOption { get; } = new("--emulator-schema")
    {
        Description = "With --emulator or demo: a schema file (docs/schema-file.md, e.g. from `schema pull`) that the emulator serves from getHuntingSchema; hunting queries see exactly its tables and columns (tables without rows are empty).",
        Recursive = true,
    };

    /// <summary><c>--emulator-large-table</c>: a table of the emulator's tenant generated at a large tenant's size (repeatable).</summary>
    public Option<string[]> EmulatorLargeTableOption { get; } = new(LargeTableSpec.OptionName)
    {
        Description = "With --emulator or demo: <Table>:<rows>, e.g. DeviceNetworkEvents:1000000: that table holds this many generated rows over 30 days (a large tenant, deterministic; DeviceNetworkEvents or DeviceProcessEvents). Repeatable.",
        Recursive = true,
    };

    /// <summary><c>--emulator-limits</c>: the emulator enforces the service's hunting limits (docs/emulator-limits.md).</summary>
    public Option<bool> EmulatorLimitsOption { get; } = new("--emulator-limits")
    {
        Description = "With --emulator or demo: enforce the service's hunting limits (100,000 rows, 124 MB, a 3-minute timeout on a cost model, 45 calls a minute and 1,500 an hour, CPU per 15-minute cycle) with its 429 and 400 answers.",
        Recursive = true,
    };

    private DirectoryInfo? _emulatorTables;
    private FileInfo? _emulatorSchema;
    private LargeTableSpec[] _largeTables = [];
    private bool _emulatorLimits;

    /// <summary>The emulator for <c>--emulator</c> and <c>demo</c>: the context's, or one started now (and stopped at the end of the run).</summary>
    public async Task<EmulatorSession> EmulatorAsync(CancellationToken cancellationToken, bool announce = true)
    {
        if (Context.Emulator is { } given)
        {
            return given;
        }

        if (_owned is null)
        {
            IEmulatorDataSource? data = Context.EmulatorData
                ?? (_emulatorTables is not null || _largeTables.Length > 0 ? new EvaluatedDemoData(DateTime.UtcNow, _emulatorTables?.FullName, _largeTables) : null);
            HuntingSchemaDocument? schema = _emulatorSchema is { } file ? SchemaCatalog.LoadFile(file.FullName) : null;
            _owned = await EmulatorSession.StartAsync(data, schema, _emulatorLimits ? new EmulatorHuntingLimits() : null, cancellationToken);
            if (announce)
            {
                await Err.WriteLineAsync($"Emulator listening on {_owned.Emulator.BaseUri} (loopback only; {_owned.Data.Description}).");
            }
        }

        return _owned;
    }

    /// <summary>Wraps a command body: maps failures to one message on stderr and an exit code.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Guard(Func<ParseResult, CancellationToken, Task<int>> body) => async (parse, ct) =>
    {
        try
        {
            _emulatorTables = parse.GetValue(EmulatorTablesOption);
            _emulatorSchema = parse.GetValue(EmulatorSchemaOption);
            _largeTables = [.. (parse.GetValue(EmulatorLargeTableOption) ?? []).Select(LargeTableSpec.Parse)];
            _emulatorLimits = parse.GetValue(EmulatorLimitsOption);
            return await body(parse, ct);
        }
        catch (Exception ex) when (Classify(ex) is (int code, string message))
        {
            await Err.WriteLineAsync("error: " + message);
            return code;
        }
    };

    internal static (int Code, string Message)? Classify(Exception ex) => ex switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        DefenderAuthenticationException auth => (ExitCodes.Auth, AuthMessage(auth)),
        DefenderConfigurationException config => (ExitCodes.Auth, config.Message),
        DefenderApiException api => (ExitCodes.Api, api.Message),
        DefenderException other => (ExitCodes.Api, other.Message),
        TableLoadException load => (ExitCodes.Usage, load.Message),
        ArgumentException arg => (ExitCodes.Usage, StripParameter(arg)),
        OperationCanceledException => (ExitCodes.Interrupted, "cancelled."),
        IOException io => (ExitCodes.Findings, io.Message),
        UnauthorizedAccessException denied => (ExitCodes.Usage, denied.Message),
        _ => null,
    };

    private static string AuthMessage(DefenderAuthenticationException ex) =>
        ex.Kind == AuthFailureKind.SignInRequired
            ? ex.Message + " Run `defender365 auth login` (or pass --emulator)."
            : ex.Message;

    /// <summary>An argument error's message without the " (Parameter 'name')" that .NET appends.</summary>
    internal static string StripParameter(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
            _owned = null;
        }
    }
}
