using System.Security.Cryptography.X509Certificates;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// Where the client certificate comes from: set exactly one of <see cref="Certificate"/>,
/// <see cref="PfxPath"/>, <see cref="PemCertificatePath"/> (+ <see cref="PemKeyPath"/>) or <see cref="StoreThumbprint"/>.
/// </summary>
public sealed class ClientCertificateOptions
{
    /// <summary>A certificate with its private key, already loaded.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>A PKCS#12 (.pfx/.p12) file.</summary>
    public string? PfxPath { get; set; }

    /// <summary>The PFX password. Never logged or shown by <see cref="ToString"/>.</summary>
    public string? PfxPassword { get; set; }

    /// <summary>A PEM file with the certificate (and the key, unless <see cref="PemKeyPath"/> is set).</summary>
    public string? PemCertificatePath { get; set; }

    /// <summary>A PEM file with the private key (PKCS#8, RSA or EC).</summary>
    public string? PemKeyPath { get; set; }

    /// <summary>The thumbprint (SHA-1, hex) of a certificate in the <see cref="StoreName"/> store.</summary>
    public string? StoreThumbprint { get; set; }

    /// <summary>The store location for <see cref="StoreThumbprint"/>.</summary>
    public StoreLocation StoreLocation { get; set; } = StoreLocation.CurrentUser;

    /// <summary>The store name for <see cref="StoreThumbprint"/>.</summary>
    public StoreName StoreName { get; set; } = StoreName.My;

    /// <summary>Send the certificate chain (x5c) for subject name / issuer authentication.</summary>
    public bool SendCertificateChain { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"ClientCertificateOptions(Pfx={PfxPath ?? "-"}, Pem={PemCertificatePath ?? "-"}, Thumbprint={StoreThumbprint ?? "-"}, Password={(PfxPassword is null ? "none" : "redacted")})";
}
