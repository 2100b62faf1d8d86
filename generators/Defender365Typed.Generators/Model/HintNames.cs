using System.Linq;
using Defender365Typed.Generators.Helpers;

namespace Defender365Typed.Generators.Model;

/// <summary>File names of generated sources: unique per type, and free of the '@' that Roslyn rejects in hint names.</summary>
internal static class HintNames
{
    public static string For(string? ns, EquatableArray<ContainingTypeSpec> containingTypes, string typeName, string suffix) =>
        ((ns is null ? string.Empty : ns + ".") +
         string.Concat(containingTypes.Select(t => t.Name + ".")) +
         typeName + suffix).Replace("@", string.Empty);
}
