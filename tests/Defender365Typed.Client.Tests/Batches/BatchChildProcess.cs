using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client.Tests.Slicing;

namespace Defender365Typed.Client.Tests.Batches;

/// <summary>
/// The child of <see cref="HuntingBatchKillTests"/>: the batch of <see cref="BatchQueries.Set"/> over
/// <see cref="SliceEvents"/>'s range, small slices under a small row cap, resumed from its state file; prints "slice" for
/// every slice it completes (so the parent kills it after a chosen number of them, always mid-run) and exits 0 when done.
/// </summary>
internal static class BatchChildProcess
{
    public const int RowCap = 20;

    public static async Task<int> RunAsync(Uri baseUri, string certificateFile, string outDir, string format)
    {
        (DefenderClient client, DefenderAuthenticator auth) = SyncChildProcess.Connect(baseUri, certificateFile);
        using DefenderAuthenticator ownedAuth = auth;
        using DefenderClient ownedClient = client;
        var options = new HuntingBatchOptions
        {
            Slicing = Slicing(),
            OutputDirectory = outDir,
            Format = Enum.Parse<HuntingRowFormat>(format),
            Progress = new Inline(p =>
            {
                if (p.Kind == HuntingBatchProgressKind.SliceCompleted)
                {
                    Console.Out.WriteLine("slice");
                    Console.Out.Flush();
                }
            }),
        };
        HuntingBatchResult result = await client.Hunting.RunBatchAsync(BatchQueries.Set, options);
        Console.Out.WriteLine(result.IsComplete ? "done" : "partial");
        return result.IsComplete ? 0 : 1;
    }

    /// <summary>Hour slices of 31 rows under a cap of 20: each is halved, so a query makes 216 calls for 144 slices.</summary>
    public static SlicedRunOptions Slicing() => new()
    {
        Start = SliceEvents.Start,
        End = SliceEvents.End,
        InitialSlice = TimeSpan.FromHours(1),
        RowCap = RowCap,
    };

    /// <summary>Reports synchronously on the batch's flow (Progress&lt;T&gt; would post to the thread pool).</summary>
    internal sealed class Inline(Action<HuntingBatchProgress> report) : IProgress<HuntingBatchProgress>
    {
        public void Report(HuntingBatchProgress value) => report(value);
    }
}
