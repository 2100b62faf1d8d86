namespace Defender365Typed.Generators.Model;

/// <summary>How the generated reader decodes a value: one per supported CLR property type (text of a dynamic column: <see cref="JsonText"/>).</summary>
internal enum ReaderValueKind
{
    String,
    JsonText,
    Int64,
    Int32,
    Double,
    Decimal,
    Boolean,
    DateTime,
    DateTimeOffset,
    Guid,
    TimeSpan,
    JsonElement,
    Dynamic,
}
