using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;

namespace Defender365Typed.Client.Tests;

/// <summary>Managed identity reads process-wide environment variables, so these tests run alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class ManagedIdentityTests : EmulatorTest
{
    [Fact]
    public async Task System_and_user_assigned_managed_identities_get_tokens_from_the_App_Service_endpoint()
    {
        H.Emulator.Directory.SystemAssignedIdentity.GrantApplication(Harness.Graph, "SecurityIncident.Read.All");
        H.Emulator.Directory.AddUserAssignedIdentity("uami-client-id").GrantApplication(Harness.Legacy, "Incident.Read.All");
        H.Emulator.Incidents.Seed(2);
        string? endpoint = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"), header = Environment.GetEnvironmentVariable("IDENTITY_HEADER");
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", H.Emulator.ManagedIdentityEndpoint.ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", H.Emulator.ManagedIdentity.Header);
        try
        {
            using DefenderAuthenticator system = H.Authenticator(new DefenderAuthOptions { Cloud = H.Cloud, Flow = DefenderAuthFlow.ManagedIdentity });
            using DefenderClient systemClient = H.Client(system);
            Assert.Equal(2, (await systemClient.Incidents.ListAsync().ToListAsync()).Count);

            using DefenderAuthenticator user = H.Authenticator(new DefenderAuthOptions { Cloud = H.Cloud, Flow = DefenderAuthFlow.ManagedIdentity, ManagedIdentityClientId = "uami-client-id" });
            using DefenderClient userClient = H.Client(user);
            Assert.Equal(2, (await userClient.LegacyIncidents.ListAsync().ToListAsync()).Count);
            DefenderPermissionException ex = await H.ThrowsAsync<DefenderPermissionException>(() => userClient.Incidents.ListAsync().ToListAsync().AsTask());
            Assert.Equal("SecurityIncident.Read.All", ex.RequiredPermission);
            Assert.Equal(3, H.Emulator.ManagedIdentity.TokensIssued);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", endpoint);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", header);
        }
    }
}

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment
{
}

public sealed class TokenCacheTests : EmulatorTest
{
    [Fact]
    public async Task A_plain_file_cache_needs_an_explicit_opt_in()
    {
        H.PublicApp();
        DefenderAuthOptions options = H.AuthOptions(DefenderAuthFlow.DeviceCode, "app-public");
        options.TokenCache = new TokenCacheOptions { Mode = TokenCacheMode.PlainFile, FilePath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "cache.bin") };
        using DefenderAuthenticator auth = H.Authenticator(options);
        DefenderConfigurationException ex = await H.ThrowsAsync<DefenderConfigurationException>(() => auth.StartDeviceCodeAsync());
        Assert.Contains("AllowUnprotectedFile", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.TokenCache.FilePath));
    }

    [Fact]
    public async Task A_plain_file_cache_is_0600_survives_a_restart_and_is_refused_once_widened()
    {
        H.PublicApp();
        H.Emulator.Entra.AutoApproveDeviceCodes = true;
        string dir = Path.Combine(Path.GetTempPath(), "d365-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(dir, "msal.cache");
        DefenderAuthOptions Options()
        {
            DefenderAuthOptions o = H.AuthOptions(DefenderAuthFlow.DeviceCode, "app-public");
            o.TokenCache = new TokenCacheOptions { Mode = TokenCacheMode.PlainFile, FilePath = path, AllowUnprotectedFile = true };
            return o;
        }

        try
        {
            using (DefenderAuthenticator first = H.Authenticator(Options()))
            {
                await (await first.StartDeviceCodeAsync()).CompleteAsync();
            }

            Assert.True(File.Exists(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
            }

            using (DefenderAuthenticator restarted = H.Authenticator(Options()))
            {
                DefenderSignIn signIn = await restarted.TestAsync(); // silent, from the file: no new device code
                Assert.Equal("analyst@contoso.example", signIn.UserName);
                Assert.Equal(1, H.Emulator.Entra.GrantCount("device_code"));

                await restarted.ResetAsync();
                Assert.False(File.Exists(path));
            }

            if (!OperatingSystem.IsWindows())
            {
                using (DefenderAuthenticator again = H.Authenticator(Options()))
                {
                    await (await again.StartDeviceCodeAsync()).CompleteAsync();
                }

                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
                using DefenderAuthenticator widened = H.Authenticator(Options());
                DefenderConfigurationException ex = await H.ThrowsAsync<DefenderConfigurationException>(() => widened.TestAsync());
                Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [KeyringFact]
    public async Task The_protected_cache_works_and_keeps_tokens_out_of_its_files()
    {
        H.SecretApp();
        (DefenderAuthenticator auth, string dir) = ProtectedCacheAuthenticator();
        using (auth)
        {
            try
            {
                DefenderSignIn signIn = await auth.TestAsync();
                Assert.Equal(DefenderAuthFlow.ClientSecret, signIn.Flow);
                await AssertNoTokenInFilesAsync(dir);
            }
            finally
            {
                DeleteDirectory(dir);
            }
        }
    }

    [NoKeyringFact]
    public async Task Without_an_OS_keyring_the_protected_cache_fails_loudly_and_never_falls_back_to_plain_text()
    {
        H.SecretApp();
        (DefenderAuthenticator auth, string dir) = ProtectedCacheAuthenticator();
        using (auth)
        {
            try
            {
                DefenderConfigurationException ex = await H.ThrowsAsync<DefenderConfigurationException>(() => auth.TestAsync());
                Assert.StartsWith("The OS cannot protect the token cache here", ex.Message, StringComparison.Ordinal);
                await AssertNoTokenInFilesAsync(dir);
            }
            finally
            {
                DeleteDirectory(dir);
            }
        }
    }

    private (DefenderAuthenticator Auth, string Dir) ProtectedCacheAuthenticator()
    {
        string dir = Path.Combine(Path.GetTempPath(), "d365-" + Guid.NewGuid().ToString("N"));
        DefenderAuthOptions options = H.AuthOptions(DefenderAuthFlow.ClientSecret, "app-secret");
        options.TokenCache = new TokenCacheOptions { Mode = TokenCacheMode.Protected, FilePath = Path.Combine(dir, "protected.cache") };
        return (H.Authenticator(options), dir);
    }

    private async Task AssertNoTokenInFilesAsync(string dir)
    {
        foreach (string file in Directory.Exists(dir) ? Directory.GetFiles(dir) : [])
        {
            string content = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain(H.Emulator.Tokens.IssuedSecrets, token => content.Contains(token, StringComparison.Ordinal));
        }
    }

    private static void DeleteDirectory(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

public sealed class TransportAndCloudTests : EmulatorTest
{
    [Fact]
    public void Every_cloud_has_its_login_host_API_hosts_and_scopes()
    {
        Assert.Equal(("https://login.microsoftonline.com/", "https://graph.microsoft.com/", "https://api.security.microsoft.com/"),
            (DefenderCloud.Global.LoginHost.ToString(), DefenderCloud.Global.GraphBaseUri.ToString(), DefenderCloud.Global.LegacyApiBaseUri!.ToString()));
        Assert.Equal("https://graph.microsoft.com/.default", DefenderCloud.Global.ScopeFor(DefenderApi.Graph));
        Assert.Equal("https://api.security.microsoft.com/.default", DefenderCloud.Global.ScopeFor(DefenderApi.Legacy));
        Assert.Equal("https://api-gcc.security.microsoft.us/", DefenderCloud.UsGovGcc.LegacyApiBaseUri!.ToString());
        Assert.Equal("https://graph.microsoft.com/", DefenderCloud.UsGovGcc.GraphBaseUri.ToString());
        Assert.Equal("https://login.microsoftonline.us/", DefenderCloud.UsGovGccHigh.LoginHost.ToString());
        Assert.Equal("https://graph.microsoft.us/.default", DefenderCloud.UsGovGccHigh.GraphScope);
        Assert.Equal("https://dod-graph.microsoft.us/", DefenderCloud.UsGovDod.GraphBaseUri.ToString());
        Assert.Equal("https://api-gov.security.microsoft.us/.default", DefenderCloud.UsGovDod.LegacyScope);
        Assert.Equal("https://login.chinacloudapi.cn/", DefenderCloud.China.LoginHost.ToString());
        Assert.Throws<NotSupportedException>(() => DefenderCloud.China.BaseUriFor(DefenderApi.Legacy));
        Assert.Same(DefenderCloud.Global, new DefenderClientOptions().Cloud);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("https://emulator.contoso.example/")]
    [InlineData("https://10.0.0.5/")]
    public void An_emulator_cloud_must_be_https_on_loopback(string address) =>
        Assert.Throws<ArgumentException>(() => DefenderCloud.Emulator(new Uri(address), H.Emulator.ServerCertificate));

    [Fact]
    public async Task Only_the_pinned_certificate_is_trusted_for_the_emulator()
    {
        H.SecretApp();
        using System.Security.Cryptography.RSA key = System.Security.Cryptography.RSA.Create(2048);
        using var other = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=other", key, System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        DefenderAuthOptions options = H.AuthOptions(DefenderAuthFlow.ClientSecret, "app-secret");
        options.Cloud = DefenderCloud.Emulator(H.Emulator.BaseUri, other);
        using DefenderAuthenticator auth = H.Authenticator(options);

        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => auth.TestAsync());
        Assert.Equal(0, H.Emulator.Entra.GrantCount("client_credentials"));
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task A_next_page_link_to_another_host_is_not_followed_with_the_token()
    {
        (DefenderClient client, _) = H.SecretClient();
        DefenderConfigurationException ex = await H.ThrowsAsync<DefenderConfigurationException>(() =>
            client.Incidents.ListAsync(new IncidentQuery { ContinueFrom = new Uri("http://127.0.0.1:1/v1.0/security/incidents") }).ToListAsync().AsTask());
        Assert.Contains("only HTTPS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_tokens_and_certificates_never_print_secrets()
    {
        var token = new DefenderAccessToken("eyJhbGciOi.secret-payload.sig", DateTimeOffset.UtcNow);
        Assert.DoesNotContain("secret-payload", token.ToString(), StringComparison.Ordinal);
        var options = new DefenderAuthOptions { ClientSecret = "top-secret-value", Certificate = new ClientCertificateOptions { PfxPath = "a.pfx", PfxPassword = "pfx-password-value" } };
        Assert.DoesNotContain("top-secret-value", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pfx-password-value", options.ToString(), StringComparison.Ordinal);
        using var auth = new DefenderAuthenticator(options);
        Assert.DoesNotContain("top-secret-value", auth.ToString(), StringComparison.Ordinal);
        Assert.Equal("x=[redacted] Bearer [redacted] [redacted-token]",
            Redaction.Scrub("x=[redacted] Bearer abcdefghijklmnop eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"));
        Assert.Equal("client_secret=[redacted]&code=[redacted]", Redaction.Scrub("client_secret=abc123&code=xyz"));
    }
}
