using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace Defender365Typed.Results;

/// <summary>
/// A bounded intern pool keyed by UTF-8 bytes: each distinct value of a column is decoded to a string once.
/// Not thread-safe (one per read). When full, new values are decoded without being added.
/// </summary>
internal sealed class Utf8StringPool
{
    private readonly int _maxCount;
    private readonly int _maxLength;
    private int[] _buckets;
    private Entry[] _entries;
    private int _count;

    public Utf8StringPool(int maxCount, int maxLength)
    {
        _maxCount = maxCount;
        _maxLength = maxLength;
        _buckets = new int[64];
        _entries = new Entry[32];
    }

    public int Count => _count;

    /// <summary>The string for <paramref name="utf8"/>; <see langword="null"/> when the bytes are not valid UTF-8.</summary>
    public string? GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _maxLength)
        {
            return Decode(utf8);
        }

        uint hash = Hash(utf8);
        int[] buckets = _buckets;
        Entry[] entries = _entries;
        for (int i = buckets[hash & (uint)(buckets.Length - 1)] - 1; (uint)i < (uint)entries.Length; i = entries[i].Next)
        {
            ref Entry entry = ref entries[i];
            if (entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Value;
            }
        }

        string? value = Decode(utf8);
        if (value is null || _count >= _maxCount)
        {
            return value;
        }

        if (_count == entries.Length)
        {
            Grow();
        }

        int index = _count++;
        ref int bucket = ref _buckets[hash & (uint)(_buckets.Length - 1)];
        _entries[index] = new Entry { Hash = hash, Next = bucket - 1, Utf8 = utf8.ToArray(), Value = value };
        bucket = index + 1;
        return value;
    }

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];
        Array.Copy(_entries, entries, _count);
        var buckets = new int[entries.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            ref int bucket = ref buckets[entries[i].Hash & (uint)(buckets.Length - 1)];
            entries[i].Next = bucket - 1;
            bucket = i + 1;
        }

        _entries = entries;
        _buckets = buckets;
    }

    private static string? Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (!Utf8.IsValid(utf8))
        {
            return null;
        }

        return System.Text.Encoding.UTF8.GetString(utf8);
    }

    /// <summary>A fast non-cryptographic hash of the bytes (8 at a time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        ulong h = (ulong)bytes.Length * K;
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            h = (BitRotate(h ^ MemoryMarshal.Read<ulong>(bytes[i..]), 29) * K) + 1;
        }

        if (i < bytes.Length)
        {
            ulong tail;
            if (bytes.Length >= 8)
            {
                tail = MemoryMarshal.Read<ulong>(bytes[^8..]);
            }
            else
            {
                tail = 0;
                for (int j = i; j < bytes.Length; j++)
                {
                    tail = (tail << 8) | bytes[j];
                }
            }

            h = BitRotate(h ^ tail, 29) * K;
        }

        return (uint)(h ^ (h >> 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitRotate(ulong value, int offset) => (value << offset) | (value >> (64 - offset));

    private struct Entry
    {
        public uint Hash;
        public int Next;
        public byte[] Utf8;
        public string Value;
    }
}
