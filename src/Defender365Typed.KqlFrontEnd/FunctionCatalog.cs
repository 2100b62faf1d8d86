using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>What a function parameter accepts, as far as the binder judges it.</summary>
public enum ArgKind : byte
{
    /// <summary>Anything (not judged).</summary>
    Any,
    /// <summary>string (or dynamic).</summary>
    String,
    /// <summary>int, long, real or decimal (or dynamic).</summary>
    Number,
    DateTime,
    TimeSpan,
    Bool,
}

/// <summary>How a function's result type follows from its arguments.</summary>
public enum ResultRule : byte
{
    Fixed,
    /// <summary>Not modelled: the result is unknown.</summary>
    Unknown,
    /// <summary>The type of the first argument (min, max, any...).</summary>
    Arg0,
    /// <summary>The common type of arguments 1..n (iff) or all (coalesce, min_of).</summary>
    Common,
    /// <summary>case(p1, v1, p2, v2, ..., else): the common type of the values.</summary>
    Case,
    /// <summary>bin/floor: the type of the first argument (datetime, timespan or number).</summary>
    Bin,
    /// <summary>sum: long for integers, else the argument's type.</summary>
    Sum,
    /// <summary>A tabular result (materialize, table...).</summary>
    Tabular,
}

/// <summary>A scalar or aggregate function of the catalog.</summary>
public sealed class KqlFunction
{
    public KqlFunction(string name, int minArgs, int maxArgs, KqlScalarType result, ResultRule rule, ArgKind[] args)
    {
        Name = name;
        MinArgs = minArgs;
        MaxArgs = maxArgs;
        Result = result;
        Rule = rule;
        Args = args;
    }

    public string Name { get; }

    public int MinArgs { get; }

    public int MaxArgs { get; }

    public KqlScalarType Result { get; }

    public ResultRule Rule { get; }

    /// <summary>Per-position parameter kinds; positions past the end accept anything.</summary>
    public ArgKind[] Args { get; }

    public bool IsAggregate { get; set; }

    /// <summary>For aggregates: default output column prefix ("dcount_" + argument name), or null when not modelled.</summary>
    public string? AggregatePrefix { get; set; }

    /// <summary>For aggregates without a column argument: the fixed default name ("count_").</summary>
    public bool AggregateNameIgnoresArgument { get; set; }

    /// <summary>An unnamed call in extend/project/summarize-by is named after its first argument (bin, tostring...).</summary>
    public bool NamedAfterFirstArgument { get; set; }

    public ArgKind ArgKindAt(int index) => index < Args.Length ? Args[index] : ArgKind.Any;
}

/// <summary>
/// The built-in scalar and aggregate functions with result types and arities. The names are exactly those of
/// Microsoft's analyzer (<see cref="KustoNames"/>, in FunctionCatalog.KustoNames.cs, which says how to refresh them),
/// plus the syntax words the parser may read as calls (dynamic, typeof...). Functions with an unknown result are
/// known by name only: neither their arity nor their types are judged. Any other name is reported as unknown.
/// </summary>
public static partial class FunctionCatalog
{
    private const int Many = int.MaxValue;

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
        const KqlScalarType S = KqlScalarType.String;
        const KqlScalarType L = KqlScalarType.Long;
        const KqlScalarType I = KqlScalarType.Int;
        const KqlScalarType R = KqlScalarType.Real;
        const KqlScalarType B = KqlScalarType.Bool;
        const KqlScalarType Dt = KqlScalarType.DateTime;
        const KqlScalarType Ts = KqlScalarType.TimeSpan;
        const KqlScalarType Dyn = KqlScalarType.Dynamic;
        const KqlScalarType G = KqlScalarType.Guid;
        const KqlScalarType Dec = KqlScalarType.Decimal;
        const KqlScalarType U = KqlScalarType.Unknown;
        const ArgKind a = ArgKind.Any;
        const ArgKind s = ArgKind.String;
        const ArgKind n = ArgKind.Number;
        const ArgKind dt = ArgKind.DateTime;
        const ArgKind ts = ArgKind.TimeSpan;
        const ArgKind b = ArgKind.Bool;

        KqlFunction F(string name, int min, int max, KqlScalarType result, params ArgKind[] args)
        {
            var f = new KqlFunction(name, min, max, result, ResultRule.Fixed, args);
            d[name] = f;
            return f;
        }

        KqlFunction R2(string name, int min, int max, ResultRule rule, params ArgKind[] args)
        {
            var f = new KqlFunction(name, min, max, KqlScalarType.Unknown, rule, args);
            d[name] = f;
            return f;
        }

        // Named after the first argument when unnamed (conversion, bin...).
        KqlFunction N(string name, int min, int max, KqlScalarType result, params ArgKind[] args)
        {
            var f = F(name, min, max, result, args);
            f.NamedAfterFirstArgument = true;
            return f;
        }

        KqlFunction Agg(string name, int min, int max, KqlScalarType result, ResultRule rule, string? prefix, bool ignoresArg = false)
        {
            var f = new KqlFunction(name, min, max, result, rule, Array.Empty<ArgKind>())
            {
                IsAggregate = true,
                AggregatePrefix = prefix,
                AggregateNameIgnoresArgument = ignoresArg,
            };
            d[name] = f;
            return f;
        }

        // Known by name only: any arity, unknown result.
        void Known(params string[] names)
        {
            foreach (var name in names)
            {
                if (!d.ContainsKey(name))
                {
                    d[name] = new KqlFunction(name, 0, Many, KqlScalarType.Unknown, ResultRule.Unknown, Array.Empty<ArgKind>());
                }
            }
        }

        // ---- string
        F("strcat", 1, 64, S);
        F("strcat_delim", 3, 65, S);
        F("strcat_array", 2, 2, S);
        F("strcmp", 2, 2, L);
        F("strrep", 2, 3, S, a, n);
        F("strlen", 1, 1, L);
        F("string_size", 1, 1, L);
        F("toupper", 1, 1, S);
        F("tolower", 1, 1, S);
        F("substring", 2, 3, S, a, n, n);
        F("indexof", 2, 5, L, a, a, n, n, n);
        F("indexof_regex", 2, 5, L, a, a, n, n, n);
        F("has_any_index", 2, 2, L);
        F("reverse", 1, 1, S);
        N("split", 2, 3, Dyn, a, s, n);
        F("parse_command_line", 2, 2, Dyn, a, s);
        F("extract", 3, 4, S, s, n, s);
        F("extract_all", 2, 3, Dyn, s, a, s);
        F("extractall", 2, 3, Dyn, s, a, s);
        F("extractjson", 2, 3, S, s, s);
        F("extract_json", 2, 3, S, s, s);
        F("replace", 3, 3, S, s, s, s);
        F("replace_regex", 3, 3, S, s, s, s);
        F("replace_string", 3, 3, S, s, s, s);
        F("trim", 2, 2, S, s, s);
        F("trim_start", 2, 2, S, s, s);
        F("trim_end", 2, 2, S, s, s);
        F("countof", 2, 3, L, s, s, s);
        F("translate", 3, 3, S, s, s, s);
        F("url_encode", 1, 1, S, s);
        F("url_encode_component", 1, 1, S, s);
        F("url_decode", 1, 1, S, s);
        F("base64_encode_tostring", 1, 1, S, s);
        F("base64_encodestring", 1, 1, S, s);
        F("base64_decode_tostring", 1, 1, S, s);
        F("base64_decodestring", 1, 1, S, s);
        F("base64_decode_toarray", 1, 1, Dyn, s);
        F("base64_decode_toguid", 1, 1, G, s);
        F("base64_encode_fromguid", 1, 1, S);
        F("base64_encode_fromarray", 1, 1, S);
        F("zlib_decompress_from_base64_string", 1, 1, S, s);
        F("zlib_compress_to_base64_string", 1, 1, S, s);
        F("gzip_decompress_from_base64_string", 1, 1, S, s);
        F("gzip_compress_to_base64_string", 1, 1, S, s);
        F("regex_quote", 1, 1, S);
        F("make_string", 1, Many, S);
        F("unicode_codepoints_to_string", 1, Many, S);
        F("unicode_codepoints_from_string", 1, 1, Dyn);
        F("to_utf8", 1, 1, Dyn);
        F("isascii", 1, 1, B);
        F("isutf8", 1, 1, B);
        F("format_bytes", 1, 3, S, n, n, s);
        F("parse_version", 1, 1, Dec, s);
        F("has_ipv4", 2, 2, B, s, s);
        F("has_ipv4_prefix", 2, 2, B, s, s);
        F("has_any_ipv4", 2, Many, B);
        F("has_any_ipv4_prefix", 2, Many, B);

        // ---- conversion
        N("tostring", 1, 1, S);
        N("tohex", 1, 2, S, n, n);
        N("todynamic", 1, 1, Dyn);
        N("toobject", 1, 1, Dyn);
        N("tolong", 1, 1, L);
        N("toint", 1, 1, I);
        N("toreal", 1, 1, R);
        N("todouble", 1, 1, R);
        N("todatetime", 1, 1, Dt);
        N("totimespan", 1, 1, Ts);
        N("totime", 1, 1, Ts);
        N("tobool", 1, 1, B);
        N("toboolean", 1, 1, B);
        N("todecimal", 1, 1, Dec);
        N("toguid", 1, 1, G);
        F("gettype", 1, 1, S);
        N("parse_json", 1, 1, Dyn);
        N("parsejson", 1, 1, Dyn);
        N("parse_xml", 1, 1, Dyn);
        N("parse_csv", 1, 1, Dyn);
        F("parse_url", 1, 1, Dyn, s);
        F("parseurl", 1, 1, Dyn, s);
        F("parse_urlquery", 1, 1, Dyn, s);
        F("parseurlquery", 1, 1, Dyn, s);
        F("parse_path", 1, 1, Dyn, s);
        F("parse_user_agent", 2, 2, Dyn, s);
        F("dynamic_to_json", 1, 1, S);

        // ---- IP
        F("parse_ipv4", 1, 1, L, s);
        F("parse_ipv4_mask", 2, 2, L, s, n);
        F("format_ipv4", 1, 2, S, a, n);
        F("format_ipv4_mask", 2, 2, S, a, n);
        F("ipv4_compare", 2, 3, L, s, s, n);
        F("ipv4_is_match", 2, 3, B, s, s, n);
        F("ipv4_is_in_range", 2, 2, B, s, s);
        F("ipv4_is_in_any_range", 2, Many, B);
        F("ipv4_netmask_suffix", 1, 1, L, s);
        F("ipv4_is_private", 1, 1, B, s);
        F("parse_ipv6", 1, 1, S, s);
        F("parse_ipv6_mask", 2, 2, S, s, n);
        F("ipv6_compare", 2, 3, L, s, s, n);
        F("ipv6_is_match", 2, 3, B, s, s, n);
        F("ipv6_is_in_range", 2, 2, B, s, s);
        F("ipv6_is_in_any_range", 2, Many, B);
        F("geo_info_from_ip_address", 1, 1, Dyn, s);

        // ---- datetime
        N("format_datetime", 2, 2, S, dt, s);
        N("format_timespan", 2, 2, S, ts, s);
        F("make_datetime", 1, 7, Dt);
        F("make_timespan", 1, 4, Ts);
        F("datetime_add", 3, 3, Dt, s, n, dt);
        F("datetime_diff", 3, 3, L, s, dt, dt);
        F("datetime_part", 2, 2, I, s, dt);
        F("datepart", 2, 2, I, s, dt);
        F("dayofweek", 1, 1, Ts, dt);
        F("dayofmonth", 1, 1, I, dt);
        F("dayofyear", 1, 1, I, dt);
        F("hourofday", 1, 1, I, dt);
        F("weekofyear", 1, 1, I, dt);
        F("week_of_year", 1, 1, I, dt);
        F("monthofyear", 1, 1, I, dt);
        F("getyear", 1, 1, I, dt);
        F("getmonth", 1, 1, I, dt);
        N("startofday", 1, 2, Dt, dt, n);
        F("startofweek", 1, 2, Dt, dt, n);
        F("startofmonth", 1, 2, Dt, dt, n);
        F("startofyear", 1, 2, Dt, dt, n);
        F("endofday", 1, 2, Dt, dt, n);
        F("endofweek", 1, 2, Dt, dt, n);
        F("endofmonth", 1, 2, Dt, dt, n);
        F("endofyear", 1, 2, Dt, dt, n);
        F("now", 0, 1, Dt, ts);
        F("ago", 1, 1, Dt, ts);
        F("unixtime_seconds_todatetime", 1, 1, Dt, n);
        F("unixtime_milliseconds_todatetime", 1, 1, Dt, n);
        F("unixtime_microseconds_todatetime", 1, 1, Dt, n);
        F("unixtime_nanoseconds_todatetime", 1, 1, Dt, n);
        F("datetime_local_to_utc", 2, 2, Dt, dt, s);
        F("datetime_utc_to_local", 2, 2, Dt, dt, s);
        F("datetime_list_timezones", 0, 0, Dyn);

        // ---- hash
        F("hash", 1, 2, L, a, n);
        F("hash_xxhash64", 1, 2, L, a, n);
        F("hash_sha256", 1, 1, S);
        F("hash_sha1", 1, 1, S);
        F("hash_md5", 1, 1, S);
        F("hash_combine", 2, Many, L);
        F("hash_many", 1, Many, L);

        // ---- conditional
        R2("iff", 3, 3, ResultRule.Common, b);
        R2("iif", 3, 3, ResultRule.Common, b);
        R2("case", 3, Many, ResultRule.Case);
        R2("coalesce", 1, 64, ResultRule.Common);
        R2("max_of", 1, 64, ResultRule.Common);
        R2("min_of", 1, 64, ResultRule.Common);
        F("assert", 2, 2, B, b, s);
        R2("column_ifexists", 2, 2, ResultRule.Unknown);
        R2("columnifexists", 2, 2, ResultRule.Unknown);

        // ---- bin / math
        var bin = R2("bin", 2, 2, ResultRule.Bin);
        bin.NamedAfterFirstArgument = true;
        var floor = R2("floor", 2, 2, ResultRule.Bin);
        floor.NamedAfterFirstArgument = true;
        var binAt = R2("bin_at", 3, 3, ResultRule.Bin);
        binAt.NamedAfterFirstArgument = true;
        var binAuto = R2("bin_auto", 1, 1, ResultRule.Bin);
        binAuto.NamedAfterFirstArgument = true;
        F("not", 1, 1, B);
        F("isnull", 1, 1, B);
        F("isnotnull", 1, 1, B);
        F("notnull", 1, 1, B);
        F("isempty", 1, 1, B);
        F("isnotempty", 1, 1, B);
        F("notempty", 1, 1, B);
        F("isnan", 1, 1, B, n);
        F("isinf", 1, 1, B, n);
        F("isfinite", 1, 1, B, n);
        F("iscolumnexists", 1, 1, B, s);
        F("around", 3, 3, B);
        R2("abs", 1, 1, ResultRule.Arg0);
        F("ceiling", 1, 1, R, n);
        R2("round", 1, 2, ResultRule.Arg0);
        F("sqrt", 1, 1, R, n);
        F("pow", 2, 2, R, n, n);
        F("log", 1, 1, R, n);
        F("log10", 1, 1, R, n);
        F("log2", 1, 1, R, n);
        F("exp", 1, 1, R, n);
        F("exp10", 1, 1, R, n);
        F("exp2", 1, 1, R, n);
        F("sign", 1, 1, R, n);
        F("rand", 0, 1, R);
        F("pi", 0, 0, R);
        F("cos", 1, 1, R, n);
        F("sin", 1, 1, R, n);
        F("tan", 1, 1, R, n);
        F("acos", 1, 1, R, n);
        F("asin", 1, 1, R, n);
        F("atan", 1, 1, R, n);
        F("atan2", 2, 2, R, n, n);
        F("cot", 1, 1, R, n);
        F("degrees", 1, 1, R, n);
        F("radians", 1, 1, R, n);
        F("gamma", 1, 1, R, n);
        F("loggamma", 1, 1, R, n);
        F("binary_and", 2, 2, L, n, n);
        F("binary_or", 2, 2, L, n, n);
        F("binary_xor", 2, 2, L, n, n);
        F("binary_not", 1, 1, L, n);
        F("binary_shift_left", 2, 2, L, n, n);
        F("binary_shift_right", 2, 2, L, n, n);
        F("bitset_count_ones", 1, 1, L, n);
        F("new_guid", 0, 0, G);

        // ---- dynamic
        F("treepath", 1, 1, Dyn);
        F("repeat", 2, 2, Dyn);
        F("array_length", 1, 1, L);
        F("arraylength", 1, 1, L);
        F("array_reverse", 1, 1, Dyn);
        F("range", 2, 3, Dyn);
        F("array_concat", 1, 64, Dyn);
        F("array_iff", 3, 3, Dyn);
        F("array_iif", 3, 3, Dyn);
        F("array_index_of", 2, 5, L);
        F("set_has_element", 2, 2, B);
        F("array_slice", 3, 3, Dyn);
        F("array_split", 2, 2, Dyn);
        F("array_shift_left", 2, 3, Dyn);
        F("array_shift_right", 2, 3, Dyn);
        F("array_rotate_left", 2, 2, Dyn);
        F("array_rotate_right", 2, 2, Dyn);
        R2("array_sort_asc", 1, Many, ResultRule.Unknown);
        R2("array_sort_desc", 1, Many, ResultRule.Unknown);
        F("array_sum", 1, 1, R);
        F("bag_keys", 1, 1, Dyn);
        F("zip", 2, 64, Dyn);
        F("pack", 0, Many, Dyn);
        F("pack_dictionary", 0, Many, Dyn);
        F("bag_pack", 0, Many, Dyn);
        F("bag_pack_columns", 1, Many, Dyn);
        F("pack_all", 0, 1, Dyn);
        F("pack_array", 0, Many, Dyn);
        F("set_union", 2, 64, Dyn);
        F("set_intersect", 2, 64, Dyn);
        F("set_difference", 2, 64, Dyn);
        F("bag_merge", 2, 64, Dyn);
        F("bag_remove_keys", 2, 2, Dyn);
        F("bag_set_key", 3, 3, Dyn);
        F("bag_zip", 2, 2, Dyn);
        F("bag_has_key", 2, 2, B, a, s);
        F("jaccard_index", 2, 2, R);

        // ---- window / misc
        F("row_number", 0, 2, L);
        R2("row_cumsum", 1, 2, ResultRule.Arg0);
        F("row_rank_dense", 1, 2, L);
        F("row_rank_min", 1, 2, L);
        R2("prev", 1, 3, ResultRule.Arg0);
        R2("next", 1, 3, ResultRule.Arg0);
        F("row_window_session", 4, 5, Dt);
        R2("toscalar", 1, 1, ResultRule.Unknown);
        R2("materialize", 1, 1, ResultRule.Tabular);
        R2("table", 1, 2, ResultRule.Tabular);
        F("ingestion_time", 0, 0, Dt);
        F("current_cluster_endpoint", 0, 0, S);
        F("current_database", 0, 0, S);
        F("current_principal", 0, 0, S);
        F("current_principal_details", 0, 0, Dyn);
        F("current_principal_is_member_of", 1, Many, B);
        F("estimate_data_size", 1, Many, L);
        F("extent_id", 0, 0, G);
        F("extent_tags", 0, 0, Dyn);
        F("percentile_tdigest", 2, 3, U);
        F("percentrank_tdigest", 2, 2, R);
        F("rank_tdigest", 2, 2, R);
        F("dcount_hll", 1, 1, L);
        F("hll_merge", 2, 16, Dyn);
        F("tdigest_merge", 2, 16, Dyn);

        // ---- aggregates (default output name = prefix + first argument's name)
        Agg("count", 0, 1, L, ResultRule.Fixed, "count_", ignoresArg: true);
        Agg("countif", 1, 1, L, ResultRule.Fixed, "countif_", ignoresArg: true);
        Agg("dcount", 1, 2, L, ResultRule.Fixed, "dcount_");
        Agg("dcountif", 2, 3, L, ResultRule.Fixed, "dcountif_");
        Agg("count_distinct", 1, 1, L, ResultRule.Fixed, null);
        Agg("count_distinctif", 2, 2, L, ResultRule.Fixed, null);
        Agg("sum", 1, 1, U, ResultRule.Sum, "sum_");
        Agg("sumif", 2, 2, U, ResultRule.Sum, "sumif_");
        Agg("avg", 1, 1, R, ResultRule.Fixed, "avg_");
        Agg("avgif", 2, 2, R, ResultRule.Fixed, "avgif_");
        Agg("min", 1, 1, U, ResultRule.Arg0, "min_");
        Agg("max", 1, 1, U, ResultRule.Arg0, "max_");
        Agg("minif", 2, 2, U, ResultRule.Arg0, "minif_");
        Agg("maxif", 2, 2, U, ResultRule.Arg0, "maxif_");
        Agg("any", 1, Many, U, ResultRule.Arg0, null);
        Agg("anyif", 2, 2, U, ResultRule.Arg0, null);
        Agg("take_any", 1, Many, U, ResultRule.Arg0, null);
        Agg("take_anyif", 2, 2, U, ResultRule.Arg0, null);
        Agg("arg_max", 1, Many, U, ResultRule.Unknown, null);
        Agg("arg_min", 1, Many, U, ResultRule.Unknown, null);
        Agg("make_set", 1, 2, Dyn, ResultRule.Fixed, "set_");
        Agg("makeset", 1, 2, Dyn, ResultRule.Fixed, "set_");
        Agg("make_set_if", 2, 3, Dyn, ResultRule.Fixed, null);
        Agg("make_list", 1, 2, Dyn, ResultRule.Fixed, "list_");
        Agg("makelist", 1, 2, Dyn, ResultRule.Fixed, "list_");
        Agg("make_list_if", 2, 3, Dyn, ResultRule.Fixed, null);
        Agg("make_list_with_nulls", 1, 2, Dyn, ResultRule.Fixed, null);
        Agg("make_bag", 1, 2, Dyn, ResultRule.Fixed, "bag_");
        Agg("make_bag_if", 2, 3, Dyn, ResultRule.Fixed, null);
        Agg("stdev", 1, 1, R, ResultRule.Fixed, "stdev_");
        Agg("stdevif", 2, 2, R, ResultRule.Fixed, "stdevif_");
        Agg("stdevp", 1, 1, R, ResultRule.Fixed, "stdevp_");
        Agg("variance", 1, 1, R, ResultRule.Fixed, "variance_");
        Agg("varianceif", 2, 2, R, ResultRule.Fixed, "varianceif_");
        Agg("variancep", 1, 1, R, ResultRule.Fixed, "variancep_");
        Agg("percentile", 2, 2, U, ResultRule.Arg0, null);
        Agg("percentiles", 2, Many, U, ResultRule.Unknown, null);
        Agg("percentiles_array", 2, Many, Dyn, ResultRule.Fixed, null);
        Agg("percentilew", 3, 3, U, ResultRule.Arg0, null);
        Agg("percentilesw", 3, Many, U, ResultRule.Unknown, null);
        Agg("percentilesw_array", 3, Many, Dyn, ResultRule.Fixed, null);
        Agg("hll", 1, 2, Dyn, ResultRule.Fixed, null);
        Agg("hll_if", 2, 3, Dyn, ResultRule.Fixed, null);
        Agg("tdigest", 1, 2, Dyn, ResultRule.Fixed, null);
        Agg("binary_all_and", 1, 1, L, ResultRule.Fixed, null);
        Agg("binary_all_or", 1, 1, L, ResultRule.Fixed, null);
        Agg("binary_all_xor", 1, 1, L, ResultRule.Fixed, null);
        Agg("buildschema", 1, 1, Dyn, ResultRule.Fixed, null);

        // ---- known by name only: every other function of Microsoft's analyzer, and syntax words read as calls
        Known(KustoNames);
        Known("dynamic", "typeof", "datatable", "print");

        return d;
    }
}
