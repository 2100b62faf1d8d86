using System;
using System.IO;
using System.Linq;
using Defender365Typed.Generators.Internal;
using Defender365Typed.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Defender365Typed.Generators.Tests;

/// <summary>
/// The runtime's internal generator, run on the runtime's real <c>[KqlScalarStruct]</c> attribute and two sample
/// structs that between them turn every switch on and off (string: no null checks; dynamic: null checks, no <c>==</c>).
/// </summary>
public sealed class ScalarStructGeneratorTests
{
    private const string Structs = """
        namespace Defender365Typed;

        [KqlScalarStruct("string")]
        public readonly partial struct KqlString { }

        [KqlScalarStruct("dynamic", HasNullChecks = true, HasNoEqualityOperator = true)]
        public readonly partial struct KqlDynamic { }

        public readonly partial struct NotMarked { }
        """;

    [Fact]
    public void Emits_the_shared_members_of_each_marked_struct_as_approved()
    {
        string attribute = File.ReadAllText(Path.Combine(RepoPaths.RuntimeSources, "Query", "Scalars", "KqlScalarStructAttribute.cs"));
        Compilation compilation = TestCompilation.Create(attribute, Structs);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ScalarStructGenerator().AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions);

        GeneratorRunResult result = Assert.Single(driver.RunGenerators(compilation).GetRunResult().Results);

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["KqlDynamic.Shared.g.cs", "KqlString.Shared.g.cs"], result.GeneratedSources.Select(s => s.HintName).Order());
        string generatedCode = $"[global::System.CodeDom.Compiler.GeneratedCode(\"Defender365Typed.Generators.Internal\", \"{typeof(ScalarStructGenerator).Assembly.GetName().Version}\")]";
        string[] mismatches = result.GeneratedSources
            .Select(source => Snapshot.Compare(
                "Scalars." + source.HintName[..^".g.cs".Length],
                source.SourceText.ToString().Replace(generatedCode, "[global::System.CodeDom.Compiler.GeneratedCode(\"Defender365Typed.Generators.Internal\", \"{version}\")]", StringComparison.Ordinal)))
            .OfType<string>()
            .ToArray();
        Assert.True(mismatches.Length == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void The_model_is_compared_by_value_so_unchanged_structs_are_not_emitted_again()
    {
        var spec = new ScalarStructSpec("Defender365Typed", "KqlLong", "long", hasNullChecks: true, hasNoEqualityOperator: false);

        Assert.Equal(spec, new ScalarStructSpec("Defender365Typed", "KqlLong", "long", true, false));
        Assert.Equal(spec.GetHashCode(), new ScalarStructSpec("Defender365Typed", "KqlLong", "long", true, false).GetHashCode());
        Assert.NotEqual(spec, new ScalarStructSpec("Defender365Typed", "KqlLong", "long", false, false));
        Assert.NotEqual(spec, new ScalarStructSpec("Defender365Typed", "KqlLong", "int", true, false));
    }
}
