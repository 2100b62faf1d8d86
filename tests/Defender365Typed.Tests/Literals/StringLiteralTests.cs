using System;
using System.Linq;

namespace Defender365Typed.Tests.Literals;

public sealed class StringLiteralTests
{
    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("plain", "\"plain\"")]
    [InlineData("\"", "\"\\\"\"")]
    [InlineData("\\", "\"\\\\\"")]
    [InlineData("ends\\", "\"ends\\\\\"")]
    [InlineData("\" | take 1 //", "\"\\\" | take 1 //\"")]
    [InlineData("\\\" or 1==1", "\"\\\\\\\" or 1==1\"")]
    [InlineData("a\n| project x", "\"a\\n| project x\"")]
    [InlineData("a\r\nb\tc", "\"a\\r\\nb\\tc\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("@\"", "\"@\\\"\"")]
    [InlineData("```%", "\"```%\"")]
    [InlineData("\0x", "\"\\u0000x\"")]
    [InlineData("\u001F\u007F\u0085\u009F", "\"\\u001f\\u007f\\u0085\\u009f\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("\u202E\uFEFF", "\"\\u202e\\ufeff\"")]
    [InlineData("\\u0041", "\"\\\\u0041\"")]
    [InlineData("caf\u00E9", "\"caf\u00E9\"")]
    [InlineData("\U0001F600", "\"\U0001F600\"")]
    public void Renders_the_expected_text(string value, string expected)
    {
        Assert.Equal(expected, KqlLiteral.String(value));
    }

    // Cases are passed by index: xUnit serializes theory data, which would replace a lone surrogate by U+FFFD.
    public static TheoryData<int> Adversarial() => new(Enumerable.Range(0, AdversarialValues.Strings.Count));

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Adversarial_strings_decode_back_to_the_same_text(int index)
    {
        string value = AdversarialValues.Strings[index];
        string literal = KqlLiteral.String(value);

        Assert.Equal(value, KqlLiteralDecoder.DecodeString(literal));
    }

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Adversarial_strings_become_one_printable_token(int index)
    {
        string literal = KqlLiteral.String(AdversarialValues.Strings[index]);

        Assert.StartsWith("\"", literal, StringComparison.Ordinal);
        Assert.EndsWith("\"", literal, StringComparison.Ordinal);
        Assert.Equal(literal.Length - 1, LiteralInvariants.FirstUnescapedQuote(literal, 1));
        LiteralInvariants.AssertPrintable(literal);
    }

    [Fact]
    public void Every_character_up_to_U00FF_round_trips_on_its_own()
    {
        for (int c = 0; c <= 0xFF; c++)
        {
            string value = ((char)c).ToString();
            Assert.Equal(value, KqlLiteralDecoder.DecodeString(KqlLiteral.String(value)));
        }
    }

    [Fact]
    public void Every_BMP_character_round_trips_and_stays_printable()
    {
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            string literal = KqlLiteral.String(((char)c).ToString());
            Assert.Equal(((char)c).ToString(), KqlLiteralDecoder.DecodeString(literal));
            LiteralInvariants.AssertPrintable(literal);
        }
    }

    [Fact]
    public void Null_is_refused_with_advice()
    {
        var error = Assert.Throws<ArgumentNullException>(() => KqlLiteral.String(null!));

        Assert.Equal("value", error.ParamName);
        Assert.Contains("KQL strings cannot be null", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty string", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<int> LoneSurrogates() => new(Enumerable.Range(0, AdversarialValues.LoneSurrogates.Count));

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void Lone_surrogates_are_refused_with_their_position(int @case)
    {
        (string value, int index) = AdversarialValues.LoneSurrogates[@case];
        var error = Assert.Throws<ArgumentException>(() => KqlLiteral.String(value));

        Assert.Equal("value", error.ParamName);
        Assert.Contains($"at index {index}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"U+{(int)value[index]:X4}", error.Message, StringComparison.Ordinal);
    }
}
