using System.Text.Json;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>Converts a cell's text or JSON value to the representation of a column type.</summary>
internal static class CellConverter
{
    public static object? FromText(string text, KqlScalarType type, out string? problem)
    {
        problem = null;
        if (type == KqlScalarType.String)
        {
            return text;
        }

        if (text.Length == 0)
        {
            return null;
        }

        object? value = type == KqlScalarType.Dynamic
            ? (DynamicJson.TryParse(text, out object? d) ? d : text)
            : Values.ParseLiteral(type, text);
        if (value is null && text.Trim() != "null")
        {
            problem = $"'{Shorten(text)}' is not a {KqlScalarTypes.Name(type)}";
        }

        return Values.Coerce(value, type);
    }

    public static object? FromJson(JsonElement e, KqlScalarType type, out string? problem)
    {
        problem = null;
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return Values.Coerce(null, type);
            case JsonValueKind.String:
                return FromText(e.GetString()!, type, out problem);
        }

        if (type == KqlScalarType.Dynamic)
        {
            return DynamicJson.TryParse(e.GetRawText(), out object? d) ? d : null;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Number when type is KqlScalarType.Int or KqlScalarType.Long or KqlScalarType.Real or KqlScalarType.Decimal or KqlScalarType.String:
            case JsonValueKind.True when type is KqlScalarType.Bool or KqlScalarType.String:
            case JsonValueKind.False when type is KqlScalarType.Bool or KqlScalarType.String:
                return FromText(e.GetRawText(), type, out problem);
            default:
                problem = $"a JSON {e.ValueKind.ToString().ToLowerInvariant()} ({Shorten(e.GetRawText())}) is not a {KqlScalarTypes.Name(type)}";
                return null;
        }
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;
}
