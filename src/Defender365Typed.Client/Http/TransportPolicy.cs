using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Defender365Typed.Client.Auth;

namespace Defender365Typed.Client.Http;

/// <summary>
/// HTTPS only. The one exception is a loopback emulator cloud, whose self-signed certificate is
/// pinned (trusted only for that cloud, only by exact match), and MSAL's App Service managed
/// identity endpoint, which is plain HTTP on loopback by design.
/// </summary>
internal static class TransportPolicy
{
    public static SocketsHttpHandler CreatePrimaryHandler(DefenderCloud cloud)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
        };
        if (cloud.EmulatorCertificate is X509Certificate2 pinned)
        {
            byte[] expected = pinned.GetCertHash(HashAlgorithmName.SHA256);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (certificate is not null && CryptographicOperations.FixedTimeEquals(certificate.GetCertHash(HashAlgorithmName.SHA256), expected));
        }

        return handler;
    }

    /// <summary>Throws unless <paramref name="uri"/> may be called.</summary>
    public static void EnsureAllowed(Uri uri, DefenderCloud cloud, bool allowLoopbackHttp)
    {
        bool loopback = DefenderCloud.IsLoopback(uri);
        if (uri.Scheme == Uri.UriSchemeHttps && (!cloud.IsEmulator || loopback))
        {
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && loopback && allowLoopbackHttp)
        {
            return;
        }

        throw new DefenderConfigurationException(
            $"Refusing to send a request to {uri.GetLeftPart(UriPartial.Authority)}: only HTTPS is allowed (an emulator cloud may only reach loopback).");
    }
}

/// <summary>Enforces <see cref="TransportPolicy"/> on every request, including redirects MSAL follows.</summary>
internal sealed class HttpsOnlyHandler : DelegatingHandler
{
    private readonly DefenderCloud _cloud;
    private readonly bool _allowLoopbackHttp;

    public HttpsOnlyHandler(DefenderCloud cloud, bool allowLoopbackHttp)
    {
        _cloud = cloud;
        _allowLoopbackHttp = allowLoopbackHttp;
    }

    protected override System.Threading.Tasks.Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
    {
        TransportPolicy.EnsureAllowed(request.RequestUri!, _cloud, _allowLoopbackHttp);
        return base.SendAsync(request, cancellationToken);
    }
}
