using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;

namespace Defender365Typed.Generators.Emitting;

/// <summary>
/// Writes the generated members of one shape type: the static <c>Shape</c>, the <c>Table</c> query
/// root for tables, and the nested <c>Columns</c> class with one typed property per column.
/// </summary>
internal static class ShapeEmitter
{
    private const string Kql = "global::Defender365Typed.";

    public static string Emit(HuntingTypeSpec spec)
    {
        var w = new SourceWriter();
        w.StartFile(spec.Namespace, spec.ContainingTypes);

        string self = CSharpText.Identifier(spec.TypeName);
        string shapeType = $"{Kql}HuntingShape<{self}, {self}.Columns>";
        string newShape = spec.HidesInheritedShape ? "new " : string.Empty;
        w.Open($"partial {spec.TypeKeyword} {self}");

        w.Line($"/// <summary>The KQL shape of <see cref=\"{self}\"/>: its columns and typed column set.</summary>");
        w.GeneratedCode();
        w.Line($"public static {newShape}{shapeType} Shape {{ get; }} = new {shapeType}(");
        w.Line($"    {(spec.TableName is null ? "null" : CSharpText.Literal(spec.TableName))},");
        w.Line($"    new {Kql}HuntingColumn[]");
        w.Line("    {");
        foreach (ColumnSpec column in spec.Columns)
        {
            w.Line($"        new {Kql}HuntingColumn({CSharpText.Literal(column.ColumnName)}, {CSharpText.Literal(column.PropertyName)}, global::Defender365Typed.KqlType.{column.Type}),");
        }

        w.Line("    },");
        w.Line("    static scope => new Columns(scope));");

        if (spec.TableName is not null)
        {
            w.Line();
            w.Line($"/// <summary>The table <c>{Xml(spec.TableName)}</c>: the start of a typed query.</summary>");
            w.GeneratedCode();
            w.Line($"public static {(spec.HidesInheritedTable ? "new " : string.Empty)}{Kql}KqlQuery<{self}, {self}.Columns> Table => Shape.Table;");
        }

        w.Line();
        w.Line($"/// <summary>The typed columns of <see cref=\"{self}\"/>, offered to query lambdas.</summary>");
        w.GeneratedCode();
        w.Open($"public {newShape}sealed class Columns");
        w.Open($"internal Columns({Kql}KqlColumnScope scope)");
        foreach (ColumnSpec column in spec.Columns)
        {
            w.Line($"this.{CSharpText.Identifier(column.PropertyName)} = scope.Column<{Kql}{KqlTypeMapper.ScalarTypeName(column.Type)}>({CSharpText.Literal(column.ColumnName)});");
        }

        w.Close();
        foreach (ColumnSpec column in spec.Columns)
        {
            w.Line();
            string doc = column.Summary is null ? string.Empty : " " + column.Summary;
            w.Line($"/// <summary><c>{Xml(column.ColumnName)}</c> ({KqlScalarTypes.Name(column.Type)}).{doc}</summary>");
            w.Line($"public {Kql}{KqlTypeMapper.ScalarTypeName(column.Type)} {CSharpText.Identifier(column.PropertyName)} {{ get; }}");
        }

        w.Close();
        w.Close();
        w.CloseContainingTypes(spec.ContainingTypes.Count);

        return w.ToString();
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
