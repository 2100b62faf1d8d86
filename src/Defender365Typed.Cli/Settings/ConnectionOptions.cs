using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Defender365Typed.Client.Auth;

namespace Defender365Typed.Cli.Settings;

/// <summary>One setting's value and where it came from (an option, an environment variable, the config file).</summary>
internal readonly record struct Setting(string? Value, string Source)
{
    public bool IsSet => !string.IsNullOrEmpty(Value);
}

/// <summary>The options that say which tenant, app and cloud to use, on every command that calls Defender.</summary>
internal sealed class ConnectionOptions
{
    public static readonly string[] CloudNames = ["Global", "UsGovGcc", "UsGovGccHigh", "UsGovDod", "China"];
    public static readonly string[] TokenCacheNames = ["protected", "plaintext", "memory"];
    public static readonly string[] FlowNames = ["deviceCode", "authCode", "authCodeWeb", "clientSecret", "certificate", "managedIdentity"];

    /// <summary>The confidential (web app) authorization code flow: the code is redeemed with the client secret.</summary>
    public const string WebAuthCodeFlowName = "authCodeWeb";

    public Option<string?> Tenant { get; } = new("--tenant") { Description = "Tenant ID or domain [env " + EnvironmentNames.TenantId + "].", HelpName = "id" };

    public Option<string?> ClientId { get; } = new("--client-id")
    {
        Description = "App registration (client) ID; with --managed-identity, the user-assigned identity's client ID [env " + EnvironmentNames.ClientId + "].",
        HelpName = "id",
    };

    public Option<string?> Cloud { get; } = new("--cloud") { Description = "Global, UsGovGcc, UsGovGccHigh, UsGovDod or China [env " + EnvironmentNames.Cloud + "].", HelpName = "name" };

    public Option<string?> TokenCache { get; } = new("--token-cache")
    {
        Description = "Where sign-ins are kept between runs: protected (OS keyring, default), plaintext (a 0600 file) or memory [env " + EnvironmentNames.TokenCache + "].",
        HelpName = "mode",
    };

    public void AddTo(Command command)
    {
        Choices.Restrict(Cloud, CloudNames);
        Choices.Restrict(TokenCache, TokenCacheNames);
        command.Options.Add(Tenant);
        command.Options.Add(ClientId);
        command.Options.Add(Cloud);
        command.Options.Add(TokenCache);
    }

    /// <summary>Resolves every setting: option, then environment variable, then config file.</summary>
    public ResolvedSettings Resolve(ParseResult parse, CliContext context)
    {
        string configPath = context.ResolveConfigPath();
        CliConfig config = CliConfig.Load(configPath);
        Setting Pick(Option<string?>? option, string env, string? fromConfig, string? fallback = null)
        {
            if (option is not null && parse.GetValue(option) is { Length: > 0 } v)
            {
                return new Setting(v, option.Name);
            }

            if (context.GetEnvironmentVariable(env) is { Length: > 0 } e)
            {
                return new Setting(e, "env " + env);
            }

            if (!string.IsNullOrEmpty(fromConfig))
            {
                return new Setting(fromConfig, "config file");
            }

            return new Setting(fallback, fallback is null ? "not set" : "default");
        }

        return new ResolvedSettings
        {
            ConfigPath = configPath,
            Config = config,
            TenantId = Pick(Tenant, EnvironmentNames.TenantId, config.TenantId),
            ClientId = Pick(ClientId, EnvironmentNames.ClientId, config.ClientId),
            Cloud = Pick(Cloud, EnvironmentNames.Cloud, config.Cloud, "Global"),
            TokenCache = Pick(TokenCache, EnvironmentNames.TokenCache, config.TokenCache, "protected"),
            Flow = Pick(null, EnvironmentNames.AuthFlow, config.AuthFlow, "deviceCode"),
            CertificatePath = Pick(null, EnvironmentNames.CertificatePath, config.CertificatePath),
            CertificatePasswordEnv = Pick(null, EnvironmentNames.CertificatePasswordEnv, config.CertificatePasswordEnv),
            ManagedIdentityClientId = Pick(null, EnvironmentNames.ManagedIdentityClientId, config.ManagedIdentityClientId),
            RedirectUri = Pick(null, EnvironmentNames.RedirectUri, config.RedirectUri),
        };
    }
}

/// <summary>The resolved sign-in settings of one run.</summary>
internal sealed class ResolvedSettings
{
    public required string ConfigPath { get; init; }

    public required CliConfig Config { get; init; }

    public required Setting TenantId { get; set; }

    public required Setting ClientId { get; set; }

    public required Setting Cloud { get; set; }

    public required Setting TokenCache { get; set; }

    public required Setting Flow { get; set; }

    public required Setting CertificatePath { get; set; }

    public required Setting CertificatePasswordEnv { get; set; }

    public required Setting ManagedIdentityClientId { get; set; }

    /// <summary>The redirect URI registered for the authorization code flows (default <c>http://localhost</c>).</summary>
    public required Setting RedirectUri { get; set; }

    /// <summary>Whether the flow is the confidential authorization code flow (<c>authCodeWeb</c>).</summary>
    public bool IsWebAuthCode =>
        string.Equals(Choices.Find(Flow.Value ?? string.Empty, ConnectionOptions.FlowNames), ConnectionOptions.WebAuthCodeFlowName, StringComparison.Ordinal);

    public string ConfigFolder => Path.GetDirectoryName(Path.GetFullPath(ConfigPath)) ?? ".";

    public string TokenCachePath => Path.Combine(ConfigFolder, TokenCacheMode == Client.Auth.TokenCacheMode.PlainFile ? "msal-cache.json" : "msal-cache.bin");

    public DefenderAuthFlow AuthFlow => ParseFlow(Flow.Value);

    public TokenCacheMode TokenCacheMode => Choices.Canonical(TokenCache.Value, ConnectionOptions.TokenCacheNames, "token cache mode", TokenCache.Source) switch
    {
        "plaintext" => Client.Auth.TokenCacheMode.PlainFile,
        "memory" => Client.Auth.TokenCacheMode.Memory,
        _ => Client.Auth.TokenCacheMode.Protected,
    };

    public DefenderCloud ResolveCloud() => Choices.Canonical(Cloud.Value, ConnectionOptions.CloudNames, "cloud", Cloud.Source) switch
    {
        "UsGovGcc" => DefenderCloud.UsGovGcc,
        "UsGovGccHigh" => DefenderCloud.UsGovGccHigh,
        "UsGovDod" => DefenderCloud.UsGovDod,
        "China" => DefenderCloud.China,
        _ => DefenderCloud.Global,
    };

    public static DefenderAuthFlow ParseFlow(string? name) => Choices.Canonical(name ?? "deviceCode", ConnectionOptions.FlowNames, "sign-in flow", "settings") switch
    {
        "authCode" or ConnectionOptions.WebAuthCodeFlowName => DefenderAuthFlow.AuthorizationCode,
        "clientSecret" => DefenderAuthFlow.ClientSecret,
        "certificate" => DefenderAuthFlow.ClientCertificate,
        "managedIdentity" => DefenderAuthFlow.ManagedIdentity,
        _ => DefenderAuthFlow.DeviceCode,
    };

    public static string FlowName(DefenderAuthFlow flow) => flow switch
    {
        DefenderAuthFlow.AuthorizationCode => "authCode",
        DefenderAuthFlow.ClientSecret => "clientSecret",
        DefenderAuthFlow.ClientCertificate => "certificate",
        DefenderAuthFlow.ManagedIdentity => "managedIdentity",
        _ => "deviceCode",
    };

    /// <summary>
    /// The authenticator's options. Secrets come only from the environment or a prompt (<paramref name="readSecret"/>),
    /// never from options or the config file.
    /// </summary>
    /// <exception cref="CliException">A required setting is missing (exit 2).</exception>
    public DefenderAuthOptions ToAuthOptions(CliContext context, Func<string?>? readSecret)
    {
        DefenderAuthFlow flow = AuthFlow;
        var options = new DefenderAuthOptions { Cloud = ResolveCloud(), Flow = flow };
        if (flow == DefenderAuthFlow.ManagedIdentity)
        {
            options.ManagedIdentityClientId = ManagedIdentityClientId.Value;
            return options;
        }

        options.TenantId = TenantId.IsSet ? TenantId.Value
            : throw CliException.Usage($"No tenant: pass --tenant <id>, set {EnvironmentNames.TenantId}, or save it with `defender365 auth login --tenant <id> --client-id <app-id>`.");
        options.ClientId = ClientId.IsSet ? ClientId.Value
            : throw CliException.Usage($"No app (client) ID: pass --client-id <id>, set {EnvironmentNames.ClientId}, or save it with `defender365 auth login`.");
        TokenCacheMode mode = TokenCacheMode;
        options.TokenCache = new TokenCacheOptions
        {
            Mode = mode,
            FilePath = mode == Client.Auth.TokenCacheMode.Memory ? null : TokenCachePath,
            AllowUnprotectedFile = mode == Client.Auth.TokenCacheMode.PlainFile,
        };
        if (mode != Client.Auth.TokenCacheMode.Memory)
        {
            Directory.CreateDirectory(ConfigFolder);
        }

        if (flow == DefenderAuthFlow.AuthorizationCode && RedirectUri.IsSet)
        {
            options.RedirectUri = Uri.TryCreate(RedirectUri.Value, UriKind.Absolute, out Uri? redirect) && redirect.Scheme is "https" or "http"
                ? redirect
                : throw CliException.Usage($"The redirect URI '{RedirectUri.Value}' ({RedirectUri.Source}) is not an absolute http(s) URL.");
        }

        switch (flow)
        {
            case DefenderAuthFlow.ClientSecret:
            case DefenderAuthFlow.AuthorizationCode when IsWebAuthCode:
                string? secret = context.GetEnvironmentVariable(EnvironmentNames.ClientSecret);
                if (string.IsNullOrEmpty(secret))
                {
                    secret = readSecret?.Invoke();
                }

                options.ClientSecret = string.IsNullOrEmpty(secret)
                    ? throw CliException.Usage($"No client secret: set {EnvironmentNames.ClientSecret} (it is never read from options or the config file).")
                    : secret;
                break;
            case DefenderAuthFlow.ClientCertificate:
                string path = CertificatePath.IsSet ? context.ResolvePath(CertificatePath.Value!)
                    : throw CliException.Usage($"No certificate: pass --certificate <path> or set {EnvironmentNames.CertificatePath}.");
                if (!File.Exists(path))
                {
                    throw CliException.Usage($"The certificate file {path} does not exist.");
                }

                var certificate = new ClientCertificateOptions();
                string ext = Path.GetExtension(path).ToUpperInvariant();
                if (ext is ".PEM" or ".CRT" or ".CER")
                {
                    certificate.PemCertificatePath = path;
                }
                else
                {
                    certificate.PfxPath = path;
                }

                if (CertificatePasswordEnv.IsSet)
                {
                    certificate.PfxPassword = context.GetEnvironmentVariable(CertificatePasswordEnv.Value!)
                        ?? throw CliException.Usage($"The certificate password variable {CertificatePasswordEnv.Value} is not set.");
                }

                options.Certificate = certificate;
                break;
        }

        return options;
    }
}

/// <summary>Case-insensitive choices for string options, with a clear message for anything else.</summary>
internal static class Choices
{
    public static void Restrict(Option<string?> option, string[] allowed)
    {
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string?>();
            if (value is not null && Find(value, allowed) is null)
            {
                result.AddError($"{option.Name}: '{value}' is not valid; use one of {string.Join(", ", allowed)}.");
            }
        });
    }

    public static void Restrict(Option<string[]> option, string[] allowed)
    {
        option.Validators.Add(result =>
        {
            foreach (string value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (Find(value, allowed) is null)
                {
                    result.AddError($"{option.Name}: '{value}' is not valid; use one of {string.Join(", ", allowed)}.");
                }
            }
        });
    }

    public static string? Find(string value, string[] allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));

    public static string Canonical(string? value, string[] allowed, string what, string source) =>
        value is not null && Find(value, allowed) is string found
            ? found
            : throw CliException.Usage($"'{value}' ({source}) is not a valid {what}; use one of {string.Join(", ", allowed)}.");
}
