namespace Defender365Typed.Results;

/// <summary>
/// A hunting result reader that can be given <see cref="HuntingReaderOptions"/> (interning, an intern cache, missing
/// columns, limits). The client applies <c>DefenderClientOptions.ResultReaderOptions</c> through it to the readers it
/// finds in <see cref="HuntingResultReaders"/>; generated readers implement it.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public interface IConfigurableHuntingResultReader<TRow> : IHuntingResultReader<TRow>
{
    /// <summary>The same reader with <paramref name="options"/>.</summary>
    IHuntingResultReader<TRow> WithOptions(HuntingReaderOptions options);
}
