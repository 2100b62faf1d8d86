using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>The kind of a <see cref="SchemaJsonValue"/> (the names of System.Text.Json's JsonValueKind).</summary>
internal enum SchemaJsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One JSON value of a schema file, with the line and column it starts at (1-based), as <see cref="SchemaJsonParser"/>
/// reads it. A small DOM of our own: System.Text.Json cannot be relied on inside the compiler, and JsonDocument keeps
/// no positions, which every error about a schema file names.
/// </summary>
internal sealed class SchemaJsonValue
{
    private readonly List<SchemaJsonProperty>? _properties;
    private readonly List<SchemaJsonValue>? _items;
    private readonly string? _text;

    private SchemaJsonValue(SchemaJsonKind kind, int line, int column, string? text, List<SchemaJsonProperty>? properties, List<SchemaJsonValue>? items)
    {
        ValueKind = kind;
        Line = line;
        Column = column;
        _text = text;
        _properties = properties;
        _items = items;
    }

    public SchemaJsonKind ValueKind { get; }

    public int Line { get; }

    public int Column { get; }

    public static SchemaJsonValue Scalar(SchemaJsonKind kind, int line, int column, string? text = null) =>
        new SchemaJsonValue(kind, line, column, text, null, null);

    public static SchemaJsonValue Object(int line, int column, List<SchemaJsonProperty> properties) =>
        new SchemaJsonValue(SchemaJsonKind.Object, line, column, null, properties, null);

    public static SchemaJsonValue Array(int line, int column, List<SchemaJsonValue> items) =>
        new SchemaJsonValue(SchemaJsonKind.Array, line, column, null, null, items);

    /// <summary>The text of a string (or the spelling of a number).</summary>
    public string GetString() => _text ?? throw new InvalidOperationException("The value is a " + ValueKind + ", not a string.");

    /// <summary>The named property of an object (names are unique: the parser rejects a repeated one).</summary>
    public bool TryGetProperty(string name, out SchemaJsonProperty property)
    {
        if (_properties != null)
        {
            foreach (var p in _properties)
            {
                if (p.Name == name)
                {
                    property = p;
                    return true;
                }
            }
        }

        property = default;
        return false;
    }

    public IReadOnlyList<SchemaJsonProperty> EnumerateObject() =>
        _properties ?? throw new InvalidOperationException("The value is a " + ValueKind + ", not an object.");

    public IReadOnlyList<SchemaJsonValue> EnumerateArray() =>
        _items ?? throw new InvalidOperationException("The value is a " + ValueKind + ", not an array.");
}

/// <summary>A property of a JSON object: its name, where the name starts, and its value.</summary>
internal readonly struct SchemaJsonProperty
{
    public SchemaJsonProperty(string name, int line, int column, SchemaJsonValue value)
    {
        Name = name;
        Line = line;
        Column = column;
        Value = value;
    }

    public string Name { get; }

    public int Line { get; }

    public int Column { get; }

    public SchemaJsonValue Value { get; }
}
