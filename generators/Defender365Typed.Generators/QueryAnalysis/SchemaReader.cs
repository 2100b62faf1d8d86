using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.QueryAnalysis;

/// <summary>
/// Learns the KQL schema from the [HuntingTable] types of a compilation and of the referenced assemblies that
/// can declare them (the runtime library itself and assemblies referencing it).
/// </summary>
internal static class SchemaReader
{
    private const string RuntimeAssemblyName = "Defender365Typed";

    public static KqlSchema Read(Compilation compilation, INamedTypeSymbol tableAttribute)
    {
        var tables = new List<KqlTable>();
        Visit(compilation.Assembly.GlobalNamespace, tableAttribute, tables);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (CanDeclareTables(assembly))
            {
                Visit(assembly.GlobalNamespace, tableAttribute, tables);
            }
        }

        return new KqlSchema(tables);
    }

    private static bool CanDeclareTables(IAssemblySymbol assembly)
    {
        if (assembly.Name == RuntimeAssemblyName)
        {
            return true;
        }

        foreach (var module in assembly.Modules)
        {
            foreach (var reference in module.ReferencedAssemblies)
            {
                if (reference.Name == RuntimeAssemblyName)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Visit(INamespaceSymbol ns, INamedTypeSymbol tableAttribute, List<KqlTable> tables)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                Visit(child, tableAttribute, tables);
            }
            else if (member is INamedTypeSymbol type)
            {
                VisitType(type, tableAttribute, tables);
            }
        }
    }

    private static void VisitType(INamedTypeSymbol type, INamedTypeSymbol tableAttribute, List<KqlTable> tables)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, tableAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                tables.Add(new KqlTable(name, Columns(type)));
                break;
            }
        }

        foreach (var nested in type.GetTypeMembers())
        {
            VisitType(nested, tableAttribute, tables);
        }
    }

    /// <summary>The columns of a table or result type: name from [HuntingColumn] or the property, type pinned or inferred.</summary>
    public static List<KqlColumn> Columns(INamedTypeSymbol type)
    {
        var columns = new List<KqlColumn>();
        foreach (var property in ShapeMembers.ColumnProperties(type))
        {
            if (System.Array.IndexOf(KnownNames.ReservedMemberNames, property.Name) >= 0)
            {
                continue;
            }

            var (name, pinned, _) = ShapeMembers.ReadColumnAttribute(property);
            var kqlType = pinned != 0 ? (KqlScalarType)pinned : KqlTypeMapper.Infer(property.Type);
            columns.Add(new KqlColumn(name ?? property.Name, KqlScalarTypes.IsDefined(kqlType) ? kqlType : KqlScalarType.Unknown));
        }

        return columns;
    }
}
