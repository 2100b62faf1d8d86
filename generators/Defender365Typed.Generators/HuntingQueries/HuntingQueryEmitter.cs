using Defender365Typed.Generators.Emitting;

namespace Defender365Typed.Generators.HuntingQueries;

/// <summary>
/// Writes the typed query of a <c>[HuntingQuery("Name")]</c> constant: a static <c>RawKqlQuery&lt;NameRow&gt;</c>
/// property beside the constant, holding its text and the row record's generated reader (no reflection, no lookup).
/// The row record itself comes from <see cref="RecordEmitter"/>, <see cref="ShapeEmitter"/> and <see cref="ReaderEmitter"/>.
/// </summary>
internal static class HuntingQueryEmitter
{
    public static string EmitQuery(HuntingQueryRowSpec spec)
    {
        HuntingQueryDeclaration declaration = spec.Declaration;
        var w = new SourceWriter();
        w.StartFile(declaration.Namespace, declaration.ContainingTypes);
        string row = CSharpText.Identifier(spec.Row.TypeName);
        string type = $"global::Defender365Typed.RawKqlQuery<{row}>";
        w.Line($"/// <summary>Runs the query of <c>{declaration.FieldName}</c> and reads its rows as <see cref=\"{row}\"/> (generated from the query's output columns).</summary>");
        w.GeneratedCode();
        w.Line($"public static {type} {CSharpText.Identifier(declaration.Name)} {{ get; }} = new {type}(");
        w.Line($"    {CSharpText.Identifier(declaration.FieldName)}, new global::Defender365Typed.Results.GeneratedHuntingResultReader<{row}>());");
        w.CloseContainingTypes(declaration.ContainingTypes.Count);
        return w.ToString();
    }

    /// <summary>The row record's documentation.</summary>
    public static string RowSummary(HuntingQueryRowSpec spec) =>
        $"A row of the query <c>{spec.Declaration.FieldName}</c>, generated from its output columns.";
}
