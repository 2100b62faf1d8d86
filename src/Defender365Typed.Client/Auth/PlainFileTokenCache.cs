using System;
using System.IO;
using Microsoft.Identity.Client;

namespace Defender365Typed.Client.Auth;

/// <summary>
/// MSAL's cache in a plain file that only its owner may read: created 0600 (directory 0700) on Unix,
/// written atomically, and refused when its permissions were widened.
/// </summary>
internal sealed class PlainFileTokenCache
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Widened = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _path;
    private readonly object _gate = new();

    public PlainFileTokenCache(string path) => _path = Path.GetFullPath(path);

    public void Bind(ITokenCache cache)
    {
        cache.SetBeforeAccess(BeforeAccess);
        cache.SetAfterAccess(AfterAccess);
    }

    public void Delete()
    {
        lock (_gate)
        {
            File.Delete(_path);
        }
    }

    private void BeforeAccess(TokenCacheNotificationArgs args)
    {
        lock (_gate)
        {
            if (!File.Exists(_path))
            {
                return;
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(_path) & Widened) != 0)
            {
                throw new DefenderConfigurationException(
                    $"The token cache file '{_path}' is readable or writable by other users; refusing to use it. Delete it or run chmod 600 on it.");
            }

            args.TokenCache.DeserializeMsalV3(File.ReadAllBytes(_path));
        }
    }

    private void AfterAccess(TokenCacheNotificationArgs args)
    {
        if (!args.HasStateChanged)
        {
            return;
        }

        lock (_gate)
        {
            byte[] bytes = args.TokenCache.SerializeMsalV3();
            string directory = Path.GetDirectoryName(_path)!;
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            string temp = _path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            try
            {
                using (var stream = new FileStream(temp, options))
                {
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, _path, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }
    }
}
