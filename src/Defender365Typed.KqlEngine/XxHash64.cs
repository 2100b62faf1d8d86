using System;
using System.Buffers.Binary;
using System.Numerics;

namespace Defender365Typed.KqlEngine;

/// <summary>xxHash64 with seed 0, the hash KQL's <c>hash()</c> is documented to use.</summary>
internal static class XxHash64
{
    private const ulong P1 = 11400714785074694791UL;
    private const ulong P2 = 14029467366897019727UL;
    private const ulong P3 = 1609587929392839161UL;
    private const ulong P4 = 9650029242287828579UL;
    private const ulong P5 = 2870177450012600261UL;

    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        unchecked
        {
            int i = 0;
            ulong h;
            if (data.Length >= 32)
            {
                ulong v1 = P1 + P2, v2 = P2, v3 = 0, v4 = 0UL - P1;
                for (; i + 32 <= data.Length; i += 32)
                {
                    v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                    v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 8)..]));
                    v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 16)..]));
                    v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 24)..]));
                }

                h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
                h = Merge(Merge(Merge(Merge(h, v1), v2), v3), v4);
            }
            else
            {
                h = P5;
            }

            h += (ulong)data.Length;
            for (; i + 8 <= data.Length; i += 8)
            {
                h ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                h = (BitOperations.RotateLeft(h, 27) * P1) + P4;
            }

            if (i + 4 <= data.Length)
            {
                h ^= BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) * P1;
                h = (BitOperations.RotateLeft(h, 23) * P2) + P3;
                i += 4;
            }

            for (; i < data.Length; i++)
            {
                h ^= data[i] * P5;
                h = BitOperations.RotateLeft(h, 11) * P1;
            }

            h ^= h >> 33;
            h *= P2;
            h ^= h >> 29;
            h *= P3;
            h ^= h >> 32;
            return h;
        }
    }

    private static ulong Round(ulong acc, ulong input)
    {
        unchecked
        {
            acc += input * P2;
            return BitOperations.RotateLeft(acc, 31) * P1;
        }
    }

    private static ulong Merge(ulong acc, ulong value)
    {
        unchecked
        {
            acc ^= Round(0, value);
            return (acc * P1) + P4;
        }
    }
}
