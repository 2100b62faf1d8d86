using System;
using System.Threading.Tasks;
using Defender365Typed.Benchmarks.Results;
using Defender365Typed.Results;
using Xunit.Abstractions;

namespace Defender365Typed.Results.Tests;

/// <summary>A 100,000-row response streamed while rows are dropped never holds the response: live memory stays flat.</summary>
/// <remarks>
/// Live memory is measured process-wide, so this test runs alone: tests running beside it would count their own
/// payloads as this reader's growth.
/// </remarks>
[Collection(nameof(MemoryMeasurementTests))]
public class StreamingMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Streaming_100000_rows_keeps_peak_live_memory_growth_small()
    {
        const int Rows = 100_000;
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long count = 0;
        long payloadBytes = 0;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await using (var stream = new CountingStream(ProcessEventsPayload.OpenStream(Rows)))
        {
            await foreach (ProcessEventRow row in HuntingResultReader.StreamAsync<ProcessEventRow>(stream))
            {
                if (++count % 5000 == 0)
                {
                    // Live (retained) memory: what the reader keeps, garbage excluded.
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }

                GC.KeepAlive(row);
            }

            payloadBytes = stream.BytesRead;
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"rows {count:N0}, payload {payloadBytes / 1048576.0:F1} MiB, peak live growth {peak / 1048576.0:F2} MiB, allocated {allocated / 1048576.0:F1} MiB");
        Assert.Equal(Rows, count);
        Assert.True(payloadBytes > 64L * 1024 * 1024, $"payload is only {payloadBytes} bytes");
        Assert.True(peak < 32L * 1024 * 1024, $"peak live growth {peak} bytes");
    }

    private sealed class CountingStream(System.IO.Stream inner) : System.IO.Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int n)
        {
            BytesRead += n;
            return n;
        }
    }
}

/// <summary>Tests that measure process-wide memory and must not share the process with parallel tests.</summary>
[CollectionDefinition(nameof(MemoryMeasurementTests), DisableParallelization = true)]
public sealed class MemoryMeasurementTests
{
}
