using System;
using System.Collections.Generic;

namespace Defender365Typed;

/// <summary>What a query knows about its columns: how to make its column set in any scope, and the names (for join renaming).</summary>
internal sealed class KqlColumnsInfo<TColumns>(Func<KqlColumnScope, TColumns> create, IReadOnlyList<string> names, TColumns defaults)
    where TColumns : class
{
    public Func<KqlColumnScope, TColumns> Create { get; } = create;

    public IReadOnlyList<string> Names { get; } = names;

    public TColumns Default { get; } = defaults;
}
