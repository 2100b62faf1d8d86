using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

/// <summary>How a tenant's schema files change the binder's schema (SchemaFileOverlay, HuntingSchemaDocument.ToKqlSchema).</summary>
public sealed class SchemaFileOverlayTests
{
    private static readonly KqlSchema Declared = new(new[]
    {
        new KqlTable("DeviceInfo", new[] { new KqlColumn("Timestamp", KqlScalarType.DateTime), new KqlColumn("DeviceName", KqlScalarType.String) }),
        new KqlTable("DeviceEvents", new[] { new KqlColumn("Timestamp", KqlScalarType.DateTime) }),
    });

    private static readonly HuntingSchemaDocument File = HuntingSchemaJson.Parse("""
        { "tables": [ { "name": "DeviceInfo", "columns": [ { "name": "DeviceName", "type": "string" }, { "name": "Tag", "type": "string" } ] },
                      { "name": "Custom_CL", "columns": [ { "name": "N", "type": "int" } ] } ],
          "functions": [ { "name": "Top", "kind": "saved", "parameters": [ { "name": "n", "type": "int", "defaultValue": "3" } ],
                           "outputColumns": [ { "name": "Name", "type": "string" } ] } ] }
        """, "t.hunting-schema.json");

    [Fact]
    public void The_files_tables_replace_declared_ones_add_custom_ones_and_hide_the_rest()
    {
        KqlSchema schema = SchemaFileOverlay.Apply(Declared, new[] { File });

        Assert.True(schema.TryGetTable("DeviceInfo", out KqlTable info));
        Assert.Equal(new[] { "DeviceName", "Tag" }, info.Columns.Select(c => c.Name));
        Assert.True(schema.TryGetTable("Custom_CL", out _));
        Assert.True(schema.TryGetTable("DeviceEvents", out _));
        Assert.True(schema.RestrictsVisibility);
        Assert.True(schema.IsVisible("Custom_CL"));
        Assert.False(schema.IsVisible("DeviceEvents"));
        Assert.True(schema.TryGetFunction("Top", out KqlTableFunction top));
        Assert.Equal((0, 1), (top.MinArgs, top.MaxArgs));
        Assert.NotEqual(Declared.Key, schema.Key);
    }

    [Fact]
    public void No_file_leaves_the_declared_schema_as_it_is()
    {
        Assert.Same(Declared, SchemaFileOverlay.Apply(Declared, System.Array.Empty<HuntingSchemaDocument>()));
        Assert.False(Declared.RestrictsVisibility);
        Assert.True(Declared.IsVisible("Anything"));
    }

    [Fact]
    public void A_files_own_schema_binds_its_functions_and_restricts_nothing()
    {
        KqlSchema schema = File.ToKqlSchema();

        KqlAnalysisResult ok = KqlAnalysis.Analyze("Top(5) | where Name has 'x' | join (Custom_CL | extend Name = tostring(N)) on Name", schema);
        KqlAnalysisResult wrong = KqlAnalysis.Analyze("Top('three') | project Nme", schema);

        Assert.False(schema.RestrictsVisibility);
        Assert.Empty(ok.Diagnostics);
        Assert.Equal(new[] { KqlDiagnosticKind.ArgumentTypeMismatch, KqlDiagnosticKind.UnknownColumn }, wrong.Diagnostics.Select(d => d.Kind));
        Assert.Equal(new[] { "Name", "N", "Name1" }, ok.Output!.Columns.Select(c => c.Name));
    }
}
