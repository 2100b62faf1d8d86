using System;
using System.IO;
using System.Text;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary><see cref="HuntingSchema.Read"/>: the front end's schema reader, mapped to engine column types.</summary>
public sealed class HuntingSchemaReadTests
{
    private static MemoryStream Utf8(string json) => new(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Read_maps_each_kql_type_name_to_its_column_type()
    {
        using MemoryStream json = Utf8("""{"tables":[{"name":"T","columns":[{"name":"A","type":"boolean"},{"name":"B","type":"long"},{"name":"C","type":"dynamic"}]}]}""");

        var tables = HuntingSchema.Read(json);

        Assert.Equal(
            new[] { new KqlResultColumn("A", KqlScalarType.Bool), new KqlResultColumn("B", KqlScalarType.Long), new KqlResultColumn("C", KqlScalarType.Dynamic) },
            tables["T"]);
    }

    [Fact]
    public void Read_rejects_an_unknown_type_naming_the_table_and_the_column()
    {
        using MemoryStream json = Utf8("""{"tables":[{"name":"T","columns":[{"name":"A","type":"text"}]}]}""");

        FormatException ex = Assert.ThrowsAny<FormatException>(() => HuntingSchema.Read(json));

        Assert.Equal(
            "The hunting schema(1,54): table 'T', column 'A' has unknown type 'text' (a KQL type is one of: string, long, int, real, bool, datetime, timespan, guid, decimal, dynamic).",
            ex.Message);
    }
}
