using System;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlEngine;

namespace Defender365Typed.Cli.Emulation;

/// <summary>
/// <c>--emulator-large-table DeviceNetworkEvents:1000000</c>: a table of the emulator's tenant replaced by that many rows
/// from <see cref="SyntheticVolume"/> (a large tenant, 30 days, deterministic).
/// </summary>
internal sealed record LargeTableSpec(string Table, int Rows)
{
    public const string OptionName = "--emulator-large-table";

    /// <exception cref="CliException">Not <c>&lt;Table&gt;:&lt;rows&gt;</c>, a table the generator has not, or a row count that is not a positive whole number (exit 2).</exception>
    public static LargeTableSpec Parse(string spec)
    {
        string tables = string.Join(", ", SyntheticVolume.Tables);
        string[] parts = spec.Split(':');
        if (parts.Length != 2)
        {
            throw CliException.Usage($"{OptionName}: '{spec}' is not <Table>:<rows>, e.g. DeviceNetworkEvents:1000000.");
        }

        string table = parts[0].Trim();
        if (!SyntheticVolume.Tables.Contains(table))
        {
            throw CliException.Usage($"{OptionName}: '{table}' cannot be generated; the tables are {tables}.");
        }

        if (!int.TryParse(parts[1].Trim().Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out int rows) || rows <= 0)
        {
            throw CliException.Usage($"{OptionName}: the row count '{parts[1]}' is not a positive whole number (at most {int.MaxValue}).");
        }

        return new LargeTableSpec(table, rows);
    }
}
