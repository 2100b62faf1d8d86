using System;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>The engine's column types: the front end's <see cref="KqlScalarType"/>, its API names and lenient parse.</summary>
public sealed class ColumnTypeTests
{
    [Theory]
    [InlineData(KqlScalarType.Unknown)]
    [InlineData((KqlScalarType)42)]
    public void A_column_rejects_a_type_that_is_not_a_kql_type(KqlScalarType type)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new KqlResultColumn("A", type));
        Assert.Equal("Type", e.ParamName);
        Assert.Equal(type, e.ActualValue);

        var column = new KqlResultColumn("A", KqlScalarType.Long);
        Assert.Equal("Type", Assert.Throws<ArgumentOutOfRangeException>(() => column with { Type = type }).ParamName);
    }

    [Theory]
    [InlineData(KqlScalarType.String, "string", "String")]
    [InlineData(KqlScalarType.DateTime, "datetime", "DateTime")]
    [InlineData(KqlScalarType.Long, "long", "Int64")]
    [InlineData(KqlScalarType.Int, "int", "Int32")]
    [InlineData(KqlScalarType.Bool, "bool", "Boolean")]
    [InlineData(KqlScalarType.Real, "real", "Double")]
    [InlineData(KqlScalarType.Decimal, "decimal", "Decimal")]
    [InlineData(KqlScalarType.Guid, "guid", "Guid")]
    [InlineData(KqlScalarType.TimeSpan, "timespan", "TimeSpan")]
    [InlineData(KqlScalarType.Dynamic, "dynamic", "Object")]
    public void A_column_names_its_type_in_kql_and_as_the_hunting_apis_do(KqlScalarType type, string kql, string api)
    {
        var column = new KqlResultColumn("A", type);
        Assert.Equal(kql, column.KqlType);
        Assert.Equal(api, column.ApiType);
    }

    [Fact]
    public void The_api_name_of_unknown_is_an_error_naming_the_type()
    {
        Assert.Equal("type", Assert.Throws<ArgumentOutOfRangeException>(() => KqlColumnTypes.ApiName(KqlScalarType.Unknown)).ParamName);
    }

    [Theory]
    [InlineData("string", KqlScalarType.String)]
    [InlineData(" Boolean ", KqlScalarType.Bool)]
    [InlineData("INT64", KqlScalarType.Long)]
    [InlineData("Double", KqlScalarType.Real)]
    [InlineData("uniqueid", KqlScalarType.Guid)]
    [InlineData("Object", KqlScalarType.Dynamic)]
    public void TryParse_accepts_kql_names_and_aliases_in_any_case(string name, KqlScalarType expected)
    {
        Assert.True(KqlColumnTypes.TryParse(name, out KqlScalarType type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("varchar")]
    public void TryParse_rejects_what_is_not_a_kql_type(string? name)
    {
        Assert.False(KqlColumnTypes.TryParse(name, out KqlScalarType type));
        Assert.Equal(KqlScalarType.Dynamic, type);
    }
}
