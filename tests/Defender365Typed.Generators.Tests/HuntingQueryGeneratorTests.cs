using System;
using System.Linq;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Tests;

/// <summary>Row types generated from raw KQL: a [HuntingQuery("Name")] constant gets {Name}Row and a typed {Name}.</summary>
public sealed class HuntingQueryGeneratorTests
{
    private const string GeneratedCodeInSnapshots = "[global::System.CodeDom.Compiler.GeneratedCode(\"Defender365Typed.Generators\", \"{version}\")]";

    [Fact]
    public void Generated_row_type_reader_and_query_match_the_approved_snapshots()
    {
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(HuntingQuerySamples.Detections));

        GeneratorRunResult result = Assert.Single(run.Results);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            [
                "Sample.Hunting.MyDetections.FailedLogons.HuntingQuery.g.cs",
                "Sample.Hunting.MyDetections.FailedLogonsRow.Declaration.g.cs",
                "Sample.Hunting.MyDetections.FailedLogonsRow.Reader.g.cs",
                "Sample.Hunting.MyDetections.FailedLogonsRow.g.cs",
            ],
            result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));

        string generatedCode = $"[global::System.CodeDom.Compiler.GeneratedCode(\"Defender365Typed.Generators\", \"{typeof(HuntingGenerator).Assembly.GetName().Version}\")]";
        string[] mismatches = result.GeneratedSources
            .Select(source => Snapshot.Compare(
                source.HintName[..^".g.cs".Length],
                source.SourceText.ToString().Replace(generatedCode, GeneratedCodeInSnapshots, StringComparison.Ordinal)))
            .OfType<string>()
            .ToArray();
        Assert.True(mismatches.Length == 0, string.Join(Environment.NewLine, mismatches));

        // The typed query compiles as the issue spells it: RunAsync(MyDetections.FailedLogons) yields FailedLogonsRow.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        INamedTypeSymbol row = output.GetTypeByMetadataName("Sample.Hunting.MyDetections+FailedLogonsRow")!;
        Assert.Equal(
            ["DeviceName:string", "Attempts:long?", "LastSeen:System.DateTime?", "Accounts:Defender365Typed.Results.KqlDynamicValue",
             "Attempts_per_hour:double?", "ColumnsColumn:long?", "Baseline:Defender365Typed.Results.KqlDynamicValue"],
            row.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && p.Name != "EqualityContract").Select(p => p.Name + ":" + p.Type.ToDisplayString()));
        IPropertySymbol query = (IPropertySymbol)output.GetTypeByMetadataName("Sample.Hunting.MyDetections")!.GetMembers("FailedLogons").Single();
        Assert.Equal("Defender365Typed.RawKqlQuery<Sample.Hunting.MyDetections.FailedLogonsRow>", query.Type.ToDisplayString());
        Assert.True(query.IsStatic);
        Assert.Equal(Accessibility.Public, query.DeclaredAccessibility);
    }

    [Fact]
    public void A_tenant_table_of_a_schema_file_types_the_row_from_the_file()
    {
        const string source = """
            using Defender365Typed;
            namespace Soc;
            internal partial class Tenant
            {
                [HuntingQuery("Scores")]
                internal const string ScoresKql = "Contoso_CL | summarize Best = max(Score), Seen = sum(Seen) by DeviceName, Table";
            }
            """;
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(source), TenantSchemaFiles.File());

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        INamedTypeSymbol row = output.GetTypeByMetadataName("Soc.Tenant+ScoresRow")!;
        Assert.Equal(
            ["DeviceName:string", "TableColumn:string", "Best:double?", "Seen:long?"],
            row.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && p.Name != "EqualityContract").Select(p => p.Name + ":" + p.Type.ToDisplayString()));
        string declaration = Assert.Single(run.Results).GeneratedSources.Single(s => s.HintName == "Soc.Tenant.ScoresRow.Declaration.g.cs").SourceText.ToString();
        Assert.Contains("[global::Defender365Typed.HuntingColumn(\"Table\")]", declaration, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DeviceLogonEvents | evaluate bag_unpack(AdditionalFields)")]
    [InlineData("DeviceLogonEvents | where [|Missing|] == 1")]
    [InlineData("DeviceLogonEvents | where")]
    public void A_query_whose_output_cannot_be_known_or_that_has_errors_generates_nothing(string kql)
    {
        string source = $$"""
            using Defender365Typed;
            public static partial class Q
            {
                [HuntingQuery("Broken")]
                public const string BrokenKql = "{{kql.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal)}}";
            }
            """;
        (_, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(source));

        GeneratorRunResult result = Assert.Single(run.Results);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("public static class Q { [HuntingQuery(\"Rows\")] public const string RowsKql = \"DeviceInfo | take 1\"; }")]
    [InlineData("public static partial class Q { [HuntingQuery(\"class\")] public const string RowsKql = \"DeviceInfo | take 1\"; }")]
    [InlineData("public static partial class Q { [HuntingQuery(\"Rows\")] public static readonly string RowsKql = \"DeviceInfo | take 1\"; }")]
    [InlineData("public static partial class Q { [HuntingQuery] public const string RowsKql = \"DeviceInfo | take 1\"; }")]
    public void A_field_that_cannot_get_a_typed_query_generates_nothing(string declaration)
    {
        (_, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create("using Defender365Typed;\n" + declaration));

        Assert.Empty(Assert.Single(run.Results).GeneratedSources);
    }

    [Fact]
    public void Two_fields_asking_for_one_name_generate_it_once_from_the_first()
    {
        const string source = """
            using Defender365Typed;
            public static partial class Q
            {
                [HuntingQuery("Rows")] public const string FirstKql = "DeviceInfo | project DeviceName";
                [HuntingQuery("Rows")] public const string SecondKql = "DeviceInfo | project DeviceId";
            }
            """;
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(source));

        GeneratorRunResult result = Assert.Single(run.Results);
        Assert.Null(result.Exception);
        Assert.Equal(4, result.GeneratedSources.Length);
        Assert.Contains("FirstKql", result.GeneratedSources.Single(s => s.HintName == "Q.Rows.HuntingQuery.g.cs").SourceText.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
