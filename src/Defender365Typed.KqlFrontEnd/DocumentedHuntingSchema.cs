using System;
using System.IO;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// The documented advanced hunting schema, embedded once from <c>src/Defender365Typed/Schema/hunting-schema.json</c> and
/// read by <see cref="HuntingSchemaJson"/>: the one copy the KQL engine, the client's slicing checks and the CLI's
/// <c>check</c>/<c>schema</c> commands share.
/// </summary>
public static class DocumentedHuntingSchema
{
    /// <summary>The origin named in messages about the embedded schema.</summary>
    public const string Origin = "The built-in schema";

    private const string ResourceName = "Defender365Typed.KqlFrontEnd.hunting-schema.json";
    private static readonly Lazy<HuntingSchemaDocument> Loaded = new(Load);

    /// <summary>The documented tables with their columns in documented order and their descriptions.</summary>
    public static HuntingSchemaDocument Document => Loaded.Value;

    private static HuntingSchemaDocument Load()
    {
        using Stream stream = typeof(DocumentedHuntingSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(DocumentedHuntingSchema).Assembly.GetName().Name}.");
        return HuntingSchemaJson.Read(stream, Origin);
    }
}
