using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator.Identity;

namespace Defender365Typed.Client.Tests;

public sealed class AuthFlowTests : EmulatorTest
{
    [Fact]
    public async Task Client_secret_signs_in_tests_and_reaches_both_APIs()
    {
        (DefenderClient client, DefenderAuthenticator auth) = H.SecretClient();
        DefenderSignIn signIn = await auth.TestAsync(DefenderApi.Graph);
        Assert.Equal(DefenderAuthFlow.ClientSecret, signIn.Flow);
        Assert.True(signIn.ExpiresOn > DateTimeOffset.UtcNow);
        H.Emulator.Incidents.Seed(2);

        Assert.Equal(2, (await client.Incidents.ListAsync().ToListAsync()).Count);
        Assert.Equal(2, (await client.LegacyIncidents.ListAsync().ToListAsync()).Count);
        Assert.Equal(2, H.Emulator.Entra.GrantCount("client_credentials")); // one token per API, then cached
        await client.Incidents.ListAsync().ToListAsync();
        Assert.Equal(2, H.Emulator.Entra.GrantCount("client_credentials"));
    }

    [Fact]
    public async Task A_wrong_secret_maps_to_an_invalid_credential_without_showing_it()
    {
        H.SecretApp();
        string wrong = "wrong~" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        H.AddSecret(wrong);
        DefenderAuthOptions options = H.AuthOptions(DefenderAuthFlow.ClientSecret, "app-secret");
        options.ClientSecret = wrong;
        using DefenderAuthenticator auth = H.Authenticator(options);

        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => auth.TestAsync());
        Assert.Equal(AuthFailureKind.InvalidClientCredential, ex.Kind);
        Assert.Equal(7000215, ex.AadstsCode);
        Assert.DoesNotContain(wrong, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_app_and_an_unknown_tenant_are_told_apart()
    {
        using DefenderAuthenticator unknownApp = H.Authenticator(H.AuthOptions(DefenderAuthFlow.ClientSecret, "no-such-app"));
        Assert.Equal(AuthFailureKind.UnknownApplication, (await H.ThrowsAsync<DefenderAuthenticationException>(() => unknownApp.TestAsync())).Kind);

        H.SecretApp();
        DefenderAuthOptions options = H.AuthOptions(DefenderAuthFlow.ClientSecret, "app-secret");
        options.TenantId = "contoso-typo.example";
        using DefenderAuthenticator unknownTenant = H.Authenticator(options);
        Assert.Equal(AuthFailureKind.UnknownTenant, (await H.ThrowsAsync<DefenderAuthenticationException>(() => unknownTenant.TestAsync())).Kind);
    }

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    [InlineData("store")]
    [InlineData("instance")]
    public async Task Client_certificate_signs_a_client_assertion_the_emulator_verifies(string source)
    {
        using RSA key = RSA.Create(2048);
        using X509Certificate2 certificate = SelfSigned(key);
        EmulatedApp app = H.Emulator.Directory.AddApp("app-cert");
        app.Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        app.GrantApplication(Harness.Graph, "ThreatHunting.Read.All", "SecurityIncident.Read.All");
        string password = "pfx~" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        H.AddSecret(password);
        string dir = Directory.CreateTempSubdirectory("d365cert").FullName;
        var options = new ClientCertificateOptions();
        X509Store? store = null;
        try
        {
            switch (source)
            {
                case "pfx":
                    options.PfxPath = Path.Combine(dir, "app.pfx");
                    await File.WriteAllBytesAsync(options.PfxPath, certificate.Export(X509ContentType.Pfx, password));
                    options.PfxPassword = password;
                    break;
                case "pem":
                    options.PemCertificatePath = Path.Combine(dir, "app.crt");
                    options.PemKeyPath = Path.Combine(dir, "app.key");
                    await File.WriteAllTextAsync(options.PemCertificatePath, certificate.ExportCertificatePem());
                    await File.WriteAllTextAsync(options.PemKeyPath, key.ExportPkcs8PrivateKeyPem());
                    break;
                case "store":
                    store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
                    store.Open(OpenFlags.ReadWrite);
                    store.Add(certificate);
                    options.StoreThumbprint = certificate.Thumbprint;
                    break;
                default:
                    options.Certificate = certificate;
                    break;
            }

            DefenderAuthOptions auth = H.AuthOptions(DefenderAuthFlow.ClientCertificate, "app-cert");
            auth.Certificate = options;
            using DefenderAuthenticator authenticator = H.Authenticator(auth);
            using DefenderClient client = H.Client(authenticator);
            H.Emulator.Incidents.Seed(1);

            Assert.Single(await client.Incidents.ListAsync().ToListAsync());
            Assert.DoesNotContain(password, options.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            store?.Remove(certificate);
            store?.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_certificate_the_app_does_not_have_is_rejected_and_a_wrong_pfx_password_is_not_echoed()
    {
        using RSA registered = RSA.Create(2048), other = RSA.Create(2048);
        using X509Certificate2 good = SelfSigned(registered), bad = SelfSigned(other);
        EmulatedApp app = H.Emulator.Directory.AddApp("app-cert");
        app.Certificate = X509CertificateLoader.LoadCertificate(good.RawData);
        DefenderAuthOptions options = H.AuthOptions(DefenderAuthFlow.ClientCertificate, "app-cert");
        options.Certificate = new ClientCertificateOptions { Certificate = bad };
        using DefenderAuthenticator auth = H.Authenticator(options);
        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => auth.TestAsync());
        Assert.Equal(AuthFailureKind.InvalidClientCredential, ex.Kind);
        Assert.Equal(700027, ex.AadstsCode);

        string path = Path.GetTempFileName();
        string password = "right~" + Guid.NewGuid().ToString("N"), wrong = "wrong~" + Guid.NewGuid().ToString("N");
        H.AddSecret(password);
        H.AddSecret(wrong);
        try
        {
            await File.WriteAllBytesAsync(path, good.Export(X509ContentType.Pfx, password));
            DefenderAuthOptions pfx = H.AuthOptions(DefenderAuthFlow.ClientCertificate, "app-cert");
            pfx.Certificate = new ClientCertificateOptions { PfxPath = path, PfxPassword = wrong };
            using DefenderAuthenticator badPassword = H.Authenticator(pfx);
            await H.ThrowsAsync<DefenderConfigurationException>(() => badPassword.TestAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Device_code_start_returns_the_code_and_completion_waits_for_the_user()
    {
        H.PublicApp();
        using DefenderAuthenticator auth = H.Authenticator(H.AuthOptions(DefenderAuthFlow.DeviceCode, "app-public"));

        DeviceCodeChallenge challenge = await auth.StartDeviceCodeAsync();
        Assert.Matches("^[A-Z0-9]{9}$", challenge.UserCode);
        Assert.Equal(new Uri(H.Emulator.BaseUri, "devicelogin"), challenge.VerificationUri);
        Assert.InRange(challenge.ExpiresOn, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Contains(challenge.UserCode, challenge.Message, StringComparison.Ordinal);

        Task<DefenderSignIn> completion = challenge.CompleteAsync();
        await Eventually.TrueAsync(() => H.Emulator.Journal.Matching("POST", "/oauth2/v2.0/token").Any(e => e.Status == 400),
            "MSAL to poll and be told authorization_pending");
        Assert.False(completion.IsCompleted); // still polling: authorization_pending
        Assert.True(H.Emulator.Entra.ApproveDeviceCode(challenge.UserCode));

        DefenderSignIn signIn = await completion.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("analyst@contoso.example", signIn.UserName);
        using DefenderClient client = H.Client(auth);
        H.Emulator.Incidents.Seed(1);
        Assert.Single(await client.Incidents.ListAsync().ToListAsync());
        Assert.Single(await client.LegacyIncidents.ListAsync().ToListAsync()); // second resource: silent, from the refresh token
        Assert.Equal(1, H.Emulator.Entra.GrantCount("refresh_token"));
    }

    [Fact]
    public async Task Device_code_declined_or_without_consent_says_why()
    {
        H.PublicApp();
        using DefenderAuthenticator auth = H.Authenticator(H.AuthOptions(DefenderAuthFlow.DeviceCode, "app-public"));
        DeviceCodeChallenge challenge = await auth.StartDeviceCodeAsync();
        H.Emulator.Entra.DeclineDeviceCode(challenge.UserCode);
        Assert.Equal(AuthFailureKind.Declined, (await H.ThrowsAsync<DefenderAuthenticationException>(() => auth.CompleteDeviceCodeAsync())).Kind);

        H.PublicApp("app-no-consent", consented: false);
        H.Emulator.Entra.AutoApproveDeviceCodes = true;
        using DefenderAuthenticator noConsent = H.Authenticator(H.AuthOptions(DefenderAuthFlow.DeviceCode, "app-no-consent"));
        DeviceCodeChallenge second = await noConsent.StartDeviceCodeAsync();
        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => second.CompleteAsync());
        Assert.Equal(AuthFailureKind.ConsentRequired, ex.Kind);
        Assert.Equal(65001, ex.AadstsCode);
        Assert.Contains("ThreatHunting.Read.All", ex.RequiredPermission, StringComparison.Ordinal);
        Assert.Contains("ThreatHunting.Read.All", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_code_with_state_and_PKCE_round_trips_through_a_real_redirect()
    {
        H.PublicApp();
        using DefenderAuthenticator auth = H.Authenticator(H.AuthOptions(DefenderAuthFlow.AuthorizationCode, "app-public"));

        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        string query = challenge.AuthorizationUri.Query;
        Assert.Contains("code_challenge_method=S256", query, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", query, StringComparison.Ordinal);
        Assert.Contains("state=", query, StringComparison.Ordinal);
        Assert.Equal(new Uri("http://localhost"), challenge.RedirectUri);

        using HttpClient browser = H.Browser();
        using HttpResponseMessage redirect = await browser.GetAsync(challenge.AuthorizationUri);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        DefenderSignIn signIn = await challenge.CompleteAsync(redirect.Headers.Location!);

        Assert.Equal(DefenderAuthFlow.AuthorizationCode, signIn.Flow);
        Assert.Equal(1, H.Emulator.Entra.GrantCount("authorization_code"));
        Assert.Equal(DefenderAuthFlow.AuthorizationCode, (await auth.TestAsync(DefenderApi.Legacy)).Flow);
    }

    [Fact]
    public async Task Authorization_code_with_a_forged_state_is_refused()
    {
        H.PublicApp();
        using DefenderAuthenticator auth = H.Authenticator(H.AuthOptions(DefenderAuthFlow.AuthorizationCode, "app-public"));
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        using HttpClient browser = H.Browser();
        using HttpResponseMessage redirect = await browser.GetAsync(challenge.AuthorizationUri);
        string forged = System.Text.RegularExpressions.Regex.Replace(redirect.Headers.Location!.ToString(), "state=[^&]+", "state=forged");

        await H.ThrowsAsync<DefenderAuthenticationException>(() => challenge.CompleteAsync(new Uri(forged)));
        Assert.Equal(0, H.Emulator.Entra.GrantCount("authorization_code"));
    }

    [Fact]
    public async Task Silent_refresh_uses_the_refresh_token_and_a_revoked_grant_asks_to_sign_in_again()
    {
        H.PublicApp();
        H.Emulator.Tokens.AccessTokenLifetime = TimeSpan.FromSeconds(60); // MSAL refreshes tokens this close to expiry
        H.Emulator.Entra.AutoApproveDeviceCodes = true;
        using DefenderAuthenticator auth = H.Authenticator(H.AuthOptions(DefenderAuthFlow.DeviceCode, "app-public"));
        await (await auth.StartDeviceCodeAsync()).CompleteAsync();

        await auth.GetTokenAsync(DefenderApi.Graph, forceRefresh: false, default);
        await auth.GetTokenAsync(DefenderApi.Graph, forceRefresh: false, default);
        Assert.Equal(2, H.Emulator.Entra.GrantCount("refresh_token"));

        H.Emulator.Entra.RevokeRefreshTokens();
        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => auth.GetTokenAsync(DefenderApi.Graph, false, default).AsTask());
        Assert.Equal(AuthFailureKind.SignInRequired, ex.Kind);
        Assert.Equal(700082, ex.AadstsCode);
        Assert.True(ex.RequiresSignIn);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_once_and_the_call_succeeds()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);
        Assert.Single(await client.Incidents.ListAsync().ToListAsync());

        H.Emulator.Tokens.ExpireAllAccessTokens();
        Assert.Single(await client.Incidents.ListAsync().ToListAsync());
        Assert.Equal(2, H.Emulator.Entra.GrantCount("client_credentials"));
        Assert.Contains(H.Emulator.Journal.Entries, e => e.Status == 401);
    }

    [Fact]
    public async Task Reset_forgets_the_sign_in()
    {
        H.PublicApp();
        H.Emulator.Entra.AutoApproveDeviceCodes = true;
        using DefenderAuthenticator auth = H.Authenticator(H.AuthOptions(DefenderAuthFlow.DeviceCode, "app-public"));
        await (await auth.StartDeviceCodeAsync()).CompleteAsync();
        await auth.TestAsync();

        await auth.ResetAsync();
        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => auth.TestAsync());
        Assert.True(ex.RequiresSignIn);
    }

    private static X509Certificate2 SelfSigned(RSA key)
    {
        var request = new CertificateRequest("CN=Defender365Typed test app", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
