using System;

namespace Defender365Typed.Tests.Literals;

/// <summary>Each literal costs one string and nothing else (the query path has a 2 KB budget).</summary>
public sealed class AllocationTests
{
    public static TheoryData<string> Cases() => new(
        "string-plain",
        "string-escaped",
        "identifier-bracketed",
        "datetime",
        "timespan-negative",
        "long-negative",
        "int",
        "real-negative",
        "decimal",
        "guid");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_the_result_string_is_allocated(string kind)
    {
        Func<string> render = kind switch
        {
            "string-plain" => () => KqlLiteral.String("powershell.exe -EncodedCommand"),
            "string-escaped" => () => KqlLiteral.String("a\"b\\c\nd\u0001e\U0001F600"),
            "identifier-bracketed" => () => KqlLiteral.Identifier("it's a name"),
            "datetime" => () => KqlLiteral.DateTime(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))),
            "timespan-negative" => () => KqlLiteral.TimeSpan(TimeSpan.FromMinutes(-90)),
            "long-negative" => () => KqlLiteral.Long(long.MinValue),
            "int" => () => KqlLiteral.Int(int.MinValue),
            "real-negative" => () => KqlLiteral.Real(-1.7976931348623157E+308),
            "decimal" => () => KqlLiteral.Decimal(decimal.MinValue),
            "guid" => () => KqlLiteral.Guid(Guid.Empty),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        render(); // warm up: static tables, JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        string result = render();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated <= StringSize(result), $"{kind}: {allocated} bytes for a {result.Length}-char result");
    }

    // A 64-bit string object: header, method table, length, the characters and a terminator, 8-byte aligned.
    private static long StringSize(string value) => (8 + 8 + 4 + (2L * (value.Length + 1)) + 7) & ~7L;
}
