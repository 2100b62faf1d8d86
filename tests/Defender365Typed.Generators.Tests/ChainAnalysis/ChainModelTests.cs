using System.IO;
using System.Linq;
using System.Reflection;
using Defender365Typed.Generators.ChainAnalysis;
using Defender365Typed.Generators.QueryAnalysis;
using Defender365Typed.Generators.Tests.Helpers;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;

namespace Defender365Typed.Generators.Tests.ChainAnalysis;

/// <summary>
/// The analyzer's model of each operator against KQL itself: the chain is compiled and run, its rendered <c>ToKql()</c>
/// is bound by the front end (the binder the raw-KQL analyzer uses), and the columns the binder gives the output must be
/// the columns the chain analyzer tracked for the same C# expression, in order and type.
/// </summary>
public sealed class ChainModelTests
{
    [Theory]
    [InlineData("Hunting.DeviceFileEvents.Where(e => e.FileName == \"x\").Take(10)")]
    [InlineData("Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName, e.SHA1])")]
    [InlineData("Hunting.DeviceFileEvents.Project(e => [e.Timestamp, e.FileName.As(\"Name\"), e.FileSize])")]
    [InlineData("Hunting.DeviceFileEvents.ProjectRename(\"File\", e => e.FileName, out _)")]
    [InlineData("Hunting.DeviceFileEvents.Distinct(e => [e.DeviceName, e.FileName])")]
    [InlineData("Hunting.DeviceFileEvents.Extend(\"Timestamp\", e => e.FileName.ToLower(), out _)")]
    [InlineData("Hunting.DeviceFileEvents.Extend(\"Lower\", e => e.FileName.ToLower(), out _).Extend(\"Big\", e => e.FileSize > 100, out _)")]
    [InlineData("Hunting.CloudAppEvents.MvExpand(\"Item\", e => e.ActivityObjects, out KqlString _)")]
    [InlineData("Hunting.CloudAppEvents.MvExpand(\"ActivityObjects\", e => e.ActivityObjects, out KqlString _)")]
    [InlineData("Hunting.CloudAppEvents.MvExpand(e => e.ActivityObjects)")]
    [InlineData("Hunting.DeviceFileEvents.SummarizeArgMax(e => e.Timestamp)")]
    [InlineData("Hunting.DeviceFileEvents.SummarizeArgMin(e => e.Timestamp, by: e => [e.DeviceId, e.FileName])")]
    [InlineData("Hunting.DeviceFileEvents.Summarize(DeviceCount.Shape, (e, r) => [r.Count.Assign(Kql.Count())], by: (e, r) => [r.DeviceName.Assign(e.DeviceName)])")]
    [InlineData("Hunting.DeviceFileEvents.Count()")]
    [InlineData("Hunting.DeviceFileEvents.Project(DeviceCountSource.Shape)")]
    [InlineData("Hunting.DeviceFileEvents.Join(KqlJoinKind.Inner, Hunting.DeviceInfo, (l, r) => l.DeviceId == r.DeviceId)")]
    [InlineData("Hunting.DeviceFileEvents.ProjectAway(e => [e.DeviceName]).Join(KqlJoinKind.LeftOuter, Hunting.DeviceInfo.Project(d => [d.DeviceId, d.DeviceName, d.OSVersion]), (l, r) => l.DeviceId == r.DeviceId)")]
    [InlineData("Hunting.DeviceFileEvents.LeftSemiJoin(Hunting.DeviceInfo, (l, r) => l.DeviceId == r.DeviceId)")]
    [InlineData("Hunting.DeviceFileEvents.RightAntiJoin(Hunting.DeviceInfo.ProjectAway(d => [d.OSVersion]), (l, r) => l.DeviceId == r.DeviceId)")]
    [InlineData("Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]).Union(Hunting.DeviceFileEvents)")]
    public void The_tracked_columns_are_what_KQL_binds(string chain)
    {
        Compilation compilation = Compile(chain);
        RowShape bound = Bind(compilation);
        RowShape tracked = Track(compilation);

        Assert.False(tracked.IsOpen, "the chain names every column");
        if (bound.IsOpen)
        {
            // The binder stops listing names it does not model; what it lists must still agree.
            Assert.All(bound.Columns, c => Assert.Contains(c.Name, tracked.Columns.Select(t => t.Name)));
        }
        else
        {
            Assert.Equal(bound.Columns.Select(c => c.Name), tracked.Columns.Select(c => c.Name));
        }

        foreach (KqlColumn column in bound.Columns.Where(c => KqlScalarTypes.IsDefined(c.Type)))
        {
            Assert.Equal((column.Name, column.Type), (column.Name, tracked.Find(column.Name)!.Type));
        }
    }

    private static Compilation Compile(string chain)
    {
        string source = $$"""
            using System;
            using Defender365Typed;
            using Defender365Typed.Tables;

            namespace Sample;

            [HuntingResult] public sealed partial record DeviceCount(string DeviceName, long Count);
            [HuntingResult] public sealed partial record DeviceCountSource(string DeviceName, long FileSize, DateTime Timestamp);

            public static class UserCode
            {
                public static string Run()
                {
                    var query = {{chain}};
                    return query.ToKql();
                }
            }
            """;
        (Compilation output, _) = TestCompilation.Generate(TestCompilation.Create(source));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return output;
    }

    /// <summary>Runs the chain and binds its KQL against the compilation's tables.</summary>
    private static RowShape Bind(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult emitted = compilation.Emit(stream);
        Assert.True(emitted.Success);
        string kql = (string)Assembly.Load(stream.ToArray()).GetType("Sample.UserCode")!.GetMethod("Run")!.Invoke(null, null)!;

        KqlSchema schema = SchemaReader.Read(compilation, compilation.GetTypeByMetadataName(KnownNames.HuntingTableAttribute)!);
        KqlAnalysisResult result = KqlAnalysis.Analyze(kql, schema);
        Assert.True(result.Diagnostics.Count == 0, kql + "\n" + string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Output ?? throw new Xunit.Sdk.XunitException("the binder gave no output shape for\n" + kql);
    }

    /// <summary>What the chain analyzer tracks for the initializer of <c>query</c>.</summary>
    private static RowShape Track(Compilation compilation)
    {
        SyntaxTree tree = compilation.SyntaxTrees.First();
        VariableDeclaratorSyntax declarator = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().Single(v => v.Identifier.ValueText == "query");
        IOperation initializer = compilation.GetSemanticModel(tree).GetOperation(declarator.Initializer!.Value)!;

        QueryTypes types = QueryTypes.Create(compilation)!;
        var sets = new ColumnSets(compilation, compilation.GetTypeByMetadataName(KnownNames.HuntingTableAttribute)!);
        var items = new ColumnItems(sets, new OutColumns(types));
        ChainColumns? columns = new ChainEvaluator(types, sets, items).Evaluate(initializer);
        return Assert.IsType<ChainColumns>(columns).Shape;
    }
}
