using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Defender365Typed.Cli;
using Defender365Typed.Cli.Emulation;

namespace Defender365Typed.Cli.Tests;

/// <summary>The result of one in-process run of the command line.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>
/// Runs <c>defender365</c> in-process with an isolated environment: no process environment variables, a config
/// file in a fresh temporary folder, no terminal, and optionally a shared emulator.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness(EmulatorSession? emulator = null)
    {
        Folder = Directory.CreateTempSubdirectory("d365-cli-").FullName;
        Emulator = emulator;
    }

    public string Folder { get; }

    public EmulatorSession? Emulator { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string? SecretAnswer { get; set; }

    public bool ErrorIsTerminal { get; set; }

    /// <summary>The run's clock (the system clock unless a test sets a fake one).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public int SecretPrompts { get; private set; }

    /// <summary>What the "user" pastes when a command reads a line, given everything it printed to stderr so far.</summary>
    public Func<string, string?>? Paste { get; set; }

    public string ConfigPath => Path.Combine(Folder, "config", "config.json");

    public string Write(string relativePath, string content)
    {
        string path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var context = new CliContext
        {
            GetEnvironmentVariable = name => Environment.TryGetValue(name, out string? v) ? v : null,
            ConfigPath = ConfigPath,
            CurrentDirectory = Folder,
            OutputIsTerminal = false,
            ErrorIsTerminal = ErrorIsTerminal,
            Time = Time,
            ReadSecret = (_, _) =>
            {
                SecretPrompts++;
                return SecretAnswer;
            },
            ReadLine = () => Paste?.Invoke(stderr.ToString()),
            Emulator = Emulator,
        };
        int code = await CliApplication.RunAsync(args, stdout, stderr, context);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

/// <summary>One emulator shared by the tests of a class (each test uses its own incidents).</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    internal EmulatorSession Session { get; private set; } = null!;

    public async Task InitializeAsync() => Session = await EmulatorSession.StartAsync();

    public async Task DisposeAsync() => await Session.DisposeAsync();
}
