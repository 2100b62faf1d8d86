using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// A KQL <c>string</c> expression. It offers the string operators of KQL (equality, <c>has</c>,
/// <c>contains</c>, <c>startswith</c>, regex, <c>in</c>...) and no ordering: <c>FileName &gt; 3</c> does not compile.
/// </summary>
/// <remarks>Operators without <c>Cs</c> are case-insensitive, as in KQL; <c>==</c> is case-sensitive.</remarks>
[KqlScalarStruct("string")]
public readonly partial struct KqlString
{
#pragma warning disable CA2225 // Operators are the API; the named alternatives are the methods below.
    /// <summary>A string literal, escaped so that no value can change the query's structure.</summary>
    public static implicit operator KqlString(string value) => new(new KqlTextNode(KqlLiteral.String(value)));

    /// <summary>Case-sensitive <c>==</c>.</summary>
    public static KqlBool operator ==(KqlString left, KqlString right) => KqlScalar.Compare(left, "==", right);

    /// <summary>Case-sensitive <c>!=</c>.</summary>
    public static KqlBool operator !=(KqlString left, KqlString right) => KqlScalar.Compare(left, "!=", right);

    /// <summary>Concatenation: <c>strcat(left, right)</c>.</summary>
    public static KqlString operator +(KqlString left, KqlString right) => new(KqlNodes.Call("strcat", left.Node, right.Node));
#pragma warning restore CA2225

    /// <summary><c>=~</c>: equal ignoring case.</summary>
    public KqlBool EqualsIgnoreCase(KqlString other) => KqlScalar.Compare(this, "=~", other);

    /// <summary><c>!~</c>: not equal ignoring case.</summary>
    public KqlBool NotEqualsIgnoreCase(KqlString other) => KqlScalar.Compare(this, "!~", other);

    /// <summary><c>has</c>: contains the whole term (case-insensitive); faster than <see cref="Contains"/>.</summary>
    public KqlBool Has(KqlString term) => KqlScalar.Compare(this, "has", term);

    /// <summary><c>!has</c>.</summary>
    public KqlBool NotHas(KqlString term) => KqlScalar.Compare(this, "!has", term);

    /// <summary><c>has_cs</c>: contains the whole term, case-sensitive.</summary>
    public KqlBool HasCs(KqlString term) => KqlScalar.Compare(this, "has_cs", term);

    /// <summary><c>!has_cs</c>.</summary>
    public KqlBool NotHasCs(KqlString term) => KqlScalar.Compare(this, "!has_cs", term);

    /// <summary><c>hasprefix</c>: a term starts with the value.</summary>
    public KqlBool HasPrefix(KqlString prefix) => KqlScalar.Compare(this, "hasprefix", prefix);

    /// <summary><c>!hasprefix</c>.</summary>
    public KqlBool NotHasPrefix(KqlString prefix) => KqlScalar.Compare(this, "!hasprefix", prefix);

    /// <summary><c>hassuffix</c>: a term ends with the value.</summary>
    public KqlBool HasSuffix(KqlString suffix) => KqlScalar.Compare(this, "hassuffix", suffix);

    /// <summary><c>!hassuffix</c>.</summary>
    public KqlBool NotHasSuffix(KqlString suffix) => KqlScalar.Compare(this, "!hassuffix", suffix);

    /// <summary><c>has_any (...)</c>: has any of the terms.</summary>
    public KqlBool HasAny(params string[] terms) => new(KqlNodes.InList(Node, "has_any", terms, KqlLiteral.String, nameof(terms)));

    /// <summary><c>has_all (...)</c>: has every one of the terms.</summary>
    public KqlBool HasAll(params string[] terms) => new(KqlNodes.InList(Node, "has_all", terms, KqlLiteral.String, nameof(terms)));

    /// <summary><c>contains</c>: substring, case-insensitive.</summary>
    public KqlBool Contains(KqlString substring) => KqlScalar.Compare(this, "contains", substring);

    /// <summary><c>!contains</c>.</summary>
    public KqlBool NotContains(KqlString substring) => KqlScalar.Compare(this, "!contains", substring);

    /// <summary><c>contains_cs</c>: substring, case-sensitive.</summary>
    public KqlBool ContainsCs(KqlString substring) => KqlScalar.Compare(this, "contains_cs", substring);

    /// <summary><c>!contains_cs</c>.</summary>
    public KqlBool NotContainsCs(KqlString substring) => KqlScalar.Compare(this, "!contains_cs", substring);

    /// <summary><c>startswith</c>, case-insensitive.</summary>
    public KqlBool StartsWith(KqlString prefix) => KqlScalar.Compare(this, "startswith", prefix);

    /// <summary><c>!startswith</c>.</summary>
    public KqlBool NotStartsWith(KqlString prefix) => KqlScalar.Compare(this, "!startswith", prefix);

    /// <summary><c>startswith_cs</c>, case-sensitive.</summary>
    public KqlBool StartsWithCs(KqlString prefix) => KqlScalar.Compare(this, "startswith_cs", prefix);

    /// <summary><c>endswith</c>, case-insensitive.</summary>
    public KqlBool EndsWith(KqlString suffix) => KqlScalar.Compare(this, "endswith", suffix);

    /// <summary><c>!endswith</c>.</summary>
    public KqlBool NotEndsWith(KqlString suffix) => KqlScalar.Compare(this, "!endswith", suffix);

    /// <summary><c>endswith_cs</c>, case-sensitive.</summary>
    public KqlBool EndsWithCs(KqlString suffix) => KqlScalar.Compare(this, "endswith_cs", suffix);

    /// <summary><c>matches regex</c> (RE2 syntax).</summary>
    public KqlBool MatchesRegex(KqlString pattern) => KqlScalar.Compare(this, "matches regex", pattern);

    /// <summary><c>in (...)</c>: equal to one of the values, case-sensitive.</summary>
    public KqlBool In(params string[] values) => new(KqlNodes.InList(Node, "in", values, KqlLiteral.String, nameof(values)));

    /// <summary><c>in (subquery)</c>: equal to a value of the subquery's single column.</summary>
    public KqlBool In(KqlSet<KqlString> values) => new(KqlNodes.Binary(Node, "in", values.Node));

    /// <summary><c>!in (...)</c>.</summary>
    public KqlBool NotIn(params string[] values) => new(KqlNodes.InList(Node, "!in", values, KqlLiteral.String, nameof(values)));

    /// <summary><c>!in (subquery)</c>.</summary>
    public KqlBool NotIn(KqlSet<KqlString> values) => new(KqlNodes.Binary(Node, "!in", values.Node));

    /// <summary><c>in~ (...)</c>: equal to one of the values ignoring case.</summary>
    public KqlBool InIgnoreCase(params string[] values) => new(KqlNodes.InList(Node, "in~", values, KqlLiteral.String, nameof(values)));

    /// <summary><c>!in~ (...)</c>.</summary>
    public KqlBool NotInIgnoreCase(params string[] values) => new(KqlNodes.InList(Node, "!in~", values, KqlLiteral.String, nameof(values)));

    /// <summary><c>isempty(value)</c>: empty (KQL strings are never null).</summary>
    public KqlBool IsEmpty() => new(KqlNodes.Call("isempty", Node));

    /// <summary><c>isnotempty(value)</c>.</summary>
    public KqlBool IsNotEmpty() => new(KqlNodes.Call("isnotempty", Node));

    /// <summary><c>strlen(value)</c>.</summary>
    public KqlLong Length() => new(KqlNodes.Call("strlen", Node));

    /// <summary><c>tolower(value)</c>.</summary>
    public KqlString ToLower() => new(KqlNodes.Call("tolower", Node));

    /// <summary><c>toupper(value)</c>.</summary>
    public KqlString ToUpper() => new(KqlNodes.Call("toupper", Node));

    /// <summary><c>substring(value, start[, length])</c>.</summary>
    public KqlString Substring(KqlLong start, KqlLong? length = null) => new(length is { } l
        ? new KqlCallNode("substring", Node, start.Node, l.Node)
        : KqlNodes.Call("substring", Node, start.Node));

    /// <summary><c>indexof(value, lookup)</c>: position or -1.</summary>
    public KqlLong IndexOf(KqlString lookup) => new(KqlNodes.Call("indexof", Node, lookup.Node));

    /// <summary><c>extract(regex, group, value)</c>: the captured group, or an empty string.</summary>
    public KqlString Extract(string regex, int captureGroup) =>
        new(new KqlCallNode("extract", new KqlTextNode(KqlLiteral.String(regex)), new KqlTextNode(KqlLiteral.Long(captureGroup)), Node));

    /// <summary><c>replace_string(value, lookup, rewrite)</c>.</summary>
    public KqlString Replace(KqlString lookup, KqlString rewrite) => new(new KqlCallNode("replace_string", Node, lookup.Node, rewrite.Node));

    /// <summary><c>split(value, delimiter)</c>: a dynamic array of strings.</summary>
    public KqlDynamic Split(KqlString delimiter) => new(KqlNodes.Call("split", Node, delimiter.Node));

    /// <summary><c>parse_json(value)</c>.</summary>
    public KqlDynamic ParseJson() => new(KqlNodes.Call("parse_json", Node));

    /// <summary><c>tolong(value)</c>: null when the text is not a number.</summary>
    public KqlLong AsLong() => new(KqlNodes.Call("tolong", Node));

    /// <summary><c>toint(value)</c>.</summary>
    public KqlInt AsInt() => new(KqlNodes.Call("toint", Node));

    /// <summary><c>toreal(value)</c>.</summary>
    public KqlReal AsReal() => new(KqlNodes.Call("toreal", Node));

    /// <summary><c>todatetime(value)</c>.</summary>
    public KqlDateTime AsDateTime() => new(KqlNodes.Call("todatetime", Node));

    /// <summary><c>toguid(value)</c>.</summary>
    public KqlGuid AsGuid() => new(KqlNodes.Call("toguid", Node));

    /// <summary><c>todecimal(value)</c>.</summary>
    public KqlDecimal AsDecimal() => new(KqlNodes.Call("todecimal", Node));
}
