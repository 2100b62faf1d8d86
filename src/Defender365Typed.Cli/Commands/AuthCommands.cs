using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client;
using Defender365Typed.Cli.Emulation;
using Defender365Typed.Cli.Settings;

namespace Defender365Typed.Cli.Commands;

/// <summary><c>auth login | test | status | reset</c>.</summary>
internal static class AuthCommands
{
    private static readonly string[] CacheFiles = ["msal-cache.bin", "msal-cache.json"];

    public static Command Create(CliRun run)
    {
        var command = new Command("auth", "Sign in to Entra ID, test the sign-in, show the settings in force, sign out.");
        command.Subcommands.Add(Login(run));
        command.Subcommands.Add(Test(run));
        command.Subcommands.Add(Status(run));
        command.Subcommands.Add(Reset(run));
        return command;
    }

    private static Command Login(CliRun run)
    {
        var secret = new Option<bool>("--client-secret")
        {
            Description = $"App-only sign-in with a client secret, read from {EnvironmentNames.ClientSecret} or asked for (never echoed, never stored, never logged). "
                + "With --auth-code: the confidential (web app) authorization code flow, which redeems the code with this secret.",
        };
        var certificate = new Option<string?>("--certificate") { Description = "App-only sign-in with a certificate: a .pfx/.p12 file, or a .pem with its key.", HelpName = "path" };
        var passwordEnv = new Option<string?>("--certificate-password-env") { Description = "The environment variable that holds the .pfx password (the name is saved, never the password).", HelpName = "VAR" };
        var authCode = new Option<bool>("--auth-code")
        {
            Description = "Delegated sign-in with an authorization code (state and PKCE): open the printed URL, then paste the URL the browser lands on, or only its code.",
        };
        var redirectUri = new Option<string?>("--redirect-uri")
        {
            Description = $"With --auth-code: the redirect URI registered for the app (default http://localhost; a web app's is usually https) [env {EnvironmentNames.RedirectUri}].",
            HelpName = "url",
        };
        var managedIdentity = new Option<bool>("--managed-identity") { Description = "App-only sign-in with the Azure managed identity (user-assigned with --client-id)." };
        var connection = new ConnectionOptions();
        var command = new Command("login",
            "Sign in and save the (non-secret) settings to the config file. Device code by default: open the URL shown and enter the code.")
        {
            secret, certificate, passwordEnv, authCode, redirectUri, managedIdentity,
        };
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            bool web = parse.GetValue(authCode) && parse.GetValue(secret); // the seed's confidential authorization code flow
            int flags = (parse.GetValue(secret) && !web ? 1 : 0) + (parse.GetValue(certificate) is not null ? 1 : 0) + (parse.GetValue(authCode) ? 1 : 0)
                + (parse.GetValue(managedIdentity) ? 1 : 0);
            if (flags > 1)
            {
                throw CliException.Usage("Choose one sign-in: --client-secret, --certificate, --auth-code (with --client-secret for a web app) or --managed-identity (device code when none).");
            }

            if (parse.GetValue(redirectUri) is not null && !parse.GetValue(authCode))
            {
                throw CliException.Usage("--redirect-uri goes with --auth-code.");
            }

            if (parse.GetValue(passwordEnv) is not null && parse.GetValue(certificate) is null)
            {
                throw CliException.Usage("--certificate-password-env goes with --certificate.");
            }

            DefenderAuthFlow flow = web ? DefenderAuthFlow.AuthorizationCode
                : parse.GetValue(secret) ? DefenderAuthFlow.ClientSecret
                : parse.GetValue(certificate) is not null ? DefenderAuthFlow.ClientCertificate
                : parse.GetValue(authCode) ? DefenderAuthFlow.AuthorizationCode
                : parse.GetValue(managedIdentity) ? DefenderAuthFlow.ManagedIdentity
                : DefenderAuthFlow.DeviceCode;

            if (parse.GetValue(run.EmulatorOption))
            {
                return await EmulatorLoginAsync(run, flow, web, ct);
            }

            ResolvedSettings settings = connection.Resolve(parse, run.Context);
            settings.Flow = new Setting(web ? ConnectionOptions.WebAuthCodeFlowName : ResolvedSettings.FlowName(flow), "option");
            if (parse.GetValue(redirectUri) is string redirect)
            {
                settings.RedirectUri = new Setting(redirect, "--redirect-uri");
            }
            if (parse.GetValue(certificate) is string path)
            {
                settings.CertificatePath = new Setting(run.Context.ResolvePath(path), "--certificate");
                settings.CertificatePasswordEnv = new Setting(parse.GetValue(passwordEnv), "--certificate-password-env");
            }

            if (flow == DefenderAuthFlow.ManagedIdentity && parse.GetValue(connection.ClientId) is string miClient)
            {
                settings.ManagedIdentityClientId = new Setting(miClient, "--client-id");
            }

            DefenderAuthOptions options = settings.ToAuthOptions(run.Context, () => run.Context.ReadSecret("Client secret (not echoed): ", run.Err));
            using var auth = new DefenderAuthenticator(options);
            DefenderSignIn signIn = await SignInAsync(run, auth, flow, ct);
            await PrintSignInAsync(run.Out, signIn);
            if (settings.TokenCacheMode == TokenCacheMode.Memory && flow is DefenderAuthFlow.DeviceCode or DefenderAuthFlow.AuthorizationCode)
            {
                await run.Err.WriteLineAsync("note: --token-cache memory keeps the sign-in only for this run; other commands will ask again.");
            }

            Save(settings, flow, web);
            await run.Out.WriteLineAsync($"Saved the sign-in settings (no secrets) to {settings.ConfigPath}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> EmulatorLoginAsync(CliRun run, DefenderAuthFlow flow, bool web, CancellationToken ct)
    {
        EmulatorSession session = await run.EmulatorAsync(ct);
        DefenderAuthOptions options = session.AuthOptions(flow);
        if (flow == DefenderAuthFlow.ClientSecret || web)
        {
            string? secret = run.Context.GetEnvironmentVariable(EnvironmentNames.ClientSecret);
            if (string.IsNullOrEmpty(secret))
            {
                secret = run.Context.ReadSecret("Client secret (not echoed): ", run.Err);
            }

            if (string.IsNullOrEmpty(secret))
            {
                throw CliException.Usage($"No client secret: set {EnvironmentNames.ClientSecret}.");
            }

            session.AcceptClientSecret(secret);
            options.ClientId = EmulatorSession.ConfidentialClientId;
            options.ClientSecret = secret;
            if (web)
            {
                options.RedirectUri = EmulatorSession.WebRedirectUri;
            }
        }
        else if (flow is not (DefenderAuthFlow.DeviceCode or DefenderAuthFlow.AuthorizationCode))
        {
            throw CliException.Usage("With --emulator, auth login supports the device code (default), --auth-code (with or without --client-secret) and --client-secret sign-ins.");
        }

        using var auth = new DefenderAuthenticator(options);
        DefenderSignIn signIn = await SignInAsync(run, auth, flow, ct);
        await PrintSignInAsync(run.Out, signIn);
        return ExitCodes.Ok;
    }

    private static async Task<DefenderSignIn> SignInAsync(CliRun run, DefenderAuthenticator auth, DefenderAuthFlow flow, CancellationToken ct)
    {
        switch (flow)
        {
            case DefenderAuthFlow.DeviceCode:
                DeviceCodeChallenge challenge = await auth.StartDeviceCodeAsync(ct);
                await run.Err.WriteLineAsync(challenge.Message);
                if (run.Context.Emulator is not null || challenge.VerificationUri.IsLoopback)
                {
                    await run.Err.WriteLineAsync("(the emulator approves the code automatically)");
                }

                return await challenge.CompleteAsync(ct);
            case DefenderAuthFlow.AuthorizationCode:
                AuthorizationCodeChallenge code = await auth.StartAuthorizationCodeAsync(ct);
                await run.Err.WriteLineAsync("Open this URL in a browser and sign in:");
                await run.Err.WriteLineAsync(code.AuthorizationUri.ToString());
                if (run.Context.Emulator is not null)
                {
                    await run.Err.WriteLineAsync("(the emulator approves at once; `curl -ksI '<url>'` shows the landing URL in its Location header)");
                }

                await run.Err.WriteLineAsync($"Then paste the full URL the browser was sent to ({code.RedirectUri}...), or only its code:");
                string? line = run.Context.ReadLine();
                if (string.IsNullOrWhiteSpace(line))
                {
                    throw CliException.Usage("Nothing was pasted; the sign-in was not completed.");
                }

                try
                {
                    return await code.CompleteAsync(line, ct);
                }
                catch (DefenderAuthenticationException ex) when (ex.Kind == AuthFailureKind.InvalidAuthorizationCode && ex.AadstsCode is null)
                {
                    throw CliException.Usage(ex.Message); // a paste mistake: nothing was sent
                }
            default:
                return await auth.TestAsync(DefenderApi.Graph, ct);
        }
    }

    private static Task PrintSignInAsync(TextWriter output, DefenderSignIn signIn) =>
        output.WriteLineAsync($"Signed in ({ResolvedSettings.FlowName(signIn.Flow)}) as {signIn.UserName ?? "the app"}"
            + (signIn.TenantId is null ? string.Empty : $" in tenant {signIn.TenantId}")
            + $"; the {signIn.Api} token is valid until {signIn.ExpiresOn.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.");

    private static void Save(ResolvedSettings settings, DefenderAuthFlow flow, bool web)
    {
        CliConfig config = settings.Config;
        config.AuthFlow = web ? ConnectionOptions.WebAuthCodeFlowName : ResolvedSettings.FlowName(flow);
        config.RedirectUri = flow == DefenderAuthFlow.AuthorizationCode ? settings.RedirectUri.Value ?? config.RedirectUri : null;
        config.TenantId = settings.TenantId.Value ?? config.TenantId;
        config.ClientId = flow == DefenderAuthFlow.ManagedIdentity ? config.ClientId : settings.ClientId.Value ?? config.ClientId;
        config.Cloud = settings.Cloud.Source == "default" ? config.Cloud : settings.Cloud.Value;
        config.TokenCache = settings.TokenCache.Source == "default" ? config.TokenCache : settings.TokenCache.Value;
        config.CertificatePath = flow == DefenderAuthFlow.ClientCertificate ? settings.CertificatePath.Value : null;
        config.CertificatePasswordEnv = flow == DefenderAuthFlow.ClientCertificate ? settings.CertificatePasswordEnv.Value : null;
        config.ManagedIdentityClientId = flow == DefenderAuthFlow.ManagedIdentity ? settings.ManagedIdentityClientId.Value : null;
        config.Save(settings.ConfigPath);
    }

    private static Command Test(CliRun run)
    {
        var connection = new ConnectionOptions();
        var command = new Command("test", "Get a token with the saved sign-in (no Defender API call) and show who and until when. Exit 3 when it fails.");
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            DefenderSignIn signIn;
            if (parse.GetValue(run.EmulatorOption))
            {
                EmulatorSession session = await run.EmulatorAsync(ct);
                DefenderAuthenticator shared = await session.SignedInAsync(run.Err, ct);
                signIn = await shared.TestAsync(DefenderApi.Graph, ct);
            }
            else
            {
                ResolvedSettings settings = connection.Resolve(parse, run.Context);
                using var auth = new DefenderAuthenticator(settings.ToAuthOptions(run.Context, () => run.Context.ReadSecret("Client secret (not echoed): ", run.Err)));
                signIn = await auth.TestAsync(DefenderApi.Graph, ct);
            }

            await run.Out.WriteLineAsync("OK: " + (signIn.UserName ?? "app-only") + (signIn.TenantId is null ? string.Empty : " in tenant " + signIn.TenantId)
                + $" ({ResolvedSettings.FlowName(signIn.Flow)}); token valid until {signIn.ExpiresOn.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status(CliRun run)
    {
        var connection = new ConnectionOptions();
        var command = new Command("status", "Show the settings in force and where each comes from (option, environment, config file). Sends nothing; never shows a secret.");
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            TextWriter o = run.Out;
            if (parse.GetValue(run.EmulatorOption))
            {
                EmulatorSession session = await run.EmulatorAsync(ct);
                await o.WriteLineAsync($"Emulator:        {session.Emulator.BaseUri} (in-process, loopback)");
                await o.WriteLineAsync($"Tenant:          {session.TenantId}");
                await o.WriteLineAsync($"Client ID:       {EmulatorSession.ClientId}");
                await o.WriteLineAsync("Flow:            deviceCode (approved automatically)");
                await o.WriteLineAsync($"Hunting answers: {session.Data.Description}");
                return ExitCodes.Ok;
            }

            ResolvedSettings s = connection.Resolve(parse, run.Context);
            bool configExists = File.Exists(s.ConfigPath);
            await o.WriteLineAsync($"Config file:     {s.ConfigPath}{(configExists ? string.Empty : " (none)")}");
            await o.WriteLineAsync(Line("Tenant", s.TenantId));
            await o.WriteLineAsync(Line("Client ID", s.ClientId));
            await o.WriteLineAsync(Line("Cloud", s.Cloud));
            await o.WriteLineAsync(Line("Flow", s.Flow));
            DefenderAuthFlow flow = ResolvedSettings.ParseFlow(s.Flow.Value);
            if (flow == DefenderAuthFlow.AuthorizationCode)
            {
                await o.WriteLineAsync(Line("Redirect URI", s.RedirectUri.IsSet ? s.RedirectUri : new Setting("http://localhost", "default")));
            }

            if (flow == DefenderAuthFlow.ClientSecret || s.IsWebAuthCode)
            {
                bool set = !string.IsNullOrEmpty(run.Context.GetEnvironmentVariable(EnvironmentNames.ClientSecret));
                await o.WriteLineAsync($"Client secret:   {(set ? "set" : "not set")} (env {EnvironmentNames.ClientSecret}; never shown)");
            }

            if (flow == DefenderAuthFlow.ClientCertificate)
            {
                await o.WriteLineAsync(Line("Certificate", s.CertificatePath));
                await o.WriteLineAsync(Line("Password env", s.CertificatePasswordEnv));
            }

            if (flow == DefenderAuthFlow.ManagedIdentity)
            {
                await o.WriteLineAsync(Line("MI client ID", s.ManagedIdentityClientId));
            }

            await o.WriteLineAsync(Line("Token cache", s.TokenCache));
            if (s.TokenCacheMode != TokenCacheMode.Memory)
            {
                await o.WriteLineAsync($"Cache file:      {s.TokenCachePath}{(File.Exists(s.TokenCachePath) ? string.Empty : " (none yet)")}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Line(string name, Setting setting) =>
        (name + ":").PadRight(17) + (setting.IsSet ? setting.Value + " (" + setting.Source + ")" : "not set");

    private static Command Reset(CliRun run)
    {
        var connection = new ConnectionOptions();
        var command = new Command("reset", "Sign out: delete the cached tokens and accounts. The config file's settings stay.");
        connection.AddTo(command);
        command.SetAction(run.Guard(async (parse, ct) =>
        {
            if (parse.GetValue(run.EmulatorOption))
            {
                await run.Out.WriteLineAsync("The emulator keeps its sign-in in memory only; nothing to reset.");
                return ExitCodes.Ok;
            }

            ResolvedSettings s = connection.Resolve(parse, run.Context);
            bool webWithoutSecret = s.IsWebAuthCode && string.IsNullOrEmpty(run.Context.GetEnvironmentVariable(EnvironmentNames.ClientSecret));
            if (s.TenantId.IsSet && s.ClientId.IsSet && s.AuthFlow is DefenderAuthFlow.DeviceCode or DefenderAuthFlow.AuthorizationCode && !webWithoutSecret)
            {
                using var auth = new DefenderAuthenticator(s.ToAuthOptions(run.Context, readSecret: null));
                await auth.ResetAsync(ct);
            }

            int deleted = 0;
            foreach (string file in CacheFiles)
            {
                string path = Path.Combine(s.ConfigFolder, file);
                if (File.Exists(path))
                {
                    File.Delete(path);
                    deleted++;
                }
            }

            await run.Out.WriteLineAsync(deleted > 0 ? $"Signed out: deleted the token cache in {s.ConfigFolder}." : "Signed out: no cached tokens were left.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
