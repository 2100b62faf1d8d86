using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensions.Msal;

namespace Defender365Typed.Client.Auth;

/// <summary>MSAL's cache protected by the OS (DPAPI, Keychain, libsecret) through Microsoft.Identity.Client.Extensions.Msal.</summary>
internal static class ProtectedTokenCache
{
    public static async Task<MsalCacheHelper> CreateAsync(string path)
    {
        string full = Path.GetFullPath(path);
        StorageCreationProperties properties = new StorageCreationPropertiesBuilder(Path.GetFileName(full), Path.GetDirectoryName(full))
            .WithMacKeyChain("Defender365Typed", "MSALCache")
            .WithLinuxKeyring("com.defender365typed.tokencache", MsalCacheHelper.LinuxKeyRingDefaultCollection, "Defender365Typed token cache",
                new("Version", "1"), new("ProductGroup", "Defender365Typed"))
            .Build();
        MsalCacheHelper helper = await MsalCacheHelper.CreateAsync(properties).ConfigureAwait(false);
        try
        {
            helper.VerifyPersistence();
        }
        catch (MsalCachePersistenceException ex)
        {
            throw new DefenderConfigurationException(
                "The OS cannot protect the token cache here (no DPAPI, Keychain or Secret Service keyring). Use TokenCacheMode.Memory, or PlainFile with AllowUnprotectedFile.",
                ex);
        }

        return helper;
    }

    public static void Register(MsalCacheHelper helper, ITokenCache cache) => helper.RegisterCache(cache);
}
