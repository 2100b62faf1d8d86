using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>IPv4 functions and geo_info_from_ip_address over a small offline table.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// The offline "geo database": a public IPv4 address maps to one of these places by its first two octets
    /// (<c>(a * 256 + b) mod 8</c>), so the same address always gets the same place. Private, loopback and link-local
    /// addresses have no location (an empty bag), like the service's answer for them.
    /// </summary>
    private static readonly (string Country, string State, string City, double Latitude, double Longitude)[] GeoTable =
    [
        ("United States", "Washington", "Redmond", 47.6740, -122.1215),
        ("Netherlands", "North Holland", "Amsterdam", 52.3740, 4.8897),
        ("Germany", "Hesse", "Frankfurt am Main", 50.1109, 8.6821),
        ("Russia", "Moscow", "Moscow", 55.7558, 37.6173),
        ("China", "Beijing", "Beijing", 39.9042, 116.4074),
        ("Brazil", "São Paulo", "São Paulo", -23.5505, -46.6333),
        ("United Kingdom", "England", "London", 51.5072, -0.1276),
        ("Nigeria", "Lagos", "Lagos", 6.5244, 3.3792),
    ];

    private Scalar? CompileNetworkFunction(FunctionCall c)
    {
        switch (c.Name)
        {
            case "ipv4_is_private":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Bool, v => ParseIPv4Prefix(Values.ToText(v[0])) is ({ } ip, _) ? IsPrivate(ip) : null);
            case "ipv4_is_in_range":
                c.Count(2, 2);
                return c.Of(KqlScalarType.Bool, v => ParseIPv4Prefix(Values.ToText(v[0])) is ({ } ip, _) && ParseIPv4Prefix(Values.ToText(v[1])) is ({ } range, var bits)
                    ? SamePrefix(ip, range, bits)
                    : null);
            case "ipv4_is_in_any_range":
                return c.Of(KqlScalarType.Bool, v =>
                {
                    if (ParseIPv4Prefix(Values.ToText(v[0])) is not ({ } ip, _))
                    {
                        return null;
                    }

                    foreach (object? r in Flatten(v[1..]))
                    {
                        if (ParseIPv4Prefix(Values.ToText(r)) is ({ } range, var bits) && SamePrefix(ip, range, bits))
                        {
                            return true;
                        }
                    }

                    return false;
                });
            case "ipv4_is_match":
            case "ipv4_compare":
            {
                c.Count(2, 3);
                bool match = c.Name == "ipv4_is_match";
                return c.Of(match ? KqlScalarType.Bool : KqlScalarType.Long, v =>
                {
                    if (ParseIPv4Prefix(Values.ToText(v[0])) is not ({ } a, var bitsA) || ParseIPv4Prefix(Values.ToText(v[1])) is not ({ } b, var bitsB))
                    {
                        return null;
                    }

                    int bits = Math.Min(Math.Min(bitsA, bitsB), v.Length > 2 ? (int)(Values.ToLong(v[2]) ?? 32) : 32);
                    uint mask = bits == 0 ? 0 : uint.MaxValue << (32 - bits);
                    int cmp = (a & mask).CompareTo(b & mask);
                    return match ? cmp == 0 : (object)(long)cmp;
                });
            }

            case "parse_ipv4":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Long, v => ParseIPv4Prefix(Values.ToText(v[0])) is ({ } ip, var bits) ? (long)(ip & (bits == 0 ? 0 : uint.MaxValue << (32 - bits))) : null);
            case "format_ipv4":
            case "format_ipv4_mask":
            {
                c.Count(1, 2);
                bool withMask = c.Name == "format_ipv4_mask";
                return c.Of(KqlScalarType.String, v => MaskedIPv4(v[0], v.Length > 1 ? v[1] : 32L) is ({ } ip, var bits)
                    ? FormatIPv4(ip) + (withMask ? "/" + bits.ToString(CultureInfo.InvariantCulture) : "")
                    : "");
            }

            case "has_ipv4":
            case "has_ipv4_prefix":
            {
                c.Count(2, 2);
                bool prefix = c.Name == "has_ipv4_prefix";
                return c.Of(KqlScalarType.Bool, v =>
                {
                    // The needle must be a valid address (or, for a prefix, 1 to 3 octets ending with '.'), and it must
                    // match an address of the text that is valid and delimited, as the reference's examples show.
                    string needle = Values.ToText(v[1]);
                    bool startsWith = prefix && needle.EndsWith('.');
                    if (startsWith ? !IsIPv4Prefix(needle) : needle.Contains('/', StringComparison.Ordinal) || ParseIPv4Prefix(needle).Address is null)
                    {
                        return false;
                    }

                    foreach (Match m in GetRegex(@"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)", c.Expr).Matches(Values.ToText(v[0])))
                    {
                        if (ParseIPv4Prefix(m.Value).Address is not null
                            && (startsWith ? m.Value.StartsWith(needle, StringComparison.Ordinal) : m.Value == needle))
                        {
                            return true;
                        }
                    }

                    return false;
                });
            }

            case "geo_info_from_ip_address":
                c.Count(1, 1);
                return c.Of(KqlScalarType.Dynamic, v => GeoInfo(Values.ToText(v[0])));
            default:
                return null;
        }
    }

    /// <summary>An IPv4 address with an optional <c>/bits</c> suffix; null when the text is not one.</summary>
    internal static (uint? Address, int Bits) ParseIPv4Prefix(string text)
    {
        text = text.Trim();
        int bits = 32;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > 32)
            {
                return (null, 0);
            }

            text = text[..slash];
        }

        string[] parts = text.Split('.');
        if (parts.Length != 4)
        {
            return (null, 0);
        }

        uint address = 0;
        foreach (string p in parts)
        {
            if (!byte.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out byte b))
            {
                return (null, 0);
            }

            address = (address << 8) | b;
        }

        return (address, bits);
    }

    /// <summary>
    /// format_ipv4's input: an address text (with an optional /bits) or its number, masked by the smaller of its own
    /// bits and <paramref name="prefix"/>; null when either is invalid (the prefix must be 0 to 32).
    /// </summary>
    private static (uint? Address, int Bits) MaskedIPv4(object? ip, object? prefix)
    {
        if (Values.ToLong(prefix) is not { } p || p is < 0 or > 32)
        {
            return (null, 0);
        }

        (uint? address, int bits) = ip is string text ? ParseIPv4Prefix(text)
            : Values.ToLong(ip) is { } n and >= 0 and <= uint.MaxValue ? ((uint)n, 32) : (null, 0);
        if (address is not { } a)
        {
            return (null, 0);
        }

        bits = Math.Min(bits, (int)p);
        return (a & (bits == 0 ? 0 : uint.MaxValue << (32 - bits)), bits);
    }

    /// <summary>has_ipv4_prefix's prefix form: one to three octets, each followed by a dot ("192.", "192.168.1.").</summary>
    private static bool IsIPv4Prefix(string text)
    {
        string[] parts = text[..^1].Split('.');
        return parts.Length is >= 1 and <= 3
            && Array.TrueForAll(parts, p => byte.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _));
    }

    private static bool SamePrefix(uint ip, uint range, int bits)
    {
        uint mask = bits == 0 ? 0 : uint.MaxValue << (32 - bits);
        return (ip & mask) == (range & mask);
    }

    /// <summary>RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (what the KQL reference lists).</summary>
    private static bool IsPrivate(uint ip) =>
        SamePrefix(ip, 0x0A000000, 8) || SamePrefix(ip, 0xAC100000, 12) || SamePrefix(ip, 0xC0A80000, 16);

    private static string FormatIPv4(uint ip) => string.Join('.', (ip >> 24) & 255, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);

    private static DynamicBag? GeoInfo(string text)
    {
        if (!IPAddress.TryParse(text.Trim(), out IPAddress? address))
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        byte[] bytes = address.GetAddressBytes();
        bool local = IPAddress.IsLoopback(address)
            || (address.AddressFamily == AddressFamily.InterNetwork && (IsPrivate(ParseIPv4Prefix(address.ToString()).Address!.Value) || (bytes[0] == 169 && bytes[1] == 254)))
            || (address.AddressFamily == AddressFamily.InterNetworkV6 && (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal));
        if (local)
        {
            return new DynamicBag([]);
        }

        var place = GeoTable[((bytes[0] * 256) + bytes[1]) % GeoTable.Length];
        return new DynamicBag(new List<KeyValuePair<string, object?>>
        {
            new("country", place.Country),
            new("state", place.State),
            new("city", place.City),
            new("latitude", place.Latitude),
            new("longitude", place.Longitude),
        });
    }
}
