using System;
using System.Linq;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.Generators.Tests.Helpers;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Defender365Typed.Generators.Tests;

/// <summary>The one model per declaration, and the one CLR → KQL classifier both emitters and the analyzers rely on.</summary>
public sealed class HuntingTypeModelTests
{
    [Theory]
    [InlineData("string", "String", "String", false)]
    [InlineData("string?", "String", "String", true)]
    [InlineData("long", "Long", "Int64", false)]
    [InlineData("long?", "Long", "Int64", true)]
    [InlineData("int", "Int", "Int32", false)]
    [InlineData("bool", "Bool", "Boolean", false)]
    [InlineData("double", "Real", "Double", false)]
    [InlineData("decimal", "Decimal", "Decimal", false)]
    [InlineData("System.DateTime", "DateTime", "DateTime", false)]
    [InlineData("System.DateTimeOffset?", "DateTime", "DateTimeOffset", true)]
    [InlineData("System.Guid", "Guid", "Guid", false)]
    [InlineData("System.TimeSpan?", "TimeSpan", "TimeSpan", true)]
    [InlineData("System.Text.Json.JsonElement", "Dynamic", "JsonElement", false)]
    [InlineData("Defender365Typed.Results.KqlDynamicValue?", "Dynamic", "Dynamic", true)]
    public void Each_supported_clr_type_has_one_kql_type_reader_kind_and_nullability(string clrType, string kql, string valueKind, bool nullable)
    {
        ClrColumnType classified = ClrTypeClassifier.Classify(PropertyType(clrType));

        Assert.True(classified.IsSupported);
        Assert.Equal(Enum.Parse<KqlScalarType>(kql), classified.Kql);
        Assert.Equal(Enum.Parse<ReaderValueKind>(valueKind), classified.ValueKind);
        Assert.Equal(nullable, classified.Nullable);
    }

    [Theory]
    [InlineData("char")]
    [InlineData("float")]
    [InlineData("int[]")]
    [InlineData("System.Uri")]
    [InlineData("char?")]
    public void Other_clr_types_map_to_no_column(string clrType)
    {
        ClrColumnType classified = ClrTypeClassifier.Classify(PropertyType(clrType));

        Assert.False(classified.IsSupported);
        Assert.Equal(KqlScalarType.Unknown, classified.Kql);
    }

    [Fact]
    public void A_string_property_of_a_column_pinned_to_dynamic_reads_the_json_text()
    {
        ClrColumnType text = ClrTypeClassifier.Classify(PropertyType("string"));

        Assert.Equal(ReaderValueKind.JsonText, text.ValueKindFor(KqlScalarType.Dynamic));
        Assert.Equal(ReaderValueKind.String, text.ValueKindFor(KqlScalarType.Guid));
    }

    [Fact]
    public void One_model_holds_the_shape_and_the_reader_of_a_type()
    {
        HuntingTypeSpec spec = Assert.Single(Models("""
            [HuntingTable("Events")]
            public partial record Events(string DeviceId, long Size)
            {
                [HuntingColumn("Account Name", Intern = true)] public string Account { get; init; } = "";
                [HuntingColumn(Type = KqlType.Dynamic)] public string? Raw { get; init; }
            }
            """, TrackingNames.Tables));

        Assert.Equal(HuntingTypeKind.Table, spec.Kind);
        Assert.Equal("Events", spec.TableName);
        Assert.Equal(2, spec.ConstructorArity);
        Assert.Equal(
            [
                new ColumnSpec("DeviceId", "DeviceId", KqlScalarType.String, ReaderValueKind.String, false, false, 0, null),
                new ColumnSpec("Size", "Size", KqlScalarType.Long, ReaderValueKind.Int64, false, false, 1, null),
                new ColumnSpec("Account", "Account Name", KqlScalarType.String, ReaderValueKind.String, false, true, -1, null),
                new ColumnSpec("Raw", "Raw", KqlScalarType.Dynamic, ReaderValueKind.JsonText, true, false, -1, null),
            ],
            spec.Columns);
    }

    [Fact]
    public void A_type_whose_rows_cannot_be_built_gets_its_shape_and_no_reader()
    {
        const string source = """
            [HuntingResult]
            public partial class Computed { public string Name { get; set; } = ""; public long Length => Name.Length; }
            """;

        HuntingTypeSpec spec = Assert.Single(Models(source, TrackingNames.Results));
        (_, GeneratorDriverRunResult run) = TestCompilation.Generate(Compile(source));

        Assert.Null(spec.ConstructorArity);
        Assert.Equal(-1, spec.Columns[0].ConstructorParameter);
        Assert.Equal(["Computed.g.cs"], run.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)));
    }

    [Fact]
    public void A_type_with_both_attributes_is_modelled_once_as_a_table()
    {
        const string source = """
            [HuntingTable("Both"), HuntingResult]
            public partial record Both(string Name);
            """;

        HuntingTypeSpec table = Assert.Single(Models(source, TrackingNames.Tables));
        Assert.Equal(HuntingTypeKind.Table, table.Kind);
        Assert.Empty(Models(source, TrackingNames.Results));
    }

    private static CSharpCompilation Compile(string source) =>
        TestCompilation.Create("using System;\nusing Defender365Typed;\n\n" + source);

    /// <summary>The non-null models a tracked step produced for <paramref name="source"/>.</summary>
    private static HuntingTypeSpec[] Models(string source, string step)
    {
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(Compile(source));
        GeneratorRunResult result = Assert.Single(driver.GetRunResult().Results);
        return result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Value).OfType<HuntingTypeSpec>().ToArray();
    }

    private static ITypeSymbol PropertyType(string clrType)
    {
        CSharpCompilation compilation = TestCompilation.Create($"public class Holder {{ public {clrType} Value {{ get; set; }} = default!; }}");
        INamedTypeSymbol holder = compilation.GetTypeByMetadataName("Holder")!;
        return holder.GetMembers("Value").OfType<IPropertySymbol>().Single().Type;
    }
}
