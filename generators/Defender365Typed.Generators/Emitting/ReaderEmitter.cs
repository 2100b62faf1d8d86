using System.Collections.Generic;
using Defender365Typed.Generators.Model;

namespace Defender365Typed.Generators.Emitting;

/// <summary>
/// Writes the generated row reader of one shape type: the type implements <c>IHuntingReadable&lt;T&gt;</c> with its
/// reader schema (column names, types, interning) and <c>TryReadRow</c>, which matches each property of a row to a
/// column, decodes the value into a local and builds the row through its constructor and/or object initializer.
/// </summary>
internal static class ReaderEmitter
{
    private const string Results = "global::Defender365Typed.Results.";

    /// <summary>The reader source; only for a spec whose rows can be built (<see cref="HuntingTypeSpec.ConstructorArity"/> set).</summary>
    public static string Emit(HuntingTypeSpec spec)
    {
        int arity = spec.ConstructorArity ?? throw new System.ArgumentException($"'{spec.TypeName}' has no row constructor: it gets no reader.", nameof(spec));
        var w = new SourceWriter();
        w.StartFile(spec.Namespace, spec.ContainingTypes);

        string self = CSharpText.Identifier(spec.TypeName);
        string readable = $"{Results}IHuntingReadable<{self}>";
        w.Open($"partial {spec.TypeKeyword} {self} : {readable}");

        w.GeneratedCode();
        w.Line($"private static readonly {Results}HuntingReaderSchema __HuntingReaderSchema = new {Results}HuntingReaderSchema(");
        w.Line($"    new {Results}HuntingReaderColumn[]");
        w.Line("    {");
        foreach (ColumnSpec column in spec.Columns)
        {
            w.Line($"        new {Results}HuntingReaderColumn({CSharpText.Literal(column.ColumnName)}, global::Defender365Typed.KqlType.{column.Type}, {Bool(column.Nullable)}, {Bool(column.Intern)}),");
        }

        w.Line("    });");
        w.Line();
        w.Line("// Runs with the type's other static initializers, so the client finds this reader for typed queries on first use.");
        w.GeneratedCode();
        w.Line($"private static readonly bool __HuntingReaderRegistered = global::Defender365Typed.Results.HuntingResultReaders.RegisterDefault(new global::Defender365Typed.Results.GeneratedHuntingResultReader<{self}>());");
        w.Line();
        w.Line($"/// <summary>The columns the generated reader of <see cref=\"{self}\"/> fills.</summary>");
        w.GeneratedCode();
        w.Line($"static {Results}HuntingReaderSchema {readable}.ReaderSchema => __HuntingReaderSchema;");
        w.Line();
        w.Line("/// <summary>Reads one row (generated: names matched on UTF-8 bytes, values decoded into locals, then the row is built).</summary>");
        w.GeneratedCode();
        w.Open($"static bool {readable}.TryReadRow(ref {Results}HuntingRowReader reader, out {self} row)");
        for (int i = 0; i < spec.Columns.Count; i++)
        {
            ColumnSpec column = spec.Columns[i];
            w.Line($"{CSharpType(column)} v{i} = {Initial(column)};");
        }

        w.Line("while (true)");
        w.Line("{");
        w.Line("    switch (reader.NextColumn())");
        w.Line("    {");
        for (int i = 0; i < spec.Columns.Count; i++)
        {
            w.Line($"        case {i}:");
            foreach (string statement in ReadStatements(spec.Columns[i], i))
            {
                w.Line("            " + statement);
            }

            w.Line("            break;");
        }

        w.Line($"        case {Results}HuntingRowReader.EndOfRow:");
        w.Line("            reader.CheckRowComplete();");
        w.Line($"            row = {Construct(spec, arity)};");
        w.Line("            return true;");
        w.Line($"        case {Results}HuntingRowReader.NeedMoreData:");
        w.Line("            row = default!;");
        w.Line("            return false;");
        w.Line("        default:");
        w.Line("            if (!reader.TrySkipValue())");
        w.Line("            {");
        w.Line("                row = default!;");
        w.Line("                return false;");
        w.Line("            }");
        w.Line();
        w.Line("            break;");
        w.Line("    }");
        w.Line("}");
        w.Close();

        w.Close();
        w.CloseContainingTypes(spec.ContainingTypes.Count);

        return w.ToString();
    }

    private static string Construct(HuntingTypeSpec spec, int arity)
    {
        var arguments = new string[arity];
        var initializers = new List<string>();
        for (int i = 0; i < spec.Columns.Count; i++)
        {
            ColumnSpec column = spec.Columns[i];
            if (column.ConstructorParameter >= 0)
            {
                arguments[column.ConstructorParameter] = $"v{i}";
            }
            else
            {
                initializers.Add($"{CSharpText.Identifier(column.PropertyName)} = v{i}");
            }
        }

        string text = $"new {CSharpText.Identifier(spec.TypeName)}({string.Join(", ", arguments)})";
        return initializers.Count == 0 ? text : text + " { " + string.Join(", ", initializers) + " }";
    }

    private static IEnumerable<string> ReadStatements(ColumnSpec column, int i)
    {
        string v = $"v{i}";
        switch (column.ValueKind)
        {
            case ReaderValueKind.String:
                yield return column.Nullable ? $"{v} = reader.ReadString();" : $"{v} = reader.ReadString() ?? \"\";";
                break;
            case ReaderValueKind.JsonText:
                yield return $"if (!reader.TryReadJsonText(out string? t{i})) {{ row = default!; return false; }}";
                yield return column.Nullable ? $"{v} = t{i};" : $"{v} = t{i} ?? \"\";";
                break;
            case ReaderValueKind.JsonElement:
                yield return column.Nullable
                    ? $"if (!reader.TryReadNullableJsonElement(out {v})) {{ row = default!; return false; }}"
                    : $"if (!reader.TryReadJsonElement(out {v})) {{ row = default!; return false; }}";
                break;
            case ReaderValueKind.Dynamic:
                yield return $"if (!reader.TryReadDynamic(out {Results}KqlDynamicValue d{i})) {{ row = default!; return false; }}";
                yield return column.Nullable ? $"{v} = d{i}.IsNull ? null : d{i};" : $"{v} = d{i};";
                break;
            default:
                yield return $"{v} = reader.Read{(column.Nullable ? "Nullable" : string.Empty)}{column.ValueKind}();";
                break;
        }
    }

    /// <summary>The C# type a column's value is read into: the reader's locals and the generated records' properties.</summary>
    internal static string CSharpType(ColumnSpec column)
    {
        string type = column.ValueKind switch
        {
            ReaderValueKind.String or ReaderValueKind.JsonText => "string",
            ReaderValueKind.Int64 => "long",
            ReaderValueKind.Int32 => "int",
            ReaderValueKind.Double => "double",
            ReaderValueKind.Decimal => "decimal",
            ReaderValueKind.Boolean => "bool",
            ReaderValueKind.DateTime => "global::System.DateTime",
            ReaderValueKind.DateTimeOffset => "global::System.DateTimeOffset",
            ReaderValueKind.Guid => "global::System.Guid",
            ReaderValueKind.TimeSpan => "global::System.TimeSpan",
            ReaderValueKind.JsonElement => "global::System.Text.Json.JsonElement",
            _ => Results + "KqlDynamicValue",
        };
        return column.Nullable ? type + "?" : type;
    }

    private static string Initial(ColumnSpec column) =>
        column.ValueKind is ReaderValueKind.String or ReaderValueKind.JsonText && !column.Nullable ? "\"\"" : "default";

    private static string Bool(bool value) => value ? "true" : "false";
}
