using System;
using System.IO;
using System.Linq;
using Defender365Typed.KqlEngine;

namespace Defender365Typed.Cli.Emulation;

/// <summary>Loads a user's <c>&lt;Table&gt;.csv</c> / <c>&lt;Table&gt;.json</c> files into the emulator's tenant.</summary>
internal static class UserTables
{
    /// <exception cref="CliException">The folder is missing, empty, or a file names no documented table (exit 2).</exception>
    /// <exception cref="TableLoadException">A file has a bad value; the message names file, line and column.</exception>
    public static SyntheticDataset Apply(SyntheticDataset dataset, string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw CliException.Usage($"--emulator-tables: the folder {folder} does not exist.");
        }

        string[] files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw CliException.Usage($"--emulator-tables: {folder} has no <Table>.csv or <Table>.json file.");
        }

        foreach (string file in files)
        {
            string table = Path.GetFileNameWithoutExtension(file);
            if (!HuntingSchema.Tables.ContainsKey(table))
            {
                throw CliException.Usage($"--emulator-tables: {Path.GetFileName(file)} does not name a documented table (file names are table names, e.g. DeviceProcessEvents.csv).");
            }

            dataset = dataset.With(file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? CsvTableLoader.Load(file, table)
                : JsonTableLoader.Load(file, table));
        }

        return dataset;
    }
}
