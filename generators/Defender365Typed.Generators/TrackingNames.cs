namespace Defender365Typed.Generators;

/// <summary>
/// Names of the generator's pipeline steps, so tests can check that unrelated edits leave them cached. Each step
/// outputs one <see cref="Model.HuntingTypeSpec"/> (or null) per declaration, which both emitters read.
/// </summary>
public static class TrackingNames
{
    /// <summary>Models of the types found through [HuntingTable].</summary>
    public const string Tables = nameof(Tables);

    /// <summary>Models of the types found through [HuntingResult] (null for a type that is also a table).</summary>
    public const string Results = nameof(Results);
}
