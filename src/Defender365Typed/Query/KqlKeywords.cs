using System;
using System.Collections.Frozen;

namespace Defender365Typed;

/// <summary>Words that must not be written as bare identifiers.</summary>
/// <remarks>
/// Every word that the Kusto.Language 12.4.1 tokenizer reads as a keyword or a literal rather than an identifier,
/// plus <c>not</c>. Over-listing is harmless (the name is only bracketed), under-listing breaks a query, so the list
/// is generous. Keywords are case-sensitive in KQL; <c>true</c>/<c>false</c> are not, see <see cref="IsReserved"/>.
/// </remarks>
internal static class KqlKeywords
{
    private static readonly FrozenSet<string> Words = new[]
    {
        "__contextual_datatable", "__crossCluster", "__crossDB", "__executeAndCache", "__id", "__isFuzzy",
        "__noWithSource", "__packedColumn", "__partitionby", "__projectAway", "__sourceColumnIndex", "access",
        "accumulate", "alias", "and", "anomalychart", "areachart", "as", "asc", "bagexpansion", "barchart",
        "best_effort", "between", "bin", "bin_legacy", "bool", "boolean", "by", "byte", "cachingpolicy",
        "callout", "cancel", "card", "char", "columnchart", "consume", "contains", "contains_cs",
        "containscs", "count", "cycles", "database", "dataexport", "dataformat", "datascope", "datatable",
        "date", "datetime", "datetime_pattern", "decimal", "declare", "decodeblocks", "default", "desc",
        "distinct", "double", "dynamic", "earliest", "edges", "encodingpolicy", "endswith", "endswith_cs",
        "entity_group", "evaluate", "expandoutput", "extend", "extent_tags_retention", "external_data",
        "externaldata", "facet", "false", "filter", "find", "first", "flags", "float", "force_remote", "fork",
        "from", "getschema", "graph", "guid", "harddelete", "hardretention", "has", "has_all", "has_any",
        "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs", "hotcache", "id", "in",
        "inline_external_table", "int", "int16", "int32", "int64", "int8", "invoke", "isfuzzy", "join",
        "journal", "kind", "ladderchart", "last", "latest", "let", "like", "likecs", "limit", "linechart",
        "long", "lookup", "materialize", "mdm", "missing", "mvapply", "mvexpand", "nodes", "nooptimization",
        "not", "notcontains", "notcontainscs", "notlike", "notlikecs", "null", "nulls", "of", "on",
        "optional", "or", "order", "others", "output", "pack", "parse", "partition", "pathformat", "pattern",
        "piechart", "pivotchart", "plotly", "print", "project", "queries", "query_parameters",
        "query_results", "range", "real", "reduce", "regex", "relaxed", "render", "restrict",
        "restricted_view_access", "row_level_security", "rowstore", "rowstore_references",
        "rowstore_sealinfo", "rowstorepolicy", "rowstores", "sample", "scan", "scatterchart", "seal", "seals",
        "search", "serialize", "set", "shards", "simple", "softdelete", "softretention", "sort", "sql",
        "stackedareachart", "startswith", "startswith_cs", "statistics", "step",
        "storedqueryresultcontainers", "string", "summarize", "tablepurge", "take", "time", "timechart",
        "timeline", "timepivot", "timespan", "title", "to", "top", "toscalar", "totable", "treemap", "true",
        "typeof", "uint", "uint16", "uint32", "uint64", "uint8", "ulong", "union", "uniqueid",
        "unrestrictedviewers", "uuid", "verbose", "view", "viewers", "views", "where", "with",
        "with_itemindex", "with_match_id", "with_node_id", "with_source", "with_step_name", "withsource",
        "writeaheadlog",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> would not be read as a plain identifier.</summary>
    public static bool IsReserved(string name) =>
        Words.Contains(name)
        // Boolean literals are matched case-insensitively by the tokenizer (True, FALSE...).
        || name.Equals("true", StringComparison.OrdinalIgnoreCase)
        || name.Equals("false", StringComparison.OrdinalIgnoreCase);
}
