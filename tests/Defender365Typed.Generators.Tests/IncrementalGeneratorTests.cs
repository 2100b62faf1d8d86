using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.HuntingQueries;
using Defender365Typed.Generators.Model;
using Defender365Typed.Generators.SchemaFiles;
using Defender365Typed.Generators.Tests.Helpers;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Defender365Typed.Generators.Tests;

/// <summary>Edits that do not touch a declaration must leave every tracked step cached, so the IDE does no work.</summary>
public sealed class IncrementalGeneratorTests
{
    // Every step the generator names: a new step is checked as soon as it gets a tracking name.
    private static readonly string[] TrackedSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    // The steps a compilation without schema files runs (the schema-file steps have nothing to do there).
    private static readonly string[] AttributeSteps = [TrackingNames.Tables, TrackingNames.Results];

    // The steps of [HuntingQuery("Name")] constants (the schema-file caching test below has none; their own tests do).
    private static readonly string[] HuntingQuerySteps = [TrackingNames.HuntingQueries, TrackingNames.HuntingQuerySchema, TrackingNames.HuntingQueryRows];

    [Fact]
    public void Each_attribute_has_one_tracked_step_schema_files_four_and_hunting_queries_three()
    {
        Assert.Equal(
            [TrackingNames.Tables, TrackingNames.Results, TrackingNames.SchemaFiles, TrackingNames.BuiltInTables, TrackingNames.TenantTypes, TrackingNames.TenantHunting,
             .. HuntingQuerySteps],
            TrackedSteps);
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        CSharpCompilation compilation = TestCompilation.Create(Samples.Declarations);
        CSharpCompilation edited = compilation.AddSyntaxTrees(
            TestCompilation.Parse("namespace Other; public static class Unrelated { public static int Answer() => 42; }", "Unrelated.cs"));

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited);

        AssertAllCached(second, AttributeSteps);
        AssertSameSources(first, second);
    }

    [Fact]
    public void Editing_an_unrelated_method_body_leaves_every_step_cached()
    {
        CSharpCompilation compilation = TestCompilation.Create(Samples.Declarations);
        CSharpCompilation edited = Edit(compilation, "public static int Helper() => 1;", "public static int Helper() => 2;");

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited);

        AssertAllCached(second, AttributeSteps);
        AssertSameSources(first, second);
    }

    [Fact]
    public void With_a_schema_file_an_unrelated_edit_leaves_every_step_cached()
    {
        CSharpCompilation compilation = TestCompilation.Create(Samples.Declarations);
        CSharpCompilation edited = Edit(compilation, "public static int Helper() => 1;", "public static int Helper() => 2;");

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited, TenantSchemaFiles.File());

        AssertAllCached(second, TrackedSteps.Except(HuntingQuerySteps).ToArray());
        AssertSameSources(first, second);
    }

    [Fact]
    public void With_a_hunting_query_and_a_schema_file_an_unrelated_edit_leaves_every_step_cached()
    {
        CSharpCompilation compilation = TestCompilation.Create(Samples.Declarations + "\n" + HuntingQuerySamples.Detections.Replace("namespace Sample.Hunting;", "", StringComparison.Ordinal)
            .Replace("using Defender365Typed;", "", StringComparison.Ordinal).Replace("public static int Helper() => 1;", "", StringComparison.Ordinal));
        CSharpCompilation edited = Edit(compilation, "public static int Helper() => 1;", "public static int Helper() => 2;");

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited, TenantSchemaFiles.File());

        AssertAllCached(second, TrackedSteps);
        AssertSameSources(first, second);
        Assert.Contains(second.GeneratedSources, s => s.HintName == "Sample.Hunting.MyDetections.FailedLogonsRow.Declaration.g.cs");
    }

    [Fact]
    public void Editing_the_query_regenerates_its_row_type()
    {
        CSharpCompilation compilation = TestCompilation.Create(HuntingQuerySamples.Detections);
        CSharpCompilation edited = Edit(compilation, "Attempts = count()", "Attempts = dcount(AccountName)");

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.HuntingQueries)).Reason);
        Assert.True(Assert.Single(Outputs(second, TrackingNames.HuntingQuerySchema)).Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        var row = Assert.Single(Outputs(second, TrackingNames.HuntingQueryRows));
        Assert.Equal(IncrementalStepRunReason.Modified, row.Reason);
        Assert.Contains("Attempts = dcount(AccountName)", Assert.IsType<HuntingQueryRowSpec>(row.Value).Declaration.Text, StringComparison.Ordinal);
        Assert.Contains("Attempts = count()", Assert.IsType<HuntingQueryRowSpec>(Assert.Single(Outputs(first, TrackingNames.HuntingQueryRows)).Value).Declaration.Text, StringComparison.Ordinal);
        Assert.Equal(4, second.GeneratedSources.Length);
    }

    [Fact]
    public void Retyping_an_output_column_regenerates_the_row_and_its_reader()
    {
        CSharpCompilation compilation = TestCompilation.Create(HuntingQuerySamples.Detections);
        CSharpCompilation edited = Edit(compilation, "Attempts = count()", "Attempts = toint(count())");

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.HuntingQueryRows)).Reason);
        Assert.Contains("public long? Attempts { get; init; }", Source(first, "Sample.Hunting.MyDetections.FailedLogonsRow.Declaration.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public int? Attempts { get; init; }", Source(second, "Sample.Hunting.MyDetections.FailedLogonsRow.Declaration.g.cs"), StringComparison.Ordinal);
        Assert.Contains("int? v1 = default;", Source(second, "Sample.Hunting.MyDetections.FailedLogonsRow.Reader.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_one_table_of_a_schema_file_regenerates_only_that_table()
    {
        CSharpCompilation compilation = TestCompilation.Create(Samples.Declarations);
        TestAdditionalText file = TenantSchemaFiles.File();
        TestAdditionalText edited = TenantSchemaFiles.File(TenantSchemaFiles.Contoso.Replace(
            "{ \"name\": \"Seen\", \"type\": \"long\" }", "{ \"name\": \"Seen\", \"type\": \"int\" }", StringComparison.Ordinal));
        Assert.NotEqual(file.GetText().ToString(), edited.GetText().ToString());

        GeneratorDriver driver = TestCompilation.CreateDriver(file).RunGenerators(compilation);
        GeneratorRunResult first = Assert.Single(driver.GetRunResult().Results);
        driver = driver.ReplaceAdditionalText(file, edited).RunGenerators(compilation);
        GeneratorRunResult second = Assert.Single(driver.GetRunResult().Results);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.SchemaFiles)).Reason);
        var types = Outputs(second, TrackingNames.TenantTypes);
        var changed = Assert.Single(types, t => t.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal("Contoso_CL", Assert.IsType<TenantTypeSpec>(changed.Value).Shape.TypeName);
        Assert.Equal(3, types.Count);
        Assert.All(Outputs(second, TrackingNames.Tables), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(Outputs(second, TrackingNames.TenantHunting)).Reason);

        Assert.Contains("long? v3 = default;", Source(first, "Defender365Typed.Tenant.Contoso_CL.Reader.g.cs"), StringComparison.Ordinal);
        Assert.Contains("int? v3 = default;", Source(second, "Defender365Typed.Tenant.Contoso_CL.Reader.g.cs"), StringComparison.Ordinal);
        foreach (string unchanged in new[] { "Defender365Typed.Tenant.DeviceInfo.g.cs", "Defender365Typed.Tenant.SuspiciousLogonsResult.g.cs", "Defender365Typed.Tenant.TenantHunting.g.cs" })
        {
            Assert.Equal(Source(first, unchanged), Source(second, unchanged));
        }
    }

    [Fact]
    public void Changing_a_column_type_regenerates_its_table()
    {
        CSharpCompilation compilation = TestCompilation.Create(Samples.Declarations);
        CSharpCompilation edited = Edit(compilation, "public long FileSize", "public int FileSize");

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited);

        // One model per type, read by both emitters: the table's model is modified, the result's is untouched.
        var table = Assert.Single(Outputs(second, TrackingNames.Tables));
        Assert.Equal(IncrementalStepRunReason.Modified, table.Reason);
        Assert.Equal(KqlScalarType.Int, Assert.IsType<HuntingTypeSpec>(table.Value).Columns.Single(c => c.PropertyName == "FileSize").Type);
        var result = Assert.Single(Outputs(second, TrackingNames.Results));
        Assert.True(result.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Results: {result.Reason}");
        string before = Source(first, "Sample.Hunting.Queries.SampleEvents.g.cs");
        string after = Source(second, "Sample.Hunting.Queries.SampleEvents.g.cs");
        Assert.Contains("KqlType.Long", before, StringComparison.Ordinal);
        Assert.Contains("KqlType.Int", after, StringComparison.Ordinal);
        Assert.Contains("long v3 = default;", Source(first, "Sample.Hunting.Queries.SampleEvents.Reader.g.cs"), StringComparison.Ordinal);
        Assert.Contains("int v3 = default;", Source(second, "Sample.Hunting.Queries.SampleEvents.Reader.g.cs"), StringComparison.Ordinal);
        Assert.Equal(Source(first, "Sample.Hunting.Queries.DeviceCount.g.cs"), Source(second, "Sample.Hunting.Queries.DeviceCount.g.cs"));
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(Compilation compilation, Compilation edited, params AdditionalText[] additionalTexts)
    {
        GeneratorDriver driver = TestCompilation.CreateDriver(additionalTexts).RunGenerators(compilation);
        GeneratorRunResult first = Assert.Single(driver.GetRunResult().Results);
        driver = driver.RunGenerators(edited);
        GeneratorRunResult second = Assert.Single(driver.GetRunResult().Results);
        return (first, second);
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        string text = tree.ToString();
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, TestCompilation.Parse(text.Replace(oldText, newText, StringComparison.Ordinal), tree.FilePath));
    }

    private static void AssertAllCached(GeneratorRunResult result, string[] steps)
    {
        foreach (string step in steps)
        {
            List<(object Value, IncrementalStepRunReason Reason)> outputs = Outputs(result, step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step '{step}' produced {output.Value} with reason {output.Reason}."));
        }
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"Step '{step}' was not tracked.");
        var outputs = runs.SelectMany(run => run.Outputs).ToList();

        // Models must be plain equatable data: a symbol, syntax node or compilation would defeat caching.
        Assert.All(outputs, output => Assert.True(
            output.Value is null or HuntingTypeSpec or SchemaFileSpec or EquatableArray<TenantTableSpec> or TenantTypeSpec or TenantHuntingSpec
                or HuntingQueryDeclaration or QuerySchema or HuntingQueryRowSpec,
            $"Step '{step}' output is a {output.Value?.GetType()}."));
        return outputs;
    }

    private static void AssertSameSources(GeneratorRunResult first, GeneratorRunResult second) => Assert.Equal(
        first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
        second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));

    private static string Source(GeneratorRunResult result, string hintName) =>
        result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
