using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.Results.Tests;

/// <summary><see cref="KqlDynamicValue.TryGetProperty"/> and <c>Deserialize</c>.</summary>
public class KqlDynamicValueTests
{
    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    [Fact]
    public void A_value_deeper_than_64_levels_read_with_a_higher_MaxDepth_can_be_parsed_again()
    {
        string deep = new string('[', 150) + "1" + new string(']', 150);
        string json = ResponseBuilder.Build(false, [("Dyn", "Dynamic"), ("S", "String")], ["{\"Dyn\":" + deep + ",\"S\":\"x\"}"]);

        KqlDynamicValue value = HuntingResultReader.ReadAll<DynamicRow>(ResponseBuilder.Utf8(json), new HuntingReaderOptions { MaxDepth = 200 })[0].Dyn;

        Assert.Equal(deep, value.GetRawText());
        JsonElement element = value.ToJsonElement();
        for (int i = 0; i < 149; i++)
        {
            element = element[0];
        }

        Assert.Equal(1, element[0].GetInt32());
        Utf8JsonReader reader = value.CreateReader();
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        Assert.Equal(301, tokens);
        Assert.Throws<HuntingResultFormatException>(() => HuntingResultReader.ReadAll<DynamicRow>(ResponseBuilder.Utf8(json)));
    }

    [Theory]
    [InlineData("a", "1")]
    [InlineData("s", "\"x\\\"y\"")]
    [InlineData("o", """{"n":[1,{"m":null}]}""")]
    [InlineData("arr", "[ 1 , 2 ]")]
    [InlineData("t", "true")]
    [InlineData("nul", "null")]
    [InlineData("neg", "-1.5e3")]
    public void TryGetProperty_returns_the_property_json_as_sent(string name, string expected)
    {
        var value = KqlDynamicValue.Parse("""{"a":1,"s":"x\"y","o":{"n":[1,{"m":null}]},"arr":[ 1 , 2 ],"t":true,"nul":null,"neg":-1.5e3}""");

        Assert.True(value.TryGetProperty(name, out KqlDynamicValue property));
        Assert.Equal(expected, property.GetRawText());
        using JsonDocument document = JsonDocument.Parse(expected);
        Assert.Equal(document.RootElement.ValueKind, property.ValueKind);
    }

    [Fact]
    public void TryGetProperty_matches_unescaped_names_ordinally_and_the_last_duplicate_wins()
    {
        var value = KqlDynamicValue.Parse("""{"Key":1,"key":2,"K\u0065y":3,"caf\u00e9":4}""");

        Assert.True(value.TryGetProperty("Key", out KqlDynamicValue key));
        Assert.Equal("3", key.GetRawText());
        Assert.Equal(value.ToJsonElement().GetProperty("Key").GetRawText(), key.GetRawText());
        Assert.True(value.TryGetProperty("key", out KqlDynamicValue lower));
        Assert.Equal("2", lower.GetRawText());
        Assert.True(value.TryGetProperty("café", out KqlDynamicValue accented));
        Assert.Equal("4", accented.GetRawText());
        Assert.False(value.TryGetProperty("KEY", out KqlDynamicValue missing));
        Assert.True(missing.IsNull);
    }

    [Fact]
    public void TryGetProperty_finds_nested_properties_step_by_step()
    {
        var value = KqlDynamicValue.Parse("""{"Outer":{"Skip":[{"Inner":0}],"Inner":{"Leaf":"yes"}}}""");

        Assert.True(value.TryGetProperty("Outer", out KqlDynamicValue outer));
        Assert.False(value.TryGetProperty("Inner", out _));
        Assert.True(outer.TryGetProperty("Inner", out KqlDynamicValue inner));
        Assert.True(inner.TryGetProperty("Leaf", out KqlDynamicValue leaf));
        Assert.Equal("yes", leaf.GetString());
    }

    [Theory]
    [InlineData("[{\"a\":1}]")]
    [InlineData("\"{\\\"a\\\":1}\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{}")]
    public void TryGetProperty_is_false_for_a_non_object_or_an_object_without_the_property(string json)
    {
        Assert.False(KqlDynamicValue.Parse(json).TryGetProperty("a", out KqlDynamicValue value));
        Assert.True(value.IsNull);
    }

    [Fact]
    public void TryGetProperty_is_false_for_default_and_rejects_a_null_name()
    {
        Assert.False(default(KqlDynamicValue).TryGetProperty("a", out _));
        Assert.Throws<ArgumentNullException>(() => KqlDynamicValue.Parse("{}").TryGetProperty(null!, out _));
    }

    [Fact]
    public void A_property_holding_json_in_a_string_stays_a_string()
    {
        var value = KqlDynamicValue.Parse("""{"Held":"{\"a\":1}"}""");

        Assert.True(value.TryGetProperty("Held", out KqlDynamicValue held));
        Assert.Equal(JsonValueKind.String, held.ValueKind);
        Assert.Equal("""{"a":1}""", held.GetString());
        Assert.Equal(JsonValueKind.Object, KqlDynamicValue.Parse(held.GetString()!).ValueKind);
    }

    [Fact]
    public void Deserialize_with_type_info_and_with_options()
    {
        var value = KqlDynamicValue.Parse("""{"Name":"a","Sizes":[1,2]}""");

        Assert.Equal(new NamedSizes("a", [1, 2]), value.Deserialize(KqlDynamicValueJson.Default.NamedSizes), NamedSizesComparer.Instance);
        Assert.Equal(new NamedSizes("a", [1, 2]), value.Deserialize<NamedSizes>(), NamedSizesComparer.Instance);
        Assert.Equal(
            new NamedSizes("a", [1, 2]),
            KqlDynamicValue.Parse("""{"name":"a","sizes":[1,2]}""").Deserialize<NamedSizes>(CaseInsensitive),
            NamedSizesComparer.Instance);
        Assert.Equal([3L, 4L], KqlDynamicValue.Parse("[3,4]").Deserialize(KqlDynamicValueJson.Default.ListInt64));
    }

    [Fact]
    public void Deserialize_of_null_is_default_and_of_a_mismatch_throws()
    {
        Assert.Null(default(KqlDynamicValue).Deserialize(KqlDynamicValueJson.Default.NamedSizes));
        Assert.Null(KqlDynamicValue.Null.Deserialize<NamedSizes>());
        Assert.Throws<JsonException>(() => KqlDynamicValue.Parse("[1]").Deserialize(KqlDynamicValueJson.Default.NamedSizes));
    }
}

public sealed record NamedSizes(string Name, IReadOnlyList<int> Sizes);

internal sealed class NamedSizesComparer : IEqualityComparer<NamedSizes?>
{
    public static readonly NamedSizesComparer Instance = new();

    public bool Equals(NamedSizes? x, NamedSizes? y) =>
        x is null ? y is null : y is not null && x.Name == y.Name && System.Linq.Enumerable.SequenceEqual(x.Sizes, y.Sizes);

    public int GetHashCode(NamedSizes? obj) => obj?.Name.GetHashCode(StringComparison.Ordinal) ?? 0;
}

[JsonSerializable(typeof(NamedSizes))]
[JsonSerializable(typeof(List<long>))]
internal sealed partial class KqlDynamicValueJson : JsonSerializerContext;
