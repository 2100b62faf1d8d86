namespace Defender365Typed.Cli;

/// <summary>The process exit codes of <c>defender365</c> (also listed in <c>--help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Findings or errors: <c>check</c> found KQL errors, or an unexpected failure.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage: unknown option or command, invalid value, missing setting, unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>Sign-in failed or is needed (Entra ID said no, no cached sign-in, consent missing).</summary>
    public const int Auth = 3;

    /// <summary>The Defender API failed: query error, permission, quota, timeout, malformed response, a strict sliced hunt left partial.</summary>
    public const int Api = 4;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;

    public const string HelpText = """
        Exit codes:
          0  success
          1  findings: check found KQL errors, schema diff --queries found queries the drift breaks (or an unexpected failure)
          2  bad usage: unknown option, invalid value, missing setting or file
          3  sign-in failed or needed
          4  Defender API error (query error, permission, quota, timeout, a strict sliced hunt left partial)
        """;
}

/// <summary>A failure the command line reports as one clear message and an exit code, without a stack trace.</summary>
internal sealed class CliException : System.Exception
{
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException()
        : this(ExitCodes.Findings, "The command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Usage, message)
    {
    }

    public CliException(string message, System.Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Usage;
    }

    public int ExitCode { get; }

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
