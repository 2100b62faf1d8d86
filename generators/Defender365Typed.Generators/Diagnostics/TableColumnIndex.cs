using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Diagnostics;

/// <summary>
/// The KQL types of every [HuntingTable] column visible to a compilation (its own tables and those of
/// referenced assemblies, such as the built-in Defender365Typed.Tables), by column name. Built once per
/// compilation, and only when a [HuntingResult] type needs it.
/// </summary>
internal sealed class TableColumnIndex
{
    private readonly Dictionary<string, int> _typesByName = new(System.StringComparer.Ordinal);

    private TableColumnIndex()
    {
    }

    /// <summary>The KQL types of the table columns named <paramref name="name"/> (empty when there are none).</summary>
    public IReadOnlyList<KqlScalarType> TypesOf(string name)
    {
        if (!_typesByName.TryGetValue(name, out int mask))
        {
            return [];
        }

        var types = new List<KqlScalarType>();
        for (var type = KqlScalarType.String; type <= KqlScalarType.Dynamic; type++)
        {
            if ((mask & Bit(type)) != 0)
            {
                types.Add(type);
            }
        }

        return types;
    }

    public static TableColumnIndex Build(Compilation compilation, IAssemblySymbol runtime, CancellationToken cancellationToken)
    {
        var index = new TableColumnIndex();
        index.AddTables(compilation.Assembly.GlobalNamespace, compilation, cancellationToken);
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            // Only the runtime and assemblies built against it can declare tables: skip the framework.
            if (SymbolEqualityComparer.Default.Equals(assembly, runtime)
                || assembly.Modules.Any(module => module.ReferencedAssemblies.Any(identity => identity.Name == runtime.Identity.Name)))
            {
                index.AddTables(assembly.GlobalNamespace, compilation, cancellationToken);
            }
        }

        return index;
    }

    private void AddTables(INamespaceOrTypeSymbol container, Compilation compilation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (container is INamespaceSymbol ns)
        {
            foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
            {
                AddTables(child, compilation, cancellationToken);
            }
        }

        foreach (INamedTypeSymbol type in container.GetTypeMembers())
        {
            if (ShapeRules.IsTable(type) && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                foreach (ColumnDeclaration column in ShapeMembers.Columns(type))
                {
                    if (KqlScalarTypes.IsDefined(column.Type))
                    {
                        _typesByName.TryGetValue(column.Name, out int mask);
                        _typesByName[column.Name] = mask | Bit(column.Type);
                    }
                }
            }

            AddTables(type, compilation, cancellationToken);
        }
    }

    private static int Bit(KqlScalarType type) => 1 << (int)type;
}
