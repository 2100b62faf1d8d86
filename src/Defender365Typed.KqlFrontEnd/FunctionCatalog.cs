using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>A built-in scalar or aggregate function: Kusto.Language's signatures, and how the binder names its result.</summary>
public sealed class KqlFunction
{
    public KqlFunction(string name, KqlSignature[] signatures)
    {
        Name = name;
        Signatures = signatures;
        MinArgs = signatures.Length == 0 ? 0 : int.MaxValue;
        MaxArgs = signatures.Length == 0 ? int.MaxValue : 0;
        foreach (var s in signatures)
        {
            MinArgs = Math.Min(MinArgs, s.MinArgs);
            MaxArgs = Math.Max(MaxArgs, s.MaxArgs);
        }
    }

    public string Name { get; }

    /// <summary>The overloads; empty when the function is known by name only (neither counted nor typed).</summary>
    public IReadOnlyList<KqlSignature> Signatures { get; }

    public int MinArgs { get; }

    public int MaxArgs { get; }

    /// <summary>A tabular function (materialize, table): the result is a table of unknown shape.</summary>
    public bool IsTabular { get; set; }

    public bool IsAggregate { get; set; }

    /// <summary>For aggregates: default output column prefix ("dcount_" + argument name), or null when not modelled.</summary>
    public string? AggregatePrefix { get; set; }

    /// <summary>For aggregates without a column argument: the fixed default name ("count_").</summary>
    public bool AggregateNameIgnoresArgument { get; set; }

    /// <summary>An unnamed call in extend/project/summarize-by is named after its first argument (bin, tostring...).</summary>
    public bool NamedAfterFirstArgument { get; set; }
}

/// <summary>
/// The built-in scalar and aggregate functions: exactly the names and signatures of Microsoft's analyzer
/// (FunctionCatalog.Signatures.cs, generated from Kusto.Language by tools/kql-check/signatures.js), plus the syntax
/// words the parser may read as calls (dynamic, typeof...) and the special forms the binder reads itself. A function
/// whose every result Kusto.Language computes in code is known by name only: neither its arity nor its types are
/// judged. Any other name is reported as unknown. This part adds what Kusto.Language does not say: how the binder
/// names an unnamed call's column.
/// </summary>
public static partial class FunctionCatalog
{
    private static readonly Dictionary<string, KqlFunction> Functions = Build();

    /// <summary>The names offered as "did you mean" suggestions: all but the hidden ones (__cast, __hash_djb2...).</summary>
    private static readonly string[] SuggestedNames = SuggestableNames();

    public static bool TryGet(string name, out KqlFunction function) => Functions.TryGetValue(name, out function!);

    /// <summary>Whether a name is a built-in function (with a modelled signature or known by name only).</summary>
    public static bool IsKnownName(string name) => Functions.ContainsKey(name);

    /// <summary>Candidates for suggesting a function name.</summary>
    public static IEnumerable<string> Names => SuggestedNames;

    private static string[] SuggestableNames()
    {
        var names = new List<string>();
        foreach (var name in Functions.Keys)
        {
            if (!name.StartsWith("__", StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        return names.ToArray();
    }

    private static Dictionary<string, KqlFunction> Build()
    {
        var d = new Dictionary<string, KqlFunction>(StringComparer.Ordinal);
        foreach (var line in KustoSignatures)
        {
            var f = SignatureTable.ParseFunction(line);
            d[f.Name] = f;
        }

        // Syntax words the parser may read as calls, and the special forms the binder reads itself: by name only.
        foreach (var name in new[] { "dynamic", "typeof", "datatable", "print", "toscalar", "materialize" })
        {
            if (!d.ContainsKey(name))
            {
                d[name] = new KqlFunction(name, Array.Empty<KqlSignature>());
            }
        }

        d["materialize"].IsTabular = true;
        d["table"].IsTabular = true;

        // An unnamed call of these is named after its first argument (Microsoft's KQL reference, "column naming").
        foreach (var name in new[]
        {
            "tostring", "tohex", "todynamic", "toobject", "tolong", "toint", "toreal", "todouble", "todatetime", "totimespan",
            "totime", "tobool", "toboolean", "todecimal", "toguid", "parse_json", "parsejson", "parse_xml", "parse_csv", "split",
            "format_datetime", "format_timespan", "startofday", "bin", "floor", "bin_at", "bin_auto",
        })
        {
            d[name].NamedAfterFirstArgument = true;
        }

        // Aggregates: the default output name is the prefix + the first argument's name (count_: no argument).
        void Agg(string name, string? prefix, bool ignoresArg = false)
        {
            var f = d[name];
            f.IsAggregate = true;
            f.AggregatePrefix = prefix;
            f.AggregateNameIgnoresArgument = ignoresArg;
        }

        Agg("count", "count_", ignoresArg: true);
        Agg("countif", "countif_", ignoresArg: true);
        Agg("dcount", "dcount_");
        Agg("dcountif", "dcountif_");
        Agg("count_distinct", null);
        Agg("count_distinctif", null);
        Agg("sum", "sum_");
        Agg("sumif", "sumif_");
        Agg("avg", "avg_");
        Agg("avgif", "avgif_");
        Agg("min", "min_");
        Agg("max", "max_");
        Agg("minif", "minif_");
        Agg("maxif", "maxif_");
        Agg("make_set", "set_");
        Agg("makeset", "set_");
        Agg("make_list", "list_");
        Agg("makelist", "list_");
        Agg("make_bag", "bag_");
        Agg("stdev", "stdev_");
        Agg("stdevif", "stdevif_");
        Agg("stdevp", "stdevp_");
        Agg("variance", "variance_");
        Agg("varianceif", "varianceif_");
        Agg("variancep", "variancep_");
        foreach (var name in new[]
        {
            "any", "anyif", "take_any", "take_anyif", "arg_max", "arg_min", "make_set_if", "make_list_if", "make_list_with_nulls",
            "make_bag_if", "percentile", "percentiles", "percentiles_array", "percentilew", "percentilesw", "percentilesw_array",
            "hll", "hll_if", "tdigest", "binary_all_and", "binary_all_or", "binary_all_xor", "buildschema",
        })
        {
            Agg(name, null);
        }

        return d;
    }
}
