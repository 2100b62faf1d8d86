using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// A response body serialized in full before anything is sent, in pooled 1 MiB segments (no copying as it grows), that
/// refuses to hold more than a cap: the writer that passes it gets <see cref="TooLarge"/> and no byte reaches the client,
/// so an oversized result is a clean 400 rather than a 200 cut short. Why buffer rather than count first and then
/// stream: <c>KqlResultJson</c> writes synchronously into a <c>Utf8JsonWriter</c>, which holds the whole body until it is
/// flushed anyway, so a counting pass would serialize twice and still buffer; here memory stays under the cap plus one
/// segment, and the body goes out with its exact Content-Length.
/// </summary>
internal sealed class CappedResponseBuffer : IBufferWriter<byte>, IDisposable
{
    private const int SegmentSize = 1 << 20;

    private readonly long _cap;
    private readonly List<(byte[] Array, int Length)> _segments = [];
    private byte[]? _current;
    private int _used;

    public CappedResponseBuffer(long cap) => _cap = cap;

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_current is null || _used + count > _current.Length)
        {
            throw new InvalidOperationException("Advance past the memory handed out.");
        }

        _used += count;
        Length += count;
        if (Length > _cap)
        {
            throw new TooLarge();
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_used);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_used);

    private byte[] Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_current is null || _current.Length - _used < needed)
        {
            Seal();
            _current = ArrayPool<byte>.Shared.Rent(Math.Max(SegmentSize, needed));
            _used = 0;
        }

        return _current;
    }

    private void Seal()
    {
        if (_current is not null)
        {
            _segments.Add((_current, _used));
            _current = null;
            _used = 0;
        }
    }

    /// <summary>Writes every byte to <paramref name="body"/> in order.</summary>
    public async Task CopyToAsync(Stream body, CancellationToken cancellationToken)
    {
        Seal();
        foreach ((byte[] array, int length) in _segments)
        {
            await body.WriteAsync(array.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        Seal();
        foreach ((byte[] array, _) in _segments)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _segments.Clear();
    }

    /// <summary>The body passed the cap; thrown out of the serializer to stop it.</summary>
    internal sealed class TooLarge : Exception
    {
        public TooLarge()
            : base("The response body passed its size cap.")
        {
        }
    }
}
