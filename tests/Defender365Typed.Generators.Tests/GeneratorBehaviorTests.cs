using System.Linq;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Tests;

/// <summary>Declarations that are valid but were easy to get wrong in the emitted code: each must compile with no warning.</summary>
public sealed class GeneratorBehaviorTests
{
    [Theory]
    [InlineData("keyword-named types and namespace", """
        namespace Sample.@class
        {
            public partial class @struct
            {
                [HuntingResult]
                public partial class @event { public string @string { get; set; } = ""; }
            }
        }
        """, 1)]
    [InlineData("a shape derived from a shape", """
        [HuntingTable("Base")]
        public partial record BaseEvents(string DeviceId);

        [HuntingTable("Derived")]
        public partial record DerivedEvents(string DeviceId, long Size) : BaseEvents(DeviceId);

        [HuntingResult]
        public partial record DerivedRow(string DeviceId, long Size, bool Seen) : DerivedEvents(DeviceId, Size);
        """, 3)]
    [InlineData("an override of a base column", """
        public class Base { public virtual string Name { get; set; } = ""; }

        [HuntingResult]
        public partial class Row : Base { public override string Name { get; set; } = "x"; public long Count { get; set; } }
        """, 1)]
    [InlineData("structs", """
        [HuntingResult]
        public readonly partial struct Pair { public string Name { get; init; } public long Count { get; init; } }

        [HuntingTable("Structs")]
        public partial record struct Structs(string Name, DateTime? Seen);
        """, 2)]
    public void Valid_declaration_compiles_cleanly(string what, string source, int generated)
    {
        CSharpCompilationCheck(what, "using System;\nusing Defender365Typed;\n\n" + source, generated);
    }

    [Fact]
    public void Overriding_property_is_one_column()
    {
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create("""
            using Defender365Typed;

            public abstract class Base { public abstract string Name { get; } }

            [HuntingResult]
            public partial class Row : Base { public override string Name => "x"; }
            """));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string source = Assert.Single(run.GeneratedTrees, t => !t.FilePath.EndsWith(".Reader.g.cs", System.StringComparison.Ordinal)).ToString();
        Assert.Single(source.Split('\n'), line => line.Contains("new global::Defender365Typed.HuntingColumn(", System.StringComparison.Ordinal));
    }

    private static void CSharpCompilationCheck(string what, string source, int generated)
    {
        (Compilation output, GeneratorDriverRunResult run) = TestCompilation.Generate(TestCompilation.Create(source));

        Assert.True(run.Diagnostics.IsEmpty, $"{what}: {string.Join("; ", run.Diagnostics)}");
        // Shape sources; row readers (X.Reader.g.cs) come on top for types whose rows can be constructed.
        Assert.Equal(generated, run.GeneratedTrees.Count(t => !t.FilePath.EndsWith(".Reader.g.cs", System.StringComparison.Ordinal)));
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, $"{what}: {string.Join("; ", problems.Select(d => d.ToString()))}");
    }
}
