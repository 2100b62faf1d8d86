using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Defender365Typed.Generators.QueryAnalysis;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>
/// The generator runs inside the compiler, where System.Text.Json is not guaranteed to load: it may use the KQL front
/// end, but neither System.Text.Json nor the front end's JSON reader (HuntingSchemaJson, the one System.Text.Json user).
/// </summary>
public sealed class GeneratorDependencyTests
{
    [Fact]
    public void The_generator_references_neither_System_Text_Json_nor_the_schema_json_reader()
    {
        string path = typeof(RawKqlAnalyzer).Assembly.Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();

        string[] assemblies = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
        string[] types = metadata.TypeReferences.Select(h => metadata.GetString(metadata.GetTypeReference(h).Name)).ToArray();

        Assert.Contains("Defender365Typed.KqlFrontEnd", assemblies);
        Assert.DoesNotContain("System.Text.Json", assemblies);
        Assert.DoesNotContain("HuntingSchemaJson", types);
        Assert.Contains("KqlSchema", types);
    }
}
