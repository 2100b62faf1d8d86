using Defender365Typed.Generators.Model;

namespace Defender365Typed.Generators.Emitting;

/// <summary>
/// Writes the declaration of a record the generator itself declares (tenant tables and saved functions' rows from
/// schema files, rows of <c>[HuntingQuery("Name")]</c> constants): one init property per column, named as the
/// import tool names the built-in tables' columns. Its shape, column set and reader come from
/// <see cref="ShapeEmitter"/> and <see cref="ReaderEmitter"/>, as for a declared type.
/// </summary>
internal static class RecordEmitter
{
    private const string Kql = "global::Defender365Typed.";

    /// <param name="shape">The record's model (a record with an object-initializer constructor).</param>
    /// <param name="summary">The record's documentation (XML text), or null for a generic one.</param>
    public static string Emit(HuntingTypeSpec shape, string? summary)
    {
        var w = new SourceWriter();
        w.StartFile(shape.Namespace, shape.ContainingTypes);
        string self = CSharpText.Identifier(shape.TypeName);
        w.Line(summary is null ? "/// <summary>Generated from a hunting schema file.</summary>" : $"/// <summary>{summary}</summary>");
        if (shape.TableName is not null)
        {
            w.Line($"[{Kql}HuntingTable({CSharpText.Literal(shape.TableName)})]");
        }

        w.GeneratedCode();
        w.Open($"public sealed partial record {self}");
        bool first = true;
        foreach (ColumnSpec column in shape.Columns)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            if (column.Summary is not null)
            {
                w.Line($"/// <summary>{column.Summary}</summary>");
            }

            if (column.PropertyName != column.ColumnName)
            {
                w.Line($"[{Kql}HuntingColumn({CSharpText.Literal(column.ColumnName)})]");
            }

            string initial = column.ValueKind == ReaderValueKind.String && !column.Nullable ? " = \"\";" : string.Empty;
            w.Line($"public {ReaderEmitter.CSharpType(column)} {CSharpText.Identifier(column.PropertyName)} {{ get; init; }}{initial}");
        }

        w.Close();
        w.CloseContainingTypes(shape.ContainingTypes.Count);
        return w.ToString();
    }
}
