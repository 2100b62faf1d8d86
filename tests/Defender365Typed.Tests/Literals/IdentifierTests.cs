using System;
using System.Linq;

namespace Defender365Typed.Tests.Literals;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("Timestamp")]
    [InlineData("DeviceProcessEvents")]
    [InlineData("_")]
    [InlineData("_x1")]
    [InlineData("Plain_Name1")]
    [InlineData("Where")] // keywords are case-sensitive
    [InlineData("nan")]
    public void Plain_identifiers_stay_as_they_are(string name)
    {
        Assert.Equal(name, KqlLiteral.Identifier(name));
    }

    [Theory]
    [InlineData("where", "['where']")]
    [InlineData("and", "['and']")]
    [InlineData("or", "['or']")]
    [InlineData("not", "['not']")]
    [InlineData("project", "['project']")]
    [InlineData("by", "['by']")]
    [InlineData("on", "['on']")]
    [InlineData("in", "['in']")]
    [InlineData("has", "['has']")]
    [InlineData("contains", "['contains']")]
    [InlineData("between", "['between']")]
    [InlineData("let", "['let']")]
    [InlineData("asc", "['asc']")]
    [InlineData("first", "['first']")]
    [InlineData("true", "['true']")]
    [InlineData("True", "['True']")] // boolean literals are case-insensitive
    [InlineData("FALSE", "['FALSE']")]
    [InlineData("datetime", "['datetime']")]
    [InlineData("a b", "['a b']")]
    [InlineData("it's", "['it\\'s']")]
    [InlineData("say \"hi\"", "['say \"hi\"']")]
    [InlineData("x\\y", "['x\\\\y']")]
    [InlineData("a]b", "['a]b']")]
    [InlineData("1abc", "['1abc']")]
    [InlineData("project-away", "['project-away']")]
    [InlineData("line\nbreak", "['line\\nbreak']")]
    [InlineData("$left", "['$left']")]
    [InlineData("\u00E9t\u00E9", "['\u00E9t\u00E9']")]
    public void Other_names_are_bracketed_and_escaped(string name, string expected)
    {
        Assert.Equal(expected, KqlLiteral.Identifier(name));
    }

    // By index: xUnit's serialization of theory data is not trusted with unusual characters.
    public static TheoryData<int> Names() => new(Enumerable.Range(0, AdversarialValues.Names.Count));

    [Theory]
    [MemberData(nameof(Names))]
    public void Names_decode_back_to_the_same_text(int index)
    {
        string name = AdversarialValues.Names[index];
        string text = KqlLiteral.Identifier(name);

        Assert.Equal(name, KqlLiteralDecoder.DecodeIdentifier(text));
        if (text.StartsWith('['))
        {
            Assert.Equal(text.Length - 2, LiteralInvariants.FirstUnescapedQuote(text, 2));
            LiteralInvariants.AssertPrintable(text);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_and_null_names_are_refused(string? name)
    {
        var error = Assert.Throws<ArgumentException>(() => KqlLiteral.Identifier(name!));

        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void Lone_surrogates_are_refused_in_names_too()
    {
        var error = Assert.Throws<ArgumentException>(() => KqlLiteral.Identifier("ab\uD800"));

        Assert.Contains("at index 2", error.Message, StringComparison.Ordinal);
    }
}
