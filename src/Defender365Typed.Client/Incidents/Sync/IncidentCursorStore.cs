using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Client;

/// <summary>Keeps an incident sync cursor between runs.</summary>
public interface IIncidentCursorStore
{
    /// <summary>The stored cursor, or null when none was stored yet.</summary>
    /// <exception cref="IncidentCursorException">The stored cursor cannot be read.</exception>
    Task<IncidentSyncCursor?> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="cursor"/>, replacing the previous one as a whole or not at all.</summary>
    Task SaveAsync(IncidentSyncCursor cursor, CancellationToken cancellationToken = default);
}

/// <summary>
/// A cursor in one file, written atomically: the new cursor goes to a temporary file in the same folder, is flushed to
/// disk, then replaces the old file in one rename. A process killed at any moment leaves either the old or the new
/// cursor, never a mix (at worst a stray <c>.tmp</c> file, which the next save overwrites). One writer per file.
/// </summary>
public sealed class FileIncidentCursorStore : IIncidentCursorStore
{
    /// <summary>Keeps the cursor in <paramref name="path"/> (created on the first save, with its folder).</summary>
    public FileIncidentCursorStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The cursor file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public async Task<IncidentSyncCursor?> LoadAsync(CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(Path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IncidentCursorException($"cannot be read ({ex.Message})", Path, ex);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new IncidentCursorException("is empty", Path);
        }

        return IncidentSyncCursor.FromJson(text, Path);
    }

    /// <inheritdoc/>
    public async Task SaveAsync(IncidentSyncCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        await AtomicFile.WriteAsync(Path, Encoding.UTF8.GetBytes(cursor.ToJson() + "\n"), cancellationToken).ConfigureAwait(false);
    }
}
