using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

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
/// Every problem is a <see cref="HuntingSchemaFormatException"/> whose message names the file, the line and position,
/// the table or function and the column or parameter; names must be identifiers (a letter or '_', then letters, digits
/// or '_') and unique where they meet (tables and functions share one namespace).
/// </summary>
/// <remarks>
/// The JSON itself is read by <see cref="SchemaJsonParser"/>, a small reader of our own rather than System.Text.Json:
/// the generator reads schema files inside the compiler, where System.Text.Json is not guaranteed to be loadable
/// (Visual Studio's .NET Framework host), and JsonDocument keeps no line numbers, which every error here names.
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

        var strict = strictness == HuntingSchemaStrictness.Strict;
        return Read(SchemaJsonParser.Parse(json, origin, lenient: !strict), origin, strict);
    }

    /// <summary>Reads schema JSON from a UTF-8 stream; <paramref name="origin"/> (a file name) starts every error message.</summary>
    /// <exception cref="HuntingSchemaFormatException">The content is not valid UTF-8, not valid JSON or not a valid schema.</exception>
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

        string text;
        try
        {
            using var reader = new StreamReader(utf8Json, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, 4096, leaveOpen: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException ex)
        {
            throw new HuntingSchemaFormatException($"{origin} is not valid UTF-8: {ex.Message}", origin, null, null, ex);
        }

        return Parse(text, origin, strictness);
    }

    private static HuntingSchemaDocument Read(SchemaJsonValue root, string origin, bool strict)
    {
        var rootPlace = new Place(origin, root);
        if (root.ValueKind != SchemaJsonKind.Object || !root.TryGetProperty("tables", out var tablesProperty)
            || tablesProperty.Value.ValueKind != SchemaJsonKind.Array)
        {
            throw rootPlace.Error("must be an object with a \"tables\" array", "tables");
        }

        CheckProperties(root, RootProperties, rootPlace, strict);
        var names = new HashSet<string>(StringComparer.Ordinal); // tables and functions: one set of names, as in KQL
        var tables = ReadNamed(tablesProperty.Value.EnumerateArray(), (i, table) => rootPlace.WithTableIndex(i, table),
            (table, place) => ReadTable(table, place, strict), t => t.Name, isItem: false, names, "is declared twice");
        var functions = ReadNamed(OptionalArray(root, "functions", rootPlace), (i, function) => rootPlace.WithTableIndex(i, function, "function"),
            (function, place) => ReadFunction(function, place, strict), f => f.Name, isItem: false, names,
            "is declared twice (tables and functions share one set of names)");

        return new HuntingSchemaDocument(tables, functions, OptionalString(root, "source", rootPlace), OptionalString(root, "note", rootPlace));
    }

    private static HuntingSchemaFunction ReadFunction(SchemaJsonValue function, Place place, bool strict)
    {
        if (function.ValueKind != SchemaJsonKind.Object)
        {
            throw place.Error("is not an object", null);
        }

        var name = Name(function, place, isItem: false);
        place = place.WithTable(name);
        CheckProperties(function, FunctionProperties, place, strict);
        var kindText = OptionalString(function, "kind", place);
        function.TryGetProperty("kind", out var kindProperty);
        var kind = kindText switch
        {
            "builtIn" => HuntingSchemaFunctionKind.BuiltIn,
            "saved" => HuntingSchemaFunctionKind.Saved,
            null => throw place.Error("has no \"kind\" (\"builtIn\" or \"saved\")", "kind"),
            _ => throw place.At(kindProperty.Value).Error($"has unknown kind '{kindText}' (\"builtIn\" or \"saved\")", "kind"),
        };

        var parameters = ReadNamed(OptionalArray(function, "parameters", place), (i, parameter) => place.WithColumnIndex(i, parameter, "parameter"),
            (parameter, at) => ReadParameter(parameter, at, strict), p => p.Name, isItem: true);
        var outputColumns = ReadNamed(OptionalArray(function, "outputColumns", place), (i, column) => place.WithColumnIndex(i, column, "output column"),
            (column, at) => ReadColumn(column, at, strict: false), c => c.Name, isItem: true);

        return new HuntingSchemaFunction(name, kind, parameters, outputColumns, OptionalString(function, "description", place));
    }

    private static HuntingSchemaParameter ReadParameter(SchemaJsonValue parameter, Place place, bool strict)
    {
        if (parameter.ValueKind != SchemaJsonKind.Object)
        {
            throw place.Error("is not an object", null);
        }

        var name = Name(parameter, place, isItem: true);
        place = place.WithColumn(name);
        CheckProperties(parameter, ParameterProperties, place, strict);
        var type = OptionalString(parameter, "type", place) ?? throw place.Error("has no \"type\"", "type");
        if (!type.StartsWith("(", StringComparison.Ordinal) && KqlScalarTypes.Parse(type) == KqlScalarType.Unknown)
        {
            parameter.TryGetProperty("type", out var property);
            throw place.At(property.Value).Error($"has unknown type '{type}' (a KQL type is one of: {KqlTypeNames}; a table parameter is a schema such as (*))", "type");
        }

        return new HuntingSchemaParameter(name, type, OptionalString(parameter, "defaultValue", place));
    }

    /// <summary>
    /// Reads each item of a list at its own place (1-based index); a name already in <paramref name="names"/> is an error at
    /// that name. Tables, functions, columns, parameters and output columns all go through here.
    /// </summary>
    private static List<T> ReadNamed<T>(
        IEnumerable<SchemaJsonValue> items,
        Func<int, SchemaJsonValue, Place> placeOf,
        Func<SchemaJsonValue, Place, T> read,
        Func<T, string> nameOf,
        bool isItem,
        HashSet<string>? names = null,
        string twice = "is declared twice")
    {
        names ??= new HashSet<string>(StringComparer.Ordinal);
        var list = new List<T>();
        var index = 0;
        foreach (var item in items)
        {
            index++;
            var place = placeOf(index, item);
            var value = read(item, place);
            var name = nameOf(value);
            if (!names.Add(name))
            {
                item.TryGetProperty("name", out var nameProperty);
                var at = place.At(nameProperty.Value);
                throw (isItem ? at.WithColumn(name) : at.WithTable(name)).Error(twice, "name");
            }

            list.Add(value);
        }

        return list;
    }

    /// <summary>The property's array items; none when absent or JSON null; an error when it is something else.</summary>
    private static IReadOnlyList<SchemaJsonValue> OptionalArray(SchemaJsonValue element, string property, Place place)
    {
        if (!element.TryGetProperty(property, out var value) || value.Value.ValueKind == SchemaJsonKind.Null)
        {
            return Array.Empty<SchemaJsonValue>();
        }

        return value.Value.ValueKind == SchemaJsonKind.Array
            ? value.Value.EnumerateArray()
            : throw place.At(value.Value).Error($"has a \"{property}\" that is not an array", property);
    }

    private static HuntingSchemaTable ReadTable(SchemaJsonValue table, Place place, bool strict)
    {
        if (table.ValueKind != SchemaJsonKind.Object)
        {
            throw place.Error("is not an object", null);
        }

        var name = Name(table, place, isItem: false);
        place = place.WithTable(name);
        CheckProperties(table, TableProperties, place, strict);
        var description = Description(table, place, strict);
        if (!table.TryGetProperty("columns", out var columnsProperty) || columnsProperty.Value.ValueKind != SchemaJsonKind.Array)
        {
            throw place.At(columnsProperty.Value).Error("has no \"columns\" array", "columns");
        }

        var columns = ReadNamed(columnsProperty.Value.EnumerateArray(), (i, column) => place.WithColumnIndex(i, column),
            (column, at) => ReadColumn(column, at, strict), c => c.Name, isItem: true);

        return new HuntingSchemaTable(name, columns, description, OptionalString(table, "notes", place), OptionalString(table, "source", place));
    }

    private static HuntingSchemaColumn ReadColumn(SchemaJsonValue column, Place place, bool strict)
    {
        if (column.ValueKind != SchemaJsonKind.Object)
        {
            throw place.Error("is not an object", null);
        }

        var name = Name(column, place, isItem: true);
        place = place.WithColumn(name);
        CheckProperties(column, ColumnProperties, place, strict);
        var type = Type(column, place);
        return new HuntingSchemaColumn(name, type, Description(column, place, strict), OptionalString(column, "docType", place));
    }

    /// <summary>The required <c>"type"</c>: a KQL type name.</summary>
    private static string Type(SchemaJsonValue element, Place place)
    {
        var type = OptionalString(element, "type", place) ?? throw place.Error("has no \"type\"", "type");
        if (KqlScalarTypes.Parse(type) == KqlScalarType.Unknown)
        {
            element.TryGetProperty("type", out var property);
            throw place.At(property.Value).Error($"has unknown type '{type}' (a KQL type is one of: {KqlTypeNames})", "type");
        }

        return type;
    }

    /// <summary>The required <c>"name"</c>: an identifier, so KQL needs no quoting and generated C# can use it.</summary>
    private static string Name(SchemaJsonValue element, Place place, bool isItem)
    {
        var name = OptionalString(element, "name", place) ?? throw place.Error("has no \"name\"", "name");
        if (!IsIdentifier(name))
        {
            element.TryGetProperty("name", out var property);
            var named = isItem ? place.WithColumn(name) : place.WithTable(name);
            throw named.At(property.Value).Error("has a name that is not a valid C# identifier (a letter or '_', then letters, digits or '_', which KQL takes unquoted too)", "name");
        }

        return name;
    }

    /// <summary>Whether <paramref name="name"/> is a KQL (and C#) identifier: a letter or '_', then letters, digits or '_'.</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string? Description(SchemaJsonValue element, Place place, bool strict)
    {
        var description = OptionalString(element, "description", place);
        return description == null && strict ? throw place.Error("has no \"description\"", "description") : description;
    }

    /// <summary>The property's text; null when absent or JSON null; an error when it is something else.</summary>
    private static string? OptionalString(SchemaJsonValue element, string property, Place place)
    {
        if (!element.TryGetProperty(property, out var value) || value.Value.ValueKind == SchemaJsonKind.Null)
        {
            return null;
        }

        return value.Value.ValueKind == SchemaJsonKind.String
            ? value.Value.GetString()
            : throw place.At(value.Value).Error($"has a \"{property}\" that is not a string", property);
    }

    private static void CheckProperties(SchemaJsonValue element, string[] known, Place place, bool strict)
    {
        if (!strict)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw place.At(property.Line, property.Column).Error($"has an unknown property \"{property.Name}\" (known: {string.Join(", ", known)})", property.Name);
            }
        }
    }

    /// <summary>
    /// Where in the file a problem is: origin, line and position, then the table or function (by name or 1-based index),
    /// then the column or parameter.
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
        private readonly int _line;
        private readonly int _linePosition;

        public Place(string origin, SchemaJsonValue at)
            : this(origin, "table", null, 0, "column", null, 0, at.Line, at.Column)
        {
        }

        private Place(string origin, string ownerKind, string? owner, int ownerIndex, string itemKind, string? item, int itemIndex, int line, int linePosition)
        {
            _origin = origin;
            _ownerKind = ownerKind;
            _owner = owner;
            _ownerIndex = ownerIndex;
            _itemKind = itemKind;
            _item = item;
            _itemIndex = itemIndex;
            _line = line;
            _linePosition = linePosition;
        }

        public Place WithTableIndex(int index, SchemaJsonValue at, string ownerKind = "table") =>
            new Place(_origin, ownerKind, null, index, "column", null, 0, at.Line, at.Column);

        public Place WithTable(string name) => new Place(_origin, _ownerKind, name, _ownerIndex, _itemKind, null, 0, _line, _linePosition);

        public Place WithColumnIndex(int index, SchemaJsonValue at, string itemKind = "column") =>
            new Place(_origin, _ownerKind, _owner, _ownerIndex, itemKind, null, index, at.Line, at.Column);

        public Place WithColumn(string name) => new Place(_origin, _ownerKind, _owner, _ownerIndex, _itemKind, name, _itemIndex, _line, _linePosition);

        /// <summary>The same place, pointing at <paramref name="value"/> (or staying put when it is absent).</summary>
        public Place At(SchemaJsonValue? value) => value == null ? this : At(value.Line, value.Column);

        public Place At(int line, int linePosition) =>
            new Place(_origin, _ownerKind, _owner, _ownerIndex, _itemKind, _item, _itemIndex, line, linePosition);

        public HuntingSchemaFormatException Error(string problem, string? field)
        {
            var where = _origin + "(" + _line.ToString(CultureInfo.InvariantCulture) + "," + _linePosition.ToString(CultureInfo.InvariantCulture) + ")";
            if (_owner != null || _ownerIndex > 0)
            {
                where += ": " + _ownerKind + " " + (_owner != null ? "'" + _owner + "'" : "#" + _ownerIndex.ToString(CultureInfo.InvariantCulture));
                if (_item != null || _itemIndex > 0)
                {
                    where += ", " + _itemKind + " " + (_item != null ? "'" + _item + "'" : "#" + _itemIndex.ToString(CultureInfo.InvariantCulture));
                }
            }

            return new HuntingSchemaFormatException(where + " " + problem + ".", _origin, _owner, _item, null, _line, _linePosition, field);
        }
    }
}
