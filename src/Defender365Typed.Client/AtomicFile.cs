using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client;

/// <summary>
/// Replaces a file's content all at once: the bytes go to a temporary file beside it, reach the disk, then a rename puts
/// them in place. A reader (or the next run after a kill) sees the old content or the new one, never a mix; at worst a
/// stray <c>.tmp</c> file is left, which the next write overwrites. One writer per file.
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 0600: the state of one user's work
        }

        await using (var stream = new FileStream(temp, options))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true); // the bytes are on disk before the rename makes them the file
        }

        File.Move(temp, path, overwrite: true);
    }
}
