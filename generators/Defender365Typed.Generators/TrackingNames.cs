namespace Defender365Typed.Generators;

/// <summary>Names of the generator's pipeline steps, so tests can check that unrelated edits leave them cached.</summary>
public static class TrackingNames
{
    /// <summary>Tables found through [HuntingTable].</summary>
    public const string Tables = nameof(Tables);

    /// <summary>Result types found through [HuntingResult].</summary>
    public const string Results = nameof(Results);

    /// <summary>Valid models only (invalid declarations are left to the analyzer).</summary>
    public const string Shapes = nameof(Shapes);

    /// <summary>Reader models of tables (result readers, issue 3).</summary>
    public const string TableReaders = nameof(TableReaders);

    /// <summary>Reader models of result types (result readers, issue 3).</summary>
    public const string ResultReaders = nameof(ResultReaders);
}
