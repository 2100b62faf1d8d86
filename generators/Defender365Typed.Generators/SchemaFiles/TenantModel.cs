using System.Collections.Generic;
using Defender365Typed.Generators.Emitting;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>A type the generator declares for a schema file: a tenant table or a saved function's rows.</summary>
/// <param name="Shape">What the shape and reader emitters need (the same model [HuntingTable] types get).</param>
/// <param name="Summary">The type's documentation (XML text), when the file describes it.</param>
internal sealed record TenantTypeSpec(HuntingTypeSpec Shape, string? Summary);

/// <summary>The members of the <c>TenantHunting</c> class: a root per tenant table and one per saved function.</summary>
internal sealed record TenantHuntingSpec(EquatableArray<TenantTableRootSpec> Tables, EquatableArray<TenantFunctionRootSpec> Functions);

/// <summary>A tenant table's query root.</summary>
internal sealed record TenantTableRootSpec(string TypeName, string TableName, string? Summary);

/// <summary>A saved function's query root: a method taking its scalar parameters (required ones first in a shorter overload).</summary>
internal sealed record TenantFunctionRootSpec(string FunctionName, string ResultTypeName, string? Summary, EquatableArray<TenantParameterSpec> Parameters);

/// <summary>
/// Decides what a project's schema files generate, in the namespace <see cref="Namespace"/>: a typed table for every
/// table no built-in type declares, a tenant version (all the file's columns) of a built-in table the file extends
/// with columns or types of its own, and for every saved function without table parameters a row type
/// (<c>&lt;Function&gt;Result</c>) and a typed root in <c>TenantHunting</c>.
/// </summary>
internal static class TenantModel
{
    public const string Namespace = "Defender365Typed.Tenant";
    public const string ContainerName = "TenantHunting";
    public const string FunctionResultSuffix = "Result";

    public static EquatableArray<TenantTypeSpec> Types(IReadOnlyList<SchemaFileSpec> files, EquatableArray<TenantTableSpec> builtIns)
    {
        var types = new List<TenantTypeSpec>();
        foreach (var table in TablesToGenerate(files, builtIns))
        {
            types.Add(new TenantTypeSpec(Shape(table.Name, table.Name, table.Columns), Xml(table.Description)));
        }

        foreach (var function in SavedFunctions(files))
        {
            types.Add(new TenantTypeSpec(Shape(function.Name + FunctionResultSuffix, null, function.OutputColumns), Xml("The rows of the saved function " + function.Name + ".")));
        }

        return types.ToEquatableArray();
    }

    /// <summary>The roots of the generated types; null when the files generate none.</summary>
    public static TenantHuntingSpec? Container(IReadOnlyList<SchemaFileSpec> files, EquatableArray<TenantTableSpec> builtIns)
    {
        var tables = new List<TenantTableRootSpec>();
        foreach (var table in TablesToGenerate(files, builtIns))
        {
            tables.Add(new TenantTableRootSpec(table.Name, table.Name, Xml(table.Description)));
        }

        var functions = new List<TenantFunctionRootSpec>();
        foreach (var function in SavedFunctions(files))
        {
            functions.Add(new TenantFunctionRootSpec(function.Name, function.Name + FunctionResultSuffix, Xml(function.Description), function.Parameters));
        }

        return tables.Count == 0 && functions.Count == 0 ? null : new TenantHuntingSpec(tables.ToEquatableArray(), functions.ToEquatableArray());
    }

    private static IEnumerable<TenantTableSpec> TablesToGenerate(IReadOnlyList<SchemaFileSpec> files, EquatableArray<TenantTableSpec> builtIns)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var table in file.Tables)
            {
                if (seen.Add(table.Name) && AddsToBuiltIn(table, builtIns))
                {
                    yield return table;
                }
            }
        }
    }

    private static IEnumerable<TenantFunctionSpec> SavedFunctions(IReadOnlyList<SchemaFileSpec> files)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var function in file.Functions)
            {
                if (function.IsSaved && !HasTableParameter(function) && seen.Add(function.Name))
                {
                    yield return function;
                }
            }
        }
    }

    private static bool HasTableParameter(TenantFunctionSpec function)
    {
        foreach (var p in function.Parameters)
        {
            if (p.IsTabular)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the file's table is custom, or gives a built-in table a column (or column type) the built-in type lacks.</summary>
    private static bool AddsToBuiltIn(TenantTableSpec table, EquatableArray<TenantTableSpec> builtIns)
    {
        foreach (var builtIn in builtIns)
        {
            if (builtIn.Name != table.Name)
            {
                continue;
            }

            foreach (var column in table.Columns)
            {
                var known = false;
                foreach (var b in builtIn.Columns)
                {
                    known |= b.Name == column.Name && b.Type == column.Type;
                }

                if (!known)
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }

    private static HuntingTypeSpec Shape(string typeName, string? tableName, EquatableArray<TenantColumnSpec> columns)
    {
        var specs = new List<ColumnSpec>(columns.Count);
        foreach (var column in columns)
        {
            var (kind, nullable) = Clr(column);
            specs.Add(new ColumnSpec(NameRules.PropertyName(column.Name, typeName), column.Name, column.Type, kind, nullable, Intern: false, ConstructorParameter: -1, Xml(column.Description)));
        }

        return new HuntingTypeSpec(Namespace, typeName, "record", EquatableArray<ContainingTypeSpec>.Empty, tableName, specs.ToEquatableArray(),
            ConstructorArity: 0, HidesInheritedShape: false, HidesInheritedTable: false);
    }

    /// <summary>The CLR type of a column, as the built-in tables have them: text never null, Timestamp a plain DateTime, other values nullable.</summary>
    private static (ReaderValueKind Kind, bool Nullable) Clr(TenantColumnSpec column)
    {
        ReaderValueKind kind = KqlTypeMapper.ReaderKind(column.Type);
        return (kind, kind is not (ReaderValueKind.String or ReaderValueKind.Dynamic) && !(kind == ReaderValueKind.DateTime && column.Name == "Timestamp"));
    }

    private static string? Xml(string? text) => text is null ? null : CSharpText.XmlText(text);
}
