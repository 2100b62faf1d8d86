namespace Defender365Typed.Generators;

/// <summary>Metadata names of the runtime types the generator and analyzers look for.</summary>
internal static class KnownNames
{
    public const string HuntingTableAttribute = "Defender365Typed.HuntingTableAttribute";
    public const string HuntingResultAttribute = "Defender365Typed.HuntingResultAttribute";
    public const string HuntingQueryAttribute = "Defender365Typed.HuntingQueryAttribute";
    public const string HuntingColumnAttribute = "Defender365Typed.HuntingColumnAttribute";
    public const string JsonElement = "System.Text.Json.JsonElement";
    public const string DateTimeOffset = "System.DateTimeOffset";
    public const string Guid = "System.Guid";
    public const string TimeSpan = "System.TimeSpan";
    public const string KqlDynamicValue = "Defender365Typed.Results.KqlDynamicValue";

    /// <summary>Members the generator adds to every shape type; a column may not use these names.</summary>
    public static readonly string[] ReservedMemberNames = ["Shape", "Table", "Columns"];
}
