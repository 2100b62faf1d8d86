using System;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests;

/// <summary>
/// The generator casts a <c>[HuntingColumn(Type = ...)]</c> argument (a runtime <see cref="KqlType"/>) straight to the
/// front end's <see cref="KqlScalarType"/>: the two enums must agree value for value.
/// </summary>
public sealed class KqlTypeVocabularyTests
{
    [Fact]
    public void Every_runtime_KqlType_has_the_same_value_and_name_in_KqlScalarType()
    {
        KqlType[] runtime = Enum.GetValues<KqlType>();
        Assert.Equal(runtime.Length, Enum.GetValues<KqlScalarType>().Length);
        foreach (KqlType type in runtime)
        {
            KqlScalarType scalar = (KqlScalarType)(int)type;
            string expected = type == KqlType.Unspecified ? nameof(KqlScalarType.Unknown) : type.ToString();
            Assert.Equal(expected, scalar.ToString());
        }
    }

    [Fact]
    public void Only_the_ten_named_types_are_defined()
    {
        Assert.Equal(
            ["string", "datetime", "long", "int", "bool", "real", "decimal", "guid", "timespan", "dynamic"],
            Enum.GetValues<KqlScalarType>().Where(KqlScalarTypes.IsDefined).Select(KqlScalarTypes.Name).ToArray());
        Assert.False(KqlScalarTypes.IsDefined(KqlScalarType.Unknown));
        Assert.False(KqlScalarTypes.IsDefined((KqlScalarType)11));
    }
}
