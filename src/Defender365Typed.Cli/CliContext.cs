using System;
using System.IO;
using System.Text;
using Defender365Typed.Cli.Emulation;

namespace Defender365Typed.Cli;

/// <summary>
/// What a run of the command line sees of its surroundings: environment variables, the config file, the
/// terminal, how to read a secret, and (for tests or the demo) an emulator that is already running.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Reads an environment variable (the process environment by default).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The config file; when null: <c>DEFENDER365_CONFIG</c>, else <c>$XDG_CONFIG_HOME/defender365/config.json</c>, else <c>~/.config/defender365/config.json</c>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Relative paths (files to check, <c>@query.kql</c>) are resolved against this folder.</summary>
    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Whether standard output is a terminal (tables get styled headers and the terminal's width; otherwise plain text).</summary>
    public bool OutputIsTerminal { get; init; } = !Console.IsOutputRedirected;

    /// <summary>Whether standard error is a terminal (progress lines are drawn only then).</summary>
    public bool ErrorIsTerminal { get; init; } = !Console.IsErrorRedirected;

    /// <summary>Reads a secret after showing a prompt, without echoing it; null when there is no way to ask.</summary>
    public Func<string, TextWriter, string?> ReadSecret { get; init; } = ReadSecretFromConsole;

    /// <summary>Reads one line of input (the redirect URL of an authorization code sign-in); null at end of input.</summary>
    public Func<string?> ReadLine { get; init; } = Console.ReadLine;

    /// <summary>An emulator to use for <c>--emulator</c> and <c>demo</c> instead of starting one (it is not stopped).</summary>
    public EmulatorSession? Emulator { get; init; }

    /// <summary>What a newly started emulator is filled with; null: <see cref="EmulatorDataSources.CreateDefault"/>.</summary>
    public IEmulatorDataSource? EmulatorData { get; init; }

    /// <summary>The clock: <c>--since</c>, and the progress line's delay, frames and elapsed time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string ResolveConfigPath()
    {
        if (!string.IsNullOrEmpty(ConfigPath))
        {
            return ConfigPath;
        }

        if (GetEnvironmentVariable(EnvironmentNames.Config) is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        string? configHome = GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            string home = GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            configHome = Path.Combine(home, ".config");
        }

        return Path.Combine(configHome, "defender365", "config.json");
    }

    public string ResolvePath(string path) => Path.GetFullPath(path, CurrentDirectory);

    private static string? ReadSecretFromConsole(string prompt, TextWriter stderr)
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine(); // piped: `printenv SECRET | defender365 auth login --client-secret`
        }

        stderr.Write(prompt);
        stderr.Flush();
        var secret = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key;
            try
            {
                key = Console.ReadKey(intercept: true); // never echoed
            }
            catch (InvalidOperationException)
            {
                stderr.WriteLine();
                return null; // no console to ask on
            }

            if (key.Key == ConsoleKey.Enter)
            {
                stderr.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}

/// <summary>The environment variables the command line reads.</summary>
internal static class EnvironmentNames
{
    public const string TenantId = "DEFENDER365_TENANT_ID";
    public const string ClientId = "DEFENDER365_CLIENT_ID";
    public const string Cloud = "DEFENDER365_CLOUD";
    public const string ClientSecret = "DEFENDER365_CLIENT_SECRET";
    public const string CertificatePath = "DEFENDER365_CERTIFICATE_PATH";
    public const string CertificatePasswordEnv = "DEFENDER365_CERTIFICATE_PASSWORD_ENV";
    public const string ManagedIdentityClientId = "DEFENDER365_MANAGED_IDENTITY_CLIENT_ID";
    public const string AuthFlow = "DEFENDER365_AUTH_FLOW";
    public const string RedirectUri = "DEFENDER365_REDIRECT_URI";
    public const string TokenCache = "DEFENDER365_TOKEN_CACHE";
    public const string Config = "DEFENDER365_CONFIG";
}
