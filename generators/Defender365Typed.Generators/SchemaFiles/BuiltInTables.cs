using System.Collections.Generic;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.QueryAnalysis;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>
/// The built-in tables the referenced runtime declares (<c>Defender365Typed.Tables</c>), as equatable data: a schema
/// file's table of the same name gets a tenant type only when the file gives it columns the built-in type lacks.
/// </summary>
internal static class BuiltInTables
{
    private const string RuntimeAssemblyName = "Defender365Typed";
    private const string TablesNamespace = "Defender365Typed.Tables";

    public static EquatableArray<TenantTableSpec> Read(Compilation compilation)
    {
        var tableAttribute = compilation.GetTypeByMetadataName(KnownNames.HuntingTableAttribute);
        if (tableAttribute is null)
        {
            return EquatableArray<TenantTableSpec>.Empty;
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name != RuntimeAssemblyName)
            {
                continue;
            }

            var ns = assembly.GetTypeByMetadataName(TablesNamespace + ".DeviceInfo")?.ContainingNamespace;
            if (ns is null)
            {
                break;
            }

            var tables = new List<TenantTableSpec>();
            foreach (var type in ns.GetTypeMembers())
            {
                foreach (var attribute in type.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, tableAttribute)
                        && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                    {
                        var columns = new List<TenantColumnSpec>();
                        foreach (var column in SchemaReader.Columns(type))
                        {
                            columns.Add(new TenantColumnSpec(column.Name, column.Type, null));
                        }

                        tables.Add(new TenantTableSpec(name, null, columns.ToEquatableArray()));
                    }
                }
            }

            tables.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return tables.ToEquatableArray();
        }

        return EquatableArray<TenantTableSpec>.Empty;
    }
}
