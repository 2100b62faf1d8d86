using System;
using System.Runtime.CompilerServices;

namespace Defender365Typed.Tests.Golden;

/// <summary>
/// Base of the golden query tests: each <c>[Fact]</c> builds one realistic hunting query and compares its KQL with
/// <c>Golden/queries/&lt;test method name&gt;.kql</c>. <see cref="GoldenCatalogTests"/> checks that every approved
/// file belongs to such a test; <see cref="GoldenKqlIsValidTests"/> proves every approved file valid KQL.
/// </summary>
public abstract class GoldenQueryTests
{
    /// <summary>Renders <paramref name="query"/> and compares it with the approved file named after the calling test.</summary>
    protected static void Approve(KqlTabular query, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(query);
        ApprovedFile.Verify(name, query.ToKql());
    }
}
