namespace Defender365Typed.Generators;

/// <summary>
/// Names of the generator's pipeline steps, so tests can check that unrelated edits leave them cached. The attribute
/// steps output one <see cref="Model.HuntingTypeSpec"/> (or null) per declaration, which both emitters read; the schema
/// file steps one model per file, then one per generated type.
/// </summary>
public static class TrackingNames
{
    /// <summary>Models of the types found through [HuntingTable].</summary>
    public const string Tables = nameof(Tables);

    /// <summary>Models of the types found through [HuntingResult] (null for a type that is also a table).</summary>
    public const string Results = nameof(Results);

    /// <summary>Each *.hunting-schema.json file of AdditionalFiles, read into equatable data (or its problem).</summary>
    public const string SchemaFiles = nameof(SchemaFiles);

    /// <summary>The built-in tables of the referenced runtime (names and columns), to tell custom and extended tables apart.</summary>
    public const string BuiltInTables = nameof(BuiltInTables);

    /// <summary>One model per type the schema files generate (tenant tables, saved functions' rows).</summary>
    public const string TenantTypes = nameof(TenantTypes);

    /// <summary>The model of the TenantHunting class (its query roots).</summary>
    public const string TenantHunting = nameof(TenantHunting);

    /// <summary>Each [HuntingQuery("Name")] constant that can get a typed query: its place, name and text.</summary>
    public const string HuntingQueries = nameof(HuntingQueries);

    /// <summary>The schema those constants bind against (declared tables and schema files), equal by content.</summary>
    public const string HuntingQuerySchema = nameof(HuntingQuerySchema);

    /// <summary>One model per such constant: its row record, typed from the query's output columns (null when none can be).</summary>
    public const string HuntingQueryRows = nameof(HuntingQueryRows);
}
