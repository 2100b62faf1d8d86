using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>How strictly <see cref="HuntingSchemaJson"/> reads a file.</summary>
public enum HuntingSchemaStrictness
{
    /// <summary>
    /// Files people write (the CLI's <c>--schema</c>, the engine's tables): comments and trailing commas are allowed,
    /// descriptions are optional and unknown properties are ignored.
    /// </summary>
    Lenient,

    /// <summary>
    /// The checked-in schema that the import tool turns into C#: plain JSON, every table and column described, and no
    /// unknown property (a misspelt optional one would otherwise be dropped without a word).
    /// </summary>
    Strict,
}

/// <summary>
/// The one reader and writer of hunting-schema JSON (docs/schema-file.md): <c>{"tables": [{"name", "description",
/// "columns": [{"name", "type", "description", "docType"}], "notes", "source"}], "functions": [{"name", "kind",
/// "description", "parameters": [{"name", "type", "defaultValue"}], "outputColumns": [columns]}], "source", "note"}</c>.
/// Every problem is a <see cref="HuntingSchemaFormatException"/> whose message names the file, the table or function and
/// the column or parameter.
/// </summary>
/// <remarks>
/// The only System.Text.Json user in this assembly. The generator loads the front end inside the compiler, where
/// System.Text.Json is not guaranteed to be loadable; it never calls this class (it learns tables from [HuntingTable]
/// types), so the runtime never resolves System.Text.Json there. Keep System.Text.Json types out of every other file.
/// </remarks>
public static partial class HuntingSchemaJson
{
    private const string KqlTypeNames = "string, long, int, real, bool, datetime, timespan, guid, decimal, dynamic";

    private static readonly string[] RootProperties = { "tables", "functions", "source", "note" };
    private static readonly string[] FunctionProperties = { "name", "kind", "description", "parameters", "outputColumns" };
    private static readonly string[] ParameterProperties = { "name", "type", "defaultValue" };
    private static readonly string[] TableProperties = { "name", "description", "columns", "notes", "source" };
    private static readonly string[] ColumnProperties = { "name", "type", "description", "docType" };

    /// <summary>Reads schema JSON text; <paramref name="origin"/> (a file name) starts every error message.</summary>
    /// <exception cref="HuntingSchemaFormatException">The text is not valid JSON or not a valid schema.</exception>
    public static HuntingSchemaDocument Parse(string json, string origin, HuntingSchemaStrictness strictness = HuntingSchemaStrictness.Lenient)
    {
        if (json == null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        if (origin == null)
        {
            throw new ArgumentNullException(nameof(origin));
        }

        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions(strictness));
            return Read(document.RootElement, origin, strictness);
        }
        catch (JsonException ex)
        {
            throw new HuntingSchemaFormatException($"{origin} is not valid JSON: {ex.Message}", origin, null, null, ex);
        }
    }

    /// <summary>Reads schema JSON from a UTF-8 stream; <paramref name="origin"/> (a file name) starts every error message.</summary>
    /// <exception cref="HuntingSchemaFormatException">The content is not valid JSON or not a valid schema.</exception>
    public static HuntingSchemaDocument Read(Stream utf8Json, string origin, HuntingSchemaStrictness strictness = HuntingSchemaStrictness.Lenient)
    {
        if (utf8Json == null)
        {
            throw new ArgumentNullException(nameof(utf8Json));
        }

        if (origin == null)
        {
            throw new ArgumentNullException(nameof(origin));
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json, DocumentOptions(strictness));
            return Read(document.RootElement, origin, strictness);
        }
        catch (JsonException ex)
        {
            throw new HuntingSchemaFormatException($"{origin} is not valid JSON: {ex.Message}", origin, null, null, ex);
        }
    }

    private static JsonDocumentOptions DocumentOptions(HuntingSchemaStrictness strictness) =>
        strictness == HuntingSchemaStrictness.Strict
            ? new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false }
            : new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static HuntingSchemaDocument Read(JsonElement root, string origin, HuntingSchemaStrictness strictness)
    {
        var strict = strictness == HuntingSchemaStrictness.Strict;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tables", out var tablesElement)
            || tablesElement.ValueKind != JsonValueKind.Array)
        {
            throw new HuntingSchemaFormatException($"{origin} must be an object with a \"tables\" array.", origin, null, null);
        }

        var rootPlace = new Place(origin, null, 0, null, 0);
        CheckProperties(root, RootProperties, rootPlace, strict);
        var tables = new List<HuntingSchemaTable>();
        var tableIndex = 0;
        foreach (var table in tablesElement.EnumerateArray())
        {
            tableIndex++;
            tables.Add(ReadTable(table, new Place(origin, null, tableIndex, null, 0), strict));
        }

        var functions = new List<HuntingSchemaFunction>();
        if (root.TryGetProperty("functions", out var functionsElement) && functionsElement.ValueKind != JsonValueKind.Null)
        {
            if (functionsElement.ValueKind != JsonValueKind.Array)
            {
                throw new HuntingSchemaFormatException($"{origin} has a \"functions\" that is not an array.", origin, null, null);
            }

            var functionIndex = 0;
            foreach (var function in functionsElement.EnumerateArray())
            {
                functionIndex++;
                functions.Add(ReadFunction(function, new Place(origin, null, functionIndex, null, 0, ownerKind: "function"), strict));
            }
        }

        return new HuntingSchemaDocument(tables, functions, OptionalString(root, "source", rootPlace), OptionalString(root, "note", rootPlace));
    }

    private static HuntingSchemaFunction ReadFunction(JsonElement function, Place place, bool strict)
    {
        if (function.ValueKind != JsonValueKind.Object)
        {
            throw place.Error("is not an object");
        }

        var name = OptionalString(function, "name", place) ?? throw place.Error("has no \"name\"");
        place = place.WithTable(name);
        CheckProperties(function, FunctionProperties, place, strict);
        var kind = OptionalString(function, "kind", place) switch
        {
            "builtIn" => HuntingSchemaFunctionKind.BuiltIn,
            "saved" => HuntingSchemaFunctionKind.Saved,
            null => throw place.Error("has no \"kind\" (\"builtIn\" or \"saved\")"),
            var other => throw place.Error($"has unknown kind '{other}' (\"builtIn\" or \"saved\")"),
        };

        var parameters = new List<HuntingSchemaParameter>();
        var index = 0;
        foreach (var parameter in OptionalArray(function, "parameters", place))
        {
            index++;
            parameters.Add(ReadParameter(parameter, place.WithColumnIndex(index, "parameter")));
        }

        var outputColumns = new List<HuntingSchemaColumn>();
        index = 0;
        foreach (var column in OptionalArray(function, "outputColumns", place))
        {
            index++;
            outputColumns.Add(ReadColumn(column, place.WithColumnIndex(index, "output column"), strict: false));
        }

        return new HuntingSchemaFunction(name, kind, parameters, outputColumns, OptionalString(function, "description", place));
    }

    private static HuntingSchemaParameter ReadParameter(JsonElement parameter, Place place)
    {
        if (parameter.ValueKind != JsonValueKind.Object)
        {
            throw place.Error("is not an object");
        }

        var name = OptionalString(parameter, "name", place) ?? throw place.Error("has no \"name\"");
        place = place.WithColumn(name);
        var type = OptionalString(parameter, "type", place) ?? throw place.Error("has no \"type\"");
        if (!type.StartsWith("(", StringComparison.Ordinal) && KqlScalarTypes.Parse(type) == KqlScalarType.Unknown)
        {
            throw place.Error($"has unknown type '{type}' (a KQL type is one of: {KqlTypeNames}; a table parameter is a schema such as (*))");
        }

        return new HuntingSchemaParameter(name, type, OptionalString(parameter, "defaultValue", place));
    }

    /// <summary>The property's array items; none when absent or JSON null; an error when it is something else.</summary>
    private static IEnumerable<JsonElement> OptionalArray(JsonElement element, string property, Place place)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Array.Empty<JsonElement>();
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw place.Error($"has a \"{property}\" that is not an array");
    }

    private static HuntingSchemaTable ReadTable(JsonElement table, Place place, bool strict)
    {
        if (table.ValueKind != JsonValueKind.Object)
        {
            throw place.Error("is not an object");
        }

        var name = OptionalString(table, "name", place) ?? throw place.Error("has no \"name\"");
        place = place.WithTable(name);
        CheckProperties(table, TableProperties, place, strict);
        var description = Description(table, place, strict);
        if (!table.TryGetProperty("columns", out var columnsElement) || columnsElement.ValueKind != JsonValueKind.Array)
        {
            throw place.Error("has no \"columns\" array");
        }

        var columns = new List<HuntingSchemaColumn>();
        var columnIndex = 0;
        foreach (var column in columnsElement.EnumerateArray())
        {
            columnIndex++;
            columns.Add(ReadColumn(column, place.WithColumnIndex(columnIndex), strict));
        }

        return new HuntingSchemaTable(name, columns, description, OptionalString(table, "notes", place), OptionalString(table, "source", place));
    }

    private static HuntingSchemaColumn ReadColumn(JsonElement column, Place place, bool strict)
    {
        if (column.ValueKind != JsonValueKind.Object)
        {
            throw place.Error("is not an object");
        }

        var name = OptionalString(column, "name", place) ?? throw place.Error("has no \"name\"");
        place = place.WithColumn(name);
        CheckProperties(column, ColumnProperties, place, strict);
        var type = OptionalString(column, "type", place) ?? throw place.Error("has no \"type\"");
        if (KqlScalarTypes.Parse(type) == KqlScalarType.Unknown)
        {
            throw place.Error($"has unknown type '{type}' (a KQL type is one of: {KqlTypeNames})");
        }

        return new HuntingSchemaColumn(name, type, Description(column, place, strict), OptionalString(column, "docType", place));
    }

    private static string? Description(JsonElement element, Place place, bool strict)
    {
        var description = OptionalString(element, "description", place);
        return description == null && strict ? throw place.Error("has no \"description\"") : description;
    }

    /// <summary>The property's text; null when absent or JSON null; an error when it is something else.</summary>
    private static string? OptionalString(JsonElement element, string property, Place place)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw place.Error($"has a \"{property}\" that is not a string");
    }

    private static void CheckProperties(JsonElement element, string[] known, Place place, bool strict)
    {
        if (!strict)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw place.Error($"has an unknown property \"{property.Name}\" (known: {string.Join(", ", known)})");
            }
        }
    }

    /// <summary>
    /// Where in the file a problem is: origin, then the table or function (by name or 1-based index), then the column or
    /// parameter.
    /// </summary>
    private readonly struct Place
    {
        private readonly string _origin;
        private readonly string _ownerKind;
        private readonly string? _owner;
        private readonly int _ownerIndex;
        private readonly string _itemKind;
        private readonly string? _item;
        private readonly int _itemIndex;

        public Place(string origin, string? owner, int ownerIndex, string? item, int itemIndex, string ownerKind = "table", string itemKind = "column")
        {
            _origin = origin;
            _ownerKind = ownerKind;
            _owner = owner;
            _ownerIndex = ownerIndex;
            _itemKind = itemKind;
            _item = item;
            _itemIndex = itemIndex;
        }

        public Place WithTable(string name) => new Place(_origin, name, _ownerIndex, null, 0, _ownerKind);

        public Place WithColumnIndex(int index, string itemKind = "column") => new Place(_origin, _owner, _ownerIndex, null, index, _ownerKind, itemKind);

        public Place WithColumn(string name) => new Place(_origin, _owner, _ownerIndex, name, _itemIndex, _ownerKind, _itemKind);

        public HuntingSchemaFormatException Error(string problem)
        {
            var where = _origin;
            if (_owner != null || _ownerIndex > 0)
            {
                where += ": " + _ownerKind + " " + (_owner != null ? "'" + _owner + "'" : "#" + _ownerIndex);
                if (_item != null || _itemIndex > 0)
                {
                    where += ", " + _itemKind + " " + (_item != null ? "'" + _item + "'" : "#" + _itemIndex);
                }
            }

            return new HuntingSchemaFormatException(where + " " + problem + ".", _origin, _owner, _item);
        }
    }
}
