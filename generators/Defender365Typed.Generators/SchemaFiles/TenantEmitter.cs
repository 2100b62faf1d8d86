using System.Collections.Generic;
using Defender365Typed.Generators.Emitting;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>
/// Writes what only schema-file types need: the record itself (through <see cref="RecordEmitter"/>; the shape, column
/// set and reader come from <see cref="ShapeEmitter"/> and <see cref="ReaderEmitter"/>), and the <c>TenantHunting</c>
/// class of query roots.
/// </summary>
internal static class TenantEmitter
{
    private const string Kql = "global::Defender365Typed.";

    public static string HintName(TenantTypeSpec spec) => HintNames.For(spec.Shape.Namespace, spec.Shape.ContainingTypes, spec.Shape.TypeName, ".Declaration.g.cs");

    public static string ContainerHintName => TenantModel.Namespace + "." + TenantModel.ContainerName + ".g.cs";

    public static string EmitDeclaration(TenantTypeSpec spec) => RecordEmitter.Emit(spec.Shape, spec.Summary);

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
}
