using System.Text.Json;

namespace Defender365Typed.KqlEngine;

/// <summary>Converts a cell's text or JSON value to the representation of a column type.</summary>
internal static class CellConverter
{
    public static object? FromText(string text, KqlColumnType type, out string? problem)
    {
        problem = null;
        if (type == KqlColumnType.String)
        {
            return text;
        }

        if (text.Length == 0)
        {
            return null;
        }

        object? value = type == KqlColumnType.Dynamic
            ? (DynamicJson.TryParse(text, out object? d) ? d : text)
            : Values.ParseLiteral(type, text);
        if (value is null && text.Trim() != "null")
        {
            problem = $"'{Shorten(text)}' is not a {KqlColumnTypes.KqlName(type)}";
        }

        return Values.Coerce(value, type);
    }

    public static object? FromJson(JsonElement e, KqlColumnType type, out string? problem)
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

        if (type == KqlColumnType.Dynamic)
        {
            return DynamicJson.TryParse(e.GetRawText(), out object? d) ? d : null;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Number when type is KqlColumnType.Int or KqlColumnType.Long or KqlColumnType.Real or KqlColumnType.Decimal or KqlColumnType.String:
            case JsonValueKind.True when type is KqlColumnType.Bool or KqlColumnType.String:
            case JsonValueKind.False when type is KqlColumnType.Bool or KqlColumnType.String:
                return FromText(e.GetRawText(), type, out problem);
            default:
                problem = $"a JSON {e.ValueKind.ToString().ToLowerInvariant()} ({Shorten(e.GetRawText())}) is not a {KqlColumnTypes.KqlName(type)}";
                return null;
        }
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;
}
