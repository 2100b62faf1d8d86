using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Defender365Typed.Client.Auth;

/// <summary>Loads the client certificate from the configured source. Errors never repeat the password.</summary>
internal static class CertificateLoader
{
    public static X509Certificate2 Load(ClientCertificateOptions options)
    {
        int sources = (options.Certificate is null ? 0 : 1) + (options.PfxPath is null ? 0 : 1)
            + (options.PemCertificatePath is null ? 0 : 1) + (options.StoreThumbprint is null ? 0 : 1);
        if (sources != 1)
        {
            throw new DefenderConfigurationException("Set exactly one certificate source: Certificate, PfxPath, PemCertificatePath or StoreThumbprint.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = options.Certificate
                ?? (options.PfxPath is not null ? LoadPfx(options.PfxPath, options.PfxPassword)
                : options.PemCertificatePath is not null ? LoadPem(options.PemCertificatePath, options.PemKeyPath)
                : LoadFromStore(options.StoreThumbprint!, options.StoreLocation, options.StoreName));
        }
        catch (CryptographicException ex)
        {
            // The message of a PKCS#12 failure does not contain the password; keep only the type to be safe.
            throw new DefenderConfigurationException($"The client certificate could not be loaded ({ex.GetType().Name}): check the file and its password.");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new DefenderConfigurationException($"The client certificate {certificate.Thumbprint} has no private key.");
        }

        return certificate;
    }

    private static X509Certificate2 LoadPfx(string path, string? password)
    {
        RequireFile(path);
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
#else
        return new X509Certificate2(path, password, OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet);
#endif
    }

    private static X509Certificate2 LoadPem(string certificatePath, string? keyPath)
    {
        RequireFile(certificatePath);
        if (keyPath is not null)
        {
            RequireFile(keyPath);
        }

        using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

        // Keys from PEM are ephemeral; on Windows SChannel/CNG needs them persisted through PKCS#12.
        if (!OperatingSystem.IsWindows())
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }

        byte[] pfx = pem.Export(X509ContentType.Pkcs12);
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12(pfx, null);
#else
        return new X509Certificate2(pfx);
#endif
    }

    private static X509Certificate2 LoadFromStore(string thumbprint, StoreLocation location, StoreName name)
    {
        using var store = new X509Store(name, location);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        X509Certificate2Collection found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal), validOnly: false);
        if (found.Count == 0)
        {
            throw new DefenderConfigurationException($"No certificate with thumbprint {thumbprint} in {location}/{name}.");
        }

        return found[0];
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new DefenderConfigurationException($"The certificate file '{path}' does not exist.");
        }
    }
}
