using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Defender365Typed.Results;

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
    /// <remarks>
    /// Generated row types register their reader from their type initializer, which runs on first use of the type;
    /// a row type named only as a type argument (<c>RunAsync&lt;TRow&gt;(kql)</c>) is initialized here first.
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2059", Justification =
        "Only runs the row type's own static initializer, which registers its generated reader; if trimming removed it, " +
        "no reader is found and Get reports that clearly.")]
    public static bool TryGet<TRow>(out IHuntingResultReader<TRow>? reader)
    {
        if (!Readers.ContainsKey(typeof(TRow)))
        {
            RuntimeHelpers.RunClassConstructor(typeof(TRow).TypeHandle);
        }

        reader = Readers.TryGetValue(typeof(TRow), out object? found) ? (IHuntingResultReader<TRow>)found : null;
        return reader is not null;
    }

    /// <summary>Registers <paramref name="reader"/> unless one is registered already; for generated code.</summary>
    /// <returns>Always <see langword="true"/>, so generated code can call it from a static field initializer.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool RegisterDefault<TRow>(IHuntingResultReader<TRow> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Readers.TryAdd(typeof(TRow), reader);
        return true;
    }

    /// <summary>The reader registered for <typeparamref name="TRow"/>.</summary>
    /// <exception cref="InvalidOperationException">None is registered.</exception>
    public static IHuntingResultReader<TRow> Get<TRow>() =>
        TryGet(out IHuntingResultReader<TRow>? reader)
            ? reader!
            : throw new InvalidOperationException(
                $"No hunting result reader is registered for '{typeof(TRow).Name}'. Pass one explicitly, or register one with HuntingResultReaders.Register.");
}
