using Defender365Typed.Generators.Parsing;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>The KQL type a runtime typed scalar (<c>KqlString</c>, <c>KqlDateTime</c>...) stands for: the inverse of <see cref="KqlTypeMapper.ScalarTypeName"/>.</summary>
internal static class ScalarTypes
{
    public static KqlScalarType Of(ITypeSymbol? type)
    {
        if (type == null || type.ContainingNamespace?.ToDisplayString() != "Defender365Typed")
        {
            return KqlScalarType.Unknown;
        }

        for (var t = KqlScalarType.String; t <= KqlScalarType.Dynamic; t++)
        {
            if (KqlTypeMapper.ScalarTypeName(t) == type.Name)
            {
                return t;
            }
        }

        return KqlScalarType.Unknown;
    }
}
