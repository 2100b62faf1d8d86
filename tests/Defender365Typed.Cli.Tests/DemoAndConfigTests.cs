using System;
using System.IO;
using System.Threading.Tasks;

namespace Defender365Typed.Cli.Tests;

/// <summary>The demo end to end (its own emulator), and where settings come from.</summary>
public sealed class DemoAndConfigTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Demo_runs_the_whole_flow()
    {
        CliResult r = await _cli.RunAsync("demo");
        Assert.True(r.ExitCode == 0, r.ToString());
        string o = r.Out;
        Assert.Contains("enter the code", o);
        Assert.Contains("(the emulator approves the code automatically)", o);
        Assert.Contains("Signed in as analyst@contoso.example", o);
        Assert.Matches(@"\n5001 +high +active +- ", o);
        Assert.Contains("Hunting.DeviceProcessEvents", o);
        Assert.Contains("    | where FileName =~ \"powershell.exe\" and ProcessCommandLine has_any (\"-enc\", \"-EncodedCommand\")", o);
        Assert.Matches(@"\nTimestamp +DeviceName +AccountName +ProcessCommandLine\n", o);
        Assert.Contains("ws-finance-01.contoso.local  alice", o);
        Assert.Contains("2 rows.", o);
        Assert.Contains("Incident 5001: status inProgress, assigned to analyst@contoso.example, truePositive/malware, tags demo, encoded-powershell, 1 comment.", o);
        Assert.Contains("Done in ", o);
    }

    [Fact]
    public async Task A_missing_tenant_is_exit_2_with_what_to_do()
    {
        CliResult r = await _cli.RunAsync("incidents", "list");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("No tenant: pass --tenant <id>, set DEFENDER365_TENANT_ID", r.Err);
        Assert.Equal(string.Empty, r.Out);

        CliResult hunt = await _cli.RunAsync("hunt", "DeviceProcessEvents | take 1", "--client-id", "app");
        Assert.Equal(2, hunt.ExitCode);
        Assert.Contains("No tenant", hunt.Err);
    }

    [Fact]
    public async Task Options_beat_environment_variables_which_beat_the_config_file()
    {
        _cli.Write("config/config.json", """{ "tenantId": "from-config", "clientId": "app-from-config", "cloud": "UsGovGcc" }""");
        CliResult config = await _cli.RunAsync("auth", "status");
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Contains("Tenant:          from-config (config file)", config.Out);
        Assert.Contains("Cloud:           UsGovGcc (config file)", config.Out);

        _cli.Environment["DEFENDER365_TENANT_ID"] = "from-env";
        CliResult env = await _cli.RunAsync("auth", "status");
        Assert.Contains("Tenant:          from-env (env DEFENDER365_TENANT_ID)", env.Out);
        Assert.Contains("Client ID:       app-from-config (config file)", env.Out);

        CliResult option = await _cli.RunAsync("auth", "status", "--tenant", "from-option");
        Assert.Contains("Tenant:          from-option (--tenant)", option.Out);
    }

    [Fact]
    public async Task Secrets_are_never_shown_and_never_accepted_from_the_config_file()
    {
        const string Secret = "do-not-print-this-secret-123";
        _cli.Write("config/config.json", """{ "tenantId": "t", "clientId": "c", "authFlow": "clientSecret" }""");
        _cli.Environment["DEFENDER365_CLIENT_SECRET"] = Secret;
        CliResult status = await _cli.RunAsync("auth", "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("Client secret:   set (env DEFENDER365_CLIENT_SECRET; never shown)", status.Out);
        Assert.DoesNotContain(Secret, status.Out + status.Err);

        _cli.Write("config/config.json", $$"""{ "tenantId": "t", "clientSecret": "{{Secret}}" }""");
        CliResult rejected = await _cli.RunAsync("auth", "status");
        Assert.Equal(2, rejected.ExitCode);
        Assert.Contains("secrets do not belong in it", rejected.Err);
        Assert.DoesNotContain(Secret, rejected.Out + rejected.Err);
    }

    [Fact]
    public async Task Login_flags_are_exclusive_and_a_missing_secret_is_exit_2()
    {
        CliResult both = await _cli.RunAsync("auth", "login", "--client-secret", "--managed-identity");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("Choose one sign-in", both.Err);

        CliResult noSecret = await _cli.RunAsync("auth", "login", "--client-secret", "--tenant", "t", "--client-id", "c", "--token-cache", "memory");
        Assert.Equal(2, noSecret.ExitCode);
        Assert.Contains("No client secret", noSecret.Err);
        Assert.Equal(1, _cli.SecretPrompts);
        Assert.False(File.Exists(_cli.ConfigPath));
    }

    [Fact]
    public async Task A_missing_subcommand_is_exit_2()
    {
        CliResult r = await _cli.RunAsync("incidents");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Run 'defender365 incidents --help' for usage.", r.Err);
    }
}
