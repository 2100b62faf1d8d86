namespace Defender365Typed.Results;

/// <summary>Which service wrote a hunting response body, and so how its JSON is laid out.</summary>
public enum HuntingResponseFormat
{
    /// <summary>
    /// Microsoft Graph <c>POST /security/runHuntingQuery</c>: <c>{"@odata.context", "schema": [{name, type}], "results": [{...}]}</c>,
    /// no statistics. Property names may arrive in either case.
    /// </summary>
    Graph = 0,

    /// <summary>
    /// The legacy Defender XDR <c>POST /api/advancedhunting/run</c>: <c>{"Stats": {...}, "Schema": [{Name, Type}], "Results": [{...}]}</c>.
    /// </summary>
    Legacy = 1,
}
