using System;
using System.IO;
using Microsoft.Identity.Client.Extensions.Msal;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// Whether the OS can protect a token cache on this machine (DPAPI, Keychain, a Secret Service keyring), asked once with
/// MSAL's own check on a throwaway cache, so that a test depending on it is reported as skipped, with the reason, rather
/// than passing either way.
/// </summary>
internal static class OsKeyring
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why no keyring can be used here, or null when one can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    private static string? Probe()
    {
        string dir = Path.Combine(Path.GetTempPath(), "d365-keyring-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            StorageCreationProperties properties = new StorageCreationPropertiesBuilder("probe.cache", dir)
                .WithMacKeyChain("Defender365Typed.Tests", "KeyringProbe")
                .WithLinuxKeyring("com.defender365typed.tests.probe", MsalCacheHelper.LinuxKeyRingDefaultCollection, "Defender365Typed test keyring probe",
                    new("Version", "1"), new("ProductGroup", "Defender365Typed.Tests"))
                .Build();
            MsalCacheHelper helper = MsalCacheHelper.CreateAsync(properties).GetAwaiter().GetResult();
            helper.VerifyPersistence();
            return null;
        }
#pragma warning disable CA1031 // whatever stops the probe means there is no usable keyring; its text is the skip reason
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}

/// <summary>A fact that needs an OS keyring; skipped, with the reason, where there is none.</summary>
public sealed class KeyringFactAttribute : FactAttribute
{
    public KeyringFactAttribute()
    {
        if (OsKeyring.WhyUnavailable is string why)
        {
            Skip = "No OS keyring can protect a token cache here: " + why;
        }
    }
}

/// <summary>A fact about behaviour without an OS keyring; skipped, with the reason, where there is one.</summary>
public sealed class NoKeyringFactAttribute : FactAttribute
{
    public NoKeyringFactAttribute()
    {
        if (OsKeyring.WhyUnavailable is null)
        {
            Skip = "An OS keyring is available here, so the failure without one cannot be shown.";
        }
    }
}
