using System.Collections.Generic;
using Defender365Typed.Generators.Emitting;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>
/// Writes what only schema-file types need: the record itself (its properties, as the import tool writes the built-in
/// tables; the shape, column set and reader come from <see cref="ShapeEmitter"/> and <see cref="ReaderEmitter"/>), and
/// the <c>TenantHunting</c> class of query roots.
/// </summary>
internal static class TenantEmitter
{
    private const string Kql = "global::Defender365Typed.";

    public static string HintName(TenantTypeSpec spec) => HintNames.For(spec.Shape.Namespace, spec.Shape.ContainingTypes, spec.Shape.TypeName, ".Declaration.g.cs");

    public static string ContainerHintName => TenantModel.Namespace + "." + TenantModel.ContainerName + ".g.cs";

    public static string EmitDeclaration(TenantTypeSpec spec)
    {
        var w = new SourceWriter();
        w.StartFile(spec.Shape.Namespace, spec.Shape.ContainingTypes);
        string self = CSharpText.Identifier(spec.Shape.TypeName);
        w.Line(spec.Summary is null ? "/// <summary>Generated from a hunting schema file.</summary>" : $"/// <summary>{spec.Summary}</summary>");
        if (spec.Shape.TableName is not null)
        {
            w.Line($"[{Kql}HuntingTable({CSharpText.Literal(spec.Shape.TableName)})]");
        }

        w.GeneratedCode();
        w.Open($"public sealed partial record {self}");
        bool first = true;
        foreach (ColumnSpec column in spec.Shape.Columns)
        {
            Separate(w, ref first);
            if (column.Summary is not null)
            {
                w.Line($"/// <summary>{column.Summary}</summary>");
            }

            if (column.PropertyName != column.ColumnName)
            {
                w.Line($"[{Kql}HuntingColumn({CSharpText.Literal(column.ColumnName)})]");
            }

            string initial = column.ValueKind == ReaderValueKind.String && !column.Nullable ? " = \"\";" : string.Empty;
            w.Line($"public {PropertyType(column)} {CSharpText.Identifier(column.PropertyName)} {{ get; init; }}{initial}");
        }

        w.Close();
        return w.ToString();
    }

    public static string EmitContainer(TenantHuntingSpec spec)
    {
        var w = new SourceWriter();
        w.StartFile(TenantModel.Namespace, []);
        w.Line("/// <summary>Typed query roots for the tables and saved functions of this project's hunting schema files.</summary>");
        w.GeneratedCode();
        w.Open($"public static partial class {TenantModel.ContainerName}");
        bool first = true;
        foreach (TenantTableRootSpec table in spec.Tables)
        {
            Separate(w, ref first);
            string type = $"global::{TenantModel.Namespace}.{CSharpText.Identifier(table.TypeName)}";
            w.Line($"/// <summary>{table.Summary ?? "The table " + table.TableName + "."}</summary>");
            w.Line($"public static {Kql}KqlQuery<{type}, {type}.Columns> {CSharpText.Identifier(table.TypeName)} => {type}.Table;");
        }

        foreach (TenantFunctionRootSpec function in spec.Functions)
        {
            var required = new List<TenantParameterSpec>();
            foreach (TenantParameterSpec p in function.Parameters)
            {
                if (!p.IsOptional)
                {
                    required.Add(p);
                }
            }

            Separate(w, ref first);
            EmitFunctionRoot(w, function, required);
            if (required.Count < function.Parameters.Count)
            {
                w.Line();
                EmitFunctionRoot(w, function, function.Parameters);
            }
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitFunctionRoot(SourceWriter w, TenantFunctionRootSpec function, IReadOnlyList<TenantParameterSpec> parameters)
    {
        string type = $"global::{TenantModel.Namespace}.{CSharpText.Identifier(function.ResultTypeName)}";
        var declared = new List<string>();
        var passed = new List<string>();
        foreach (TenantParameterSpec p in parameters)
        {
            declared.Add($"{Kql}{KqlTypeMapper.ScalarTypeName(p.Type)} {CSharpText.Identifier(p.Name)}");
            passed.Add(", " + CSharpText.Identifier(p.Name));
        }

        w.Line($"/// <summary>{function.Summary ?? "Calls the saved function " + function.FunctionName + "."} Renders <c>{function.FunctionName}(...)</c>.</summary>");
        foreach (TenantParameterSpec p in parameters)
        {
            w.Line($"/// <param name=\"{p.Name}\">The function's <c>{p.Name}</c> parameter.</param>");
        }

        w.Line($"public static {Kql}KqlQuery<{type}, {type}.Columns> {CSharpText.Identifier(function.FunctionName)}({string.Join(", ", declared)}) =>");
        w.Line($"    {type}.Shape.Call({CSharpText.Literal(function.FunctionName)}{string.Concat(passed)});");
    }

    private static void Separate(SourceWriter w, ref bool first)
    {
        if (!first)
        {
            w.Line();
        }

        first = false;
    }

    private static string PropertyType(ColumnSpec column)
    {
        string type = column.ValueKind switch
        {
            ReaderValueKind.String => "string",
            ReaderValueKind.Int64 => "long",
            ReaderValueKind.Int32 => "int",
            ReaderValueKind.Double => "double",
            ReaderValueKind.Decimal => "decimal",
            ReaderValueKind.Boolean => "bool",
            ReaderValueKind.DateTime => "global::System.DateTime",
            ReaderValueKind.Guid => "global::System.Guid",
            ReaderValueKind.TimeSpan => "global::System.TimeSpan",
            _ => "global::Defender365Typed.Results.KqlDynamicValue",
        };
        return column.Nullable ? type + "?" : type;
    }
}
