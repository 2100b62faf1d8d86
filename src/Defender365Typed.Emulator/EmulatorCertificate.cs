using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Defender365Typed.Emulator;

/// <summary>Makes the emulator's self-signed TLS certificate for 127.0.0.1 (a new key for every emulator).</summary>
internal static class EmulatorCertificate
{
    public static X509Certificate2 Create()
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Defender365Typed emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        byte[] pfx = ephemeral.Export(X509ContentType.Pkcs12);
        return X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.Exportable);
    }
}
