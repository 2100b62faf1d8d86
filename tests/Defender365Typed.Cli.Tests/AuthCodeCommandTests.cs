using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Defender365Typed.Emulator;

namespace Defender365Typed.Cli.Tests;

/// <summary>
/// <c>auth login --auth-code [--client-secret]</c>: the URL is printed, the "user" opens it (the emulator approves) and pastes the
/// landing URL or only the code, as the seed integration's users do.
/// </summary>
public sealed partial class AuthCodeCommandTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Secret = "web~s3cr3t~never~printed";
    private readonly EmulatorFixture _fixture;
    private readonly CliHarness _cli;

    public AuthCodeCommandTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliHarness(fixture.Session);
    }

    private DefenderEmulator Emulator => _fixture.Session.Emulator;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_web_app_flow_redeems_the_pasted_landing_url_with_the_secret()
    {
        _cli.Environment["DEFENDER365_CLIENT_SECRET"] = Secret;
        string? authorize = null;
        _cli.Paste = err =>
        {
            authorize = AuthorizeUrl(err);
            return Browse(authorize).ToString();
        };

        CliResult login = await _cli.RunAsync("auth", "login", "--emulator", "--auth-code", "--client-secret");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("Signed in (authCode) as analyst@contoso.example", login.Out, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=https%3A%2F%2Flocalhost%2Fdefender365%2Fcallback", authorize, StringComparison.Ordinal);
        Assert.Contains("client_id=defender365", authorize, StringComparison.Ordinal);
        Assert.Contains("or only its code", login.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, login.Out + login.Err, StringComparison.Ordinal);
        Assert.Equal(0, _cli.SecretPrompts);
    }

    [Fact]
    public async Task The_public_flow_accepts_the_code_pasted_alone()
    {
        _cli.Paste = err => Regex.Match(Browse(AuthorizeUrl(err)).Query, "code=([^&]+)").Groups[1].Value;

        CliResult login = await _cli.RunAsync("auth", "login", "--emulator", "--auth-code");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("Signed in (authCode) as analyst@contoso.example", login.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Nothing was pasted")]
    [InlineData("the code is abc", "neither a URL nor an authorization code")]
    [InlineData("https://localhost/defender365/callback?session_state=x", "has no 'code' parameter")]
    public async Task A_paste_mistake_is_exit_2_and_sends_nothing(string pasted, string message)
    {
        _cli.Environment["DEFENDER365_CLIENT_SECRET"] = Secret;
        _cli.Paste = _ => pasted;
        int tokenRequests = Emulator.Journal.Matching("POST", "/oauth2/v2.0/token").Count;

        CliResult login = await _cli.RunAsync("auth", "login", "--emulator", "--auth-code", "--client-secret");

        Assert.True(login.ExitCode == 2, login.ToString());
        Assert.Contains(message, login.Err, StringComparison.Ordinal);
        Assert.Equal(tokenRequests, Emulator.Journal.Matching("POST", "/oauth2/v2.0/token").Count);
    }

    [Fact]
    public async Task A_code_used_twice_is_a_sign_in_failure_naming_AADSTS54005()
    {
        _cli.Environment["DEFENDER365_CLIENT_SECRET"] = Secret;
        Uri? first = null;
        _cli.Paste = err => (first = Browse(AuthorizeUrl(err))).ToString();
        Assert.Equal(0, (await _cli.RunAsync("auth", "login", "--emulator", "--auth-code", "--client-secret")).ExitCode);

        string code = Regex.Match(first!.Query, "code=([^&]+)").Groups[1].Value;
        _cli.Paste = _ => Uri.UnescapeDataString(code);
        CliResult again = await _cli.RunAsync("auth", "login", "--emulator", "--auth-code", "--client-secret");

        Assert.True(again.ExitCode == 3, again.ToString());
        Assert.Contains("AADSTS54005", again.Err, StringComparison.Ordinal);
        Assert.Contains("already redeemed", again.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "auth", "login", "--redirect-uri", "https://x.example/cb" }, "--redirect-uri goes with --auth-code.")]
    [InlineData(new[] { "auth", "login", "--auth-code", "--certificate", "c.pfx" }, "Choose one sign-in")]
    [InlineData(new[] { "auth", "login", "--auth-code", "--client-secret", "--tenant", "t", "--client-id", "c", "--redirect-uri", "not a url" }, "The redirect URI 'not a url' (--redirect-uri) is not an absolute http(s) URL.")]
    public async Task Bad_sign_in_options_are_exit_2(string[] args, string message)
    {
        _cli.Environment["DEFENDER365_CLIENT_SECRET"] = Secret;

        CliResult r = await _cli.RunAsync(args);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_shows_the_web_flow_its_redirect_uri_and_whether_the_secret_is_set()
    {
        _cli.Write("config/config.json", """{"tenantId":"t","clientId":"c","authFlow":"authCodeWeb","redirectUri":"https://soar.contoso.example/cb"}""");

        CliResult status = await _cli.RunAsync("auth", "status");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("Flow:            authCodeWeb (config file)", status.Out, StringComparison.Ordinal);
        Assert.Contains("Redirect URI:    https://soar.contoso.example/cb (config file)", status.Out, StringComparison.Ordinal);
        Assert.Contains("Client secret:   not set", status.Out, StringComparison.Ordinal);
    }

    private static string AuthorizeUrl(string err) =>
        err.Split('\n').Single(line => line.StartsWith("https://", StringComparison.Ordinal) && line.Contains("/authorize?", StringComparison.Ordinal));

    private Uri Browse(string authorize)
    {
        byte[] pinned = Emulator.ServerCertificate.GetCertHash(HashAlgorithmName.SHA256);
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned);
        using var browser = new HttpClient(handler);
        using HttpResponseMessage response = browser.Send(new HttpRequestMessage(HttpMethod.Get, authorize));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }
}
