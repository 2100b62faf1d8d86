using System;
using System.Text;

namespace Defender365Typed.Tests.Literals;

/// <summary>Thousands of random strings over the whole UTF-16 range: the literal always decodes back.</summary>
/// <remarks>Seeded, so a failure names a reproducible seed and case.</remarks>
public sealed class StringRoundTripPropertyTests
{
    private const int CasesPerSeed = 2500;

    private const string Specials = "\"'\\\n\r\t|/`@h%$ {}[]()=-";

    [Theory]
    [InlineData(1)]
    [InlineData(20240102)]
    [InlineData(987654321)]
    public void Random_strings_round_trip_as_one_printable_token(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < CasesPerSeed; n++)
        {
            string value = RandomText(random, random.Next(0, 48));

            string literal = KqlLiteral.String(value);

            Assert.True(value == KqlLiteralDecoder.DecodeString(literal), $"seed {seed}, case {n}: {Escape(value)}");
            Assert.Equal(literal.Length - 1, LiteralInvariants.FirstUnescapedQuote(literal, 1));
            LiteralInvariants.AssertPrintable(literal);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(77)]
    public void Random_names_round_trip(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < CasesPerSeed; n++)
        {
            string name = RandomText(random, random.Next(1, 24));

            Assert.True(name == KqlLiteralDecoder.DecodeIdentifier(KqlLiteral.Identifier(name)), $"seed {seed}, case {n}: {Escape(name)}");
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(1111)]
    public void A_lone_surrogate_anywhere_is_refused_at_its_index(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < 500; n++)
        {
            // Valid text on both sides; the inserted half cannot pair with a neighbour of the opposite kind
            // because the neighbours are complete pairs or non-surrogates.
            string before = RandomText(random, random.Next(0, 16));
            string after = RandomText(random, random.Next(0, 16));
            char lone = (char)random.Next(0xD800, 0xE000);
            if (char.IsHighSurrogate(lone) && after.Length > 0 && char.IsLowSurrogate(after[0]))
            {
                continue;
            }

            var error = Assert.Throws<ArgumentException>(() => KqlLiteral.String(before + lone + after));
            Assert.Contains($"at index {before.Length}", error.Message, StringComparison.Ordinal);
        }
    }

    // Weighted so that the interesting characters are common, while any BMP character and any pair can appear.
    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++)
        {
            int pick = random.Next(100);
            if (pick < 25)
            {
                text.Append(Specials[random.Next(Specials.Length)]);
            }
            else if (pick < 40)
            {
                text.Append((char)random.Next(0x20, 0x7F));
            }
            else if (pick < 55)
            {
                text.Append((char)random.Next(0, 0xA0)); // C0, ASCII, DEL, C1
            }
            else if (pick < 80)
            {
                char c = (char)random.Next(0, 0x10000);
                text.Append(char.IsSurrogate(c) ? 'x' : c);
            }
            else
            {
                text.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
            }
        }

        return text.ToString();
    }

    private static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (char c in value)
        {
            text.Append(c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return text.ToString();
    }
}
