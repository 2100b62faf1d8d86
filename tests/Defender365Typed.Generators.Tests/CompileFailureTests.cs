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
/// The point of the product: a query that is wrong for the schema does not compile. The built-in tables
/// come generated from the referenced runtime; the sample's tables are generated here, in memory.
/// </summary>
public sealed class CompileFailureTests
{
    [Theory]
    [InlineData("Hunting.DeviceProcessEvents.Where(e => e.FileName > 3)", "CS0019")] // a string has no ordering
    [InlineData("Hunting.DeviceProcessEvents.Where(e => e.FileNam == \"x\")", "CS1061")] // misspelt column
    [InlineData("Hunting.DeviceProcessEvents.Where(e => e.Timestamp.Has(\"x\"))", "CS1061")] // datetime has no 'has'
    [InlineData("Hunting.DeviceProcessEvents.Where(e => e.FileSize.Contains(\"x\"))", "CS1929")] // long has no contains (CS1929: MemoryExtensions.Contains was the nearest candidate)
    [InlineData("Hunting.DeviceProcessEvents.Where(e => e.FileName == DateTime.UtcNow)", "CS0019")] // string vs DateTime
    [InlineData("Hunting.DeviceProcessEvents.Where(e => e.FileName == e.Timestamp)", "CS0019")] // string vs datetime column
    [InlineData("Queries.SampleEvents.Table.Where(e => e.DeviceName > 3)", "CS0019")]
    [InlineData("Queries.SampleEvents.Table.Where(e => e.Score.Has(\"x\"))", "CS1061")]
    [InlineData("Queries.SampleEvents.Table.Where(e => e.@event == 1)", "CS0019")]
    [InlineData("Queries.DeviceCount.Table", "CS0117")] // a result type is no table
    public void Wrong_queries_do_not_compile(string query, string expectedError)
    {
        IReadOnlyList<Diagnostic> errors = TestCompilation.Errors(UserCode(query));

        Assert.Equal([expectedError], errors.Select(e => e.Id).Distinct());
        Assert.All(errors, e => Assert.Equal("User.cs", e.Location.SourceTree?.FilePath));
    }

    [Theory]
    [InlineData(
        "Hunting.DeviceProcessEvents.Where(e => e.FileName.EqualsIgnoreCase(\"x\") && e.FileSize > 3).Take(5).ToKql()",
        "DeviceProcessEvents\n| where FileName =~ \"x\" and FileSize > 3\n| take 5")]
    [InlineData(
        "Queries.SampleEvents.Table.Where(e => e.@event.Has(\"logon\") && e.FileSize > 3 && e.TenantId == Guid.Empty).Project(Queries.DeviceCount.Shape).ToKql()",
        "SampleEvents\n| where event has \"logon\" and FileSize > 3 and TenantId == guid(00000000-0000-0000-0000-000000000000)\n| project DeviceName, Count")]
    public void Correct_queries_compile_and_render(string query, string expectedKql)
    {
        CSharpCompilation compilation = UserCode(query);
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(compilation);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(expectedKql, Run(output));
    }

    private static CSharpCompilation UserCode(string query) => TestCompilation.Create(Samples.Declarations).AddSyntaxTrees(TestCompilation.Parse(
        $$"""
        using System;
        using Defender365Typed;
        using Sample.Hunting;

        public static class UserCode
        {
            public static object Run() => {{query}};
        }
        """,
        "User.cs"));

    /// <summary>Emits the compilation and calls <c>UserCode.Run()</c>: the generated members must work, not only compile.</summary>
    private static string? Run(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        Assembly assembly = Assembly.Load(stream.ToArray());
        return (string?)assembly.GetType("UserCode")!.GetMethod("Run")!.Invoke(null, null);
    }
}
