using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.Emulator;

/// <summary>A request the emulator served.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path.</param>
/// <param name="Query">Query string (unescaped).</param>
/// <param name="Status">Status code sent.</param>
public sealed record JournalEntry(string Method, string Path, string Query, int Status);

/// <summary>Every request the emulator served, for assertions.</summary>
public sealed class RequestJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();

    /// <summary>All entries in order.</summary>
    public IReadOnlyList<JournalEntry> Entries => [.. _entries];

    /// <summary>Entries with the method whose path contains <paramref name="pathContains"/>.</summary>
    public IReadOnlyList<JournalEntry> Matching(string method, string pathContains) =>
        _entries.Where(e => e.Method == method && e.Path.Contains(pathContains, StringComparison.OrdinalIgnoreCase)).ToList();

    internal void Add(JournalEntry entry) => _entries.Enqueue(entry);
}
