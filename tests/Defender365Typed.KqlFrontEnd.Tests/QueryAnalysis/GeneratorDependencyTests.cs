using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Defender365Typed.Generators.QueryAnalysis;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>
/// The generator runs inside the compiler, where System.Text.Json is not guaranteed to load: neither it nor the KQL
/// front end it loads (whose HuntingSchemaJson now reads the schema files passed as AdditionalFiles) may reference it.
/// </summary>
public sealed class GeneratorDependencyTests
{
    [Fact]
    public void Neither_the_generator_nor_the_front_end_references_System_Text_Json()
    {
        (string[] generatorAssemblies, string[] generatorTypes) = References(typeof(RawKqlAnalyzer).Assembly.Location);
        (string[] frontEndAssemblies, _) = References(typeof(HuntingSchemaJson).Assembly.Location);

        Assert.Contains("Defender365Typed.KqlFrontEnd", generatorAssemblies);
        Assert.Contains("KqlSchema", generatorTypes);
        Assert.DoesNotContain("System.Text.Json", generatorAssemblies);
        Assert.DoesNotContain("System.Text.Json", frontEndAssemblies);
        Assert.Contains("netstandard", frontEndAssemblies);
    }

    private static (string[] Assemblies, string[] Types) References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        return (
            metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray(),
            metadata.TypeReferences.Select(h => metadata.GetString(metadata.GetTypeReference(h).Name)).ToArray());
    }
}
