using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client;
using Defender365Typed.Cli.Emulation;

namespace Defender365Typed.Cli.Settings;

/// <summary>A signed-in client for one command: against the configured tenant, or the emulator with <c>--emulator</c>.</summary>
internal sealed class Connection : IDisposable
{
    private readonly DefenderAuthenticator? _ownedAuth;

    private Connection(DefenderClient client, DefenderCloud cloud, DefenderAuthenticator? ownedAuth)
    {
        Client = client;
        Cloud = cloud;
        _ownedAuth = ownedAuth;
    }

    public DefenderClient Client { get; }

    public DefenderCloud Cloud { get; }

    public static async Task<Connection> OpenAsync(CliRun run, ParseResult parse, ConnectionOptions options, CancellationToken cancellationToken)
    {
        if (parse.GetValue(run.EmulatorOption))
        {
            EmulatorSession session = await run.EmulatorAsync(cancellationToken);
            DefenderAuthenticator shared = await session.SignedInAsync(run.Err, cancellationToken);
            return new Connection(DefenderClient.Create(session.ClientOptions(), shared), session.Cloud, null);
        }

        ResolvedSettings settings = options.Resolve(parse, run.Context);
        DefenderAuthOptions auth = settings.ToAuthOptions(run.Context,
            () => run.Context.ReadSecret("Client secret (not echoed): ", run.Err));
        var authenticator = new DefenderAuthenticator(auth);
        return new Connection(DefenderClient.Create(new DefenderClientOptions { Cloud = auth.Cloud }, authenticator), auth.Cloud, authenticator);
    }

    public void Dispose()
    {
        Client.Dispose();
        _ownedAuth?.Dispose();
    }
}
