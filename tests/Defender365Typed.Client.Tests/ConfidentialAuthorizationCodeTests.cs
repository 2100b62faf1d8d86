using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// The seed integration's authorization code flow as it is written: a confidential (web) app, the user opens the authorize URL,
/// copies the code (or the landing URL) and the integration redeems it with the client secret and the redirect URI.
/// </summary>
public sealed class ConfidentialAuthorizationCodeTests : EmulatorTest
{
    [Fact]
    public async Task The_landing_url_is_redeemed_with_the_secret_state_and_PKCE_and_later_tokens_come_silently()
    {
        H.WebApp();
        using DefenderAuthenticator auth = H.Authenticator(H.WebAuthOptions());

        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        Dictionary<string, string[]> query = Query(challenge.AuthorizationUri);
        Assert.True(challenge.IsConfidential);
        Assert.Equal(new Uri(Harness.WebRedirectUri), challenge.RedirectUri);
        Assert.Single(query["state"]);
        Assert.Equal("S256", Assert.Single(query["code_challenge_method"]));
        Assert.Equal(Harness.WebRedirectUri, Assert.Single(query["redirect_uri"]));
        Assert.DoesNotContain(H.ClientSecret, challenge.AuthorizationUri.ToString(), StringComparison.Ordinal);

        Uri landing = await BrowseAsync(challenge.AuthorizationUri);
        DefenderSignIn signIn = await challenge.CompleteAsync(landing);

        Assert.Equal(DefenderAuthFlow.AuthorizationCode, signIn.Flow);
        Assert.Equal(H.Emulator.Directory.UserName, signIn.UserName);
        Assert.Equal(1, H.Emulator.Entra.GrantCount("authorization_code"));
        Assert.Equal(DefenderAuthFlow.AuthorizationCode, (await auth.TestAsync(DefenderApi.Legacy)).Flow); // refresh token + secret
        Assert.Equal(1, H.Emulator.Entra.GrantCount("refresh_token"));
    }

    [Fact]
    public async Task The_code_pasted_alone_is_enough_as_the_seed_asks_for()
    {
        H.WebApp();
        using DefenderAuthenticator auth = H.Authenticator(H.WebAuthOptions());
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        string code = Assert.Single(Query(await BrowseAsync(challenge.AuthorizationUri))["code"]);

        DefenderSignIn signIn = await auth.CompleteAuthorizationCodeAsync("  " + code + "\n");

        Assert.Equal(H.Emulator.Directory.UserName, signIn.UserName);
        Assert.Equal(1, H.Emulator.Entra.GrantCount("authorization_code"));
    }

    [Fact]
    public async Task Without_PKCE_the_web_app_still_signs_in_with_its_secret()
    {
        H.WebApp();
        DefenderAuthOptions options = H.WebAuthOptions();
        options.AuthorizationCodePkce = false;
        using DefenderAuthenticator auth = H.Authenticator(options);

        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        Assert.False(Query(challenge.AuthorizationUri).ContainsKey("code_challenge"));
        await challenge.CompleteAsync(await BrowseAsync(challenge.AuthorizationUri));

        Assert.Equal(1, H.Emulator.Entra.GrantCount("authorization_code"));
    }

    [Fact]
    public async Task The_emulator_refuses_a_web_code_redeemed_without_the_secret()
    {
        H.WebApp();
        using DefenderAuthenticator auth = H.Authenticator(H.WebAuthOptions());
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        string code = Assert.Single(Query(await BrowseAsync(challenge.AuthorizationUri))["code"]);

        // What a public-client integration would send for this code: no client_secret.
        using HttpClient http = H.Browser();
        using HttpResponseMessage response = await http.PostAsync(new Uri(H.Emulator.BaseUri, H.TenantId + "/oauth2/v2.0/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "app-web",
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Harness.WebRedirectUri,
            ["scope"] = "https://graph.microsoft.com/.default offline_access",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
        Assert.Contains(7000218, body.RootElement.GetProperty("error_codes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0, H.Emulator.Entra.GrantCount("authorization_code"));
    }

    [Fact]
    public async Task A_wrong_secret_is_an_invalid_client_credential_naming_AADSTS7000215()
    {
        H.WebApp();
        string wrong = "sec~wrong-" + Guid.NewGuid().ToString("N");
        H.AddSecret(wrong);
        using DefenderAuthenticator auth = H.Authenticator(H.WebAuthOptions(secret: wrong));
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        Uri landing = await BrowseAsync(challenge.AuthorizationUri);

        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => challenge.CompleteAsync(landing));

        Assert.Equal(AuthFailureKind.InvalidClientCredential, ex.Kind);
        Assert.Equal(7000215, ex.AadstsCode);
        Assert.Contains("AADSTS7000215", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_used_twice_names_AADSTS54005_and_a_malformed_one_AADSTS9002313()
    {
        H.WebApp();
        using DefenderAuthenticator first = H.Authenticator(H.WebAuthOptions());
        AuthorizationCodeChallenge challenge = await first.StartAuthorizationCodeAsync();
        Uri landing = await BrowseAsync(challenge.AuthorizationUri);
        await challenge.CompleteAsync(landing);

        using DefenderAuthenticator second = H.Authenticator(H.WebAuthOptions());
        await second.StartAuthorizationCodeAsync();
        string code = Assert.Single(Query(landing)["code"]);
        DefenderAuthenticationException reused = await H.ThrowsAsync<DefenderAuthenticationException>(() => second.CompleteAuthorizationCodeAsync(code));
        Assert.Equal(AuthFailureKind.InvalidAuthorizationCode, reused.Kind);
        Assert.Equal(54005, reused.AadstsCode);
        Assert.Contains("already redeemed", reused.Message, StringComparison.Ordinal);

        await second.StartAuthorizationCodeAsync();
        DefenderAuthenticationException malformed = await H.ThrowsAsync<DefenderAuthenticationException>(() => second.CompleteAuthorizationCodeAsync("0.AAAA-not-a-code_x"));
        Assert.Equal(AuthFailureKind.InvalidAuthorizationCode, malformed.Kind);
        Assert.Equal(9002313, malformed.AadstsCode);
        Assert.True(malformed.RequiresSignIn);
    }

    [Theory]
    [InlineData("", "Nothing was pasted")]
    [InlineData("copy this code please", "contains 'a space'")]
    [InlineData("code=abc&state=x", "contains '='")]
    [InlineData("https://soar.contoso.example/auth/callback?session_state=1", "has no 'code' parameter (https://soar.contoso.example/auth/callback)")]
    public async Task Pasted_text_that_is_neither_a_code_nor_a_landing_url_is_refused_before_anything_is_sent(string pasted, string message)
    {
        H.WebApp();
        using DefenderAuthenticator auth = H.Authenticator(H.WebAuthOptions());
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        int tokenRequests = H.Emulator.Journal.Matching("POST", "/oauth2/v2.0/token").Count;

        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => challenge.CompleteAsync(pasted));

        Assert.Equal(AuthFailureKind.InvalidAuthorizationCode, ex.Kind);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(tokenRequests, H.Emulator.Journal.Matching("POST", "/oauth2/v2.0/token").Count);
        await challenge.CompleteAsync(await BrowseAsync(challenge.AuthorizationUri)); // the sign-in is still pending and completes
    }

    [Fact]
    public async Task A_landing_url_from_another_sign_in_is_refused_by_its_state_and_the_right_one_still_works()
    {
        H.WebApp();
        using DefenderAuthenticator auth = H.Authenticator(H.WebAuthOptions());
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        Uri landing = await BrowseAsync(challenge.AuthorizationUri);
        string forged = System.Text.RegularExpressions.Regex.Replace(landing.ToString(), "state=[^&]+", "state=forged");

        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(() => challenge.CompleteAsync(new Uri(forged)));

        Assert.Equal(AuthFailureKind.InvalidAuthorizationCode, ex.Kind);
        Assert.Equal("state_mismatch", ex.ErrorCode);
        Assert.Equal(0, H.Emulator.Entra.GrantCount("authorization_code"));
        await challenge.CompleteAsync(landing);
        Assert.Equal(1, H.Emulator.Entra.GrantCount("authorization_code"));
    }

    [Fact]
    public async Task A_declined_consent_in_the_landing_url_names_its_AADSTS_reason()
    {
        H.WebApp();
        H.Emulator.Entra.DenyAuthorization = true;
        using DefenderAuthenticator auth = H.Authenticator(H.WebAuthOptions());
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();

        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(
            async () => await challenge.CompleteAsync(await BrowseAsync(challenge.AuthorizationUri)));

        Assert.Equal(65004, ex.AadstsCode);
        Assert.Equal("access_denied", ex.ErrorCode);
        Assert.Contains("AADSTS65004", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_sent_for_a_public_platform_redirect_names_AADSTS700025()
    {
        H.PublicApp("app-public");
        DefenderAuthOptions options = H.AuthOptions(DefenderAuthFlow.AuthorizationCode, "app-public");
        options.ClientSecret = H.ClientSecret; // the user registered a public (desktop) redirect URI but passes a secret
        using DefenderAuthenticator auth = H.Authenticator(options);
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();

        DefenderAuthenticationException ex = await H.ThrowsAsync<DefenderAuthenticationException>(
            async () => await challenge.CompleteAsync(await BrowseAsync(challenge.AuthorizationUri)));

        Assert.Equal(AuthFailureKind.InvalidClientCredential, ex.Kind);
        Assert.Equal(700025, ex.AadstsCode);
    }

    [Fact]
    public async Task An_expired_code_names_AADSTS70008()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Harness h = await Harness.StartAsync(o => o.Time = time);
        h.WebApp();
        using DefenderAuthenticator auth = h.Authenticator(h.WebAuthOptions());
        AuthorizationCodeChallenge challenge = await auth.StartAuthorizationCodeAsync();
        using HttpClient browser = h.Browser();
        using HttpResponseMessage redirect = await browser.GetAsync(challenge.AuthorizationUri);
        time.Advance(TimeSpan.FromMinutes(11)); // codes live ten minutes

        DefenderAuthenticationException ex = await h.ThrowsAsync<DefenderAuthenticationException>(() => challenge.CompleteAsync(redirect.Headers.Location!));

        Assert.Equal(AuthFailureKind.InvalidAuthorizationCode, ex.Kind);
        Assert.Equal(70008, ex.AadstsCode);
        Assert.Contains("expired", ex.Message, StringComparison.Ordinal);
    }

    private async Task<Uri> BrowseAsync(Uri authorize)
    {
        using HttpClient browser = H.Browser();
        using HttpResponseMessage redirect = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return redirect.Headers.Location!;
    }

    private static Dictionary<string, string[]> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .GroupBy(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty))
            .ToDictionary(g => g.Key, g => g.ToArray());
}
