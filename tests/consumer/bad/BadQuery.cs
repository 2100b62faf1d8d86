using System.Collections.Generic;
using Defender365Typed.Client;

namespace Consumer;

/// <summary>Added to a copy of the template: a misspelt column in a raw query must fail the build with DTQ102.</summary>
internal static class BadQuery
{
    public static IAsyncEnumerable<HuntingRow> Run(DefenderClient client) =>
        client.Hunting.RunAsync("DeviceProcessEvents | where FileNam == 'x'");
}
