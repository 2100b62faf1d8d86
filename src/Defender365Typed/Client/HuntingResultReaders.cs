using System;
using System.Collections.Concurrent;

namespace Defender365Typed.Client;

/// <summary>
/// The readers the client uses for typed rows when no reader is passed explicitly. Generated
/// result readers register themselves here; code may register its own.
/// </summary>
public static class HuntingResultReaders
{
    private static readonly ConcurrentDictionary<Type, object> Readers = new();

    /// <summary>Registers (or replaces) the reader for <typeparamref name="TRow"/>.</summary>
    public static void Register<TRow>(IHuntingResultReader<TRow> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Readers[typeof(TRow)] = reader;
    }

    /// <summary>The reader registered for <typeparamref name="TRow"/>, if any.</summary>
    public static bool TryGet<TRow>(out IHuntingResultReader<TRow>? reader)
    {
        reader = Readers.TryGetValue(typeof(TRow), out object? found) ? (IHuntingResultReader<TRow>)found : null;
        return reader is not null;
    }

    /// <summary>The reader registered for <typeparamref name="TRow"/>.</summary>
    /// <exception cref="InvalidOperationException">None is registered.</exception>
    public static IHuntingResultReader<TRow> Get<TRow>() =>
        TryGet(out IHuntingResultReader<TRow>? reader)
            ? reader!
            : throw new InvalidOperationException(
                $"No hunting result reader is registered for '{typeof(TRow).Name}'. Pass one explicitly, or register one with HuntingResultReaders.Register.");
}
