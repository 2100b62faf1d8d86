using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Defender365Typed.Generators.Tests;

/// <summary>
/// Schema files among AdditionalFiles (*.hunting-schema.json): custom tables and saved functions become typed, a
/// built-in table the file extends gets a tenant type, and a bad file is one DTQ130 naming file, line and field.
/// </summary>
public sealed class SchemaFileGeneratorTests
{
    [Fact]
    public void A_schema_file_generates_tenant_tables_function_rows_and_roots_and_nothing_for_documented_tables()
    {
        (_, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(), TenantSchemaFiles.File());

        Assert.Empty(run.Diagnostics);
        Assert.Equal(
            [
                "Defender365Typed.Tenant.Contoso_CL.Declaration.g.cs", "Defender365Typed.Tenant.Contoso_CL.Reader.g.cs", "Defender365Typed.Tenant.Contoso_CL.g.cs",
                "Defender365Typed.Tenant.DeviceInfo.Declaration.g.cs", "Defender365Typed.Tenant.DeviceInfo.Reader.g.cs", "Defender365Typed.Tenant.DeviceInfo.g.cs",
                "Defender365Typed.Tenant.SuspiciousLogonsResult.Declaration.g.cs", "Defender365Typed.Tenant.SuspiciousLogonsResult.Reader.g.cs", "Defender365Typed.Tenant.SuspiciousLogonsResult.g.cs",
                "Defender365Typed.Tenant.TenantHunting.g.cs",
            ],
            run.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Defender365Typed.Tenant.Contoso_CL.Declaration.g.cs")]
    [InlineData("Defender365Typed.Tenant.Contoso_CL.g.cs")]
    [InlineData("Defender365Typed.Tenant.TenantHunting.g.cs")]
    public void Generated_schema_file_sources_match_their_snapshots(string hintName)
    {
        (_, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(), TenantSchemaFiles.File());

        string source = run.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

        string? problem = Snapshot.Compare(Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(hintName)), source);
        Assert.True(problem is null, problem);
    }

    [Theory]
    [InlineData(
        "TenantHunting.Contoso_CL.Where(e => e.Score > 0.5 && e.DeviceName.Has(\"web\") && e.TableColumn == \"t\").Take(5).ToKql()",
        "Contoso_CL\n| where Score > 0.5 and DeviceName has \"web\" and Table == \"t\"\n| take 5")]
    [InlineData(
        "TenantHunting.DeviceInfo.Where(d => d.ContosoTag == \"prod\").Project(d => [d.DeviceName]).ToKql()",
        "DeviceInfo\n| where ContosoTag == \"prod\"\n| project DeviceName")]
    [InlineData(
        "TenantHunting.SuspiciousLogons(\"alice\").Where(r => r.Failures > 10).ToKql()",
        "SuspiciousLogons(\"alice\")\n| where Failures > 10")]
    [InlineData(
        "TenantHunting.SuspiciousLogons(\"a\\\"b\", 7).Top(3, r => r.Failures).ToKql()",
        "SuspiciousLogons(\"a\\\"b\", 7)\n| top 3 by Failures desc")]
    public void Tenant_tables_and_saved_functions_compile_and_render(string query, string expectedKql)
    {
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(UserCode(query), TenantSchemaFiles.File());

        Assert.Empty(run.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(expectedKql, Run(output));
    }

    [Fact]
    public void Tenant_rows_read_with_the_generated_reader()
    {
        const string query = """
            Defender365Typed.Results.HuntingResultReader.ReadAll<Contoso_CL>(System.Text.Encoding.UTF8.GetBytes(
                "{\"schema\":[{\"name\":\"Timestamp\",\"type\":\"DateTime\"},{\"name\":\"DeviceName\",\"type\":\"String\"},{\"name\":\"Score\",\"type\":\"Double\"},{\"name\":\"Seen\",\"type\":\"Int64\"},{\"name\":\"Details\",\"type\":\"Object\"},{\"name\":\"Table\",\"type\":\"String\"}]," +
                "\"results\":[{\"Timestamp\":\"2026-12-01T10:00:00Z\",\"DeviceName\":\"web-01\",\"Score\":0.75,\"Seen\":null,\"Details\":{\"a\":1},\"Table\":\"t\"}]}"))
                .Select(r => $"{r.Timestamp:O}|{r.DeviceName}|{r.Score}|{r.Seen?.ToString() ?? "null"}|{r.Details.GetRawText()}|{r.TableColumn}").Single()
            """;

        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(UserCode(query), TenantSchemaFiles.File());

        Assert.Empty(run.Diagnostics);
        Assert.Equal("2026-12-01T10:00:00.0000000Z|web-01|0.75|null|{\"a\":1}|t", Run(output));
    }

    [Theory]
    [InlineData("TenantHunting.Contoso_CL.Where(e => e.Score.Has(\"x\"))", "CS1061")]     // a real column has no 'has'
    [InlineData("TenantHunting.Contoso_CL.Where(e => e.Scor > 1)", "CS1061")]             // misspelt column
    [InlineData("TenantHunting.SuspiciousLogons(5)", "CS1503")]                           // the parameter is a string
    [InlineData("TenantHunting.SuspiciousLogons(\"a\").Where(r => r.AccountName > 3)", "CS0019")]
    [InlineData("TenantHunting.DeviceProcessEvents", "CS0117")]                           // as documented: use Hunting.DeviceProcessEvents
    [InlineData("TenantHunting.Enrich", "CS0117")]                                        // takes a table: raw KQL only
    [InlineData("TenantHunting.FileProfile", "CS0117")]                                   // built in: raw KQL only
    public void Wrong_uses_of_tenant_types_do_not_compile(string query, string expectedError)
    {
        (Compilation output, _) = TestCompilation.Generate(UserCode(query), TenantSchemaFiles.File());

        IEnumerable<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

        Assert.Equal([expectedError], errors.Select(e => e.Id).Distinct());
    }

    [Fact]
    public void Files_of_other_names_are_not_schema_files()
    {
        (_, GeneratorDriverRunResult run) = TestCompilation.Generate(
            TestCompilation.Create(), TenantSchemaFiles.File(path: "/src/Consumer/contoso.json"), TenantSchemaFiles.File("not json", "/src/Consumer/notes.txt"));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Results.Single().GeneratedSources);
    }

    private static CSharpCompilation UserCode(string query) => TestCompilation.Create().AddSyntaxTrees(TestCompilation.Parse(
        $$"""
        using System;
        using System.Linq;
        using Defender365Typed;
        using Defender365Typed.Tenant;

        public static class UserCode
        {
            public static object Run() => {{query}};
        }
        """,
        "User.cs"));

    private static string? Run(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        Assembly assembly = Assembly.Load(stream.ToArray());
        return (string?)assembly.GetType("UserCode")!.GetMethod("Run")!.Invoke(null, null);
    }
}
