using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Cli.Checking;

/// <summary>The .kql files a command is given (<c>check</c>, <c>schema diff --queries</c>).</summary>
internal static class KqlFiles
{
    /// <summary>Files as given, and folders expanded to their *.kql files (recursively, in ordinal order).</summary>
    public static List<(string Display, string Full)> Expand(CliContext context, string[] paths)
    {
        var files = new List<(string, string)>();
        foreach (string path in paths)
        {
            string full = context.ResolvePath(path);
            if (File.Exists(full))
            {
                files.Add((path, full));
            }
            else if (Directory.Exists(full))
            {
                string[] found = Directory.GetFiles(full, "*.kql", SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                if (found.Length == 0)
                {
                    throw CliException.Usage($"The folder {path} holds no .kql files.");
                }

                foreach (string f in found)
                {
                    files.Add((Path.Join(path, Path.GetRelativePath(full, f)), f));
                }
            }
            else
            {
                throw CliException.Usage($"{path} does not exist.");
            }
        }

        return files;
    }

    /// <summary>The file's text.</summary>
    /// <exception cref="CliException">It cannot be read (exit 2).</exception>
    public static async Task<string> ReadAsync(string display, string full, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(full, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"{display} cannot be read: {ex.Message}");
        }
    }
}
