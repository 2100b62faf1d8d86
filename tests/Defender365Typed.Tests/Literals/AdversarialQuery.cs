using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Defender365Typed.Tests.Literals;

/// <summary>One KQL query that holds every adversarial value of every type, rendered by <see cref="KqlLiteral"/>.</summary>
/// <remarks>
/// Values stand both where user input lands in real hunting queries (comparisons, between, subtraction) and as
/// named columns (<c>s00 = ...</c>), so that a parser can check, name by name, that each decodes to its value.
/// </remarks>
public static class AdversarialQuery
{
    /// <summary>A named value: the column name, the literal text and the C# value it stands for.</summary>
    public sealed record Entry(string Name, string Literal, object Value);

    /// <summary>Every named literal of the query, in order.</summary>
    public static IReadOnlyList<Entry> Entries()
    {
        var entries = new List<Entry>();
        Add(entries, "s", AdversarialValues.Strings, KqlLiteral.String);
        Add(entries, "dt", AdversarialValues.DateTimes, KqlLiteral.DateTime);
        Add(entries, "dto", AdversarialValues.DateTimeOffsets, KqlLiteral.DateTime);
        Add(entries, "ts", AdversarialValues.TimeSpans, KqlLiteral.TimeSpan);
        Add(entries, "l", AdversarialValues.Longs, KqlLiteral.Long);
        Add(entries, "i", AdversarialValues.Ints, KqlLiteral.Int);
        Add(entries, "r", AdversarialValues.Reals, KqlLiteral.Real);
        Add(entries, "m", AdversarialValues.Decimals, KqlLiteral.Decimal);
        Add(entries, "b", AdversarialValues.Bools, KqlLiteral.Bool);
        Add(entries, "g", AdversarialValues.Guids, KqlLiteral.Guid);
        return entries;
    }

    /// <summary>The query text, LF line endings, no final newline.</summary>
    public static string Render()
    {
        var query = new StringBuilder();
        query.Append("// Adversarial values of every type, each rendered by KqlLiteral (Defender365Typed.Kql).\n");
        query.Append("// Approved output of tests/Defender365Typed.Tests/Literals/AdversarialLiteralsGoldenTests.cs:\n");
        query.Append("// every literal must be one token that decodes back to the C# value it was made from.\n");
        query.Append("DeviceProcessEvents\n");

        // Where user input really lands: string comparisons, time windows, arithmetic with negative values.
        query.Append("| where ")
            .AppendJoin("\n    or ", AdversarialValues.Strings.Take(12).Select(s => "ProcessCommandLine == " + KqlLiteral.String(s)))
            .Append('\n');
        query.Append("| where Timestamp between (")
            .Append(KqlLiteral.DateTime(DateTime.MinValue)).Append(" .. ").Append(KqlLiteral.DateTime(DateTime.MaxValue))
            .Append(")\n    and Timestamp > ")
            .Append(KqlLiteral.DateTime(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(5.5))))
            .Append(" - ").Append(KqlLiteral.TimeSpan(TimeSpan.FromDays(-7)))
            .Append(" - ").Append(KqlLiteral.TimeSpan(-TimeSpan.FromTicks((1L << 53) + 1)))
            .Append('\n');
        query.Append("| where FileSize > ").Append(KqlLiteral.Long(long.MinValue))
            .Append("\n    and FileSize - ").Append(KqlLiteral.Long(-1)).Append(" >= ").Append(KqlLiteral.Long(0))
            .Append("\n    or ProcessId == ").Append(KqlLiteral.Long(long.MaxValue))
            .Append("\n    or ProcessId * ").Append(KqlLiteral.Real(-0.0)).Append(" < ").Append(KqlLiteral.Real(double.NegativeInfinity))
            .Append('\n');

        // Every value, named, grouped by type.
        foreach (IGrouping<string, Entry> group in Entries().GroupBy(e => e.Name.TrimEnd("0123456789".ToCharArray())))
        {
            query.Append("| extend\n    ")
                .AppendJoin(",\n    ", group.Select(e => e.Name + " = " + e.Literal))
                .Append('\n');
        }

        // Names: declared with a value that spells them, then referenced again.
        query.Append("| extend\n    ")
            .AppendJoin(",\n    ", AdversarialValues.Names.Select(n => KqlLiteral.Identifier(n) + " = " + KqlLiteral.String(n)))
            .Append('\n');
        query.Append("| project-away ")
            .AppendJoin(", ", AdversarialValues.Names.Select(KqlLiteral.Identifier));
        return query.ToString();
    }

    private static void Add<T>(List<Entry> entries, string prefix, IReadOnlyList<T> values, Func<T, string> render)
        where T : notnull
    {
        for (int i = 0; i < values.Count; i++)
        {
            entries.Add(new Entry(prefix + i.ToString("D2", CultureInfo.InvariantCulture), render(values[i]), values[i]));
        }
    }
}
