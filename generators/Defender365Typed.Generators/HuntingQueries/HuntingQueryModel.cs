using System.Collections.Generic;
using Defender365Typed.Generators.Emitting;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.Generators.QueryAnalysis;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.HuntingQueries;

/// <summary>What the generator declares for one <c>[HuntingQuery("Name")]</c> constant: the row record and the typed query.</summary>
/// <param name="Declaration">The constant (its place, name and text).</param>
/// <param name="Row">The row record <c>{Name}Row</c>, nested in the constant's type, one property per output column.</param>
internal sealed record HuntingQueryRowSpec(HuntingQueryDeclaration Declaration, HuntingTypeSpec Row)
{
    /// <summary>File of the typed query property.</summary>
    public string QueryHintName => HintNames.For(Declaration.Namespace, Declaration.ContainingTypes, Declaration.Name, ".HuntingQuery.g.cs");

    /// <summary>File of the row record's declaration (its shape and reader have their own).</summary>
    public string RowHintName => HintNames.For(Row.Namespace, Row.ContainingTypes, Row.TypeName, ".Declaration.g.cs");
}

/// <summary>
/// Types a <c>[HuntingQuery("Name")]</c> constant's rows from its output columns (<see cref="QueryOutputRow"/>): the
/// binder's names and KQL types, read as the built-in tables' columns are (text never null, other values nullable,
/// <c>dynamic</c> and anything the binder cannot type as <c>KqlDynamicValue</c>). Nothing is generated for a query
/// with errors or an output that cannot be known: the raw-KQL analyzer reports those (DTQ100–DTQ106, DTQ115).
/// </summary>
internal static class HuntingQueryModel
{
    public static HuntingQueryRowSpec? Build(HuntingQueryDeclaration declaration, QuerySchema? schema)
    {
        if (schema is null || QueryOutputRow.Describe(declaration.Text, schema.Schema) is not { Columns: { } output })
        {
            return null;
        }

        string rowName = declaration.Name + HuntingQueryRules.RowSuffix;
        var used = new HashSet<string>(System.StringComparer.Ordinal);
        var columns = new List<ColumnSpec>(output.Count);
        foreach (QueryOutputColumn column in output)
        {
            ReaderValueKind kind = KqlTypeMapper.ReaderKind(column.Type);
            columns.Add(new ColumnSpec(
                Unique(NameRules.PropertyName(NameRules.ToIdentifier(column.Name), rowName), used),
                column.Name,
                column.Type,
                kind,
                Nullable: kind is not (ReaderValueKind.String or ReaderValueKind.Dynamic),
                Intern: false,
                ConstructorParameter: -1,
                Summary(column)));
        }

        var row = new HuntingTypeSpec(declaration.Namespace, rowName, "record", declaration.ContainingTypes, TableName: null,
            columns.ToEquatableArray(), ConstructorArity: 0, HidesInheritedShape: false, HidesInheritedTable: false);
        return new HuntingQueryRowSpec(declaration, row);
    }

    /// <summary>Two columns whose names become the same C# name (<c>['a b']</c> and <c>a_b</c>): the later gets 2, 3...</summary>
    private static string Unique(string name, HashSet<string> used)
    {
        string candidate = name;
        for (int n = 2; !used.Add(candidate); n++)
        {
            candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string Summary(QueryOutputColumn column)
    {
        string name = "<c>" + CSharpText.XmlText(column.Name) + "</c>";
        return column.Imprecision is null
            ? $"The query's {name} column ({KqlScalarTypes.Name(column.Type)})."
            : $"The query's {name} column, read as dynamic: {CSharpText.XmlText(column.Imprecision)}.";
    }
}
