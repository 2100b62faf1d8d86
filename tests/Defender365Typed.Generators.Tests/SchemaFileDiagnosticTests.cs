using System.Linq;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Tests;

/// <summary>
/// A bad schema file is one DTQ130 at its file, line and position, naming the field; nothing is generated from it, the
/// generator does not crash, and the rest of the build (here: the [HuntingTable] types) goes on.
/// </summary>
public sealed class SchemaFileDiagnosticTests
{
    [Theory]
    [InlineData( // unknown type
        "{\"tables\":[\n {\"name\":\"T\",\"columns\":[\n  {\"name\":\"A\",\"type\":\"text\"}]}]}",
        3, 22, "contoso.hunting-schema.json(3,22): table 'T', column 'A' has unknown type 'text'")]
    [InlineData( // duplicate table
        "{\"tables\":[\n {\"name\":\"T\",\"columns\":[]},\n {\"name\":\"T\",\"columns\":[]}]}",
        3, 10, "contoso.hunting-schema.json(3,10): table 'T' is declared twice.")]
    [InlineData( // duplicate column
        "{\"tables\":[{\"name\":\"T\",\"columns\":[\n {\"name\":\"A\",\"type\":\"long\"},\n {\"name\":\"A\",\"type\":\"long\"}]}]}",
        3, 10, "contoso.hunting-schema.json(3,10): table 'T', column 'A' is declared twice.")]
    [InlineData( // duplicate function
        "{\"tables\":[],\"functions\":[\n {\"name\":\"F\",\"kind\":\"saved\"},\n {\"name\":\"F\",\"kind\":\"saved\"}]}",
        3, 10, "contoso.hunting-schema.json(3,10): function 'F' is declared twice (tables and functions share one set of names).")]
    [InlineData( // invalid identifier
        "{\"tables\":[{\"name\":\"My-Table\",\"columns\":[]}]}",
        1, 20, "contoso.hunting-schema.json(1,20): table 'My-Table' has a name that is not a valid C# identifier")]
    [InlineData( // malformed JSON
        "{\"tables\":[\n {\"name\":\"T\" \"columns\":[]}]}",
        2, 14, "contoso.hunting-schema.json(2,14) is not valid JSON: expected ',', found '\"'.")]
    [InlineData( // wrong JSON kind: tables
        "{\"tables\":{}}",
        1, 1, "contoso.hunting-schema.json(1,1) must be an object with a \"tables\" array.")]
    [InlineData( // wrong JSON kind: a name that is a number
        "{\"tables\":[{\"name\":42,\"columns\":[]}]}",
        1, 20, "contoso.hunting-schema.json(1,20): table #1 has a \"name\" that is not a string.")]
    [InlineData( // wrong JSON kind: parameters
        "{\"tables\":[],\"functions\":[{\"name\":\"F\",\"kind\":\"saved\",\"parameters\":\"x\"}]}",
        1, 67, "contoso.hunting-schema.json(1,67): function 'F' has a \"parameters\" that is not an array.")]
    [InlineData( // an empty file
        "",
        1, 1, "contoso.hunting-schema.json(1,1) is not valid JSON: the document ends where a value was expected.")]
    public void A_bad_file_is_one_DTQ130_naming_file_line_and_field(string json, int line, int position, string message)
    {
        const string path = "contoso.hunting-schema.json";

        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(Samples.Declarations), TenantSchemaFiles.File(json, path));

        GeneratorRunResult result = run.Results.Single();
        Assert.Null(result.Exception);
        Diagnostic d = Assert.Single(run.Diagnostics);
        Assert.Equal("DTQ130", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.StartsWith(message, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        FileLinePositionSpan span = d.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line - 1, position - 1), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("Defender365Typed.Tenant.", System.StringComparison.Ordinal));
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Sample.Hunting.Queries.SampleEvents.g.cs");
        Assert.Empty(output.GetDiagnostics().Where(e => e.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_bad_file_beside_a_good_one_leaves_the_good_one_generating()
    {
        (_, GeneratorDriverRunResult run) = TestCompilation.Generate(
            TestCompilation.Create(), TenantSchemaFiles.File(), TenantSchemaFiles.File("{ nope", "/src/Consumer/broken.hunting-schema.json"));

        Diagnostic d = Assert.Single(run.Diagnostics);
        Assert.Equal("/src/Consumer/broken.hunting-schema.json", d.Location.GetLineSpan().Path);
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.HintName == "Defender365Typed.Tenant.TenantHunting.g.cs");
    }
}
